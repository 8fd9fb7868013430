"""Say why a place is not in the plan, naming the rule that kept it out.

For each left-out place every day and every gap of the final plan is tried, the attempt breaking
the fewest rules is kept, and its most telling broken rule becomes the reason. A place that fits
somewhere was simply outscored (``not_selected``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from tourroute.core import reasons
from tourroute.core.domain import DetailValue, LeftOut, Place, ReasonDetail, Theme
from tourroute.core.planner.model import TIME_EPS, Problem
from tourroute.core.planner.schedule import earliest_start
from tourroute.core.planner.trip_model import TripModel
from tourroute.core.planner.trip_search import TripPlan, stage_counts

#: A left-out place is worth explaining when this close (drive minutes) to the plan.
NEAR_MIN = 60
#: At most this many optional places are explained, best first.
MAX_EXPLAINED = 10
#: Most telling first: an order or a window is a fact about the place, a full day is not.
PRIORITY = ("stage_order", "window_missed", "driving_limit", "day_too_long")


def _replay(problem: Problem, day: int, visits: Sequence[int]) -> set[str]:
    """The rules a route breaks (none when feasible)."""
    spec = problem.routes[day]
    broken: set[str] = set()
    here, time, drive = spec.start, spec.open_min, 0.0
    for v in visits:
        leg = 0.0 if v in problem.breaks else float(problem.travel[here, v])
        if v not in problem.breaks:
            here = v
        drive += leg
        spans = problem.windows[day][v]
        begin = earliest_start(spans, time + leg)
        if begin is None:
            broken.add(_late_rule(problem, day, v))
            time += leg
        else:
            time = begin
        time += float(problem.service[v])
    drive += float(problem.travel[here, spec.end])
    time += float(problem.travel[here, spec.end])
    if time > spec.close_min + TIME_EPS:
        broken.add("day_too_long")
    if drive > spec.max_drive_min + TIME_EPS:
        broken.add("driving_limit")
    return broken


def _late_rule(problem: Problem, day: int, vertex: int) -> str:
    """The rule broken by reaching ``vertex`` after its last start: its hours, or the day's.

    A place open until the day ends (or whose hours are unknown, so daylight stands in) is
    missed because the day is full, not because of its hours: say so.
    """
    spans = problem.windows[day][vertex]
    closes = spans[-1][1] + float(problem.service[vertex])
    if vertex in problem.breaks or closes >= problem.routes[day].close_min - TIME_EPS:
        return "day_too_long"
    return "window_missed"


def _in_order(problem: Problem, routes: Sequence[Sequence[int]]) -> bool:
    if problem.rank is None:
        return True
    ranks = [problem.rank[v] for r in routes for v in r if not math.isnan(problem.rank[v])]
    return all(a <= b for a, b in itertools.pairwise(ranks))


def diagnose(
    model: TripModel,
    plan: TripPlan,
    vertex: int,
    *,
    theme: Theme | None,
    routes: Sequence[Sequence[int]],
) -> tuple[str, ReasonDetail]:
    """Reason code and detail for one left-out candidate, tried against ``routes``."""
    request = model.request
    problem = plan.problem
    cand = model.candidate_of(vertex)
    days = [d for d in range(request.days) if cand.days is None or d in cand.days]
    open_days = [d for d in days if problem.windows[d][vertex]]
    if not open_days:
        hours = cand.place.hours
        dates = [request.date_of(d) for d in days]
        closed = [date for date in dates if not hours.windows_on(date)]
        if closed and hours.known:
            return "closed_that_day", reasons.detail("closed_on", dates=tuple(closed))
        return "window_missed", reasons.detail("no_room")
    attempts: list[tuple[set[str], int]] = []
    for d in open_days:
        route = routes[d]
        for i in range(len(route) + 1):
            trial = [*route[:i], vertex, *route[i:]]
            broken = _replay(problem, d, trial)
            if not _in_order(problem, [*routes[:d], trial, *routes[d + 1 :]]):
                broken.add("stage_order")
            attempts.append((broken, d))
    broken, day = min(attempts, key=lambda attempt: len(attempt[0]))
    when: dict[str, DetailValue] = {"day": day + 1, "date": request.date_of(day)}
    if not broken:
        return "not_selected", reasons.detail("could_fit", **when)
    reason = next(r for r in PRIORITY if r in broken)
    if reason == "stage_order":
        stage = theme.stages[cand.stage] if theme and cand.stage is not None else None
        return "stage_order", reasons.detail(
            "breaks_order",
            stage_vi=stage.name_vi if stage else "",
            stage_en=stage.name_en if stage else "",
        )
    if reason == "window_missed":
        return "window_missed", reasons.detail("out_of_hours", **when)
    if reason == "driving_limit":
        return "driving_limit", reasons.detail(
            "driving_limit", minutes=request.max_drive_min_per_day, **when
        )
    return "day_too_long", reasons.detail("day_too_long", time=request.day_end_min, **when)


def explain(
    model: TripModel,
    plan: TripPlan,
    *,
    places: Mapping[str, Place],
    theme: Theme | None,
) -> tuple[LeftOut, ...]:
    request = model.request
    first = model.first_candidate
    visited = {v for r in plan.routes for v in r}
    must = request.promised
    notes: list[LeftOut] = []
    # A missing mandatory place is tried against the other mandatory visits alone: the optional
    # ones would have made way for it, so only those can be what keeps it out.
    skeleton = [[v for v in route if v in plan.problem.mandatory] for route in plan.routes]
    for k, cand in enumerate(model.candidates):
        v = first + k
        if (cand.mandatory or cand.clashed) and v not in visited:
            reason, detail = diagnose(model, plan, v, theme=theme, routes=skeleton)
            details: tuple[ReasonDetail, ...] = (detail,)
            if cand.clashed:
                details = (reasons.detail("festival_clash"), detail)
            elif cand.place.slug not in must:
                details = (reasons.detail("festival"), detail)
            notes.append(LeftOut(cand.place, reason, details, must_include=cand.place.slug in must))
    notes += _optional(model, plan, places=places, theme=theme, visited=visited)
    return tuple(notes)


def _near(model: TripModel, plan: TripPlan, vertex: int) -> bool:
    points = {plan.problem.routes[d].start for d in range(len(plan.routes))}
    points |= {plan.problem.routes[d].end for d in range(len(plan.routes))}
    points |= {v for r in plan.routes for v in r if v not in plan.problem.breaks}
    return min(float(model.travel_min[p, vertex]) for p in points) <= NEAR_MIN


def _optional(
    model: TripModel,
    plan: TripPlan,
    *,
    places: Mapping[str, Place],
    theme: Theme | None,
    visited: set[int],
) -> list[LeftOut]:
    """High-scoring places near the route left out, and the best of any stage left short."""
    first = model.first_candidate
    chosen = [v for v in visited if v >= first and not model.candidate_of(v).mandatory]
    bar = min((max(model.candidate_of(v).scores) for v in chosen), default=0.0)
    counts = stage_counts(model, plan.routes)
    ranked = sorted(
        (-max(c.scores), c.place.slug, first + k)
        for k, c in enumerate(model.candidates)
        if not (c.mandatory or c.clashed) and first + k not in visited
    )
    short_needed = {
        i: stage.min_places - counts.get(i, 0)
        for i, stage in enumerate(theme.stages if theme else ())
        if counts.get(i, 0) < stage.min_places
    }
    notes: list[LeftOut] = []
    for minus_score, _, v in ranked:
        cand = model.candidate_of(v)
        stage_short = cand.stage is not None and short_needed.get(cand.stage, 0) > 0
        worth_saying = -minus_score >= bar and _near(model, plan, v)
        if not (stage_short or (worth_saying and len(notes) < MAX_EXPLAINED)):
            continue
        reason, detail = diagnose(model, plan, v, theme=theme, routes=plan.routes)
        details: tuple[ReasonDetail, ...] = (detail,)
        if stage_short and theme is not None and cand.stage is not None:
            stage = theme.stages[cand.stage]
            short = reasons.detail(
                "stage_short",
                stage_vi=stage.name_vi,
                stage_en=stage.name_en,
                count=counts.get(cand.stage, 0),
                needed=stage.min_places,
            )
            details = (short, detail)
            short_needed[cand.stage] -= 1
        notes.append(LeftOut(cand.place, reason, details))
    request = model.request
    for slug in request.exclude:
        place = places[slug]
        admitted = theme is None or theme.stage_of(place) is not None
        if admitted and place.kind not in ("gateway", "lodging"):
            notes.append(LeftOut(place, "excluded", (reasons.detail("excluded"),)))
    return notes
