"""``tourroute bench-optw``: solve a benchmark instance file and print one JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tourroute.cli import bench_optw
from tourroute.core.planner.optw_instance import check_routes, load_instance

INSTANCE = Path(__file__).resolve().parents[4] / "shared/bench/optw/solomon100/c101.txt"


@pytest.mark.skipif(not INSTANCE.exists(), reason="benchmark files absent")
@pytest.mark.parametrize("routes", [1, 2])
def test_bench_optw_prints_feasible_routes(routes: int) -> None:
    result = CliRunner().invoke(
        bench_optw, [str(INSTANCE), "--routes", str(routes), "--seconds", "0.3", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) == {"instance", "routes", "score", "seconds"}
    assert answer["instance"] == "c101" and len(answer["routes"]) == routes
    check = check_routes(load_instance(INSTANCE), answer["routes"])
    assert check.feasible and check.score == answer["score"] > 0
    assert all(0 not in route for route in answer["routes"])


def test_bench_optw_without_the_file_says_where_to_get_instances(tmp_path: Path) -> None:
    result = CliRunner().invoke(bench_optw, [str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "shared/bench/optw" in result.output
