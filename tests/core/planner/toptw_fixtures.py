"""Small random TOPTW problems and a brute-force optimum to hold the solver to."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np

from tourroute.core.planner.model import Problem, RouteSpec

Windows = tuple[tuple[float, float], ...]


def route_ok(problem: Problem, r: int, visits: Sequence[int]) -> bool:
    """Replay one route independently of the solver's own timing code."""
    spec = problem.routes[r]
    t, here, drive = spec.open_min, spec.start, 0.0
    for v in visits:
        t += problem.travel[here, v]
        drive += problem.travel[here, v]
        starts = [max(t, a) for a, b in problem.windows[r][v] if max(t, a) <= b + 1e-9]
        if not starts:
            return False
        t, here = min(starts) + problem.service[v], v
    t += problem.travel[here, spec.end]
    drive += problem.travel[here, spec.end]
    counted = sum(1 for v in visits if v not in problem.breaks)
    within = spec.max_visits is None or counted <= spec.max_visits
    return t <= spec.close_min + 1e-9 and drive <= spec.max_drive_min + 1e-9 and within


def ranks_ok(problem: Problem, routes: Sequence[Sequence[int]]) -> bool:
    if problem.rank is None:
        return True
    rank = problem.rank
    order = [rank[v] for route in routes for v in route if not math.isnan(rank[v])]
    return all(a <= b for a, b in itertools.pairwise(order))


def solution_ok(problem: Problem, routes: Sequence[Sequence[int]]) -> bool:
    flat = [v for route in routes for v in route]
    return (
        len(flat) == len(set(flat))
        and set(flat) <= set(problem.candidates)
        and problem.mandatory <= set(flat)
        and ranks_ok(problem, routes)
        and all(route_ok(problem, r, route) for r, route in enumerate(routes))
    )


def plain_sum(problem: Problem, routes: Sequence[Sequence[int]]) -> float:
    return float(sum(problem.score[r, v] for r, seq in enumerate(routes) for v in seq))


def brute_force(
    problem: Problem,
    objective: Callable[[Problem, Sequence[Sequence[int]]], float] = plain_sum,
) -> float:
    """Best objective over every assignment of ordered vertex subsets to routes."""
    cands = problem.candidates
    best = -math.inf

    def extend(r: int, used: frozenset[int], routes: list[tuple[int, ...]]) -> None:
        nonlocal best
        if r == len(problem.routes):
            if problem.mandatory <= used and ranks_ok(problem, routes):
                best = max(best, objective(problem, routes))
            return
        free = [v for v in cands if v not in used]
        for k in range(len(free) + 1):
            for seq in itertools.permutations(free, k):
                if route_ok(problem, r, seq):
                    extend(r + 1, used | set(seq), [*routes, seq])

    extend(0, frozenset(), [])
    return best


def random_problem(
    seed: int,
    *,
    vertices: int,
    routes: int,
    multi_windows: bool = False,
    ranked: bool = False,
    drive_limit: float = math.inf,
    mandatory: frozenset[int] = frozenset(),
    per_route_scores: bool = False,
) -> Problem:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 50, size=(vertices + 1, 2))
    travel = np.floor(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) * 10) / 10
    service = np.concatenate([[0.0], rng.integers(5, 20, vertices).astype(float)])
    score = np.concatenate([[0.0], rng.integers(1, 30, vertices).astype(float)])
    horizon = 160.0

    def spans() -> Windows:
        a = float(rng.integers(0, 100))
        first = (a, a + float(rng.integers(10, 60)))
        if not multi_windows:
            return (first,)
        b = first[1] + float(rng.integers(10, 40))
        return (first, (b, b + float(rng.integers(5, 40))))

    scores = np.tile(score, (routes, 1))
    if per_route_scores:
        scores[:, 1:] += rng.integers(0, 20, (routes, vertices))
    rank = rng.integers(0, 3, vertices + 1).astype(float)
    rank[rng.random(vertices + 1) < 0.2] = math.nan
    windows = tuple((((0.0, horizon),), *(spans() for _ in range(vertices))) for _ in range(routes))
    return Problem(
        travel=travel,
        service=service,
        score=scores,
        windows=windows,
        routes=tuple(
            RouteSpec(start=0, end=0, open_min=0.0, close_min=horizon, max_drive_min=drive_limit)
            for _ in range(routes)
        ),
        candidates=tuple(range(1, vertices + 1)),
        rank=rank if ranked else None,
        mandatory=mandatory,
    )
