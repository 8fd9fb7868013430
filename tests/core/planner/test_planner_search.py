import numpy as np
import pytest

from tests.core.planner.toptw_fixtures import brute_force, random_problem, solution_ok
from tourroute.core.planner.search import Budget, solve

BUDGET = Budget(iterations=1000)


@pytest.mark.parametrize("seed", range(6))
def test_one_route_reaches_the_brute_force_optimum(seed: int) -> None:
    problem = random_problem(seed, vertices=7, routes=1)
    found = solve(problem, budget=BUDGET, seed=seed)
    assert solution_ok(problem, found.routes)
    assert found.score == brute_force(problem)


@pytest.mark.parametrize("seed", range(3))
def test_two_routes_reach_the_brute_force_optimum(seed: int) -> None:
    problem = random_problem(100 + seed, vertices=5, routes=2)
    found = solve(problem, budget=BUDGET, seed=seed)
    assert solution_ok(problem, found.routes)
    assert found.score == brute_force(problem)


@pytest.mark.parametrize("seed", range(3))
def test_several_windows_ranks_and_drive_limits_are_respected_optimally(seed: int) -> None:
    problem = random_problem(
        200 + seed, vertices=6, routes=2, multi_windows=True, ranked=True, drive_limit=60.0
    )
    found = solve(problem, budget=BUDGET, seed=seed)
    assert solution_ok(problem, found.routes)
    assert found.score == brute_force(problem)


@pytest.mark.parametrize("seed", range(3))
def test_scores_that_differ_by_route_are_optimised(seed: int) -> None:
    problem = random_problem(300 + seed, vertices=5, routes=2, per_route_scores=True)
    found = solve(problem, budget=BUDGET, seed=seed)
    assert solution_ok(problem, found.routes)
    assert found.score == brute_force(problem)


def test_same_seed_and_iterations_give_the_same_routes() -> None:
    problem = random_problem(7, vertices=30, routes=2)
    first = solve(problem, budget=Budget(iterations=40), seed=3)
    again = solve(problem, budget=Budget(iterations=40), seed=3)
    assert first.routes == again.routes


def test_a_mandatory_low_scorer_is_placed_and_the_rest_stays_optimal() -> None:
    base = random_problem(11, vertices=7, routes=1)
    poor = int(np.argmin(base.score[0, 1:])) + 1
    problem = random_problem(11, vertices=7, routes=1, mandatory=frozenset({poor}))
    found = solve(problem, budget=BUDGET)
    assert poor in found.routes[0]
    assert solution_ok(problem, found.routes)
    assert found.score == brute_force(problem)
