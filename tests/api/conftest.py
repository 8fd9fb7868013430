"""Fixtures for the JSON API: a saved trip built from real places, without the planner."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from tourroute.core.domain import DayPlan, Itinerary, Stop, Totals, TripRequest
from tourroute.extensions import db


@pytest.fixture
def saved_trip(app: Flask) -> str:
    """Id of a stored one-day trip Hà Nội → Đền Hùng → Việt Trì, timed from the road network."""
    from tourroute.services import trips
    from tourroute.services.travel import published_places, travel_matrix

    with app.app_context():
        places = {p.slug: p for p in published_places()}
        matrix = travel_matrix(list(places.values()))
        to_temple = matrix.leg("ha-noi", "den-hung")
        to_hotel = matrix.leg("den-hung", "viet-tri-centre")
        arrive = 8 * 60 + round(to_temple.minutes)
        depart = arrive + places["den-hung"].visit_min
        request = TripRequest(start_date=dt.date(2026, 4, 25), days=1, end="viet-tri-centre")
        itinerary = Itinerary(
            request=request,
            days=(
                DayPlan(
                    date=request.start_date,
                    origin=places["ha-noi"],
                    stops=(Stop(places["den-hung"], arrive, arrive, depart, to_temple, 1.0),),
                    lodging=places["viet-tri-centre"],
                    final_leg=to_hotel,
                    arrive_lodging_min=depart + round(to_hotel.minutes),
                ),
            ),
            totals=Totals(
                score=1.0,
                drive_min=to_temple.minutes + to_hotel.minutes,
                drive_km=to_temple.km + to_hotel.km,
                visit_min=places["den-hung"].visit_min,
            ),
        )
        trip_id = trips.save_trip(itinerary)
        db.session.commit()
    return trip_id
