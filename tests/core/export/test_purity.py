import subprocess
import sys

MODULES = [
    "tourroute.core.serialize",
    "tourroute.core.costs",
    "tourroute.core.export.gpx",
    "tourroute.core.export.kml",
    "tourroute.core.export.geojson",
    "tourroute.core.export.ics",
    "tourroute.core.export.tabular",
    "tourroute.core.export.pdf",
]


def test_exports_import_no_web_framework_and_no_pyplot() -> None:
    # pyplot keeps global figure state; the exports use Figure objects so threads cannot clash.
    code = (
        "import importlib, sys\n"
        f"for m in {MODULES!r}: importlib.import_module(m)\n"
        "bad = [m for m in ('flask', 'sqlalchemy', 'matplotlib.pyplot') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="."
    )
    assert out.stdout.strip() == ""
