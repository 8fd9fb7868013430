from pathlib import Path

import numpy as np
import pytest

from tourroute.core.errors import DataError
from tourroute.core.planner.optw_instance import check_routes, parse_instance, travel_matrix

TINY = """\
1 1 3 1
0 100
  0 0.0 0.0 0 0 0 0 0 100
  1 3.0 4.0 5 10 1 1 1 0 12
  2 6.0 8.0 5 7 1 2 1 2 10 30
  3 0.0 1.0 10 1 0 0 90 95
"""


def test_parse_reads_window_and_skips_the_a_list() -> None:
    inst = parse_instance(TINY, name="t1")
    assert inst.size == 4
    assert inst.budget == 100
    assert inst.open_time.tolist() == [0, 0, 10, 90]
    assert inst.close_time.tolist() == [100, 12, 30, 95]
    assert inst.score.tolist() == [0, 10, 7, 1]
    assert inst.travel[0, 1] == 5.0


def test_travel_is_rounded_down_by_set() -> None:
    x = np.array([0.0, 1.0])
    y = np.array([0.0, 1.0])
    assert travel_matrix(x, y, decimals=1)[0, 1] == 1.4
    assert travel_matrix(x, y, decimals=2)[0, 1] == 1.41


def test_check_routes_accepts_feasible_and_names_each_broken_rule() -> None:
    inst = parse_instance(TINY, name="t1")
    ok = check_routes(inst, [[1, 2]])
    assert ok.feasible and ok.score == 17
    late = check_routes(inst, [[2, 1]])
    assert not late.feasible
    assert any("vertex 1" in p for p in late.problems)
    twice = check_routes(inst, [[1], [1]])
    assert any("twice" in p for p in twice.problems)
    over = check_routes(inst, [[1, 2, 3]])
    assert any("returns at" in p for p in over.problems)


def test_bad_line_is_a_data_error() -> None:
    with pytest.raises(DataError, match="line 3"):
        parse_instance("1 1 1 1\n0 1\nx y z\n", name="bad")


@pytest.mark.skipif(
    not Path("../shared/bench/optw/solomon100/c101.txt").exists(), reason="benchmark files absent"
)
def test_real_instance_parses() -> None:
    from tourroute.core.planner.optw_instance import load_instance

    inst = load_instance(Path("../shared/bench/optw/solomon100/c101.txt"))
    assert inst.size == 101
    assert inst.budget == 1236
