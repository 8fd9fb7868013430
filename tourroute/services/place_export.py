"""Published places as CSV or GeoJSON, for operators and other tools."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.datafiles import PLACE_COLUMNS
from tourroute.extensions import db
from tourroute.models import Place


def _published() -> list[Place]:
    return list(
        db.session.scalars(
            select(Place)
            .where(Place.status == "published")
            .options(selectinload(Place.tags))
            .order_by(Place.province_code, Place.slug)
        )
    )


def _properties(place: Place) -> dict[str, Any]:
    """The data-file columns (the same names and meanings), with ``province`` as its code."""
    props: dict[str, Any] = {}
    for column in PLACE_COLUMNS:
        if column == "tags":
            props["tags"] = list(place.tag_names)
        elif column == "province":
            props["province"] = place.province_code
        else:
            props[column] = getattr(place, column)
    return props


def places_csv() -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLACE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for place in _published():
        row = _properties(place)
        row["tags"] = ";".join(row["tags"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def places_geojson() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": place.slug,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": _properties(place),
            }
            for place in _published()
        ],
    }
