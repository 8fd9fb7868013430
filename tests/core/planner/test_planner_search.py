import dataclasses
import datetime as dt

import numpy as np
import pytest

from tests.core.planner.toptw_fixtures import brute_force, random_problem, solution_ok
from tests.core.planner.trip_fixtures import CrowFlies, region
from tourroute.core.domain import PlanRules, TripRequest
from tourroute.core.planner.insertion import ratio_table
from tourroute.core.planner.model import Problem, RouteSpec
from tourroute.core.planner.schedule import route_times
from tourroute.core.planner.search import Budget, solve
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.trip_search import _medoids

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


def _with_lunch(seed: int) -> Problem:
    """A random one-route problem whose vertex 1 is a mandatory break (lunch) mid-horizon."""
    base = random_problem(seed, vertices=7, routes=1)
    windows = [list(per_route) for per_route in base.windows]
    windows[0][1] = ((50.0, 90.0),)
    return dataclasses.replace(
        base,
        windows=tuple(tuple(w) for w in windows),
        breaks=frozenset({1}),
        mandatory=frozenset({1}),
    )


@pytest.mark.parametrize("seed", range(40))
def test_insertion_table_agrees_with_a_replay_around_a_break(seed: int) -> None:
    problem = _with_lunch(seed)
    routes = solve(problem, budget=Budget(iterations=30), seed=seed).routes
    times = [route_times(problem, r, visits) for r, visits in enumerate(routes)]
    free = np.array([v for v in problem.candidates if v not in routes[0]], dtype=np.intp)
    ratio, gap_route, gap_index = ratio_table(problem, times, free)
    for row, v in enumerate(free):
        for col in range(ratio.shape[1]):
            visits = routes[gap_route[col]]
            i = gap_index[col]
            trial = [*visits[:i], int(v), *visits[i:]]
            replay = route_times(problem, int(gap_route[col]), trial).feasible
            assert np.isfinite(ratio[row, col]) == replay, (v, trial)


def test_a_long_mandatory_visit_fits_before_lunch() -> None:
    # Depot 0, lunch 1 (11:00-13:30 start, one hour), temple 2 (three hours, 100 min away,
    # open 07:00-18:00): the temple only fits before lunch, and lunch is placed first.
    travel = np.array([[0.0, 0.0, 100.0], [0.0, 0.0, 0.0], [100.0, 0.0, 0.0]])
    day = (((0.0, 0.0),), ((660.0, 810.0),), ((420.0, 900.0),))
    problem = Problem(
        travel=travel,
        service=np.array([0.0, 60.0, 180.0]),
        score=np.array([[0.0, 0.0, 1.0]]),
        windows=(day,),
        routes=(RouteSpec(start=0, end=0, open_min=480.0, close_min=1080.0),),
        candidates=(1, 2),
        mandatory=frozenset({1, 2}),
        breaks=frozenset({1}),
    )
    # No shakes: the first greedy fill alone must find the place before lunch.
    found = solve(problem, budget=Budget(iterations=0))
    assert found.routes == ((2, 1),)


def test_a_solve_from_given_routes_keeps_them_feasible_and_adds_the_missing_mandatory() -> None:
    base = random_problem(12, vertices=7, routes=2)
    found = solve(base, budget=BUDGET, seed=1)
    placed = sorted(v for route in found.routes for v in route)
    missing = next(v for v in base.candidates if v not in placed)
    keep = placed[0]
    problem = dataclasses.replace(base, mandatory=frozenset({keep, missing}))
    start = [[v for v in route if v == keep] for route in found.routes]
    again = solve(problem, budget=Budget(iterations=0), seed=1, start=start)
    assert solution_ok(problem, again.routes)


def test_medoids_give_each_cluster_one_and_no_day_to_a_far_outlier() -> None:
    spots = np.array([0.0, 5.0, 10.0, 100.0, 105.0, 110.0, 400.0])
    travel = np.abs(spots[:, None] - spots[None, :])
    weight = np.array([1.0, 3.0, 1.0, 1.0, 3.0, 1.0, 2.0])
    assert sorted(_medoids(travel, weight, 2)) == [1, 4]


def test_a_trip_without_stage_order_never_comes_back_to_an_area_it_left() -> None:
    places = region()
    rules = PlanRules(drive_cost_per_min=0.04, max_sights_per_day={"normal": 3})
    request = TripRequest(start_date=dt.date(2026, 11, 23), days=3, start="gate", theme=None)
    it = plan_trip(
        request, places=places, themes={}, festivals=(), travel=CrowFlies(places), rules=rules
    )
    areas = [{s.place.province for s in day.stops} for day in it.days]
    assert set().union(*areas) == {"phu-tho", "thai-nguyen", "bac-ninh"}
    for province in ("phu-tho", "thai-nguyen", "bac-ninh"):
        days = [d for d, a in enumerate(areas) if province in a]
        assert days == list(range(days[0], days[-1] + 1)), (province, areas)
