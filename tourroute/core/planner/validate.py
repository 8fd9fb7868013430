"""Check an itinerary from scratch, independently of the planner's own bookkeeping.

Every time is recomputed from the day's start, the travel times and the visit lengths, and every
promise is checked again: opening hours, the day's end, the driving limit, lunch, the theme's
order, locked stops and exclusions. Tests run it on every plan; an empty list means valid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from tourroute.core.domain import (
    NEUTRAL_RULES,
    VISIT_KINDS,
    DayPlan,
    Itinerary,
    PlanRules,
    Stop,
    Theme,
    TravelTimes,
    hhmm,
)
from tourroute.core.messages import N_, fill
from tourroute.core.planner.groups import group_visit
from tourroute.core.planner.shows import show_start
from tourroute.core.planner.trip_rules import (
    LUNCH_EARLIEST_MIN,
    LUNCH_LATEST_MIN,
    drive_min,
    early_spans,
    experience_extra_min,
    visit_length_min,
)


def _lunch_expected(it: Itinerary) -> bool:
    r = it.request
    earliest = max(LUNCH_EARLIEST_MIN, r.day_start_min)
    return r.lunch_min > 0 and earliest <= min(LUNCH_LATEST_MIN, r.day_end_min - r.lunch_min)


@dataclass(frozen=True)
class RuleProblem:
    """One broken rule, kept as an English template and its parameters.

    A page says it in its own language and names the place (``params["place"]`` is a slug);
    ``str()`` gives the plain English the planner's tests and the command line read.
    ``day`` is the index of the day concerned, None for a problem of the whole trip.
    """

    template: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    day: int | None = None

    def __str__(self) -> str:
        text = fill(self.template, self.params)
        return text if self.day is None else f"day {self.day + 1}: {text}"


def _visit_length(it: Itinerary, stop: Stop, rules: PlanRules) -> int:
    """A stop's length: its members' together for a group, longer in a festival's crowds, and
    as long as the experience booked there."""
    r = it.request
    crowded = r.festivals and stop.festival is not None and not stop.locked
    visit = group_visit(stop.members) if stop.members else stop.place
    length = visit_length_min(visit, r.pace, crowd=rules.festival_visit_factor if crowded else 1.0)
    return length + experience_extra_min(stop.members or (stop.place,), stop.experience, r.pace)


def _lunch_inside(it: Itinerary, day: DayPlan) -> bool:
    """Whether one visit spans every moment lunch could start and last: lunch is taken there."""
    r = it.request
    earliest = max(LUNCH_EARLIEST_MIN, r.day_start_min)
    return any(s.start_min <= earliest and s.depart_min >= LUNCH_LATEST_MIN for s in day.stops)


def _check_shows(
    day: DayPlan, index: int, time: int, here: str, *, travel: TravelTimes, rules: PlanRules
) -> tuple[list[RuleProblem], int, str, int]:
    """Problems of the day's shows, and the time, place and driving after the last one."""
    problems: list[RuleProblem] = []

    def problem(template: str, **params: str | int) -> None:
        problems.append(RuleProblem(template, params, day=index))

    drive = 0
    for show in day.shows:
        leg = drive_min(travel, here, show.venue.slug)
        drive += leg
        slug = show.offer.slug
        if show.venue.slug != show.offer.venue:
            problem(N_("%(show)s is not at %(place)s"), show=slug, place=show.venue.slug)
        if show_start(show.offer, day, time + leg, rules) is None:
            problem(N_("%(show)s does not fit its hours that evening"), show=slug)
        if show.start_min < time + leg:
            problem(N_("%(show)s starts before the traveller arrives"), show=slug)
        if show.end_min != show.start_min + show.offer.duration_min:
            problem(
                N_("%(show)s is not %(minutes)d minutes"),
                show=slug,
                minutes=show.offer.duration_min,
            )
        time, here = show.end_min, show.venue.slug
    return problems, time, here, drive


def _check_day(
    it: Itinerary, index: int, day: DayPlan, *, travel: TravelTimes, rules: PlanRules
) -> list[RuleProblem]:
    r = it.request
    problems: list[RuleProblem] = []

    def problem(template: str, **params: str | int) -> None:
        problems.append(RuleProblem(template, params, day=index))

    time, here, drive = r.day_start_min, day.origin.slug, 0
    lunch = day.lunch_start_min
    lunch_done = lunch is None
    if lunch is None and _lunch_expected(it) and not _lunch_inside(it, day):
        problem(N_("no lunch break"))
    if lunch is not None and not (
        max(LUNCH_EARLIEST_MIN, r.day_start_min) <= lunch <= LUNCH_LATEST_MIN
    ):
        problem(N_("lunch starts at %(time)s, outside 11:00–13:30"), time=hhmm(lunch))
    for stop in day.stops:
        slug = stop.place.slug
        if lunch is not None and not lunch_done and lunch < stop.arrive_min:
            if lunch < time:
                problem(N_("lunch at %(time)s overlaps the visit before it"), time=hhmm(lunch))
            time, lunch_done = max(time, lunch) + r.lunch_min, True
        leg = drive_min(travel, here, slug)
        drive += leg
        if stop.arrive_min != time + leg:
            problem(
                N_("%(place)s arrival %(time)s, expected %(expected)s"),
                place=slug,
                time=hhmm(stop.arrive_min),
                expected=hhmm(time + leg),
            )
        if stop.start_min < stop.arrive_min:
            problem(N_("%(place)s starts before arrival"), place=slug)
        length = _visit_length(it, stop, rules)
        if stop.depart_min != stop.start_min + length:
            problem(
                N_("%(place)s visit is not %(minutes)d minutes long"), place=slug, minutes=length
            )
        hours = group_visit(stop.members).hours if stop.members else stop.place.hours
        if hours.known:
            spans = [(w.open_min, w.close_min) for w in hours.windows_on(day.date)]
        else:
            spans = [(r.day_start_min, r.day_end_min)]
        if not any(a <= stop.start_min and stop.start_min + length <= b for a, b in spans):
            problem(
                N_("%(place)s visited %(start)s–%(end)s outside its hours (%(hours)s)"),
                place=slug,
                start=hhmm(stop.start_min),
                end=hhmm(stop.start_min + length),
                hours=hours.text,
            )
        if r.festivals and stop.festival is not None and not stop.locked:
            starts = [(float(a), float(b - length)) for a, b in spans if b - length >= a]
            reach = r.day_start_min + drive_min(travel, day.origin.slug, slug)
            early = early_spans(starts, reach_min=reach, rules=rules)
            if early != tuple(starts) and not any(a <= stop.start_min <= b for a, b in early):
                problem(
                    N_("%(place)s starts %(start)s on its festival day, after %(time)s"),
                    place=slug,
                    start=hhmm(stop.start_min),
                    time=hhmm(rules.festival_arrive_by_min or 0),
                )
        if stop.place.kind not in VISIT_KINDS:
            problem(N_("%(place)s is a %(kind)s, not a visit"), place=slug, kind=stop.place.kind)
        if slug in r.exclude:
            problem(N_("%(place)s was excluded"), place=slug)
        time, here = stop.start_min + length, slug
    if lunch is not None and not lunch_done:
        if lunch < time:
            problem(N_("lunch at %(time)s overlaps the last visit"), time=hhmm(lunch))
        time = max(time, lunch) + r.lunch_min
    for a, b in zip(day.stops, day.stops[1:], strict=False):
        same_group = a.group is not None and b.group is not None and a.group.slug == b.group.slug
        if (a.place.lat, a.place.lon) == (b.place.lat, b.place.lon) and not same_group:
            problem(
                N_("%(place)s and %(other)s share a point"), place=a.place.slug, other=b.place.slug
            )
    if day.shows and time > r.day_end_min:
        problem(
            N_("visits end at %(time)s, after %(end)s"), time=hhmm(time), end=hhmm(r.day_end_min)
        )
    show_problems, time, here, show_drive = _check_shows(
        day, index, time, here, travel=travel, rules=rules
    )
    problems += show_problems
    drive += show_drive
    leg = drive_min(travel, here, day.lodging.slug)
    drive += leg
    if day.arrive_lodging_min != time + leg:
        problem(N_("arrival at lodging %(time)s is wrong"), time=hhmm(day.arrive_lodging_min))
    if not day.shows and time + leg > r.day_end_min:
        problem(
            N_("ends at %(time)s, after %(end)s"), time=hhmm(time + leg), end=hhmm(r.day_end_min)
        )
    if drive > r.max_drive_min_per_day:
        problem(
            N_("%(minutes)d minutes of driving, over %(limit)d"),
            minutes=drive,
            limit=r.max_drive_min_per_day,
        )
    return problems


def validate_itinerary(
    it: Itinerary,
    *,
    travel: TravelTimes,
    theme: Theme | None = None,
    rules: PlanRules = NEUTRAL_RULES,
) -> list[str]:
    """Every rule the itinerary breaks, in words; ``theme`` adds the stage-order check.

    ``rules`` must be the ones the plan was made with (festival crowds lengthen visits).
    Site groups are checked as one stop with their members' combined length and shared hours;
    evening shows against their hours and the evening window, their drives counted.
    """
    return [str(p) for p in itinerary_problems(it, travel=travel, theme=theme, rules=rules)]


def itinerary_problems(
    it: Itinerary,
    *,
    travel: TravelTimes,
    theme: Theme | None = None,
    rules: PlanRules = NEUTRAL_RULES,
) -> list[RuleProblem]:
    """Every rule the itinerary breaks, each with the day it concerns; empty means valid."""
    r = it.request
    problems: list[RuleProblem] = []
    if len(it.days) != r.days:
        problems.append(
            RuleProblem(
                N_("%(planned)d days planned, %(asked)d asked"),
                {"planned": len(it.days), "asked": r.days},
            )
        )
    for i, day in enumerate(it.days):
        if day.date != r.start_date + dt.timedelta(days=i):
            problems.append(RuleProblem(N_("has date %(date)s"), {"date": str(day.date)}, day=i))
        expected_origin = r.start if i == 0 else it.days[i - 1].lodging.slug
        if day.origin.slug != expected_origin:
            problems.append(
                RuleProblem(
                    N_("starts at %(place)s, not %(other)s"),
                    {"place": day.origin.slug, "other": expected_origin},
                    day=i,
                )
            )
        last = i == len(it.days) - 1
        if last and day.lodging.slug != r.end_place:
            problems.append(
                RuleProblem(
                    N_("the trip ends at %(place)s, not %(other)s"),
                    {"place": day.lodging.slug, "other": r.end_place},
                )
            )
        if not last and day.lodging.kind != "lodging":
            problems.append(
                RuleProblem(
                    N_("the night is spent at %(place)s, not a lodging"),
                    {"place": day.lodging.slug},
                    day=i,
                )
            )
        problems += _check_day(it, i, day, travel=travel, rules=rules)
    visited = [
        (i, m.slug) for i, d in enumerate(it.days) for s in d.stops for m in s.members or (s.place,)
    ]
    slugs = [slug for _, slug in visited]
    for slug in dict.fromkeys(s for s in slugs if slugs.count(s) > 1):
        problems.append(RuleProblem(N_("%(place)s is visited twice"), {"place": slug}))
    explained = {o.place.slug for o in it.left_out if o.must_include}
    for locked in r.locked:
        if (locked.day, locked.slug) not in visited and locked.slug not in explained:
            problems.append(
                RuleProblem(
                    N_("locked %(place)s is not on this day"),
                    {"place": locked.slug},
                    day=locked.day,
                )
            )
    if theme is not None and theme.ordered:
        stages = [
            next((k for m in s.members or (s.place,) if (k := theme.stage_of(m)) is not None), None)
            for d in it.days
            for s in d.stops
        ]
        order = [s for s in stages if s is not None]
        if order != sorted(order):
            problems.append(
                RuleProblem(
                    N_("theme stages visited out of order: %(order)s"), {"order": str(order)}
                )
            )
    score = sum(s.score for d in it.days for s in d.stops)
    if abs(score - it.totals.score) > 1e-6:
        problems.append(
            RuleProblem(
                N_("total score %(total)s does not add up to %(sum)s"),
                {"total": str(it.totals.score), "sum": str(score)},
            )
        )
    return problems
