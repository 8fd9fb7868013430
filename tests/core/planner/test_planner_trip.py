import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from tests.core.planner.trip_fixtures import CrowFlies, flagship, hours, place, region
from tourroute.core.domain import (
    DateRule,
    Festival,
    FestivalDates,
    Itinerary,
    LockedStop,
    Place,
    PlanRules,
    TripRequest,
)
from tourroute.core.errors import InfeasibleError, InvalidRequestError, UnknownPlaceError
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.trip_candidates import base_worth
from tourroute.core.planner.trip_rules import FESTIVAL_FACTOR
from tourroute.core.planner.validate import validate_itinerary
from tourroute.core.reasons import left_out_text
from tourroute.core.words import words

MONDAY = dt.date(2026, 11, 23)

Plan = Callable[..., Itinerary]


@pytest.fixture
def places() -> dict[str, Place]:
    return region()


@pytest.fixture
def plan(places: dict[str, Place]) -> Plan:
    """Plan a trip from the gateway and check it with the independent validator."""

    def run(
        *,
        extra: tuple[Place, ...] = (),
        festival_dates: tuple[FestivalDates, ...] = (),
        **options: object,
    ) -> Itinerary:
        world = {**places, **{p.slug: p for p in extra}}
        request = TripRequest(
            start_date=options.pop("start_date", MONDAY),
            days=options.pop("days", 2),
            start="gate",
            **{"theme": "flagship", **options},
        )
        travel = CrowFlies(world)
        it = plan_trip(
            request,
            places=world,
            themes={"flagship": flagship()},
            festivals=festival_dates,
            travel=travel,
        )
        theme = flagship() if request.theme else None
        assert validate_itinerary(it, travel=travel, theme=theme) == []
        return it

    return run


def visits(it: Itinerary) -> list[list[str]]:
    return [[s.place.slug for s in day.stops] for day in it.days]


def test_a_three_day_trip_follows_the_theme_and_meets_every_stage(plan: Plan) -> None:
    it = plan(days=3)
    stages = [s.place.province for day in it.days for s in day.stops]
    order = ["phu-tho", "thai-nguyen", "bac-ninh"]
    assert [order.index(p) for p in stages] == sorted(order.index(p) for p in stages)
    assert set(stages) == set(order)
    assert it.days[-1].lodging.slug == "gate"
    assert all(day.lodging.kind == "lodging" for day in it.days[:-1])


def test_lunch_starts_between_eleven_and_half_past_one(plan: Plan) -> None:
    it = plan(days=2)
    assert all(11 * 60 <= day.lunch_start_min <= 13 * 60 + 30 for day in it.days)


def test_a_place_closed_on_monday_is_left_out_and_explained(plan: Plan) -> None:
    closed = place(
        "pt-palace", "heritage", "phu-tho", 21.29, 105.21, interest=10, opening=hours(closed=[0])
    )
    it = plan(days=1, extra=(closed,))
    assert "pt-palace" not in visits(it)[0]
    note = next(o for o in it.left_out if o.place.slug == "pt-palace")
    assert note.reason == "closed_that_day"
    assert "Mon 23/11" in left_out_text(note, words("en"))  # said in words, with the date
    open_tuesday = plan(days=1, extra=(closed,), start_date=MONDAY + dt.timedelta(days=1))
    assert "pt-palace" in visits(open_tuesday)[0]


def test_a_visit_fits_inside_one_of_two_daily_windows(plan: Plan) -> None:
    split = place(
        "pt-split",
        "heritage",
        "phu-tho",
        21.29,
        105.21,
        interest=10,
        opening=hours(((7 * 60 + 30, 11 * 60 + 30), (13 * 60 + 30, 17 * 60))),
    )
    it = plan(days=1, extra=(split,))
    stop = next(s for s in it.days[0].stops if s.place.slug == "pt-split")
    assert stop.depart_min <= 11 * 60 + 30 or stop.start_min >= 13 * 60 + 30


@pytest.mark.parametrize("limit", [120, 200])
def test_daily_driving_and_day_end_limits_hold(plan: Plan, limit: int) -> None:
    loose = plan(days=2)
    tight = plan(days=2, max_drive_min_per_day=limit, day_end_min=16 * 60)
    assert tight.totals.score <= loose.totals.score
    for day in tight.days:
        assert day.arrive_lodging_min <= 16 * 60


def test_a_locked_stop_stays_on_its_day_when_replanning(plan: Plan) -> None:
    first = plan(days=3)
    kept = first.days[1].stops[-1].place.slug
    dropped = first.days[0].stops[0].place.slug
    again = plan(days=3, locked=(LockedStop(kept, 1),), exclude=(dropped,))
    assert kept in visits(again)[1]
    assert dropped not in [slug for day in visits(again) for slug in day]
    assert next(s for s in again.days[1].stops if s.place.slug == kept).locked


def test_a_stop_can_be_locked_to_another_day(plan: Plan) -> None:
    it = plan(days=3, locked=(LockedStop("tn-farm", 2),))
    assert "tn-farm" in visits(it)[2]


def test_include_a_low_scorer_and_exclude_a_favourite(plan: Plan) -> None:
    it = plan(days=2, include=("pt-shrine",), exclude=("bn-quanho",))
    flat = [slug for day in visits(it) for slug in day]
    assert "pt-shrine" in flat and "bn-quanho" not in flat
    assert any(o.place.slug == "bn-quanho" and o.reason == "excluded" for o in it.left_out)


def test_a_required_festival_is_visited_on_its_day(plan: Plan) -> None:
    craft = place("tn-craft", "craft_village", "thai-nguyen", 21.58, 105.83, interest=2)
    festival = Festival(
        slug="craft-fest",
        name_vi="craft",
        name_en="craft",
        rule=DateRule("solar", 11, 24),
        duration_days=1,
        places=("tn-craft",),
    )
    tuesday = MONDAY + dt.timedelta(days=1)
    held = (FestivalDates(festival, tuesday, tuesday),)
    without = plan(days=3, extra=(craft,), festival_dates=held)
    assert "tn-craft" not in [slug for day in visits(without) for slug in day]
    it = plan(days=3, extra=(craft,), festival_dates=held, festivals=True)
    stop = next(s for s in it.days[1].stops if s.place.slug == "tn-craft")
    assert stop.festival == "craft-fest"
    assert stop.score == FESTIVAL_FACTOR * base_worth(craft, it.request)


@pytest.mark.parametrize(
    ("options", "error", "field"),
    [
        ({"days": 0}, InvalidRequestError, "days"),
        ({"days": 8}, InvalidRequestError, "days"),
        ({"day_start_min": 600, "day_end_min": 540}, InvalidRequestError, "day_end_min"),
        ({"include": ("nowhere",)}, UnknownPlaceError, "include"),
        ({"locked": (LockedStop("pt-temple", 5),)}, InvalidRequestError, "locked"),
        ({"include": ("pt-hotel",)}, InvalidRequestError, "include"),
    ],
)
def test_impossible_requests_are_refused_with_the_field_at_fault(
    plan: Plan, options: dict[str, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        plan(**options)
    assert getattr(caught.value, "field", None) == field


def test_a_must_include_closed_all_trip_long_is_infeasible(plan: Plan) -> None:
    shut = place("pt-shut", "heritage", "phu-tho", 21.29, 105.21, opening=hours(closed=[0, 1]))
    with pytest.raises(InfeasibleError, match="pt-shut") as caught:
        plan(days=2, extra=(shut,), include=("pt-shut",))
    assert caught.value.field == "include"


def test_the_same_request_gives_the_same_plan(plan: Plan) -> None:
    assert plan(days=3, seed=4) == plan(days=3, seed=4)


def test_two_must_includes_too_far_apart_for_one_day_are_refused_naming_one(plan: Plan) -> None:
    """A promise that cannot be kept is a refusal naming the place, never a silent drop."""
    with pytest.raises(InfeasibleError) as caught:
        plan(days=1, include=("pt-temple", "bn-village"))
    assert caught.value.field == "include"
    assert "driving" in caught.value.message


def test_a_stop_locked_to_a_day_it_is_closed_is_infeasible(plan: Plan) -> None:
    shut = place("pt-shut", "heritage", "phu-tho", 21.29, 105.21, opening=hours(closed=[0]))
    with pytest.raises(InfeasibleError) as caught:
        plan(days=2, extra=(shut,), locked=(LockedStop("pt-shut", 0),))
    assert caught.value.field == "locked"


def test_a_day_too_short_for_its_own_drive_is_infeasible(plan: Plan) -> None:
    with pytest.raises(InfeasibleError):
        plan(days=2, max_drive_min_per_day=30)


def test_without_a_theme_any_place_may_be_visited_in_any_order(plan: Plan) -> None:
    it = plan(days=2, theme=None)
    assert it.totals.score > 0


def test_a_place_with_unknown_hours_is_visited_in_daylight(plan: Plan) -> None:
    unknown = place(
        "pt-unknown",
        "heritage",
        "phu-tho",
        21.29,
        105.21,
        interest=10,
        opening=hours(((0, 1), (2, 3)), known=False),
    )
    it = plan(days=1, extra=(unknown,))
    stop = next(s for s in it.days[0].stops if s.place.slug == "pt-unknown")
    assert it.request.day_start_min <= stop.start_min
    assert stop.depart_min <= it.request.day_end_min


@pytest.mark.parametrize("minimum", [3, 4])
def test_a_stage_minimum_is_met_or_explained(places: dict[str, Place], minimum: int) -> None:
    base = flagship()
    tea = dataclasses.replace(base.stages[1], min_places=minimum)
    theme = dataclasses.replace(base, stages=(base.stages[0], tea, base.stages[2]))
    request = TripRequest(
        start_date=MONDAY, days=2, start="gate", theme="flagship", max_drive_min_per_day=240
    )
    travel = CrowFlies(places)
    it = plan_trip(request, places=places, themes={"flagship": theme}, festivals=(), travel=travel)
    assert validate_itinerary(it, travel=travel, theme=theme) == []
    tea_stops = [s for day in it.days for s in day.stops if s.place.province == "thai-nguyen"]
    available = sum(1 for p in places.values() if p.kind == "tea")
    assert len(tea_stops) == min(minimum, available)


def test_stages_a_one_day_trip_cannot_reach_are_explained(plan: Plan) -> None:
    it = plan(days=1)
    reached = {s.place.province for s in it.days[0].stops}
    assert reached == {"phu-tho"}
    for stage in ("Thai Nguyen", "Bac Ninh"):
        said = [left_out_text(o, words("en")) for o in it.left_out]
        assert any(f"The stage {stage} has 0 of its 1 places." in text for text in said)


def test_a_place_open_all_day_left_out_of_a_full_day_is_explained_as_a_full_day(
    plan: Plan,
) -> None:
    all_day = hours(((7 * 60, 18 * 60),))
    fort = place(
        "pt-fort",
        "heritage",
        "phu-tho",
        21.29,
        105.21,
        interest=10,
        visit_min=240,
        opening=all_day,
    )
    dawn = place(
        "pt-dawn",
        "heritage",
        "phu-tho",
        21.30,
        105.22,
        interest=10,
        opening=hours(((7 * 60, 10 * 60),)),
    )
    must = ("pt-temple", "pt-xoan", "pt-museum", "pt-shrine")
    it = plan(days=1, extra=(fort, dawn), include=must)
    assert set(must) <= set(visits(it)[0])
    reasons = {o.place.slug: o.reason for o in it.left_out}
    assert reasons["pt-fort"] == "day_too_long"
    assert reasons["pt-dawn"] == "window_missed"


def test_a_long_must_include_far_out_gets_a_lodging_that_lets_it_fit(plan: Plan) -> None:
    # Four and a half hours, west of the Phú Thọ places: it fits only when a night is spent
    # near it, not near the next day's stage.
    far = place("pt-far-temple", "heritage", "phu-tho", 21.40, 105.00, interest=2, visit_min=270)
    it = plan(days=3, extra=(far,), include=("pt-far-temple",))
    assert "pt-far-temple" in [slug for day in visits(it) for slug in day]
    assert not [o for o in it.left_out if o.must_include]


def _festival(slug: str, day: dt.date, *where: str) -> FestivalDates:
    rule = DateRule("solar", day.month, day.day)
    fest = Festival(slug, slug, slug, rule, duration_days=1, places=where)
    return FestivalDates(fest, day, day)


def test_of_two_festivals_one_day_cannot_reach_the_plan_keeps_one_and_says_so(plan: Plan) -> None:
    """Festivals on: a festival another festival keeps out is let go with a note, not a 422."""
    held = (
        _festival("west-fest", MONDAY, "pt-temple"),
        _festival("east-fest", MONDAY, "bn-village"),
    )
    it = plan(days=1, festival_dates=held, festivals=True)
    seen = {s.place.slug for s in it.days[0].stops}
    assert len(seen & {"pt-temple", "bn-village"}) == 1
    (dropped,) = {"pt-temple", "bn-village"} - seen
    clash = [n for n in it.notes if n.code == "festival_clash"]
    assert [(n.day, n.place.slug if n.place else None) for n in clash] == [(0, dropped)]
    left = next(x for x in it.left_out if x.place.slug == dropped)
    assert "same day as other festivals" in left_out_text(left, words("en"))


def test_a_festival_the_travellers_own_promise_keeps_out_is_still_refused(plan: Plan) -> None:
    held = (_festival("west-fest", MONDAY, "pt-temple"),)
    with pytest.raises(InfeasibleError) as caught:
        plan(days=1, festival_dates=held, festivals=True, include=("bn-village",))
    assert caught.value.place in {("pt-temple", "pt-temple"), ("bn-village", "bn-village")}


def test_on_its_festival_day_a_place_is_visited_early_when_the_first_drive_allows(
    places: dict[str, Place],
) -> None:
    """A minor festival place (interest 3) goes first on its day, by the rules' 10:00; from a
    start too far to reach it by then it keeps its own hours."""
    rules = PlanRules(festival_arrive_by_min=600, festival_visit_factor=1.5)
    travel = CrowFlies(places)
    held = (_festival("shrine-fest", MONDAY, "pt-shrine"),)

    def plan_from(start: str) -> Itinerary:
        request = TripRequest(
            start_date=MONDAY, days=1, start=start, theme="flagship", festivals=True
        )
        return plan_trip(
            request,
            places=places,
            themes={"flagship": flagship()},
            festivals=held,
            travel=travel,
            rules=rules,
        )

    it = plan_from("pt-hotel")
    shrine = next(s for s in it.days[0].stops if s.place.slug == "pt-shrine")
    assert shrine.start_min <= 600
    assert validate_itinerary(it, travel=travel, theme=flagship(), rules=rules) == []
    shift = 700 - shrine.start_min
    stops = tuple(
        dataclasses.replace(s, start_min=700, depart_min=s.depart_min + shift) if s is shrine else s
        for s in it.days[0].stops
    )
    moved = dataclasses.replace(it, days=(dataclasses.replace(it.days[0], stops=stops),))
    assert any(
        "on its festival day" in p
        for p in validate_itinerary(moved, travel=travel, theme=flagship(), rules=rules)
    )
    far = plan_from("bn-hotel")  # about two hours away: the visit starts when it can
    assert validate_itinerary(far, travel=travel, theme=flagship(), rules=rules) == []
