"""Benchmark the optimiser on the public OPTW/TOPTW instances, side by side with two peers.

Run from the repository root (peers need the optional ``bench`` extra: ortools, pyvroom):

    .venv/bin/python bench/optw.py --routes 1 --seconds 10 [--instances c101 r101] \
        [--peers ortools,vroom] [--dir ../shared/bench/optw]

Each solver gets the same instance, number of routes and time budget; every answer is checked
with the independent ``check_routes`` and an infeasible answer is reported, not scored.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tourroute.core.planner.optw_instance import OptwInstance, check_routes, load_instance
from tourroute.core.planner.optw_solve import solve_instance

_ROOT = Path(__file__).resolve().parents[1]
#: ``../shared/bench/optw`` next to the checkout (or next to the folder of worktrees).
DEFAULT_DIR = next(
    (
        d
        for d in (_ROOT.parent / "shared/bench/optw", _ROOT.parent.parent / "shared/bench/optw")
        if d.exists()
    ),
    _ROOT.parent / "shared/bench/optw",
)
#: Integer time unit for the peers: the instances' travel times have at most two decimals.
SCALE = 100

Solver = Callable[[OptwInstance, int, float], list[list[int]]]


def ortools_routes(instance: OptwInstance, routes: int, seconds: float) -> list[list[int]]:
    """Prize-collecting VRPTW in OR-Tools: dropping a vertex costs its score."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n = instance.size
    manager = pywrapcp.RoutingIndexManager(n, routes, 0)
    model = pywrapcp.RoutingModel(manager)
    travel = [[round(float(instance.travel[i, j]) * SCALE) for j in range(n)] for i in range(n)]
    service = [round(float(s) * SCALE) for s in instance.service]

    def transit(from_index: int, to_index: int) -> int:
        i, j = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return travel[i][j] + service[i]

    def distance(from_index: int, to_index: int) -> int:
        return travel[manager.IndexToNode(from_index)][manager.IndexToNode(to_index)]

    horizon = round(instance.budget * SCALE)
    model.AddDimension(model.RegisterTransitCallback(transit), horizon, horizon, True, "time")
    model.SetArcCostEvaluatorOfAllVehicles(model.RegisterTransitCallback(distance))
    dim = model.GetDimensionOrDie("time")
    # A vertex's score outweighs any travel, so the solver maximises score first.
    prize = 1000 * horizon
    for v in range(1, n):
        index = manager.NodeToIndex(v)
        dim.CumulVar(index).SetRange(
            math.ceil(instance.open_time[v] * SCALE - 1e-6),
            math.floor(instance.close_time[v] * SCALE + 1e-6),
        )
        model.AddDisjunction([index], round(float(instance.score[v]) * prize))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(round(seconds * 1000))
    solution = model.SolveWithParameters(params)
    if solution is None:
        return [[] for _ in range(routes)]
    found: list[list[int]] = []
    for vehicle in range(routes):
        index = model.Start(vehicle)
        route: list[int] = []
        while not model.IsEnd(index):
            node = manager.IndexToNode(index)
            if node:
                route.append(node)
            index = solution.Value(model.NextVar(index))
        found.append(route)
    return found


def vroom_routes(instance: OptwInstance, routes: int, seconds: float) -> list[list[int]]:
    """VROOM with one optional job per vertex, its priority the score."""
    import vroom

    n = instance.size
    problem = vroom.Input()
    matrix = [[round(float(instance.travel[i, j]) * SCALE) for j in range(n)] for i in range(n)]
    problem.set_durations_matrix(profile="car", matrix_input=matrix)
    horizon = round(instance.budget * SCALE)
    for r in range(routes):
        problem.add_vehicle(
            vroom.Vehicle(id=r, start=0, end=0, time_window=vroom.TimeWindow(0, horizon))
        )
    problem.add_job(
        [
            vroom.Job(
                id=v,
                location=v,
                default_service=round(float(instance.service[v]) * SCALE),
                priority=round(float(instance.score[v])),
                time_windows=[
                    vroom.TimeWindow(
                        math.ceil(instance.open_time[v] * SCALE - 1e-6),
                        math.floor(instance.close_time[v] * SCALE + 1e-6),
                    )
                ],
            )
            for v in range(1, n)
        ]
    )
    solution = problem.solve(
        exploration_level=5, nb_threads=1, timeout=dt.timedelta(seconds=seconds)
    )
    found: list[list[int]] = [[] for _ in range(routes)]
    for row in solution.routes.itertuples():
        if row.type == "job":
            found[int(row.vehicle_id)].append(int(row.id))
    return found


def ours(instance: OptwInstance, routes: int, seconds: float) -> list[list[int]]:
    return solve_instance(instance, routes=routes, seconds=seconds, seed=0)


PEERS: dict[str, Solver] = {"ortools": ortools_routes, "vroom": vroom_routes}


def best_known(directory: Path) -> dict[str, float]:
    path = directory / "best_known.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {
            row["instance"]: float(row["best_known"])
            for row in csv.DictReader(f)
            if row["status"] in ("optimal", "best_feasible") and row["routes"] == "1"
        }


def timed(solver: Solver, instance: OptwInstance, routes: int, seconds: float) -> tuple[str, str]:
    began = time.perf_counter()
    found = solver(instance, routes, seconds)
    elapsed = time.perf_counter() - began
    check = check_routes(instance, found)
    score = f"{check.score:.0f}" if check.feasible else f"INFEASIBLE({check.score:.0f})"
    return score, f"{elapsed:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, nargs="+", default=[1])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--instances", nargs="*", default=None)
    parser.add_argument("--peers", default="", help="comma-separated: ortools,vroom")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    files = sorted(args.dir.glob("*/*.txt"), key=lambda p: (p.parent.name != "solomon100", p.stem))
    if args.instances:
        files = [p for p in files if p.stem in set(args.instances)]
    if not files:
        print(
            f"No instances under {args.dir}. Get the OPTW benchmark (Righini & Salani; "
            "Montemanni & Gambardella; KU Leuven orienteering collection) and pass --dir.",
            file=sys.stderr,
        )
        return 1
    peers = [p for p in args.peers.split(",") if p]
    known = best_known(args.dir)
    header = ["instance", "M", "best", "ours", "gap%", "s"]
    for p in peers:
        header += [p, f"{p} s"]
    print("\t".join(header))
    totals: dict[int, dict[str, list[float]]] = {}
    for m in args.routes:
        sums = totals.setdefault(m, {})
        for path in files:
            instance = load_instance(path)
            score, secs = timed(ours, instance, m, args.seconds)
            best = known.get(instance.name) if m == 1 else None
            gap = ""
            if best and score.isdigit():
                gap = f"{100 * (best - float(score)) / best:.2f}"
                sums.setdefault("gap", []).append(float(gap))
            sums.setdefault("ours", []).append(float(score) if score.isdigit() else 0.0)
            row = [instance.name, str(m), f"{best:.0f}" if best else "", score, gap, secs]
            for p in peers:
                p_score, p_secs = timed(PEERS[p], instance, m, args.seconds)
                sums.setdefault(p, []).append(float(p_score) if p_score.isdigit() else 0.0)
                row += [p_score, p_secs]
            print("\t".join(row), flush=True)
        mean = {k: sum(v) / len(v) for k, v in sums.items()}
        gap = f"{mean['gap']:.2f}" if "gap" in mean else ""
        row = ["mean", str(m), "", f"{mean['ours']:.1f}", gap, ""]
        for p in peers:
            row += [f"{mean[p]:.1f}", ""]
        print("\t".join(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
