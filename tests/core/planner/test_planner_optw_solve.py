import itertools
from pathlib import Path

import numpy as np

from tourroute.core.planner.optw_instance import check_routes, parse_instance
from tourroute.core.planner.optw_solve import run_instance, solve_instance


def instance_text(seed: int, *, vertices: int) -> str:
    """A random instance in the benchmark's file format (Solomon-style rounding)."""
    rng = np.random.default_rng(seed)
    lines = [f"1 1 {vertices} 1", "0 100", "0 25.0 25.0 0 0 0 0 0 150"]
    for v in range(1, vertices + 1):
        x, y = rng.uniform(0, 50, 2)
        opens = int(rng.integers(0, 90))
        lines.append(
            f"{v} {x:.1f} {y:.1f} {int(rng.integers(5, 15))} {int(rng.integers(1, 30))} "
            f"0 0 {opens} {opens + int(rng.integers(10, 50))}"
        )
    return "\n".join(lines) + "\n"


def best_by_brute_force(text: str) -> float:
    inst = parse_instance(text, name="c-random")
    best = 0.0
    vertices = range(1, inst.size)
    for k in range(1, inst.size):
        for route in itertools.permutations(vertices, k):
            check = check_routes(inst, [route])
            if check.feasible:
                best = max(best, check.score)
    return best


def test_run_instance_returns_checked_optimal_routes(tmp_path: Path) -> None:
    text = instance_text(5, vertices=6)
    path = tmp_path / "c-random.txt"
    path.write_text(text, encoding="utf-8")
    result = run_instance(path, routes=1, seconds=0.5, seed=1)
    assert result["instance"] == "c-random"
    assert result["score"] == best_by_brute_force(text)
    assert check_routes(parse_instance(text, name="c-random"), result["routes"]).feasible


def test_solve_instance_returns_one_feasible_route_per_vehicle() -> None:
    inst = parse_instance(instance_text(9, vertices=8), name="c-random")
    routes = solve_instance(inst, routes=3, seconds=0.3)
    assert len(routes) == 3
    assert check_routes(inst, routes).feasible
