"""Check an itinerary from scratch, independently of the planner's own bookkeeping.

Every time is recomputed from the day's start, the travel times and the visit lengths, and every
promise is checked again: opening hours, the day's end, the driving limit, lunch, the theme's
order, locked stops and exclusions. Tests run it on every plan; an empty list means valid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tourroute.core.domain import VISIT_KINDS, DayPlan, Itinerary, Theme, TravelTimes, hhmm
from tourroute.core.planner.trip_rules import (
    LUNCH_EARLIEST_MIN,
    LUNCH_LATEST_MIN,
    drive_min,
    visit_length_min,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: a ``code`` a page can word in its own language, and the English text.

    ``day`` is the 0-based day (None for the whole trip), ``slug`` the place at fault if any;
    ``times`` holds the minutes of day the rule is about (a visit's start and end, a day's end
    and its limit), ``values`` any other numbers (minutes of driving and the limit).
    """

    code: str
    text: str
    day: int | None = None
    slug: str | None = None
    times: tuple[int, ...] = field(default=())
    values: tuple[int, ...] = field(default=())

    def __str__(self) -> str:
        return self.text


def _lunch_expected(it: Itinerary) -> bool:
    r = it.request
    earliest = max(LUNCH_EARLIEST_MIN, r.day_start_min)
    return r.lunch_min > 0 and earliest <= min(LUNCH_LATEST_MIN, r.day_end_min - r.lunch_min)


def _check_day(it: Itinerary, index: int, day: DayPlan, *, travel: TravelTimes) -> list[Problem]:
    r = it.request
    label = f"day {index + 1}"
    problems: list[Problem] = []

    def add(
        code: str,
        text: str,
        *,
        slug: str | None = None,
        times: tuple[int, ...] = (),
        values: tuple[int, ...] = (),
    ) -> None:
        problems.append(Problem(code, f"{label}: {text}", index, slug, times, values))

    time, here, drive = r.day_start_min, day.origin.slug, 0
    lunch = day.lunch_start_min
    lunch_done = lunch is None
    if lunch is None and _lunch_expected(it):
        add("no_lunch", "no lunch break")
    if lunch is not None and not (
        max(LUNCH_EARLIEST_MIN, r.day_start_min) <= lunch <= LUNCH_LATEST_MIN
    ):
        add("lunch_time", f"lunch starts at {hhmm(lunch)}, outside 11:00–13:30", times=(lunch,))
    for stop in day.stops:
        slug = stop.place.slug
        if lunch is not None and not lunch_done and lunch < stop.arrive_min:
            if lunch < time:
                add("lunch_overlap", f"lunch at {hhmm(lunch)} overlaps the visit before it")
            time, lunch_done = max(time, lunch) + r.lunch_min, True
        leg = drive_min(travel, here, slug)
        drive += leg
        if stop.arrive_min != time + leg:
            add(
                "arrival",
                f"{slug} arrival {hhmm(stop.arrive_min)}, expected {hhmm(time + leg)}",
                slug=slug,
            )
        if stop.start_min < stop.arrive_min:
            add("early_start", f"{slug} starts before arrival", slug=slug)
        length = visit_length_min(stop.place, r.pace)
        if stop.depart_min != stop.start_min + length:
            add("visit_length", f"{slug} visit is not {length} minutes long", slug=slug)
        if stop.place.hours.known:
            spans = [(w.open_min, w.close_min) for w in stop.place.hours.windows_on(day.date)]
        else:
            spans = [(r.day_start_min, r.day_end_min)]
        if not any(a <= stop.start_min and stop.start_min + length <= b for a, b in spans):
            add(
                "hours",
                f"{slug} visited {hhmm(stop.start_min)}–{hhmm(stop.start_min + length)}"
                f" outside its hours ({stop.place.hours.text})",
                slug=slug,
                times=(stop.start_min, stop.start_min + length),
            )
        if stop.place.kind not in VISIT_KINDS:
            add("not_a_visit", f"{slug} is a {stop.place.kind}, not a visit", slug=slug)
        if slug in r.exclude:
            add("excluded", f"{slug} was excluded", slug=slug)
        time, here = stop.start_min + length, slug
    if lunch is not None and not lunch_done:
        if lunch < time:
            add("lunch_overlap", f"lunch at {hhmm(lunch)} overlaps the last visit")
        time = max(time, lunch) + r.lunch_min
    leg = drive_min(travel, here, day.lodging.slug)
    drive += leg
    if day.arrive_lodging_min != time + leg:
        add("lodging_arrival", f"arrival at lodging {hhmm(day.arrive_lodging_min)} is wrong")
    if time + leg > r.day_end_min:
        add(
            "day_end",
            f"ends at {hhmm(time + leg)}, after {hhmm(r.day_end_min)}",
            times=(time + leg, r.day_end_min),
        )
    if drive > r.max_drive_min_per_day:
        add(
            "driving",
            f"{drive} minutes of driving, over {r.max_drive_min_per_day}",
            values=(drive, r.max_drive_min_per_day),
        )
    return problems


def itinerary_problems(
    it: Itinerary, *, travel: TravelTimes, theme: Theme | None = None
) -> list[Problem]:
    """Every rule the itinerary breaks; ``theme`` adds the stage-order check."""
    r = it.request
    problems: list[Problem] = []

    def add(code: str, text: str, *, day: int | None = None, slug: str | None = None) -> None:
        problems.append(Problem(code, text, day=day, slug=slug))

    if len(it.days) != r.days:
        add("day_count", f"{len(it.days)} days planned, {r.days} asked")
    for i, day in enumerate(it.days):
        if day.date != r.start_date + dt.timedelta(days=i):
            add("date", f"day {i + 1} has date {day.date}", day=i)
        expected_origin = r.start if i == 0 else it.days[i - 1].lodging.slug
        if day.origin.slug != expected_origin:
            add("origin", f"day {i + 1} starts at {day.origin.slug}, not {expected_origin}", day=i)
        last = i == len(it.days) - 1
        if last and day.lodging.slug != r.end_place:
            add("end", f"the trip ends at {day.lodging.slug}, not {r.end_place}", day=i)
        if not last and day.lodging.kind != "lodging":
            add("night", f"night {i + 1} is spent at {day.lodging.slug}, not a lodging", day=i)
        problems += _check_day(it, i, day, travel=travel)
    visited = [(i, s.place.slug) for i, d in enumerate(it.days) for s in d.stops]
    slugs = [slug for _, slug in visited]
    for slug in dict.fromkeys(s for s in slugs if slugs.count(s) > 1):
        add("twice", "a place is visited twice", slug=slug)
    explained = {o.place.slug for o in it.left_out if o.must_include}
    for locked in r.locked:
        if (locked.day, locked.slug) not in visited and locked.slug not in explained:
            add(
                "locked",
                f"locked {locked.slug} is not on day {locked.day + 1}",
                day=locked.day,
                slug=locked.slug,
            )
    if theme is not None and theme.ordered:
        stages = [theme.stage_of(s.place) for d in it.days for s in d.stops]
        order = [s for s in stages if s is not None]
        if order != sorted(order):
            add("stages", f"theme stages visited out of order: {order}")
    score = sum(s.score for d in it.days for s in d.stops)
    if abs(score - it.totals.score) > 1e-6:
        add("score", f"total score {it.totals.score} does not add up to {score}")
    return problems


def validate_itinerary(
    it: Itinerary, *, travel: TravelTimes, theme: Theme | None = None
) -> list[str]:
    """Every rule the itinerary breaks, in words; ``theme`` adds the stage-order check."""
    return [p.text for p in itinerary_problems(it, travel=travel, theme=theme)]
