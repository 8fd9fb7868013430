"""Time each export of the two-day sample itinerary and print a table of sizes and times.

Run from the repository root: ``PYTHONPATH=. python bench/bench_exports.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.core.export.sample_itinerary import ITINERARY
from tourroute.core.costs import estimate_costs
from tourroute.core.export.geojson import itinerary_to_geojson
from tourroute.core.export.gpx import itinerary_to_gpx
from tourroute.core.export.ics import itinerary_to_ics
from tourroute.core.export.kml import itinerary_to_kml
from tourroute.core.export.pdf import itinerary_to_pdf
from tourroute.core.export.tabular import itinerary_to_csv, itinerary_to_xlsx

REPEATS = 3


def main() -> None:
    costs = estimate_costs(ITINERARY, adults=2)
    formats: dict[str, Callable[[], bytes]] = {
        "gpx": lambda: itinerary_to_gpx(ITINERARY, lang="vi"),
        "kml": lambda: itinerary_to_kml(ITINERARY, lang="vi"),
        "geojson": lambda: itinerary_to_geojson(ITINERARY, lang="vi"),
        "ics": lambda: itinerary_to_ics(ITINERARY, lang="vi"),
        "csv": lambda: itinerary_to_csv(ITINERARY, lang="vi", costs=costs),
        "xlsx": lambda: itinerary_to_xlsx(ITINERARY, lang="vi", costs=costs),
        "pdf": lambda: itinerary_to_pdf(ITINERARY, lang="vi", costs=costs),
    }
    print(f"{'format':<8} {'bytes':>8} {'best ms':>8}")
    for name, export in formats.items():
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            data = export()
            best = min(best, time.perf_counter() - started)
        print(f"{name:<8} {len(data):>8} {best * 1000:>8.1f}")


if __name__ == "__main__":
    main()
