"""Re-timing a hand-ordered itinerary: the order is kept, the times follow the rules, and a
plan that breaks one is refused with every problem named."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.core.planner.trip_fixtures import CrowFlies, flagship, hours, region
from tourroute.core.domain import Itinerary, TripRequest
from tourroute.core.errors import InfeasibleError, UnknownPlaceError
from tourroute.core.planner.fixed_order import retime_itinerary
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.trip_rules import drive_min, visit_length_min
from tourroute.core.planner.validate import validate_itinerary

PLACES = region()
TRAVEL = CrowFlies(PLACES)


def _planned(days: int = 2) -> Itinerary:
    request = TripRequest(start_date=dt.date(2026, 3, 2), days=days, start="gate", theme="flagship")
    return plan_trip(
        request,
        places=PLACES,
        themes={"flagship": flagship()},
        festivals=[],
        travel=TRAVEL,
    )


def _slugs(it: Itinerary) -> list[list[str]]:
    return [[s.place.slug for s in d.stops] for d in it.days]


@pytest.mark.parametrize(
    "edit",
    [
        [["pt-xoan", "pt-temple"], ["bn-quanho"]],
        [["pt-museum"], ["tn-tea", "tn-hill"]],
        [["pt-temple"], ["tn-tea"], ["bn-village"]],
        [["pt-temple", "pt-xoan", "pt-museum"]],
    ],
)
def test_the_order_is_kept_and_the_times_are_valid(edit: list[list[str]]) -> None:
    it = retime_itinerary(_planned(), edit, places=PLACES, travel=TRAVEL)
    assert _slugs(it) == edit
    assert validate_itinerary(it, travel=TRAVEL) == []
    assert it.request.days == len(edit) and it.days[-1].lodging.slug == "gate"
    first = it.days[0].stops[0]
    assert first.arrive_min == 8 * 60 + drive_min(TRAVEL, "gate", first.place.slug)
    assert it.totals.visit_min == sum(
        visit_length_min(s.place, "normal") for d in it.days for s in d.stops
    )


def test_a_visit_waits_for_the_place_to_open() -> None:
    late = {**PLACES, "pt-temple": replace(PLACES["pt-temple"], hours=hours(((840, 1020),)))}
    it = retime_itinerary(_planned(), [["pt-temple"]], places=late, travel=CrowFlies(late))
    stop = it.days[0].stops[0]
    assert stop.start_min == 14 * 60 and stop.arrive_min < stop.start_min


def test_too_much_for_one_day_is_refused_naming_the_problems() -> None:
    crowded = [["pt-museum", "bn-pagoda", "tn-hill", "pt-shrine", "bn-village", "tn-farm"]]
    with pytest.raises(InfeasibleError) as caught:
        retime_itinerary(_planned(), crowded, places=PLACES, travel=TRAVEL)
    assert "day 1" in caught.value.message and caught.value.field == "days"


def test_a_place_twice_and_an_unknown_slug_are_refused() -> None:
    with pytest.raises(InfeasibleError, match="visited twice"):
        retime_itinerary(_planned(), [["pt-temple"], ["pt-temple"]], places=PLACES, travel=TRAVEL)
    with pytest.raises(UnknownPlaceError):
        retime_itinerary(_planned(), [["nowhere"]], places=PLACES, travel=TRAVEL)
