"""Fill the ``commune_2025`` columns of data/places/*.csv (re-runnable; keeps curated values).

For a row whose point is a ward centroid the ward code is in ``coord_source``; otherwise the old
ward is found by the package's parser from the row's ``commune`` text, checked to lie within
``NAME_MATCH_KM`` of the point, and failing that it is the old ward whose bounds hold the point.
The old ward is then converted with ``vietnamadminunits``' converter. Each row says which way it
went in ``commune_2025_source``; a row that already has a value is left as a curator wrote it.

    .venv/bin/python scripts/fill_commune_2025.py
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from tourroute.core import admin_units as au
from tourroute.core.geo import haversine_km

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
NAME_MATCH_KM = 10.0
_LEGACY = re.compile(r"admin_units_legacy wardCode=(\d+)")
_NEW = re.compile(r"admin_units \(2025\) wardCode=(\d+)")
_URL = re.compile(r"\(?https?://\S+\)?")
#: Abbreviations the package's parser does not read, with what it does.
_SPELLED_OUT = ((re.compile(r"\bTP\.? "), "Thành phố "), (re.compile(r"\bTX\.? "), "Thị xã "))
VERSION = f"{au.PACKAGE} {au.PACKAGE_VERSION}"


def _by_code(province: str, code: str) -> au.Unit2025:
    return next(u for u in au.units_2025(province).values() if u.code == code)


def _from_text(text: str, lat: float, lon: float) -> au.LegacyUnit | None:
    from vietnamadminunits import ParseMode, parse_address

    try:
        text = _URL.sub("", text).replace("(cũ)", "")
        for short, full in _SPELLED_OUT:
            text = short.sub(full, text)
        parsed = parse_address(text, mode=ParseMode.LEGACY, level=3)
    except Exception:  # the parser raises bare exceptions on text it cannot read
        return None
    if not parsed.ward_code:
        return None
    unit = au.legacy_unit(parsed.ward_code)
    return unit if haversine_km(lat, lon, unit.lat, unit.lon) <= NAME_MATCH_KM else None


def commune_2025(row: dict[str, str]) -> tuple[str, str]:
    """``(commune_2025, commune_2025_source)`` for one row."""
    province, lat, lon = row["province"], float(row["lat"]), float(row["lon"])
    if match := _NEW.search(row["coord_source"]):
        unit = _by_code(province, match.group(1))
        return unit.name, f"{VERSION} admin_units wardCode={unit.code} (the row's own point)"
    if match := _LEGACY.search(row["coord_source"]):
        old = au.legacy_unit(match.group(1))
        how = "the row's ward code"
    elif found := _from_text(row["commune"], lat, lon):
        old, how = found, "the old ward named in the row's commune"
    elif found := au.legacy_unit_at(lat, lon):
        old, how = found, "the old ward whose bounds hold the point"
    else:
        raise SystemExit(f"{row['slug']}: no old ward found; look it up by hand")
    unit = au.unit_2025_from_legacy(old.code, province)
    return unit.name, f"{VERSION} convert_address from {how}: {old.address} ({old.code})"


def main() -> int:
    for path in sorted(DATA.glob("*.csv")):
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        header = list(rows[0]) if rows else []
        for row in rows:
            if not row.get("commune_2025"):
                row["commune_2025"], row["commune_2025_source"] = commune_2025(row)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
