"""The drive between two points of a plan, as the itinerary shows it."""

from __future__ import annotations

from tourroute.core.domain import Leg, TravelTimes


def make_leg(travel: TravelTimes, origin: str, destination: str) -> Leg:
    if origin == destination:
        return Leg(minutes=0.0, km=0.0)
    return Leg(
        minutes=travel.minutes(origin, destination),
        km=travel.km(origin, destination),
        path=tuple(travel.path(origin, destination)),
        roads=tuple(travel.roads(origin, destination)),
    )
