"""The editor's one-change-at-a-time edits, turned into a full stop order."""

import pytest

from tourroute.core.stop_edits import (
    StopEditError,
    added,
    moved,
    removed,
    with_day_added,
    with_last_day_dropped,
)

PLAN = [["a", "b", "c"], ["d"]]


def test_moving_within_a_day_and_to_another_day() -> None:
    assert moved(PLAN, "c", to_day=0, to_index=0) == [["c", "a", "b"], ["d"]]
    assert moved(PLAN, "a", to_day=1, to_index=0) == [["b", "c"], ["a", "d"]]
    assert moved(PLAN, "a", to_day=1, to_index=99) == [["b", "c"], ["d", "a"]]
    assert PLAN == [["a", "b", "c"], ["d"]], "the input is left alone"


def test_removing_and_adding() -> None:
    assert removed(PLAN, "b") == [["a", "c"], ["d"]]
    assert added(PLAN, "e", day=1) == [["a", "b", "c"], ["d", "e"]]
    assert added(PLAN, "a", day=1) == [["b", "c"], ["d", "a"]], "a place is never listed twice"


def test_days_are_added_and_dropped_only_when_empty() -> None:
    assert with_day_added(PLAN) == [["a", "b", "c"], ["d"], []]
    assert with_last_day_dropped([["a"], []]) == [["a"]]
    with pytest.raises(StopEditError, match="last day's stops"):
        with_last_day_dropped(PLAN)
    with pytest.raises(StopEditError, match="at least one day"):
        with_last_day_dropped([["a"]])


@pytest.mark.parametrize(
    "edit",
    [
        lambda: moved(PLAN, "zz", to_day=0, to_index=0),
        lambda: moved(PLAN, "a", to_day=2, to_index=0),
        lambda: removed(PLAN, "zz"),
        lambda: added(PLAN, "e", day=-1),
    ],
)
def test_edits_of_what_is_not_there_are_refused(edit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StopEditError):
        edit()
