"""What a set of routes is worth when repeats of one kind count less (diminishing returns).

A guide sells one Xoan site a day, not four: within a route the visits of one kind are ranked by
score and the k-th keeps ``day_factors[k]`` of it; across all routes the visits of one kind are
ranked again by what they kept and the k-th keeps ``trip_factors[k]`` of that. Then the visits of
each theme stage are ranked across the trip by what they kept: the first ``stage_need[s]`` keep
it all, the k-th beyond keeps ``stage_factors[k]`` (variety across the theme's stages, rather
than seven tea hills in a journey of three). The last factor of each list repeats. Vertices
without a kind or stage (and every vertex of a problem without them, such as the public
benchmark) keep their full score, so the objective is then the plain sum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tourroute.core.planner.model import Problem


def _factor(factors: Sequence[float], rank: int) -> float:
    return factors[min(rank, len(factors) - 1)]


def visit_worths(problem: Problem, routes: Sequence[Sequence[int]]) -> list[list[float]]:
    """What each visit adds, route by route, in route order; their sum is ``worth``."""
    score = problem.score
    out = [[float(score[r, v]) for v in route] for r, route in enumerate(routes)]
    if problem.kind is not None:
        _kind_factors(problem, problem.kind, routes, out)
    if problem.stage is not None:
        _stage_factors(problem, problem.stage, routes, out)
    if problem.group is not None:
        _group_factors(problem, problem.group, routes, out)
    return out


def _kind_factors(
    problem: Problem,
    kind: npt.NDArray[np.intp],
    routes: Sequence[Sequence[int]],
    out: list[list[float]],
) -> None:
    """Apply the same-kind factors of a day, then of the trip, to ``out`` in place.

    The parts of one site group on one route are one visit of their kind: they share the rank
    of the group's best part, so a group seen in parts around lunch is one temple visit, not
    three, and is not pushed apart to other days to escape the same-day factors.
    """
    group = problem.group
    trip: dict[int, list[tuple[float, int, list[int]]]] = {}
    for r, route in enumerate(routes):
        units: dict[tuple[int, int], list[int]] = {}
        for i, v in enumerate(route):
            if kind[v] >= 0:
                unit = int(group[v]) if group is not None and group[v] >= 0 else -1 - i
                units.setdefault((int(kind[v]), unit), []).append(i)
        day: dict[int, list[tuple[float, list[int]]]] = {}
        for (k, _unit), parts in units.items():
            day.setdefault(k, []).append((max(out[r][i] for i in parts), parts))
        for k, items in day.items():
            for rank, (value, parts) in enumerate(sorted(items, key=lambda x: (-x[0], x[1][0]))):
                factor = _factor(problem.day_factors, rank)
                for i in parts:
                    out[r][i] *= factor
                trip.setdefault(k, []).append((value * factor, r, parts))
    for visits in trip.values():
        ranked = sorted(visits, key=lambda x: (-x[0], x[1], x[2][0]))
        for rank, (_value, r, parts) in enumerate(ranked):
            factor = _factor(problem.trip_factors, rank)
            for i in parts:
                out[r][i] *= factor


def _group_factors(
    problem: Problem,
    group: npt.NDArray[np.intp],
    routes: Sequence[Sequence[int]],
    out: list[list[float]],
) -> None:
    """Parts of a site group on any route but the one where the group is worth most keep
    ``group_apart_factor`` of their worth (in place): a guide shows a site in one go, not the
    temples one day and the tomb the next."""
    totals: dict[int, dict[int, float]] = {}
    for r, route in enumerate(routes):
        for i, v in enumerate(route):
            if group[v] >= 0:
                per_route = totals.setdefault(int(group[v]), {})
                per_route[r] = per_route.get(r, 0.0) + out[r][i]
    home = {g: max(on, key=lambda r: (on[r], -r)) for g, on in totals.items() if len(on) > 1}
    for r, route in enumerate(routes):
        for i, v in enumerate(route):
            if home.get(int(group[v]), r) != r:
                out[r][i] *= problem.group_apart_factor


def _stage_factors(
    problem: Problem,
    stage: npt.NDArray[np.intp],
    routes: Sequence[Sequence[int]],
    out: list[list[float]],
) -> None:
    """Visits of a stage beyond what it needs keep ``stage_factors`` of their worth (in place)."""
    visits: dict[int, list[tuple[float, int, int]]] = {}
    for r, route in enumerate(routes):
        for i, v in enumerate(route):
            if stage[v] >= 0:
                visits.setdefault(int(stage[v]), []).append((out[r][i], r, i))
    for s, items in visits.items():
        need = problem.stage_need[s]
        ranked = sorted(items, key=lambda x: (-x[0], x[1], x[2]))
        for rank, (value, r, i) in enumerate(ranked[need:]):
            out[r][i] = value * _factor(problem.stage_factors, rank)


def worth(problem: Problem, routes: Sequence[Sequence[int]]) -> float:
    """The objective the search maximises."""
    if problem.kind is None and problem.stage is None and problem.group is None:
        score = problem.score
        return float(sum(score[r, v] for r, route in enumerate(routes) for v in route))
    return float(sum(sum(route) for route in visit_worths(problem, routes)))


def insertion_factors(
    problem: Problem, routes: Sequence[Sequence[int]]
) -> npt.NDArray[np.float64] | None:
    """Per route and vertex, the share of its score one more visit would keep (None: all 1).

    It treats the newcomer as the least of its kind and of its stage, which is exact when it is
    and a slight underestimate otherwise; the search compares whole solutions by ``worth`` anyway.
    """
    factors = _group_insertion(problem, routes, _kind_insertion(problem, routes))
    if problem.stage is None or not problem.stage_need:
        return factors
    stage = problem.stage
    counts = np.zeros(len(problem.stage_need), dtype=np.intp)
    for route in routes:
        if route:
            s = stage[np.asarray(route, dtype=np.intp)]
            counts += np.bincount(s[s >= 0], minlength=len(problem.stage_need))
    beyond = counts - np.asarray(problem.stage_need, dtype=np.intp)
    table = np.asarray(problem.stage_factors)
    per_stage = np.where(beyond < 0, 1.0, table[np.clip(beyond, 0, len(table) - 1)])
    if factors is None:
        factors = np.ones((len(routes), problem.size))
    has_stage = stage >= 0
    factors[:, has_stage] *= per_stage[stage[has_stage]]
    return factors


def _kind_insertion(
    problem: Problem, routes: Sequence[Sequence[int]]
) -> npt.NDArray[np.float64] | None:
    if problem.kind is None:
        return None
    kinds = int(problem.kind.max()) + 1
    if kinds <= 0:
        return None
    per_day = np.zeros((len(routes), kinds), dtype=np.intp)
    for r, route in enumerate(routes):
        if route:
            k = problem.kind[np.asarray(route, dtype=np.intp)]
            per_day[r] = np.bincount(k[k >= 0], minlength=kinds)
    day = np.asarray(problem.day_factors)[np.minimum(per_day, len(problem.day_factors) - 1)]
    trip = np.asarray(problem.trip_factors)[
        np.minimum(per_day.sum(axis=0), len(problem.trip_factors) - 1)
    ]
    factors = np.ones((len(routes), problem.size))
    has_kind = problem.kind >= 0
    k = problem.kind[has_kind]
    factors[:, has_kind] = day[:, k] * trip[None, k]
    return factors


def _group_insertion(
    problem: Problem,
    routes: Sequence[Sequence[int]],
    factors: npt.NDArray[np.float64] | None,
) -> npt.NDArray[np.float64] | None:
    """A part of a group joins its group's visit at full worth on a route where the group is,
    and keeps ``group_apart_factor`` on the others (see ``_group_factors``)."""
    group = problem.group_list
    if group is None:
        return factors
    present: dict[int, list[int]] = {}
    for r, route in enumerate(routes):
        for v in route:
            g = group[v]
            if g >= 0 and r not in present.setdefault(g, []):
                present[g].append(r)
    if not present:
        return factors
    if factors is None:
        factors = np.ones((len(routes), problem.size))
    for g, on in present.items():
        parts = problem.group_parts[g]
        for r in range(len(routes)):
            if r in on:
                factors[r, parts] = 1.0
            else:
                factors[r, parts] *= problem.group_apart_factor
    return factors
