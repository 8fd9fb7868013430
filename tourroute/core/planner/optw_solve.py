"""The optimiser on the public OPTW/TOPTW benchmark: instance in, checked routes out."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from tourroute.core.errors import DataError
from tourroute.core.planner.model import Problem, RouteSpec, uniform_windows
from tourroute.core.planner.optw_instance import OptwInstance, check_routes, load_instance
from tourroute.core.planner.search import Budget, solve


def problem_from_instance(instance: OptwInstance, *, routes: int) -> Problem:
    """Every route leaves vertex 0 at time 0 and must be back by vertex 0's closing time."""
    spec = RouteSpec(start=0, end=0, open_min=0.0, close_min=instance.budget)
    return Problem(
        travel=instance.travel,
        service=instance.service,
        score=np.tile(instance.score, (routes, 1)),
        windows=uniform_windows(instance.open_time, instance.close_time, routes=routes),
        routes=tuple(spec for _ in range(routes)),
        candidates=tuple(range(1, instance.size)),
    )


def solve_instance(
    instance: OptwInstance, *, routes: int, seconds: float, seed: int = 0
) -> list[list[int]]:
    """Routes (vertex ids in visiting order, depot left out) found within ``seconds``."""
    problem = problem_from_instance(instance, routes=routes)
    solution = solve(problem, budget=Budget(seconds=seconds), seed=seed)
    return [list(r) for r in solution.routes]


def run_instance(path: Path, *, routes: int, seconds: float, seed: int = 0) -> dict[str, Any]:
    """Solve one instance file and check the answer independently of the solver."""
    instance = load_instance(path)
    began = time.perf_counter()
    found = solve_instance(instance, routes=routes, seconds=seconds, seed=seed)
    elapsed = time.perf_counter() - began
    check = check_routes(instance, found)
    if not check.feasible:
        raise DataError(f"{instance.name}: solver returned infeasible routes: {check.problems}")
    return {"instance": instance.name, "routes": found, "score": check.score, "seconds": elapsed}
