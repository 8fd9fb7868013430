"""Turn solved routes into the Itinerary the rest of the app reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tourroute.core.domain import (
    DayPlan,
    Itinerary,
    LeftOut,
    Leg,
    Place,
    Stop,
    Totals,
    TravelTimes,
)
from tourroute.core.planner.schedule import route_times
from tourroute.core.planner.trip_candidates import FestivalDays
from tourroute.core.planner.trip_model import TripModel
from tourroute.core.planner.trip_search import TripPlan


def make_leg(travel: TravelTimes, origin: str, destination: str) -> Leg:
    if origin == destination:
        return Leg(minutes=0.0, km=0.0)
    return Leg(
        minutes=travel.minutes(origin, destination),
        km=travel.km(origin, destination),
        path=tuple(travel.path(origin, destination)),
        roads=tuple(travel.roads(origin, destination)),
    )


def _day(
    model: TripModel,
    plan: TripPlan,
    day: int,
    *,
    places: Mapping[str, Place],
    festivals: FestivalDays,
    travel: TravelTimes,
) -> DayPlan:
    request = model.request
    route = plan.routes[day]
    times = route_times(plan.problem, day, route)
    origin = request.start if day == 0 else plan.lodging[day - 1]
    locked = {s.slug for s in request.locked if s.day == day}
    here = origin
    stops: list[Stop] = []
    lunch_start: int | None = None
    for position, v in enumerate(route, start=1):
        if v == model.lunch[day]:
            lunch_start = round(times.start[position])
            continue
        slug = model.slugs[v]
        stops.append(
            Stop(
                place=places[slug],
                arrive_min=round(times.arrive[position]),
                start_min=round(times.start[position]),
                depart_min=round(times.depart[position]),
                leg=make_leg(travel, here, slug),
                score=float(plan.problem.score[day, v]),
                festival=festivals.get(slug, {}).get(day),
                locked=slug in locked,
            )
        )
        here = slug
    lodging = plan.lodging[day]
    return DayPlan(
        date=request.date_of(day),
        origin=places[origin],
        stops=tuple(stops),
        lodging=places[lodging],
        final_leg=make_leg(travel, here, lodging),
        arrive_lodging_min=round(times.arrive[-1]),
        lunch_start_min=lunch_start,
    )


def assemble(
    model: TripModel,
    plan: TripPlan,
    *,
    places: Mapping[str, Place],
    festivals: FestivalDays,
    travel: TravelTimes,
    left_out: Sequence[LeftOut],
) -> Itinerary:
    days = tuple(
        _day(model, plan, d, places=places, festivals=festivals, travel=travel)
        for d in range(model.request.days)
    )
    legs = [s.leg for d in days for s in d.stops] + [d.final_leg for d in days]
    totals = Totals(
        score=sum(s.score for d in days for s in d.stops),
        drive_min=sum(leg.minutes for leg in legs),
        drive_km=sum(leg.km for leg in legs),
        visit_min=sum(s.depart_min - s.start_min for d in days for s in d.stops),
    )
    return Itinerary(request=model.request, days=days, totals=totals, left_out=tuple(left_out))
