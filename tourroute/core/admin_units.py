"""Communes and wards before and after the 1 July 2025 reform, from ``vietnamadminunits``.

Since July 2025 districts are gone and communes were merged, so a place's address has two forms:
the pre-2025 one its sources give and the 2025 one a traveller now reads on signs. Both come from
the PyPI package ``vietnamadminunits`` (read in place, never copied): its legacy table gives the
old ward behind a ward code, and its converter maps an old ward to its 2025 successor. Where an
old ward was split, the converter picks the successor it marks as the default one.
"""

from __future__ import annotations

import importlib.resources
import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Any

from tourroute.core.errors import DataError

PACKAGE = "vietnamadminunits"
PACKAGE_VERSION = "1.0.4"

#: The package's 2025 province codes for our provinces and Hà Nội.
PROVINCE_CODES: dict[str, str] = {
    "phu-tho": "25",
    "thai-nguyen": "19",
    "bac-ninh": "24",
    "ha-noi": "01",
}


@dataclass(frozen=True, slots=True)
class Unit2025:
    """A 2025 commune or ward (``name`` with its type, e.g. ``Xã Hy Cương``)."""

    code: str
    name: str
    province: str
    lat: float
    lon: float
    area_km2: float


@dataclass(frozen=True, slots=True)
class LegacyUnit:
    """A pre-2025 commune or ward with its district and old province."""

    code: str
    ward: str
    district: str
    province: str
    lat: float
    lon: float

    @property
    def address(self) -> str:
        return f"{self.ward}, {self.district}, {self.province}"


def dataset_rows(query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on the package's ``dataset.db``."""
    resource = importlib.resources.files(PACKAGE) / "data" / "dataset.db"
    with importlib.resources.as_file(resource) as db_path:
        connection = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            return connection.execute(query, params).fetchall()
        finally:
            connection.close()


@cache
def units_2025(province: str) -> dict[str, Unit2025]:
    """The 2025 communes and wards of one of our provinces, by name."""
    if province not in PROVINCE_CODES:
        raise DataError(f"no 2025 unit list for province {province!r}", field="province")
    rows = dataset_rows(
        "SELECT wardCode, ward, wardLat, wardLon, wardAreaKm2 FROM admin_units "
        "WHERE provinceCode = ?",
        (PROVINCE_CODES[province],),
    )
    return {
        name: Unit2025(code=code, name=name, province=province, lat=lat, lon=lon, area_km2=area)
        for code, name, lat, lon, area in rows
    }


def legacy_unit(ward_code: str) -> LegacyUnit:
    """The pre-2025 ward behind ``ward_code``.

    Raises
    ------
    DataError
        When the package has no such legacy ward.
    """
    rows = dataset_rows(
        "SELECT wardCode, ward, district, province, wardLat, wardLon FROM admin_units_legacy "
        "WHERE wardCode = ?",
        (ward_code,),
    )
    if not rows:
        raise DataError(f"no pre-2025 ward with code {ward_code!r}", field="commune")
    return LegacyUnit(*rows[0])


def unit_2025_from_legacy(ward_code: str, province: str) -> Unit2025:
    """The 2025 successor of a pre-2025 ward, by the package's converter.

    Raises
    ------
    DataError
        When the converter finds no 2025 ward, or one outside ``province``.
    """
    from vietnamadminunits import convert_address  # heavy: loads its tables on import

    old = legacy_unit(ward_code)
    new = convert_address(old.address)
    unit = units_2025(province).get(new.ward or "")
    if unit is None:
        raise DataError(
            f"{old.address} converts to {new.ward!r}, not a 2025 unit of {province}",
            field="commune_2025",
        )
    return unit


def _bounds(text: str) -> tuple[float, float, float, float] | None:
    """``(south, west, north, east)`` from the package's ``"lat,lon – lat,lon"`` bounds."""
    try:
        low, high = (corner.split(",") for corner in text.split("–"))
        return float(low[0]), float(low[1]), float(high[0]), float(high[1])
    except (ValueError, IndexError):
        return None


def legacy_unit_at(lat: float, lon: float) -> LegacyUnit | None:
    """The pre-2025 ward whose bounding box holds the point (nearest centroid among several).

    Bounding boxes overlap, so this is a look-up for a town point, not a survey; callers say so.
    """
    rows = dataset_rows(
        "SELECT wardCode, ward, district, province, wardLat, wardLon, wardBounds "
        "FROM admin_units_legacy WHERE wardLat BETWEEN ? AND ? AND wardLon BETWEEN ? AND ?",
        (lat - 0.2, lat + 0.2, lon - 0.2, lon + 0.2),
    )
    holding = []
    for *unit, bounds in rows:
        box = _bounds(bounds or "")
        if box and box[0] <= lat <= box[2] and box[1] <= lon <= box[3]:
            holding.append(LegacyUnit(*unit))
    return min(holding, key=lambda u: (u.lat - lat) ** 2 + (u.lon - lon) ** 2, default=None)
