"""Saved trips: an itinerary is stored once, by an unguessable id, and read back for exports.

The stored JSON is the API's own shape (``serialize.itinerary_to_dict``, in Vietnamese), so a
saved trip reads the same everywhere; exports rebuild the itinerary from it against today's
catalogue, which supplies what the JSON leaves out (opening hours, tickets, descriptions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tourroute import models
from tourroute.core.domain import Itinerary, Place
from tourroute.core.serialize import itinerary_from_dict, itinerary_to_dict, request_to_dict
from tourroute.extensions import db
from tourroute.services import convert

#: The language a trip is stored in; any language is rendered from the rebuilt itinerary.
STORED_LANG = "vi"


@dataclass(frozen=True)
class SavedTrip:
    id: str
    itinerary: Itinerary


def save_trip(itinerary: Itinerary, *, owner_id: int | None = None) -> str:
    """Store ``itinerary`` with one row per stop; returns its id (a random 128-bit hex string)."""
    slugs = {stop.place.slug for day in itinerary.days for stop in day.stops}
    place_ids = dict(
        db.session.execute(
            select(models.Place.slug, models.Place.id).where(models.Place.slug.in_(sorted(slugs)))
        ).all()
    )
    request = itinerary.request
    row = models.Itinerary(
        theme_slug=request.theme,
        start_date=request.start_date,
        days=request.days,
        request_json=request_to_dict(request),
        result_json=itinerary_to_dict(itinerary, lang=STORED_LANG),
        owner_id=owner_id,
        stops=[
            models.ItineraryStop(
                day=day_index,
                position=position,
                place_id=place_ids[stop.place.slug],
                arrive_min=stop.arrive_min,
                depart_min=stop.depart_min,
                locked=stop.locked,
            )
            for day_index, day in enumerate(itinerary.days)
            for position, stop in enumerate(day.stops)
        ],
    )
    db.session.add(row)
    db.session.flush()
    return row.id


_all_places: dict[tuple[object, ...], Mapping[str, Place]] = {}


def all_places() -> Mapping[str, Place]:
    """Every place, published or not, so that a trip saved before a place was withdrawn loads.

    Loading and converting every row costs more than the rest of a trip page; one aggregate
    query says whether any place changed (every update of a row bumps its version) since the
    process last loaded them, as ``travel.published_places`` does for the published ones.
    """
    state = db.session.execute(
        select(
            func.count(models.Place.id),
            func.sum(models.Place.version),
            func.max(models.Place.updated_at),
        )
    ).one()
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"], *state)
    cached = _all_places.get(key)
    if cached is None:
        rows = db.session.scalars(select(models.Place).options(selectinload(models.Place.tags)))
        cached = MappingProxyType({row.slug: convert.place(row) for row in rows})
        _all_places.clear()
        _all_places[key] = cached
    return cached


def load_trip(trip_id: str) -> SavedTrip | None:
    """The saved trip, or None when no trip has that id."""
    row = db.session.get(models.Itinerary, trip_id)
    if row is None:
        return None
    return SavedTrip(id=row.id, itinerary=itinerary_from_dict(row.result_json, places=all_places()))
