"""Edits of a trip's stops, before any timing."""

import dataclasses

import pytest

from tests.core.export.sample_itinerary import DAY1, XOAN
from tests.core.test_programme import COMPLEX, LOWER, UPPER
from tourroute.core.domain import Leg, Stop
from tourroute.core.errors import InvalidRequestError
from tourroute.core.trip_edits import apply_edit, edit_units

DAYS = [[("a",), ("b",)], [("c",)]]


@pytest.mark.parametrize(
    ("action", "day", "slug", "expected"),
    [
        ("up", 0, "b", [["b", "a"], ["c"]]),
        ("down", 0, "a", [["b", "a"], ["c"]]),
        ("down", 0, "b", [["a"], ["b", "c"]]),  # last of a day: first of the next
        ("up", 1, "c", [["a", "b", "c"], []]),  # first of a day: last of the one before
        ("remove", 0, "a", [["b"], ["c"]]),
        ("add", 1, "d", [["a", "b"], ["c", "d"]]),
    ],
)
def test_apply_edit(action: str, day: int, slug: str, expected: list[list[str]]) -> None:
    assert apply_edit(DAYS, action=action, day=day, slug=slug) == expected
    assert DAYS == [[("a",), ("b",)], [("c",)]], "the input is not changed"


def test_a_site_group_moves_as_one_stop() -> None:
    days = [[("a",), ("g1", "g2"), ("b",)]]
    assert apply_edit(days, action="up", day=0, slug="g1") == [["g1", "g2", "a", "b"]]
    assert apply_edit(days, action="down", day=0, slug="g2") == [["a", "b", "g1", "g2"]]
    assert apply_edit(days, action="remove", day=0, slug="g1") == [["a", "b"]]
    with pytest.raises(InvalidRequestError):
        apply_edit(days, action="add", day=0, slug="g2")


@pytest.mark.parametrize(
    ("action", "day", "slug", "field"),
    [
        ("swap", 0, "a", "action"),
        ("up", 2, "a", "day"),
        ("up", 1, "a", "slug"),
        ("add", 0, "c", "slug"),
        ("up", 0, "a", "action"),
        ("down", 1, "c", "action"),
    ],
)
def test_impossible_edits_name_the_field(action: str, day: int, slug: str, field: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        apply_edit(DAYS, action=action, day=day, slug=slug)
    assert caught.value.field == field


def test_the_parts_of_a_group_seen_around_lunch_are_one_edit_unit() -> None:
    leg = DAY1.stops[0].leg
    morning = Stop(LOWER, 540, 540, 720, leg, group=COMPLEX, members=(LOWER,))
    afternoon = Stop(UPPER, 780, 780, 840, Leg(0, 0), group=COMPLEX, members=(UPPER,))
    later = Stop(XOAN, 870, 870, 900, leg)
    day = dataclasses.replace(DAY1, stops=(morning, afternoon, later))
    units = edit_units(day)
    assert [(stop.place.slug, slugs) for stop, slugs in units] == [
        ("den-ha", ("den-ha", "den-thuong")),
        (XOAN.slug, (XOAN.slug,)),
    ]
