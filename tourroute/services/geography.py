"""Province boundaries as stored in the database, and the way they get there."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import shapely
from sqlalchemy import select

from tourroute.core.boundaries import (
    APPROXIMATE_SOURCE,
    Boundaries,
    boundaries_to_geojson,
    derive_approximate_boundaries,
)
from tourroute.core.domain import PROVINCES
from tourroute.extensions import db
from tourroute.models import Province


def store_boundaries(boundaries: Boundaries, *, approximate: bool, source: str) -> list[str]:
    """Replace the stored polygon of every province in ``boundaries``; returns the codes."""
    updated = []
    for province in db.session.scalars(select(Province)):
        geometry = boundaries.get(province.code)
        if geometry is None:
            continue
        province.boundary_geojson = shapely.to_geojson(geometry)
        province.boundary_approximate = approximate
        province.boundary_source = source
        updated.append(province.code)
    db.session.flush()
    return updated


@cache
def _approximate_boundaries() -> Boundaries:
    """Derived once per process: the inputs are a pinned package's data, so it never changes."""
    return derive_approximate_boundaries()


def ensure_boundaries() -> bool:
    """Give provinces without a polygon the approximate one; True when anything was added.

    Deriving takes about a second, so it happens once at seed time, never per request.
    """
    missing = db.session.scalars(
        select(Province.code).where(Province.boundary_geojson.is_(None))
    ).all()
    if not missing:
        return False
    derived = _approximate_boundaries()
    store_boundaries(
        {code: derived[code] for code in missing if code in derived},
        approximate=True,
        source=APPROXIMATE_SOURCE,
    )
    return True


def province_boundaries() -> Boundaries:
    return {
        province.code: shapely.from_geojson(province.boundary_geojson)
        for province in db.session.scalars(select(Province))
        if province.boundary_geojson
    }


def boundaries_feature_collection() -> dict[str, Any]:
    """The stored polygons with names and their approximate flag, for maps and the API."""
    features = [
        {
            "type": "Feature",
            "id": province.code,
            "geometry": json.loads(province.boundary_geojson),
            "properties": {
                "code": province.code,
                "name_vi": province.name_vi,
                "name_en": province.name_en,
                "approximate": province.boundary_approximate,
                "source": province.boundary_source,
            },
        }
        for province in db.session.scalars(select(Province).order_by(Province.code))
        if province.boundary_geojson
    ]
    return {"type": "FeatureCollection", "features": features}


def map_boundaries() -> dict[str, Any]:
    """The stored outlines of the three provinces, or the derived approximate ones.

    A database seeded before boundaries were stored has none; deriving them is cached per
    process, so such a database still gets a map without a second's delay on every page.
    """
    stored = boundaries_feature_collection()
    if set(PROVINCES) <= {feature["id"] for feature in stored["features"]}:
        return stored
    return boundaries_to_geojson(
        _approximate_boundaries(), approximate=True, source=APPROXIMATE_SOURCE
    )
