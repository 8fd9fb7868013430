"""Site groups, evening shows, pace caps and stable re-plans on a small synthetic region, and
the validator catching plans that break them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.core.planner.trip_fixtures import CrowFlies, flagship, hours, region
from tourroute.core.domain import (
    DayPlan,
    Itinerary,
    PlanRules,
    ShowOffer,
    SiteGroup,
    TripRequest,
)
from tourroute.core.planner.replan import Edits, edited_request
from tourroute.core.planner.shows import add_evening_shows
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.validate import validate_itinerary

MONDAY = dt.date(2026, 11, 23)
RULES = PlanRules(
    same_kind_day_factors=(1.0, 0.5),
    max_sights_per_day={"relaxed": 2, "normal": 3, "packed": 5},
    evening_kinds=("quan_ho",),
    evening_near_min=60,
)


def _places() -> dict[str, object]:
    places = dict(region())
    # a second Xoan site at the same point as the first: only a group may show them together
    twin = dataclasses.replace(places["pt-xoan"], slug="pt-xoan-twin", name_vi="twin")
    places["pt-xoan-twin"] = twin
    return places


GROUP = SiteGroup("pt-xoan-group", "Nhóm", "Group", ("pt-xoan", "pt-xoan-twin"))
SHOW = ShowOffer(
    slug="bn-show",
    venue="bn-village",
    kind="quan_ho",
    name_vi="Hát",
    name_en="Singing",
    duration_min=90,
    hours=hours(),
    by_arrangement=True,
    source="https://example.org",
)


def _plan(**kw: object) -> Itinerary:
    places = _places()
    request = TripRequest(start_date=MONDAY, days=2, start="gate", theme="flagship", **kw)  # type: ignore[arg-type]
    return plan_trip(
        request,
        places=places,  # type: ignore[arg-type]
        themes={"flagship": flagship()},
        festivals=(),
        travel=CrowFlies(places),  # type: ignore[arg-type]
        groups={GROUP.slug: GROUP},
        shows=(SHOW,),
        rules=RULES,
    )


def _check(it: Itinerary) -> list[str]:
    places = _places()
    return validate_itinerary(
        it,
        travel=CrowFlies(places),  # type: ignore[arg-type]
        theme=flagship(),
        rules=RULES,
    )


def _with_day(it: Itinerary, index: int, day: DayPlan) -> Itinerary:
    days = list(it.days)
    days[index] = day
    return dataclasses.replace(it, days=tuple(days))


@pytest.fixture(scope="module")
def grouped() -> Itinerary:
    return _plan(include=("pt-xoan-twin",))


def test_a_group_is_one_stop_with_its_members_and_their_combined_length(
    grouped: Itinerary,
) -> None:
    stop = next(s for d in grouped.days for s in d.stops if s.group is not None)
    assert [m.slug for m in stop.members] == ["pt-xoan", "pt-xoan-twin"]
    assert stop.depart_min - stop.start_min == 120
    assert _check(grouped) == []


def test_the_validator_catches_a_group_visit_cut_short(grouped: Itinerary) -> None:
    index, day = next((i, d) for i, d in enumerate(grouped.days) if any(s.group for s in d.stops))
    stops = [
        dataclasses.replace(s, depart_min=s.depart_min - 30) if s.group else s for s in day.stops
    ]
    broken = _with_day(grouped, index, dataclasses.replace(day, stops=tuple(stops)))
    assert any("visit is not 120 minutes long" in p for p in _check(broken))


def test_the_validator_catches_two_stops_at_one_point_outside_a_group(
    grouped: Itinerary,
) -> None:
    index, day = next((i, d) for i, d in enumerate(grouped.days) if any(s.group for s in d.stops))
    stops = [dataclasses.replace(s, group=None, members=()) if s.group else s for s in day.stops]
    first = next(s for s in stops if s.place.slug == "pt-xoan")
    twin = dataclasses.replace(first, place=_places()["pt-xoan-twin"])  # type: ignore[arg-type]
    at = stops.index(first)
    stops = [*stops[: at + 1], twin, *stops[at + 1 :]]
    broken = _with_day(grouped, index, dataclasses.replace(day, stops=tuple(stops)))
    assert any("share a point" in p for p in _check(broken))


def test_no_day_holds_more_sights_than_its_pace_allows() -> None:
    for pace, cap in RULES.max_sights_per_day.items():
        it = _plan(pace=pace)
        assert all(len(d.stops) <= cap for d in it.days), pace


def _with_show(it: Itinerary) -> Itinerary:
    """``it`` with SHOW staged at the visit place nearest to the first night's lodging."""
    places = _places()
    travel = CrowFlies(places)  # type: ignore[arg-type]
    lodging = it.days[0].lodging.slug
    venue = min(
        (p for p in places.values() if p.kind not in ("gateway", "lodging")),  # type: ignore[attr-defined]
        key=lambda p: travel.minutes(p.slug, lodging),  # type: ignore[attr-defined]
    )
    offer = dataclasses.replace(SHOW, venue=venue.slug)  # type: ignore[attr-defined]
    shown = add_evening_shows(
        it.days,
        offers=(offer,),
        places=places,  # type: ignore[arg-type]
        request=it.request,
        rules=RULES,
        travel=travel,
    )
    return dataclasses.replace(it, days=shown)


def test_an_evening_show_is_timed_in_the_window_and_checked() -> None:
    it = _with_show(_plan())
    show = it.days[0].shows[0]
    assert (show.start_min, show.end_min) == (19 * 60, 19 * 60 + 90)
    problems = [p for p in _check(it) if "show" in p or "bn-show" in p]
    assert problems == []
    early = dataclasses.replace(show, start_min=10 * 60, end_min=10 * 60 + 90)
    broken = _with_day(it, 0, dataclasses.replace(it.days[0], shows=(early,)))
    assert any("bn-show starts before the traveller arrives" in p for p in _check(broken))
    short = dataclasses.replace(show, end_min=show.end_min - 10)
    broken = _with_day(it, 0, dataclasses.replace(it.days[0], shows=(short,)))
    assert any("bn-show is not 90 minutes" in p for p in _check(broken))


def test_removing_a_stop_keeps_the_others_on_their_days_and_says_so() -> None:
    first = _plan()
    before = {s.place.slug: i for i, d in enumerate(first.days) for s in d.stops}
    gone = next(iter(before))
    edits = Edits(remove=(gone,))
    places = _places()
    after_it = plan_trip(
        edited_request(first, edits),
        places=places,  # type: ignore[arg-type]
        themes={"flagship": flagship()},
        festivals=(),
        travel=CrowFlies(places),  # type: ignore[arg-type]
        groups={GROUP.slug: GROUP},
        rules=RULES,
        previous=first,
        asked=edits.slugs,
    )
    after = {s.place.slug: i for i, d in enumerate(after_it.days) for s in d.stops}
    assert gone not in after
    assert all(after[s] == d for s, d in before.items() if s != gone and s in after)
    changes = {(c.place.slug, c.change, c.reason) for c in after_it.changes}
    assert (gone, "removed", "asked") in changes
    for slug in set(before) - set(after) - {gone}:
        assert (slug, "removed", "no_longer_fits") in changes


def test_putting_back_needs_a_place_the_trip_left_out() -> None:
    first = _plan()
    with pytest.raises(Exception, match="was not left out"):
        edited_request(first, Edits(put_back=(next(iter(first.days[0].stops)).place.slug,)))


@pytest.mark.parametrize("group_max_min", [24 * 60, 1])
def test_hand_ordered_members_of_a_group_are_its_visit(group_max_min: int) -> None:
    """An editor that puts two members side by side gets one group stop, not two stops at one
    point "0 min" apart; parts of a group too long for one part join again when no lunch falls
    between them."""
    from tourroute.core.planner.fixed_order import retime_itinerary

    places = _places()
    it = retime_itinerary(
        _plan(),
        [["pt-xoan", "pt-xoan-twin"], ["bn-quanho"]],
        places=places,  # type: ignore[arg-type]
        travel=CrowFlies(places),  # type: ignore[arg-type]
        groups={GROUP.slug: GROUP},
        group_max_min=group_max_min,
    )
    day = it.days[0]
    lunch_between = len(day.stops) == 2 and day.stops[0].depart_min <= (day.lunch_start_min or 0)
    assert len(day.stops) == 1 or lunch_between
    assert all(s.group == GROUP for s in day.stops)
    assert [slug for s in day.stops for slug in s.slugs] == ["pt-xoan", "pt-xoan-twin"]
    assert _check(it) == []
    with pytest.raises(Exception, match="share a point"):
        retime_itinerary(
            _plan(),
            [["pt-xoan", "pt-xoan-twin"], ["bn-quanho"]],
            places=places,  # type: ignore[arg-type]
            travel=CrowFlies(places),  # type: ignore[arg-type]
        )


TEA = ShowOffer(
    slug="tn-picking",
    venue="tn-farm",
    kind="tea",
    name_vi="Hái chè",
    name_en="Tea picking",
    duration_min=150,
    hours=hours(),
    by_arrangement=True,
    source="https://example.org",
)


def _tea_plan(rules: PlanRules) -> Itinerary:
    places = _places()
    request = TripRequest(start_date=MONDAY, days=1, start="gate", theme=None)
    return plan_trip(
        request,
        places={s: p for s, p in places.items() if s.startswith(("tn-", "gate"))},  # type: ignore[misc]
        themes={},
        festivals=(),
        travel=CrowFlies(places),  # type: ignore[arg-type]
        shows=(SHOW, TEA),
        rules=rules,
    )


def test_a_daytime_experience_is_booked_as_its_venues_visit_when_it_is_worth_it() -> None:
    """Without experiences the tea farm is a 60-minute walk round; once the experience counts
    (and it fits the day) the farm's stop lasts the experience and the plan says book ahead."""
    plain = [s for d in _tea_plan(RULES).days for s in d.stops if s.place.slug == "tn-farm"]
    assert [(s.experience, s.depart_min - s.start_min) for s in plain] == [(None, 60)]
    rules = dataclasses.replace(RULES, experience_factor=20.0)
    it = _tea_plan(rules)
    (stop,) = [s for d in it.days for s in d.stops if s.experience is not None]
    assert stop.place.slug == "tn-farm"
    assert stop.depart_min - stop.start_min == TEA.duration_min
    assert [(n.code, n.label) for n in it.notes] == [("book_ahead", ("Hái chè", "Tea picking"))]
    places = _places()
    check = validate_itinerary(it, travel=CrowFlies(places), rules=rules)  # type: ignore[arg-type]
    assert check == []
    day = it.days[0]
    short = [dataclasses.replace(s, experience=None) for s in day.stops]
    broken = _with_day(it, 0, dataclasses.replace(day, stops=tuple(short)))
    assert validate_itinerary(broken, travel=CrowFlies(places), rules=rules) != []  # type: ignore[arg-type]
