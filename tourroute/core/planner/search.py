"""Iterated local search for the team orienteering problem with time windows.

The scheme follows Vansteenwegen et al. (2009): fill the routes by greedy best-ratio insertion,
then repeatedly shake (remove a run of visits, a random handful, or now and then a whole route)
and refill — half the time keeping the removed vertices out until the others had their chance —
keeping the best solution seen. A shaken solution much worse than its parent is usually dropped,
and the search goes back to the best when it has wandered too long without progress. When a
refill matches the best score, single visits are moved to cheaper gaps (Or-opt) to free time.
Randomness comes from one seeded generator, and the search can stop after a fixed number of
iterations, so the same problem and seed always give the same routes; a time limit is offered too,
for benchmarks, where reproducibility matters less than using the budget.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tourroute.core.planner.insertion import ratio_table
from tourroute.core.planner.model import Problem
from tourroute.core.planner.schedule import RouteTimes, route_times
from tourroute.core.planner.worth import worth

#: Spread of the random factor on insertion ratios during refills (±).
NOISE = 0.15
#: Iterations without a new best before the search restarts from the best.
RESTART_AFTER = 60
#: A shaken solution this much worse (share of the best score) is dropped for its parent.
ACCEPT_DROP = 0.02
#: …except in this share of iterations, which lets small searches walk out of a trap.
WALK_SHARE = 0.3
#: Share of shakes that empty a whole route.
CLEAR_SHARE = 0.05
#: Share of refills that first try every vertex except the ones just removed.
TABU_SHARE = 0.2


@dataclass(frozen=True)
class Budget:
    """When to stop: after ``iterations`` shakes, after ``seconds``, whichever comes first."""

    iterations: int | None = None
    seconds: float | None = None

    def __post_init__(self) -> None:
        if self.iterations is None and self.seconds is None:
            raise ValueError("a budget needs iterations, seconds or both")


@dataclass(frozen=True)
class Solution:
    routes: tuple[tuple[int, ...], ...]
    score: float
    iterations: int


class _State:
    """Routes being worked on, with their timings kept current."""

    def __init__(self, problem: Problem, routes: Sequence[Sequence[int]]) -> None:
        self.problem = problem
        self.routes = [list(r) for r in routes]
        self.times = [route_times(problem, r, visits) for r, visits in enumerate(self.routes)]
        self.visited = {v for route in self.routes for v in route}
        self._score: float | None = None

    def copy(self) -> _State:
        clone = _State.__new__(_State)
        clone.problem = self.problem
        clone.routes = [list(r) for r in self.routes]
        clone.times = list(self.times)
        clone.visited = set(self.visited)
        clone._score = self._score
        return clone

    def set_route(self, route: int, visits: list[int], times: RouteTimes) -> None:
        self.routes[route] = visits
        self.times[route] = times
        self._score = None

    @property
    def score(self) -> float:
        """The objective (``worth`` less the driving's cost), kept until a route changes."""
        if self._score is None:
            problem = self.problem
            drive = sum(t.drive_min for t in self.times) if problem.drive_cost else 0.0
            self._score = worth(problem, self.routes) - problem.drive_cost * drive
        return self._score

    @property
    def duration(self) -> float:
        return sum(t.arrive[-1] - t.start[0] for t in self.times)

    def key(self) -> tuple[int, int, float, float]:
        """Comparison key: mandatory places placed, then mandatory breaks, then score, then
        shorter routes. A promised place outranks a lunch break: a visit long enough to span
        the whole lunch window (a day on Ba Bể lake) has lunch inside it.
        """
        placed = self.problem.mandatory & self.visited
        breaks = len(placed & self.problem.breaks)
        return len(placed) - breaks, breaks, self.score, -self.duration

    def remove(self, route: int, indices: Sequence[int]) -> list[int]:
        drop = set(indices)
        kept = [v for i, v in enumerate(self.routes[route]) if i not in drop]
        removed = [self.routes[route][i] for i in sorted(drop)]
        self.visited.difference_update(removed)
        self.set_route(route, kept, route_times(self.problem, route, kept))
        return removed

    def fill(self, rng: np.random.Generator | None, *, tabu: frozenset[int] = frozenset()) -> None:
        """Insert the best-ratio vertex until none fits; ``tabu`` vertices wait for a 2nd pass."""
        if tabu:
            self._fill(rng, self.visited | tabu)
        self._fill(rng, self.visited)

    def _fill(self, rng: np.random.Generator | None, skip: set[int]) -> None:
        """Greedy insertion; a vertex that fits nowhere is not tried again in this fill.

        Insertions only delay later visits, so (travel times obeying the triangle inequality)
        a vertex that fits nowhere now will not fit after the next insertion either.
        """
        problem = self.problem
        free = np.array([v for v in problem.candidates if v not in skip], dtype=np.intp)
        while len(free):
            noise = None if rng is None else rng.uniform(1 - NOISE, 1 + NOISE, len(free))
            ratio, gap_route, gap_index = ratio_table(problem, self.times, free, noise=noise)
            alive = np.isfinite(ratio).any(axis=1)
            inserted = self._insert_best(ratio, free, gap_route, gap_index)
            if inserted is None:
                return
            free = free[alive & (free != inserted)]

    def _insert_best(
        self,
        ratio: npt.NDArray[np.float64],
        free: npt.NDArray[np.intp],
        gap_route: npt.NDArray[np.intp],
        gap_index: npt.NDArray[np.intp],
    ) -> int | None:
        """Apply the best feasible entry of ``ratio``; entries that fail the replay are skipped."""
        flat = ratio.ravel()
        while True:
            best = int(np.argmax(flat))
            if flat[best] == -math.inf:
                return None
            row, col = divmod(best, ratio.shape[1])
            v, r, i = int(free[row]), int(gap_route[col]), int(gap_index[col])
            visits = self.routes[r]
            trial = [*visits[:i], v, *visits[i:]]
            timed = route_times(self.problem, r, trial)
            if timed.feasible:
                self.set_route(r, trial, timed)
                self.visited.add(v)
                return v
            flat[best] = -math.inf


def _tighten(state: _State) -> bool:
    """Move single visits to the gap where they cost least time (Or-opt); True if any moved."""
    problem = state.problem
    moved = False
    for r in range(len(state.routes)):
        for v in list(state.routes[r]):
            visits = state.routes[r]
            i = visits.index(v)
            end_before = state.times[r].arrive[-1]
            rest = [*visits[:i], *visits[i + 1 :]]
            times = list(state.times)
            times[r] = route_times(problem, r, rest)
            ratio, gap_route, gap_index = ratio_table(problem, times, np.array([v], dtype=np.intp))
            ratio[0, gap_route != r] = -math.inf
            col = int(np.argmax(ratio[0]))
            if ratio[0, col] == -math.inf:
                continue
            j = int(gap_index[col])
            trial = [*rest[:j], v, *rest[j:]]
            timed = route_times(problem, r, trial)
            if timed.feasible and timed.arrive[-1] < end_before - 1e-6:
                state.set_route(r, trial, timed)
                moved = True
    return moved


def _shake(state: _State, rng: np.random.Generator, strength: int) -> frozenset[int]:
    """Remove a run of ``strength`` visits from each route, or as many random visits.

    Now and then a whole route is emptied instead: single removals cannot reverse the order
    of a route, and that is sometimes the only way to a better one.
    """
    problem = state.problem
    # Mandatory vertices stay put once all are placed; while one is missing the others may
    # move too, since refills insert mandatory vertices first and never trade them away.
    kept = problem.mandatory if problem.mandatory <= state.visited else frozenset()
    removed: list[int] = []
    draw = rng.random()
    if draw < CLEAR_SHARE:
        r = int(rng.integers(len(state.routes)))
        visits = state.routes[r]
        return frozenset(state.remove(r, [i for i, v in enumerate(visits) if v not in kept]))
    if draw < 0.5:
        for r, visits in enumerate(state.routes):
            if not visits:
                continue
            first = int(rng.integers(len(visits)))
            run = [(first + k) % len(visits) for k in range(min(strength, len(visits)))]
            removed += state.remove(r, [i for i in run if visits[i] not in kept])
        return frozenset(removed)
    slots = [
        (r, i)
        for r, visits in enumerate(state.routes)
        for i, v in enumerate(visits)
        if v not in kept
    ]
    if not slots:
        return frozenset()
    chosen = rng.choice(len(slots), size=min(len(slots), strength + 1), replace=False)
    by_route: dict[int, list[int]] = {}
    for k in sorted(int(c) for c in chosen):
        r, i = slots[k]
        by_route.setdefault(r, []).append(i)
    for r, indices in by_route.items():
        removed += state.remove(r, indices)
    return frozenset(removed)


def solve(
    problem: Problem,
    *,
    budget: Budget,
    seed: int = 0,
    start: Sequence[Sequence[int]] | None = None,
) -> Solution:
    """Best routes found within ``budget``: mandatory vertices first, then score, then time.

    ``start`` gives feasible routes to fill from instead of empty ones (a caller that knows
    where the mandatory vertices fit).
    """
    rng = np.random.default_rng(seed)
    deadline = math.inf if budget.seconds is None else time.perf_counter() + budget.seconds
    max_iterations = math.inf if budget.iterations is None else budget.iterations
    current = _State(problem, start if start is not None else [[] for _ in problem.routes])
    current.fill(None)
    best = current.copy()
    strength, stale, iteration = 1, 0, 0
    max_strength = max(4, len(problem.candidates) // (3 * len(problem.routes)))
    while iteration < max_iterations and time.perf_counter() < deadline:
        iteration += 1
        before = current.copy()
        removed = _shake(current, rng, strength)
        current.fill(rng, tabu=removed if rng.random() < TABU_SHARE else frozenset())
        if current.score >= best.score and _tighten(current):
            current.fill(rng)
        worse = current.score < before.score - ACCEPT_DROP * best.score
        if worse and rng.random() >= WALK_SHARE:
            current = before
        if current.key() > best.key():
            best = current.copy()
            strength, stale = 1, 0
        else:
            stale += 1
            strength = strength + 1 if strength < max_strength else 1
            if stale % RESTART_AFTER == 0:
                current = best.copy()
    return Solution(
        routes=tuple(tuple(r) for r in best.routes), score=best.score, iterations=iteration
    )
