"""Turn solved routes into the Itinerary the rest of the app reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from tourroute.core.domain import (
    DayPlan,
    Itinerary,
    LeftOut,
    Place,
    ShowOffer,
    Stop,
    Totals,
    TravelTimes,
)
from tourroute.core.planner.groups import group_visit
from tourroute.core.planner.legs import make_leg
from tourroute.core.planner.schedule import route_times
from tourroute.core.planner.shows import add_evening_shows
from tourroute.core.planner.trip_candidates import FestivalDays
from tourroute.core.planner.trip_model import TripModel
from tourroute.core.planner.trip_rules import experience_extra_min, visit_length_min
from tourroute.core.planner.trip_search import TripPlan
from tourroute.core.planner.worth import visit_worths


def merge_group_parts(stops: list[Stop], lunch_start: int | None, *, pace: str) -> list[Stop]:
    """Consecutive parts of one site group's visit, with no lunch or wait between, as one stop.

    A long group is split so that lunch can fall between its parts (see ``trip_candidates``);
    when it does not, the parts are one visit and the page must not show them as two stops.
    """
    merged: list[Stop] = []
    for stop in stops:
        last = merged[-1] if merged else None
        joined = (
            last is not None
            and last.group is not None
            and stop.group is not None
            and last.group.slug == stop.group.slug
            and stop.arrive_min == stop.start_min == last.depart_min
            and not (lunch_start is not None and last.depart_min <= lunch_start < stop.arrive_min)
        )
        if last is not None and joined:
            members = (*last.members, *stop.members)
            experience = last.experience or stop.experience
            length = visit_length_min(group_visit(members), pace)
            length += experience_extra_min(members, experience, pace)
            if last.start_min + length == stop.depart_min:
                merged[-1] = dataclasses.replace(
                    last,
                    depart_min=stop.depart_min,
                    score=last.score + stop.score,
                    members=members,
                    locked=last.locked or stop.locked,
                    festival=last.festival or stop.festival,
                    experience=experience,
                )
                continue
        merged.append(stop)
    return merged


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
    worths = visit_worths(plan.problem, plan.routes)[day]
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
        cand = model.candidate_of(v)
        shown = cand.members or (places[slug],)
        stops.append(
            Stop(
                place=places[slug],
                arrive_min=round(times.arrive[position]),
                start_min=round(times.start[position]),
                depart_min=round(times.depart[position]),
                leg=make_leg(travel, here, slug),
                score=worths[position - 1],
                festival=next(
                    (f for m in shown if (f := festivals.get(m.slug, {}).get(day))), None
                ),
                locked=any(m.slug in locked for m in shown),
                group=cand.group,
                members=cand.members,
                experience=cand.experience,
            )
        )
        here = slug
    lodging = plan.lodging[day]
    stops = merge_group_parts(stops, lunch_start, pace=request.pace)
    return DayPlan(
        date=request.date_of(day),
        origin=places[origin],
        stops=tuple(stops),
        lodging=places[lodging],
        final_leg=make_leg(travel, here, lodging),
        arrive_lodging_min=round(times.arrive[-1]),
        lunch_start_min=lunch_start,
        lodging_reason=plan.reasons[day] if plan.reasons else None,
    )


def assemble(
    model: TripModel,
    plan: TripPlan,
    *,
    places: Mapping[str, Place],
    festivals: FestivalDays,
    travel: TravelTimes,
    left_out: Sequence[LeftOut],
    offers: Sequence[ShowOffer] = (),
) -> Itinerary:
    """The itinerary of ``plan``, with an evening show added where one fits (``shows``)."""
    days = add_evening_shows(
        [
            _day(model, plan, d, places=places, festivals=festivals, travel=travel)
            for d in range(model.request.days)
        ],
        offers=offers,
        places=places,
        request=model.request,
        rules=model.rules,
        travel=travel,
    )
    legs = [s.leg for d in days for s in d.stops] + [d.final_leg for d in days]
    legs += [show.leg for d in days for show in d.shows]
    totals = Totals(
        score=sum(s.score for d in days for s in d.stops),
        drive_min=sum(leg.minutes for leg in legs),
        drive_km=sum(leg.km for leg in legs),
        visit_min=sum(s.depart_min - s.start_min for d in days for s in d.stops),
    )
    return Itinerary(request=model.request, days=days, totals=totals, left_out=tuple(left_out))
