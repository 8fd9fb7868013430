"""Saving and loading trips: one row per stop, an unguessable id, a faithful round trip."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from tourroute.extensions import db
from tourroute.models import Itinerary, ItineraryStop
from tourroute.services import trips


def test_a_saved_trip_has_its_rows_and_loads_back(app: Flask, saved_trip: str) -> None:
    with app.app_context():
        row = db.session.get(Itinerary, saved_trip)
        assert row is not None
        assert (row.days, row.theme_slug, row.result_json["lang"]) == (
            1,
            "dat-to-tra-xanh-quan-ho",
            "vi",
        )
        stops = db.session.scalars(
            select(ItineraryStop).where(ItineraryStop.itinerary_id == saved_trip)
        ).all()
        assert [(s.day, s.position, s.place.slug) for s in stops] == [(0, 0, "den-hung")]
        loaded = trips.load_trip(saved_trip)
        assert loaded is not None
        stop = loaded.itinerary.days[0].stops[0]
        assert (stop.arrive_min, stop.depart_min) == (stops[0].arrive_min, stops[0].depart_min)
        assert loaded.itinerary.days[0].lodging.slug == "viet-tri-centre"
        # Facts the stored JSON leaves out come back from today's catalogue.
        assert stop.place.description_vi
        assert stop.place.hours.text


def test_unknown_ids_load_nothing(app: Flask) -> None:
    with app.app_context():
        assert trips.load_trip("f" * 32) is None
        assert trips.load_trip("") is None
