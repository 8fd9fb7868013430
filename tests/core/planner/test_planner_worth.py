"""Diminishing returns: the objective by hand, against brute force, and neutral on the benchmark."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

import numpy as np
import pytest

from tests.core.planner.toptw_fixtures import brute_force, random_problem, solution_ok
from tourroute.core.planner.model import Problem
from tourroute.core.planner.search import Budget, solve
from tourroute.core.planner.worth import insertion_factors, visit_worths, worth

DAY = (1.0, 0.5, 0.25)
TRIP = (1.0, 1.0, 0.6)


def _with_kinds(problem: Problem, seed: int, *, kinds: int = 2, max_visits: int | None = None):
    rng = np.random.default_rng(seed)
    kind = rng.integers(-1, kinds, problem.size).astype(np.intp)
    kind[0] = -1
    routes = tuple(dataclasses.replace(r, max_visits=max_visits) for r in problem.routes)
    return dataclasses.replace(
        problem, kind=kind, day_factors=DAY, trip_factors=TRIP, routes=routes
    )


def _by_hand(problem: Problem, routes: Sequence[Sequence[int]]) -> float:
    """The objective as the docstring states it, written independently."""
    kept: list[tuple[int, float]] = []  # (kind, worth after the day factor)
    total = 0.0
    for r, route in enumerate(routes):
        for k in {int(problem.kind[v]) for v in route}:  # type: ignore[index]
            values = sorted(
                (float(problem.score[r, v]) for v in route if problem.kind[v] == k),  # type: ignore[index]
                reverse=True,
            )
            if k < 0:
                total += sum(values)
                continue
            kept += [(k, x * DAY[min(i, len(DAY) - 1)]) for i, x in enumerate(values)]
    for k in {k for k, _ in kept}:
        values = sorted((x for kk, x in kept if kk == k), reverse=True)
        total += sum(x * TRIP[min(i, len(TRIP) - 1)] for i, x in enumerate(values))
    return total


def test_three_visits_of_one_kind_in_a_day_count_less_and_less() -> None:
    problem = _with_kinds(random_problem(1, vertices=4, routes=1), 1)
    kind = np.array([-1, 0, 0, 0, -1], dtype=np.intp)
    score = np.array([[0.0, 10.0, 8.0, 6.0, 5.0]])
    problem = dataclasses.replace(problem, kind=kind, score=score)
    # the third of its kind in the trip also takes the trip factor (0.6)
    assert worth(problem, [[3, 1, 2, 4]]) == pytest.approx(10 + 8 * 0.5 + 6 * 0.25 * 0.6 + 5)
    assert visit_worths(problem, [[3, 1, 2, 4]])[0] == pytest.approx([0.9, 10.0, 4.0, 5.0])


def test_the_same_kind_on_later_days_counts_less_across_the_trip() -> None:
    problem = _with_kinds(random_problem(2, vertices=3, routes=3), 2)
    kind = np.array([-1, 0, 0, 0], dtype=np.intp)
    score = np.tile(np.array([0.0, 9.0, 6.0, 3.0]), (3, 1))
    problem = dataclasses.replace(problem, kind=kind, score=score)
    assert worth(problem, [[1], [2], [3]]) == pytest.approx(9 + 6 + 3 * 0.6)


@pytest.mark.parametrize("seed", range(12))
def test_the_objective_matches_its_definition(seed: int) -> None:
    problem = _with_kinds(random_problem(seed, vertices=8, routes=2), seed, kinds=3)
    rng = np.random.default_rng(seed)
    order = rng.permutation(np.arange(1, 9))
    routes = [list(order[:4]), list(order[4:7])]
    assert worth(problem, routes) == pytest.approx(_by_hand(problem, routes))


@pytest.mark.parametrize("seed", range(8))
def test_the_search_finds_the_brute_force_optimum_of_the_diminishing_objective(seed: int) -> None:
    problem = _with_kinds(random_problem(seed, vertices=6, routes=2), seed, max_visits=2)
    best = brute_force(problem, _by_hand)
    found = solve(problem, budget=Budget(iterations=300), seed=seed)
    assert solution_ok(problem, found.routes)
    assert worth(problem, found.routes) == pytest.approx(best)


@pytest.mark.parametrize("seed", range(6))
def test_without_kinds_the_objective_is_the_plain_sum(seed: int) -> None:
    """The public OPTW instances have no kinds: their scores must not move."""
    problem = random_problem(seed, vertices=7, routes=2)
    routes = [[1, 2, 3], [4, 5]]
    assert worth(problem, routes) == float(
        sum(problem.score[r, v] for r, x in enumerate(routes) for v in x)
    )
    assert insertion_factors(problem, routes) is None


def test_an_insertion_factor_is_exact_for_the_least_valued_newcomer() -> None:
    problem = _with_kinds(random_problem(3, vertices=5, routes=2), 3)
    kind = np.array([-1, 0, 0, 1, 0, 0], dtype=np.intp)
    score = np.tile(np.array([0.0, 9.0, 8.0, 7.0, 6.0, 1.0]), (2, 1))
    problem = dataclasses.replace(problem, kind=kind, score=score)
    routes = [[1, 2], [4]]
    factors = insertion_factors(problem, routes)
    assert factors is not None
    for r, v in itertools.product(range(2), (5,)):
        trial = [list(x) for x in routes]
        trial[r].append(v)
        gained = worth(problem, trial) - worth(problem, routes)
        assert gained == pytest.approx(score[r, v] * factors[r, v])


STAGE = (0.5, 0.25)


def _with_stages(problem: Problem, seed: int, *, need: tuple[int, ...] = (1, 2)) -> Problem:
    rng = np.random.default_rng(seed + 100)
    stage = rng.integers(-1, len(need), problem.size).astype(np.intp)
    stage[0] = -1
    return dataclasses.replace(problem, stage=stage, stage_need=need, stage_factors=STAGE)


def _by_hand_with_stages(problem: Problem, routes: Sequence[Sequence[int]]) -> float:
    """Kind factors as above, then each stage's visits beyond its need by ``STAGE``."""
    assert problem.stage is not None
    kept = visit_worths(dataclasses.replace(problem, stage=None), routes)
    pairs = [
        (int(problem.stage[v]), x)
        for r, route in enumerate(routes)
        for v, x in zip(route, kept[r], strict=True)
    ]
    total = sum(x for s, x in pairs if s < 0)
    for s, need in enumerate(problem.stage_need):
        values = sorted((x for t, x in pairs if t == s), reverse=True)
        total += sum(values[:need])
        total += sum(x * STAGE[min(i, len(STAGE) - 1)] for i, x in enumerate(values[need:]))
    return total


def test_a_stage_s_places_beyond_its_need_count_less_and_less() -> None:
    problem = random_problem(4, vertices=4, routes=2)
    stage = np.array([-1, 0, 0, 0, 1], dtype=np.intp)
    score = np.tile(np.array([0.0, 10.0, 8.0, 6.0, 5.0]), (2, 1))
    problem = dataclasses.replace(
        problem, score=score, stage=stage, stage_need=(1, 1), stage_factors=STAGE
    )
    # stage 0 needs one place: the 8 keeps half, the 6 a quarter, on whichever day they are
    assert worth(problem, [[3, 4], [2, 1]]) == pytest.approx(10 + 8 * 0.5 + 6 * 0.25 + 5)
    assert visit_worths(problem, [[3, 4], [2, 1]]) == [
        pytest.approx([1.5, 5.0]),
        pytest.approx([4.0, 10.0]),
    ]


@pytest.mark.parametrize("seed", range(8))
def test_the_stage_rule_matches_its_definition_and_the_brute_force_optimum(seed: int) -> None:
    problem = _with_stages(_with_kinds(random_problem(seed, vertices=6, routes=2), seed), seed)
    rng = np.random.default_rng(seed)
    order = rng.permutation(np.arange(1, 7))
    routes = [list(order[:3]), list(order[3:5])]
    assert worth(problem, routes) == pytest.approx(_by_hand_with_stages(problem, routes))
    capped = dataclasses.replace(
        problem, routes=tuple(dataclasses.replace(r, max_visits=2) for r in problem.routes)
    )
    best = brute_force(capped, _by_hand_with_stages)
    found = solve(capped, budget=Budget(iterations=300), seed=seed)
    assert solution_ok(capped, found.routes)
    assert worth(capped, found.routes) == pytest.approx(best)


def test_a_stage_insertion_factor_is_exact_for_the_least_valued_newcomer() -> None:
    problem = random_problem(5, vertices=5, routes=2)
    stage = np.array([-1, 0, 0, 1, 0, 0], dtype=np.intp)
    score = np.tile(np.array([0.0, 9.0, 8.0, 7.0, 6.0, 1.0]), (2, 1))
    problem = dataclasses.replace(
        problem, score=score, stage=stage, stage_need=(2, 1), stage_factors=STAGE
    )
    routes = [[1, 2], [4]]
    factors = insertion_factors(problem, routes)
    assert factors is not None
    for r in range(2):
        trial = [list(x) for x in routes]
        trial[r].append(5)
        gained = worth(problem, trial) - worth(problem, routes)
        assert gained == pytest.approx(score[r, 5] * factors[r, 5])


def test_a_site_group_in_parts_is_one_visit_of_its_kind_and_stays_on_one_day() -> None:
    problem = _with_kinds(random_problem(1, vertices=4, routes=2), 1)
    kind = np.array([-1, 0, 0, 0, -1], dtype=np.intp)
    group = np.array([-1, 7, 7, -1, -1], dtype=np.intp)  # vertices 1 and 2: one site, in parts
    score = np.array([[0.0, 10.0, 8.0, 6.0, 5.0], [0.0, 10.0, 8.0, 6.0, 5.0]])
    grouped = dataclasses.replace(
        problem, kind=kind, score=score, group=group, group_apart_factor=0.1
    )
    # Together on a day the parts share one rank: the other temple is the second of its kind.
    assert visit_worths(grouped, [[1, 2, 3], []])[0] == pytest.approx([10.0, 8.0, 3.0])
    # Split over two days, the part away from the group's main day keeps a tenth (and the
    # other temple, third of its kind in the trip, the trip factor).
    assert visit_worths(grouped, [[1, 3], [2]]) == [
        pytest.approx([10.0, 6.0 * 0.5 * 0.6]),
        pytest.approx([0.8]),
    ]
    assert worth(grouped, [[1, 2, 3], []]) > worth(grouped, [[1, 3], [2]])
    # Without groups the same split was the better plan: the same-day factor pushed parts apart.
    plain = dataclasses.replace(grouped, group=None)
    assert worth(plain, [[1, 3], [2]]) > worth(plain, [[1, 2, 3], []])
    # What one more part would keep: all on the group's day, a tenth on another.
    factors = insertion_factors(grouped, [[1], []])
    assert factors is not None and factors[0, 2] == 1.0 and factors[1, 2] == pytest.approx(0.1)
