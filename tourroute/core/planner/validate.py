"""Check an itinerary from scratch, independently of the planner's own bookkeeping.

Every time is recomputed from the day's start, the travel times and the visit lengths, and every
promise is checked again: opening hours, the day's end, the driving limit, lunch, the theme's
order, locked stops and exclusions. Tests run it on every plan; an empty list means valid.
"""

from __future__ import annotations

import datetime as dt

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
from tourroute.core.planner.groups import group_visit
from tourroute.core.planner.shows import show_start
from tourroute.core.planner.trip_rules import (
    LUNCH_EARLIEST_MIN,
    LUNCH_LATEST_MIN,
    drive_min,
    visit_length_min,
)


def _lunch_expected(it: Itinerary) -> bool:
    r = it.request
    earliest = max(LUNCH_EARLIEST_MIN, r.day_start_min)
    return r.lunch_min > 0 and earliest <= min(LUNCH_LATEST_MIN, r.day_end_min - r.lunch_min)


def _visit_length(it: Itinerary, stop: Stop, rules: PlanRules) -> int:
    """A stop's length: its members' together for a group, longer in a festival's crowds."""
    r = it.request
    crowded = r.festivals and stop.festival is not None and not stop.locked
    visit = group_visit(stop.members) if stop.members else stop.place
    return visit_length_min(visit, r.pace, crowd=rules.festival_visit_factor if crowded else 1.0)


def _lunch_inside(it: Itinerary, day: DayPlan) -> bool:
    """Whether one visit spans every moment lunch could start and last: lunch is taken there."""
    r = it.request
    earliest = max(LUNCH_EARLIEST_MIN, r.day_start_min)
    return any(s.start_min <= earliest and s.depart_min >= LUNCH_LATEST_MIN for s in day.stops)


def _check_shows(
    day: DayPlan, label: str, time: int, here: str, *, travel: TravelTimes, rules: PlanRules
) -> tuple[list[str], int, str, int]:
    """Problems of the day's shows, and the time, place and driving after the last one."""
    problems: list[str] = []
    drive = 0
    for show in day.shows:
        leg = drive_min(travel, here, show.venue.slug)
        drive += leg
        if show.venue.slug != show.offer.venue:
            problems.append(f"{label}: {show.offer.slug} is not at {show.venue.slug}")
        if show_start(show.offer, day, time + leg, rules) is None:
            problems.append(f"{label}: {show.offer.slug} does not fit its hours that evening")
        if show.start_min < time + leg:
            problems.append(f"{label}: {show.offer.slug} starts before the traveller arrives")
        if show.end_min != show.start_min + show.offer.duration_min:
            problems.append(f"{label}: {show.offer.slug} is not {show.offer.duration_min} minutes")
        time, here = show.end_min, show.venue.slug
    return problems, time, here, drive


def _check_day(
    it: Itinerary, index: int, day: DayPlan, *, travel: TravelTimes, rules: PlanRules
) -> list[str]:
    r = it.request
    label = f"day {index + 1}"
    problems: list[str] = []
    time, here, drive = r.day_start_min, day.origin.slug, 0
    lunch = day.lunch_start_min
    lunch_done = lunch is None
    if lunch is None and _lunch_expected(it) and not _lunch_inside(it, day):
        problems.append(f"{label}: no lunch break")
    if lunch is not None and not (
        max(LUNCH_EARLIEST_MIN, r.day_start_min) <= lunch <= LUNCH_LATEST_MIN
    ):
        problems.append(f"{label}: lunch starts at {hhmm(lunch)}, outside 11:00–13:30")
    for stop in day.stops:
        slug = stop.place.slug
        if lunch is not None and not lunch_done and lunch < stop.arrive_min:
            if lunch < time:
                problems.append(f"{label}: lunch at {hhmm(lunch)} overlaps the visit before it")
            time, lunch_done = max(time, lunch) + r.lunch_min, True
        leg = drive_min(travel, here, slug)
        drive += leg
        if stop.arrive_min != time + leg:
            problems.append(
                f"{label}: {slug} arrival {hhmm(stop.arrive_min)}, expected {hhmm(time + leg)}"
            )
        if stop.start_min < stop.arrive_min:
            problems.append(f"{label}: {slug} starts before arrival")
        length = _visit_length(it, stop, rules)
        if stop.depart_min != stop.start_min + length:
            problems.append(f"{label}: {slug} visit is not {length} minutes long")
        hours = group_visit(stop.members).hours if stop.members else stop.place.hours
        if hours.known:
            spans = [(w.open_min, w.close_min) for w in hours.windows_on(day.date)]
        else:
            spans = [(r.day_start_min, r.day_end_min)]
        if not any(a <= stop.start_min and stop.start_min + length <= b for a, b in spans):
            problems.append(
                f"{label}: {slug} visited {hhmm(stop.start_min)}–{hhmm(stop.start_min + length)}"
                f" outside its hours ({hours.text})"
            )
        if stop.place.kind not in VISIT_KINDS:
            problems.append(f"{label}: {slug} is a {stop.place.kind}, not a visit")
        if slug in r.exclude:
            problems.append(f"{label}: {slug} was excluded")
        time, here = stop.start_min + length, slug
    if lunch is not None and not lunch_done:
        if lunch < time:
            problems.append(f"{label}: lunch at {hhmm(lunch)} overlaps the last visit")
        time = max(time, lunch) + r.lunch_min
    for a, b in zip(day.stops, day.stops[1:], strict=False):
        same_group = a.group is not None and b.group is not None and a.group.slug == b.group.slug
        if (a.place.lat, a.place.lon) == (b.place.lat, b.place.lon) and not same_group:
            problems.append(f"{label}: {a.place.slug} and {b.place.slug} share a point")
    if day.shows and time > r.day_end_min:
        problems.append(f"{label}: visits end at {hhmm(time)}, after {hhmm(r.day_end_min)}")
    show_problems, time, here, show_drive = _check_shows(
        day, label, time, here, travel=travel, rules=rules
    )
    problems += show_problems
    drive += show_drive
    leg = drive_min(travel, here, day.lodging.slug)
    drive += leg
    if day.arrive_lodging_min != time + leg:
        problems.append(f"{label}: arrival at lodging {hhmm(day.arrive_lodging_min)} is wrong")
    if not day.shows and time + leg > r.day_end_min:
        problems.append(f"{label}: ends at {hhmm(time + leg)}, after {hhmm(r.day_end_min)}")
    if drive > r.max_drive_min_per_day:
        problems.append(f"{label}: {drive} minutes of driving, over {r.max_drive_min_per_day}")
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
    r = it.request
    problems: list[str] = []
    if len(it.days) != r.days:
        problems.append(f"{len(it.days)} days planned, {r.days} asked")
    for i, day in enumerate(it.days):
        if day.date != r.start_date + dt.timedelta(days=i):
            problems.append(f"day {i + 1} has date {day.date}")
        expected_origin = r.start if i == 0 else it.days[i - 1].lodging.slug
        if day.origin.slug != expected_origin:
            problems.append(f"day {i + 1} starts at {day.origin.slug}, not {expected_origin}")
        last = i == len(it.days) - 1
        if last and day.lodging.slug != r.end_place:
            problems.append(f"the trip ends at {day.lodging.slug}, not {r.end_place}")
        if not last and day.lodging.kind != "lodging":
            problems.append(f"night {i + 1} is spent at {day.lodging.slug}, not a lodging")
        problems += _check_day(it, i, day, travel=travel, rules=rules)
    visited = [
        (i, m.slug) for i, d in enumerate(it.days) for s in d.stops for m in s.members or (s.place,)
    ]
    slugs = [slug for _, slug in visited]
    if len(slugs) != len(set(slugs)):
        problems.append("a place is visited twice")
    explained = {o.place.slug for o in it.left_out if o.must_include}
    for locked in r.locked:
        if (locked.day, locked.slug) not in visited and locked.slug not in explained:
            problems.append(f"locked {locked.slug} is not on day {locked.day + 1}")
    if theme is not None and theme.ordered:
        stages = [
            next((k for m in s.members or (s.place,) if (k := theme.stage_of(m)) is not None), None)
            for d in it.days
            for s in d.stops
        ]
        order = [s for s in stages if s is not None]
        if order != sorted(order):
            problems.append(f"theme stages visited out of order: {order}")
    score = sum(s.score for d in it.days for s in d.stops)
    if abs(score - it.totals.score) > 1e-6:
        problems.append(f"total score {it.totals.score} does not add up to {score}")
    return problems
