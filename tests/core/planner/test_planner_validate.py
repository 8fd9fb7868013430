"""The validator must catch a broken plan, or the trip tests that rely on it prove nothing."""

import dataclasses
import datetime as dt

import pytest

from tests.core.planner.trip_fixtures import CrowFlies, flagship, region
from tourroute.core.domain import DayPlan, Itinerary, TripRequest
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.validate import validate_itinerary

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def valid() -> Itinerary:
    places = region()
    request = TripRequest(start_date=MONDAY, days=2, start="gate", theme="flagship")
    return plan_trip(
        request,
        places=places,
        themes={"flagship": flagship()},
        festivals=(),
        travel=CrowFlies(places),
    )


def with_day(it: Itinerary, index: int, day: DayPlan) -> Itinerary:
    days = list(it.days)
    days[index] = day
    return dataclasses.replace(it, days=tuple(days))


def check(it: Itinerary) -> list[str]:
    return validate_itinerary(it, travel=CrowFlies(region()), theme=flagship())


def test_the_untouched_plan_is_valid(valid: Itinerary) -> None:
    assert check(valid) == []


def test_a_wrong_arrival_is_caught(valid: Itinerary) -> None:
    day = valid.days[0]
    first = day.stops[0]
    late = dataclasses.replace(first, arrive_min=first.arrive_min + 5)
    broken = with_day(valid, 0, dataclasses.replace(day, stops=(late, *day.stops[1:])))
    assert any("arrival" in p for p in check(broken))


def test_a_visit_outside_opening_hours_is_caught(valid: Itinerary) -> None:
    day = valid.days[0]
    last = day.stops[-1]
    shift = 17 * 60 - last.start_min
    moved = dataclasses.replace(
        last, start_min=last.start_min + shift, depart_min=last.depart_min + shift
    )
    broken = with_day(valid, 0, dataclasses.replace(day, stops=(*day.stops[:-1], moved)))
    assert any("outside its hours" in p for p in check(broken))


def test_a_driving_limit_and_a_missing_lunch_are_caught(valid: Itinerary) -> None:
    strict = dataclasses.replace(valid.request, max_drive_min_per_day=30)
    broken = dataclasses.replace(valid, request=strict)
    assert any("driving" in p for p in check(broken))
    no_lunch = with_day(valid, 1, dataclasses.replace(valid.days[1], lunch_start_min=None))
    assert any("lunch" in p for p in check(no_lunch))


def test_stages_out_of_order_are_caught(valid: Itinerary) -> None:
    swapped = dataclasses.replace(valid, days=(valid.days[1], valid.days[0]))
    assert any("out of order" in p for p in check(swapped))
