"""The three provinces' shared view: planned trips and agencies' packages, counted.

Only counts leave this module: trips are reduced to :class:`~tourroute.core.insights.TripRecord`
(week, theme, visited places with their stage and province, places left out) before anything
is counted, and no id, owner, date of travel or request detail is read for the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.completeness import FIELDS
from tourroute.core.insights import Table, TripRecord, Visit, all_tables
from tourroute.extensions import db
from tourroute.models import Itinerary, ItineraryStop, Package, Place
from tourroute.services import convert
from tourroute.services.data_report import data_report
from tourroute.services.planning import themes_by_slug


def _trip_records() -> Iterator[TripRecord]:
    themes = themes_by_slug()
    rows = db.session.scalars(
        select(Itinerary).options(
            selectinload(Itinerary.stops).selectinload(ItineraryStop.place).selectinload(Place.tags)
        )
    )
    for row in rows:
        theme = themes.get(row.theme_slug or "")
        visits = []
        for stop in row.stops:
            place = convert.place(stop.place)
            index = theme.stage_of(place) if theme else None
            stage = theme.stages[index].key if theme is not None and index is not None else None
            visits.append(Visit(place.slug, place.province, stage))
        left_out: list[dict[str, Any]] = row.result_json.get("left_out", [])  # type: ignore[assignment]
        left = tuple((str(item["place"]["slug"]), str(item["reason"])) for item in left_out)
        yield TripRecord(row.created_at.date(), row.theme_slug, tuple(visits), left)


def _package_days() -> list[dt.date]:
    return [at.date() for at in db.session.scalars(select(Package.created_at))]


def completeness() -> Table:
    """Published places per province and how many have each fact from a source: the same
    counts as ``tourroute data-report`` and ``/curate/data`` (:func:`data_report`)."""
    rows: tuple[tuple[str | int, ...], ...] = tuple(
        (code, counts["places"], *(counts[f] for f in FIELDS))  # type: ignore[literal-required]
        for code, counts in data_report(db.session())["provinces"].items()
    )
    return Table("completeness", ("province", "places", *FIELDS), rows)


def tables() -> list[Table]:
    """Every table of the view, in the page's order."""
    return [*all_tables(list(_trip_records()), _package_days()), completeness()]


def place_names(slugs: set[str], *, lang: str) -> dict[str, str]:
    rows = db.session.execute(
        select(Place.slug, Place.name_vi, Place.name_en).where(Place.slug.in_(sorted(slugs)))
    )
    return {
        slug: (name_en or name_vi) if lang == "en" else name_vi for slug, name_vi, name_en in rows
    }
