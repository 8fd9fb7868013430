"""Re-time an itinerary whose stops someone chose and ordered by hand.

An agency edits a package (reorders, adds or removes stops, changes the number of days); the
planner must not undo that order, so the times are recomputed for exactly the order given and
then checked by the independent validator. A plan that breaks a rule is refused with every
problem named, never stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from tourroute.core.domain import DayPlan, Itinerary, Place, SiteGroup, Stop, Totals, TravelTimes
from tourroute.core.errors import InfeasibleError, UnknownPlaceError
from tourroute.core.planner.groups import group_visit
from tourroute.core.planner.legs import make_leg
from tourroute.core.planner.trip_output import merge_group_parts
from tourroute.core.planner.trip_rules import (
    LUNCH_EARLIEST_MIN,
    LUNCH_LATEST_MIN,
    drive_min,
    visit_length_min,
)
from tourroute.core.planner.validate import RuleProblem, itinerary_problems

__all__ = ["RefusedEditError", "retime_itinerary"]


class RefusedEditError(InfeasibleError):
    """The edited plan breaks rules; ``problems`` keeps each one, with its day, for the page."""

    def __init__(self, problems: Sequence[RuleProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems), field="days")
        self.problems = tuple(problems)


def _start_min(place: Place, date: dt.date, *, arrive_min: int, length_min: int) -> int:
    """The earliest start at or after arrival that fits the visit in an opening window."""
    if not place.hours.known:
        return arrive_min
    for window in place.hours.windows_on(date):
        start = max(arrive_min, window.open_min)
        if start + length_min <= window.close_min:
            return start
    return arrive_min  # no window fits: the validator names the problem


def _check_slugs(day_slugs: Sequence[Sequence[str]], places: Mapping[str, Place]) -> None:
    if not day_slugs:
        raise InfeasibleError("a package needs at least one day", field="days")
    for slugs in day_slugs:
        for slug in slugs:
            if slug not in places:
                raise UnknownPlaceError(f"no place has the slug {slug!r}", field="days")


def _totals(days: Sequence[DayPlan], *, pace: str) -> Totals:
    stops = [s for d in days for s in d.stops]
    legs = [s.leg for s in stops] + [d.final_leg for d in days]
    return Totals(
        score=sum(s.score for s in stops),
        drive_min=sum(leg.minutes for leg in legs),
        drive_km=sum(leg.km for leg in legs),
        visit_min=sum(visit_length_min(s.place, pace) for s in stops),
    )


def _visit_parts(
    slugs: Sequence[str],
    *,
    places: Mapping[str, Place],
    groups: Mapping[str, SiteGroup],
    group_max_min: int,
) -> list[tuple[SiteGroup | None, list[str]]]:
    """``slugs`` cut into visits: consecutive members of one site group are parts of its visit,
    each part at most ``group_max_min`` long (as the planner splits a long group so lunch fits).
    """
    group_of = {member: g for g in groups.values() for member in g.members}
    parts: list[tuple[SiteGroup | None, list[str]]] = []
    for slug in slugs:
        group = group_of.get(slug)
        if parts and group is not None and parts[-1][0] is group:
            length = sum(places[s].visit_min for s in parts[-1][1]) + places[slug].visit_min
            if length <= group_max_min:
                parts[-1][1].append(slug)
                continue
        parts.append((group, [slug]))
    return parts


def retime_itinerary(
    previous: Itinerary,
    day_slugs: Sequence[Sequence[str]],
    *,
    places: Mapping[str, Place],
    travel: TravelTimes,
    day_start_min: int | None = None,
    day_end_min: int | None = None,
    groups: Mapping[str, SiteGroup] | None = None,
    group_max_min: int = 24 * 60,
) -> Itinerary:
    """``previous`` with the stops of day ``i`` replaced by ``day_slugs[i]``, in that order.

    Consecutive members of one site group (``groups``, by slug) become one group stop, as the
    planner makes them: one pin, the members listed, their visit lengths added up (split in
    parts of at most ``group_max_min`` so lunch can fall between them).

    ``day_start_min`` and ``day_end_min``, when given, replace the request's day times (an
    agency sets them per package: a tour may return at 19:00).

    Nights keep their lodging; a night that did not exist before goes to the lodging nearest
    by road to that day's last stop. Lunch comes after the first visit that ends at 11:00 or
    later, or before a visit that would otherwise end after 13:30. Kept stops keep their score.
    The result drops the planner's explanations (``left_out``): they described another plan.

    Raises
    ------
    UnknownPlaceError
        A slug names no place (``field`` is ``"days"``).
    RefusedEditError
        The timed plan breaks a rule (opening hours, the day's end, the driving limit, lunch,
        a place twice); the message lists every problem, ``problems`` keeps them apart.
    InfeasibleError
        No lodging is known for an added night.
    """
    _check_slugs(day_slugs, places)
    all_slugs = tuple(s for slugs in day_slugs for s in slugs)
    request = dataclasses.replace(
        previous.request,
        days=len(day_slugs),
        include=tuple(dict.fromkeys(all_slugs)),
        exclude=tuple(s for s in previous.request.exclude if s not in all_slugs),
        locked=(),
        day_start_min=previous.request.day_start_min if day_start_min is None else day_start_min,
        day_end_min=previous.request.day_end_min if day_end_min is None else day_end_min,
    )
    scores = {s.place.slug: s.score for d in previous.days for s in d.stops}
    lodgings = sorted(slug for slug, p in places.items() if p.kind == "lodging")
    earliest_lunch = max(LUNCH_EARLIEST_MIN, request.day_start_min)
    lunch_wanted = request.lunch_min > 0 and earliest_lunch <= min(
        LUNCH_LATEST_MIN, request.day_end_min - request.lunch_min
    )
    days: list[DayPlan] = []
    origin = places[request.start]
    for index, slugs in enumerate(day_slugs):
        date = request.date_of(index)
        time, here = request.day_start_min, origin.slug
        lunch: int | None = None
        stops: list[Stop] = []
        for group, run in _visit_parts(
            slugs, places=places, groups=groups or {}, group_max_min=group_max_min
        ):
            slug, members = run[0], tuple(places[s] for s in run)
            place = group_visit(members) if group is not None else places[slug]
            length = visit_length_min(place, request.pace)
            leg_min = drive_min(travel, here, slug)
            start = _start_min(place, date, arrive_min=time + leg_min, length_min=length)
            if (
                lunch_wanted
                and lunch is None
                and (time >= earliest_lunch or start + length > LUNCH_LATEST_MIN)
            ):
                lunch = max(time, earliest_lunch)
                time = lunch + request.lunch_min
                start = _start_min(place, date, arrive_min=time + leg_min, length_min=length)
            stops.append(
                Stop(
                    place=place,
                    arrive_min=time + leg_min,
                    start_min=start,
                    depart_min=start + length,
                    leg=make_leg(travel, here, slug),
                    score=scores.get(slug, 0.0),
                    group=group,
                    members=members if group is not None else (),
                )
            )
            time, here = start + length, slug
        if lunch_wanted and lunch is None:
            lunch = max(time, earliest_lunch)
            time = lunch + request.lunch_min
        stops = merge_group_parts(stops, lunch, pace=request.pace)
        if index == len(day_slugs) - 1:
            lodging = places[request.end_place]
        elif index < len(previous.days) - 1:
            lodging = previous.days[index].lodging
        elif lodgings:
            lodging = places[min(lodgings, key=lambda s: (drive_min(travel, here, s), s))]
        else:
            raise InfeasibleError("no lodging is known for the added night", field="days")
        days.append(
            DayPlan(
                date=date,
                origin=origin,
                stops=tuple(stops),
                lodging=lodging,
                final_leg=make_leg(travel, here, lodging.slug),
                arrive_lodging_min=time + drive_min(travel, here, lodging.slug),
                lunch_start_min=lunch,
            )
        )
        origin = lodging
    itinerary = Itinerary(
        request=request, days=tuple(days), totals=_totals(days, pace=request.pace)
    )
    problems = itinerary_problems(itinerary, travel=travel)
    if problems:
        raise RefusedEditError(problems)
    return itinerary
