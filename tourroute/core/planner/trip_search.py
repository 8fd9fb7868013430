"""Search a trip: choose where to sleep, solve the days, pull short theme stages up.

Lodging is chosen outside the optimiser: start near the places of the next day's theme stage,
then move each night to the lodging that best joins the evening's last visit to the next
morning's first, and solve again, keeping the best plan. A stage with fewer visits than its
minimum gets its places' worth raised for one more solve, kept only if it narrows the gap
without losing a mandatory visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tourroute.core.domain import Theme
from tourroute.core.errors import InfeasibleError
from tourroute.core.planner.model import Problem
from tourroute.core.planner.schedule import route_times
from tourroute.core.planner.search import Budget, solve
from tourroute.core.planner.trip_model import TripModel, to_problem

#: Shakes per solve: enough for a week's trip to settle, and fixed so plans are reproducible.
TRIP_ITERATIONS = 200
#: How many times the nights' lodging is revised.
LODGING_ROUNDS = 3
#: Places of a stage whose position guides the first choice of lodging.
ANCHORS = 3
#: Worth multiplier for a stage below its minimum.
STAGE_BOOST = 3.0


@dataclass(frozen=True)
class TripPlan:
    lodging: tuple[str, ...]
    problem: Problem
    routes: tuple[tuple[int, ...], ...]

    def score(self) -> float:
        return float(sum(self.problem.score[d, v] for d, r in enumerate(self.routes) for v in r))

    def key(self) -> tuple[int, float]:
        placed = {v for r in self.routes for v in r}
        return len(self.problem.mandatory & placed), self.score()


def stage_counts(model: TripModel, routes: Sequence[Sequence[int]]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for route in routes:
        for v in route:
            if v >= model.first_candidate:
                stage = model.candidate_of(v).stage
                if stage is not None:
                    counts[stage] = counts.get(stage, 0) + 1
    return counts


def _shortfall(
    model: TripModel, theme: Theme | None, routes: Sequence[Sequence[int]]
) -> dict[int, int]:
    """Places each stage still lacks to reach its minimum (stages with candidates only)."""
    if theme is None:
        return {}
    counts = stage_counts(model, routes)
    available = {c.stage for c in model.candidates}
    return {
        i: stage.min_places - counts.get(i, 0)
        for i, stage in enumerate(theme.stages)
        if i in available and counts.get(i, 0) < stage.min_places
    }


def _initial_lodging(model: TripModel, theme: Theme | None, lodgings: Sequence[str]) -> list[str]:
    request = model.request
    first = model.first_candidate
    rows = [model.vertex_of[s] for s in lodgings]
    nights: list[str] = []
    stages = len(theme.stages) if theme is not None else 0
    for night in range(request.days - 1):
        wanted = min(stages - 1, (night + 1) * stages // request.days) if stages else None
        pool = [
            (-max(c.scores), first + k)
            for k, c in enumerate(model.candidates)
            if wanted is None or c.stage == wanted
        ] or [(-max(c.scores), first + k) for k, c in enumerate(model.candidates)]
        anchors = [v for _, v in sorted(pool)[:ANCHORS]]
        if not anchors:
            nights.append(lodgings[0])
            continue
        cost = model.travel_min[np.ix_(rows, anchors)].sum(axis=1)
        nights.append(lodgings[int(np.argmin(cost))])
    return [*nights, request.end_place]


def _relodge(model: TripModel, plan: TripPlan, lodgings: Sequence[str]) -> list[str]:
    """Each night, the lodging that best joins the day's last place to the next day's first."""
    lunch = {v for v in model.lunch if v is not None}
    rows = [model.vertex_of[s] for s in lodgings]
    nights = list(plan.lodging)
    origins = [plan.problem.routes[d].start for d in range(len(plan.routes))]
    for night in range(len(nights) - 1):
        today = [v for v in plan.routes[night] if v not in lunch]
        tomorrow = [v for v in plan.routes[night + 1] if v not in lunch]
        evening = today[-1] if today else origins[night]
        morning = tomorrow[0] if tomorrow else model.vertex_of[nights[night + 1]]
        cost = model.travel_min[evening, rows] + model.travel_min[rows, morning]
        nights[night] = lodgings[int(np.argmin(cost))]
    return nights


def _solve(model: TripModel, problem: Problem, lodging: Sequence[str]) -> TripPlan:
    found = solve(problem, budget=Budget(iterations=TRIP_ITERATIONS), seed=model.request.seed)
    return TripPlan(lodging=tuple(lodging), problem=problem, routes=found.routes)


def check_days_fit(plan: TripPlan) -> None:
    """Raise when even the chosen day routes break a limit: the days themselves cannot work."""
    for day, route in enumerate(plan.routes):
        if not route_times(plan.problem, day, route).feasible:
            spec = plan.problem.routes[day]
            raise InfeasibleError(
                f"Day {day + 1} cannot fit inside the day's hours and driving limit: the drive "
                f"alone takes {plan.problem.travel[spec.start, spec.end]:.0f} minutes. "
                "Allow more driving or a longer day.",
                field="max_drive_min_per_day",
            )


def search_trip(model: TripModel, *, theme: Theme | None, lodgings: Sequence[str]) -> TripPlan:
    """Best plan over a few revisions of the nights' lodging, then a push for short stages."""
    lodging = _initial_lodging(model, theme, lodgings)
    plan = best = _solve(model, to_problem(model, lodging=lodging), lodging)
    for _ in range(LODGING_ROUNDS - 1):
        revised = _relodge(model, plan, lodgings)
        if revised == lodging:
            break
        lodging = revised
        plan = _solve(model, to_problem(model, lodging=lodging), lodging)
        if plan.key() > best.key():
            best = plan
    short = _shortfall(model, theme, best.routes)
    if not short:
        return best
    boosted = to_problem(model, lodging=best.lodging, boost={s: STAGE_BOOST for s in short})
    trial = _solve(model, boosted, best.lodging)
    trial = TripPlan(lodging=trial.lodging, problem=best.problem, routes=trial.routes)
    narrows_gap = sum(_shortfall(model, theme, trial.routes).values()) < sum(short.values())
    if narrows_gap and trial.key()[0] >= best.key()[0]:
        return trial
    return best
