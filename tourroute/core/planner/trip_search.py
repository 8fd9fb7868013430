"""Search a trip: choose where to sleep, solve the days, pull short theme stages up.

Lodging is chosen outside the optimiser: scout with each night near the best places of the next
day's theme stage, and again near the current day's (short solves), then move each night of the
better plan to the lodging that best joins the evening's last visit to the next morning's first,
and solve in full, keeping the best plan. A stage with fewer visits than its
minimum gets its places' worth raised for one more solve, kept only if it narrows the gap
without losing a mandatory visit.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tourroute.core.domain import Theme
from tourroute.core.errors import InfeasibleError
from tourroute.core.planner.model import Problem, RouteSpec
from tourroute.core.planner.schedule import route_times
from tourroute.core.planner.search import Budget, solve
from tourroute.core.planner.trip_model import TripModel, to_problem
from tourroute.core.planner.worth import worth

#: Shakes per solve, fixed so plans are reproducible. Measured on the flagship 3-day trip over
#: 15 start dates: 60 keeps the mean plan score within 2 % of 200 shakes (60.5 against 61.5) at
#: about 40 % of the time, which is what keeps planning inside its 300 ms median budget.
TRIP_ITERATIONS = 60
#: Shakes per solve when only comparing first choices of lodging.
SCOUT_ITERATIONS = 30
#: At most this many revisions of the nights' lodging (stopping when one does not help).
LODGING_ROUNDS = 2
#: Places of a stage whose position guides the first choice of lodging.
ANCHORS = 3
#: First lodging choices: near tomorrow's stage, then near today's (see ``_near_stages``).
STAGE_AHEAD = (1, 0)
#: Worth multiplier for a stage below its minimum.
STAGE_BOOST = 3.0
#: Lodgings nearest a missing mandatory place tried for the nights around it.
RESCUE_LODGINGS = 3
#: Best places per day that the geographic clusters of an unordered theme are drawn from.
CLUSTER_PLACES_PER_DAY = 4
#: A drive longer than this counts as this long when clustering (see ``_medoids``).
CLUSTER_REACH_MIN = 60.0


@dataclass(frozen=True)
class TripPlan:
    lodging: tuple[str, ...]
    problem: Problem
    routes: tuple[tuple[int, ...], ...]
    #: Why each night is spent where it is (see ``NIGHT_REASONS``); empty until settled.
    reasons: tuple[str | None, ...] = ()

    def score(self) -> float:
        """What the search maximises: the worth, less the driving's cost."""
        problem = self.problem
        drive = 0.0
        if problem.drive_cost:
            drive = sum(route_times(problem, d, r).drive_min for d, r in enumerate(self.routes))
        return worth(problem, self.routes) - problem.drive_cost * drive

    def missing(self) -> frozenset[int]:
        """Mandatory vertices the routes leave out."""
        return self.problem.mandatory - {v for r in self.routes for v in r}

    def key(self) -> tuple[int, int, float]:
        """Missing places first, then missing lunch breaks, then the score (see ``search``)."""
        missing = self.missing()
        breaks = len(missing & self.problem.breaks)
        return -(len(missing) - breaks), -breaks, self.score()


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


def _near_stages(
    model: TripModel, theme: Theme | None, lodgings: Sequence[str], *, ahead: int
) -> list[str]:
    """Each night near the best places of the stage ``ahead`` days on (0: today, 1: tomorrow).

    Sleeping near tomorrow's stage saves the morning drive; sleeping near today's leaves the
    day room for a long visit (a three-hour temple) before the evening drive. Neither is right
    for every trip, so the search tries both.
    """
    request = model.request
    first = model.first_candidate
    rows = [model.vertex_of[s] for s in lodgings]
    nights: list[str] = []
    stages = len(theme.stages) if theme is not None else 0
    for night in range(request.days - 1):
        wanted = min(stages - 1, (night + ahead) * stages // request.days) if stages else None
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


def _medoids(travel: np.ndarray, weight: np.ndarray, k: int) -> list[int]:
    """``k`` medoids (indices into ``travel``) of places weighted by ``weight``.

    Greedy k-medoids (each added medoid cuts the weighted drive to the nearest one the most),
    then swaps of each medoid to its cluster's centre. Drives count up to ``CLUSTER_REACH_MIN``
    only, so an outlying place three hours away does not get a day of its own.
    """
    both = np.minimum((travel + travel.T) / 2, CLUSTER_REACH_MIN)
    cost = both * weight[None, :]
    medoids = [int(np.argmin(cost.sum(axis=1)))]
    while len(medoids) < k:
        reach = both[medoids].min(axis=0)
        gain = (np.maximum(reach[None, :] - both, 0) * weight[None, :]).sum(axis=1)
        gain[medoids] = -1
        medoids.append(int(np.argmax(gain)))
    for _ in range(4):
        near = np.argmin(both[:, medoids], axis=1)
        moved = []
        for c in range(k):
            members = np.flatnonzero(near == c)
            centre = medoids[c]
            if len(members):
                centre = int(members[int(np.argmin(cost[np.ix_(members, members)].sum(axis=1)))])
            moved.append(centre)
        if moved == medoids:
            break
        medoids = moved
    return medoids


def _cluster_nights(model: TripModel, lodgings: Sequence[str]) -> list[str] | None:
    """Nights for a trip whose days each keep to one area (an unordered theme).

    The best places of the trip fall into one geographic cluster per day; the clusters are put
    in the order that drives least from the start round to the end, and each night goes to the
    lodging between its day's cluster and the next one's. Without an order of stages the other
    first choices send every night to the same few places, and the days then zigzag.
    """
    request = model.request
    days = request.days
    if days < 2 or model.ordered:
        return None
    first = model.first_candidate
    ranked = sorted(range(len(model.candidates)), key=lambda k: -max(model.candidates[k].scores))
    chosen = [first + k for k in ranked[: CLUSTER_PLACES_PER_DAY * days]]
    if len(chosen) < days:
        return None
    travel = model.travel_min[np.ix_(chosen, chosen)]
    weight = np.array([max(model.candidate_of(v).scores) for v in chosen])
    centres = [chosen[i] for i in _medoids(travel, weight, days)]
    start, end = model.vertex_of[request.start], model.vertex_of[request.end_place]

    def loop(order: tuple[int, ...]) -> float:
        stops = [start, *order, end]
        return float(sum(model.travel_min[a, b] for a, b in itertools.pairwise(stops)))

    # at most MAX_DAYS (7) clusters: 5,040 orders, a few milliseconds
    order = min(itertools.permutations(centres), key=loop)
    rows = [model.vertex_of[s] for s in lodgings]
    nights = []
    for today, tomorrow in itertools.pairwise(order):
        cost = model.travel_min[today, rows] + model.travel_min[rows, tomorrow]
        nights.append(lodgings[int(np.argmin(cost))])
    return [*nights, request.end_place]


def _ends(
    model: TripModel, plan: TripPlan, night: int, specs: Sequence[RouteSpec]
) -> tuple[int, int]:
    """The last place of day ``night`` and the first of the next (their ends when empty)."""
    lunch = {v for v in model.lunch if v is not None}
    today = [v for v in plan.routes[night] if v not in lunch]
    tomorrow = [v for v in plan.routes[night + 1] if v not in lunch]
    evening = today[-1] if today else specs[night].start
    morning = tomorrow[0] if tomorrow else specs[night + 1].end
    return evening, morning


def _relodge(model: TripModel, plan: TripPlan, lodgings: Sequence[str]) -> list[str]:
    """Each night, the lodging that best joins the day's last place to the next day's first."""
    rows = [model.vertex_of[s] for s in lodgings]
    nights = list(plan.lodging)
    for night in range(len(nights) - 1):
        evening, morning = _ends(model, plan, night, plan.problem.routes)
        cost = model.travel_min[evening, rows] + model.travel_min[rows, morning]
        nights[night] = lodgings[int(np.argmin(cost))]
    return nights


def _solve(
    model: TripModel,
    problem: Problem,
    lodging: Sequence[str],
    *,
    iterations: int = TRIP_ITERATIONS,
) -> TripPlan:
    found = solve(problem, budget=Budget(iterations=iterations), seed=model.request.seed)
    return TripPlan(lodging=tuple(lodging), problem=problem, routes=found.routes)


def _repair(model: TripModel, plan: TripPlan) -> TripPlan:
    """Solve again from the plan's mandatory visits alone, so a missing one gets first pick.

    A must-include that fits somewhere among the other mandatory visits is then placed: the
    refill tries every gap of those routes before any optional place takes room. So a
    must-include left out is one that does not fit among them, which is what ``explain``
    reports, never that it was outscored.
    """
    skeleton = [[v for v in route if v in plan.problem.mandatory] for route in plan.routes]
    found = solve(
        plan.problem,
        budget=Budget(iterations=TRIP_ITERATIONS),
        seed=model.request.seed,
        start=skeleton,
    )
    repaired = TripPlan(lodging=plan.lodging, problem=plan.problem, routes=found.routes)
    return repaired if repaired.key() > plan.key() else plan


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


def _rescue_targets(model: TripModel, plan: TripPlan) -> list[tuple[int, list[int]]]:
    """Each missing mandatory place with the days it may go on; for a day that lost its lunch,
    the mandatory places on that day (the ones a night could move closer to)."""
    targets: list[tuple[int, list[int]]] = []
    all_days = list(range(model.request.days))
    for v in sorted(plan.missing()):
        if v >= model.first_candidate:
            cand = model.candidate_of(v)
            targets.append((v, [d for d in all_days if cand.days is None or d in cand.days]))
            continue
        day = model.lunch.index(v)
        mandatory = plan.problem.mandatory - plan.problem.breaks
        targets += [(u, [day]) for u in plan.routes[day] if u in mandatory]
    return targets


def _rescue(model: TripModel, plan: TripPlan, lodgings: Sequence[str]) -> TripPlan:
    """Try every day and every overnight option near a missing mandatory visit before giving up.

    For each missing vertex and each day it may go on, the nights before and after that day
    move to each of the lodgings nearest to it, and the mandatory visits are solved again. A
    day that lost its lunch to a long mandatory visit gets the same for that visit.
    """
    rows = [model.vertex_of[s] for s in lodgings]
    days = model.request.days
    best = plan
    for v, on_days in _rescue_targets(model, plan):
        if v not in best.missing() and not best.missing() & best.problem.breaks:
            continue  # placed by an earlier try, and every day has its lunch
        nearest = [lodgings[i] for i in np.argsort(model.travel_min[rows, v])[:RESCUE_LODGINGS]]
        for day in on_days:
            for near in nearest:
                nights = list(best.lodging)
                for night in (day - 1, day):
                    if 0 <= night < days - 1:
                        nights[night] = near
                trial = _repair(model, _solve(model, to_problem(model, lodging=nights), nights))
                if trial.key() > best.key():
                    best = trial
            if v not in best.missing() and not best.missing() & best.problem.breaks:
                break  # placed, and no day lost its lunch to it
    return best


def _reason(evening: float, morning: float, feasible: int) -> str:
    if feasible == 1:
        return "only_feasible"
    return "next_first_stop" if morning <= evening else "last_stop"


def settle_nights(model: TripModel, plan: TripPlan, lodgings: Sequence[str]) -> TripPlan:
    """Move each night, routes unchanged, to the feasible lodging with the least evening plus
    morning drive, and say why it was chosen.

    The routes were solved for some lodging; the best night for the visits they hold can be
    another, and leaving it would make the traveller sleep 40 minutes away from a town 10
    minutes off. Days ``night`` and ``night + 1`` must stay feasible with the new end and start.
    """
    problem = plan.problem
    nights = list(plan.lodging)
    reasons: list[str | None] = []
    specs = list(problem.routes)
    for night in range(len(nights) - 1):
        evening, morning = _ends(model, plan, night, specs)
        options = []
        for slug in lodgings:
            lodge = model.vertex_of[slug]
            end = dataclasses.replace(specs[night], end=lodge)
            start = dataclasses.replace(specs[night + 1], start=lodge)
            if not (
                route_times(problem, night, plan.routes[night], spec=end).feasible
                and route_times(problem, night + 1, plan.routes[night + 1], spec=start).feasible
            ):
                continue
            e, m = model.travel_min[evening, lodge], model.travel_min[lodge, morning]
            options.append((float(e + m), slug, float(e), float(m)))
        if not options:
            reasons.append(None)
            continue
        _, slug, e, m = min(options)
        nights[night] = slug
        lodge = model.vertex_of[slug]
        specs[night] = dataclasses.replace(specs[night], end=lodge)
        specs[night + 1] = dataclasses.replace(specs[night + 1], start=lodge)
        reasons.append(_reason(e, m, len(options)))
    settled = to_problem(model, lodging=nights)
    routes = plan.routes
    if plan.missing() & settled.breaks:
        # a night moved closer can make room for a lunch the old lodging left none for
        routes = solve(settled, budget=Budget(iterations=0), start=routes).routes
    return TripPlan(lodging=tuple(nights), problem=settled, routes=routes, reasons=(*reasons, None))


def _stable(model: TripModel, previous: Mapping[int, int], lodging: Sequence[str]) -> TripPlan:
    """Re-plan from the previous routes, their stops worth more where they were."""
    problem = to_problem(model, lodging=lodging)
    keep = to_problem(model, lodging=lodging, keep=previous)
    days = model.request.days
    start: list[list[int]] = [[] for _ in range(days)]
    for v, day in sorted(previous.items(), key=lambda item: item[0]):
        if problem.windows[day][v]:
            start[day].append(v)
    start = [r if route_times(problem, d, r).feasible else [] for d, r in enumerate(start)]
    found = solve(
        keep, budget=Budget(iterations=TRIP_ITERATIONS), seed=model.request.seed, start=start
    )
    return TripPlan(lodging=tuple(lodging), problem=problem, routes=found.routes)


def search_trip(
    model: TripModel,
    *,
    theme: Theme | None,
    lodgings: Sequence[str],
    previous: Mapping[int, int] | None = None,
    previous_lodging: Sequence[str] | None = None,
) -> TripPlan:
    """Best plan over a few choices of the nights' lodging, then a push for short stages.

    Plans compare by mandatory visits placed, then score, so a lodging that makes a must-include
    impossible can never win over one that keeps it. A missing mandatory visit gets every day
    and overnight option tried (``_rescue``). With ``previous`` (vertex → day of the trip being
    re-planned) the search starts from those routes and lodging and prefers to keep them.
    """
    if previous is not None and previous_lodging is not None:
        best = _stable(model, previous, previous_lodging)
        if best.missing():
            best = _rescue(model, _repair(model, best), lodgings)
        return settle_nights(model, best, lodgings)
    return settle_nights(model, _search(model, theme=theme, lodgings=lodgings), lodgings)


def _visited(plan: TripPlan) -> set[int]:
    return {v for route in plan.routes for v in route}


def _require(model: TripModel, *, only: int | None = None, release: int | None = None) -> TripModel:
    """``model`` with festival places made optional: all but ``only``, or just ``release``.

    Promised places (must-includes, locked stops) stay required either way; a released
    festival place is marked ``clashed`` so the plan can say why it is not there.
    """
    promised = model.request.promised
    first = model.first_candidate
    candidates = []
    for k, cand in enumerate(model.candidates):
        festival_only = cand.mandatory and not cand.slugs & promised
        if festival_only and release == first + k:
            cand = dataclasses.replace(cand, mandatory=False, clashed=True)
        elif festival_only and only is not None and only != first + k:
            cand = dataclasses.replace(cand, mandatory=False)
        candidates.append(cand)
    return dataclasses.replace(model, candidates=tuple(candidates))


def release_festival_clashes(
    model: TripModel,
    plan: TripPlan,
    *,
    theme: Theme | None,
    lodgings: Sequence[str],
    previous: Mapping[int, int] | None = None,
    previous_lodging: Sequence[str] | None = None,
) -> tuple[TripModel, TripPlan]:
    """Let go of a required festival place that only other festivals keep out of the trip.

    With festivals on, every festival place is required on its days; two held the same day
    can be hours apart (Cầu Vồng in Bắc Ninh and Lăng Sương in Phú Thọ on 3/3/2026), and no
    day reaches both. A missing festival place that fits beside the traveller's own promises
    alone is released (kept optional, marked ``clashed``) and the trip searched again; one that
    does not fit even then stays missing, and the request is refused naming it. A re-plan
    (``previous``, see ``search_trip``) stays a re-plan when searched again.
    """
    while True:
        missing = [v for v in sorted(plan.missing()) if v >= model.first_candidate]
        if not missing or model.candidate_of(missing[0]).slugs & model.request.promised:
            return model, plan
        v = missing[0]
        alone = _search(_require(model, only=v), theme=theme, lodgings=lodgings)
        if v not in _visited(alone):
            return model, plan
        model = _require(model, release=v)
        plan = search_trip(
            model,
            theme=theme,
            lodgings=lodgings,
            previous=previous,
            previous_lodging=previous_lodging,
        )


def _search(model: TripModel, *, theme: Theme | None, lodgings: Sequence[str]) -> TripPlan:
    firsts = [tuple(_near_stages(model, theme, lodgings, ahead=a)) for a in STAGE_AHEAD]
    clustered = _cluster_nights(model, lodgings)
    if clustered is not None:
        firsts.append(tuple(clustered))
    starts = [
        _solve(model, to_problem(model, lodging=lodging), lodging, iterations=SCOUT_ITERATIONS)
        for lodging in dict.fromkeys(firsts)
    ]
    best = max(starts, key=TripPlan.key)
    for _ in range(LODGING_ROUNDS):
        lodging = _relodge(model, best, lodgings)
        plan = _solve(model, to_problem(model, lodging=lodging), lodging)
        if plan.key() <= best.key():
            break
        best = plan
    if best.missing():
        best = _repair(model, best)
    if best.missing():
        best = _rescue(model, best, lodgings)
    short = _shortfall(model, theme, best.routes)
    if not short:
        return best
    boosted = to_problem(model, lodging=best.lodging, boost={s: STAGE_BOOST for s in short})
    trial = _solve(model, boosted, best.lodging)
    trial = TripPlan(lodging=trial.lodging, problem=best.problem, routes=trial.routes)
    narrows_gap = sum(_shortfall(model, theme, trial.routes).values()) < sum(short.values())
    if narrows_gap and trial.key()[:2] >= best.key()[:2]:
        return trial
    return best
