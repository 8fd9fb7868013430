"""How a trip's driving changes when Ring Road 5 is complete, for the very same stops.

Both sides are measured on the travel matrices (today's roads and the scenario's), not on the
stored legs, so a trip planned under either scenario compares the same way and the difference is
the roads alone, never a different choice of places.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from tourroute.core.domain import DayPlan, Itinerary, TravelTimes
from tourroute.core.serialize import KM_DECIMALS


@dataclass(frozen=True, slots=True)
class Driving:
    """Driving minutes and kilometres today and with the scenario's roads."""

    today_minutes: float
    scenario_minutes: float
    today_km: float
    scenario_km: float

    @property
    def saved_minutes(self) -> float:
        return self.today_minutes - self.scenario_minutes


@dataclass(frozen=True, slots=True)
class Comparison:
    days: tuple[Driving, ...]
    total: Driving


def day_route(day: DayPlan) -> list[str]:
    """The slugs a day drives through in order: origin, stops, show venues, lodging."""
    return [
        day.origin.slug,
        *(stop.place.slug for stop in day.stops),
        *(show.venue.slug for show in day.shows),
        day.lodging.slug,
    ]


def _driving(route: list[str], today: TravelTimes, scenario: TravelTimes) -> Driving:
    legs = list(pairwise(route))
    return Driving(
        today_minutes=sum(today.minutes(a, b) for a, b in legs),
        scenario_minutes=sum(scenario.minutes(a, b) for a, b in legs),
        today_km=sum(today.km(a, b) for a, b in legs),
        scenario_km=sum(scenario.km(a, b) for a, b in legs),
    )


def compare_driving(it: Itinerary, *, today: TravelTimes, scenario: TravelTimes) -> Comparison:
    """Per day and in total, the driving of ``it``'s stops in their order on both networks."""
    days = tuple(_driving(day_route(day), today, scenario) for day in it.days)
    total = Driving(
        today_minutes=sum(d.today_minutes for d in days),
        scenario_minutes=sum(d.scenario_minutes for d in days),
        today_km=sum(d.today_km for d in days),
        scenario_km=sum(d.scenario_km for d in days),
    )
    return Comparison(days=days, total=total)


def driving_to_dict(driving: Driving) -> dict[str, float]:
    """The API's ``comparison`` shape: whole minutes, kilometres as every export rounds them."""
    return {
        "today_minutes": round(driving.today_minutes),
        "scenario_minutes": round(driving.scenario_minutes),
        "today_km": round(driving.today_km, KM_DECIMALS),
        "scenario_km": round(driving.scenario_km, KM_DECIMALS),
    }
