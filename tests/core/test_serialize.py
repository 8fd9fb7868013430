import json
from dataclasses import replace
from typing import Any

import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.domain import Place, ShowOffer
from tourroute.core.errors import DataError, UnknownPlaceError
from tourroute.core.hours import parse_opening_hours
from tourroute.core.serialize import itinerary_from_dict, itinerary_to_dict


@pytest.fixture
def as_dict() -> Any:
    # Through a real JSON round trip, so anything json cannot encode fails here.
    return json.loads(json.dumps(itinerary_to_dict(ITINERARY, lang="en"), ensure_ascii=False))


def test_top_level_keys_are_in_a_stable_order(as_dict: Any) -> None:
    assert list(as_dict) == [
        "lang",
        "scenario",
        "request",
        "days",
        "totals",
        "left_out",
        "notes",
        "changes",
    ]
    day = as_dict["days"][0]
    assert list(day) == [
        "date",
        "origin",
        "stops",
        "lodging",
        "final_leg",
        "arrive_lodging",
        "lunch_start",
        "lodging_reason",
        "shows",
    ]
    assert list(day["stops"][0])[:10] == [
        "place",
        "arrive",
        "start",
        "depart",
        "wait_minutes",
        "travel_minutes",
        "travel_km",
        "path",
        "roads",
        "score",
    ]


def test_days_stops_and_times_follow_the_itinerary(as_dict: Any) -> None:
    days = as_dict["days"]
    assert [d["date"] for d in days] == ["2026-04-25", "2026-04-26"]
    assert [s["place"]["slug"] for s in days[0]["stops"]] == ["den-hung", "dinh-hung-lo"]
    xoan = days[0]["stops"][1]
    assert (xoan["arrive"], xoan["start"], xoan["depart"]) == ("13:20", "13:30", "15:00")
    assert xoan["wait_minutes"] == 10
    assert xoan["festival"] == "gio-to"
    assert days[0]["lunch_start"] == "12:15"
    assert days[1]["lodging"]["slug"] == "ha-noi-hoan-kiem"


def test_numbers_are_rounded(as_dict: Any) -> None:
    first = as_dict["days"][0]["stops"][0]
    assert first["travel_minutes"] == 95
    assert first["travel_km"] == 88.3
    assert first["path"][0] == [21.0287, 105.8523]
    assert as_dict["totals"] == {
        "score": 12.0,
        "drive_minutes": 357,
        "drive_km": 295.0,
        "visit_minutes": 480,
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "Khu di tích lịch sử Đền Hùng"), ("en", "Hùng Kings Temple historic site")],
)
def test_name_follows_lang_and_both_names_are_kept(lang: str, expected: str) -> None:
    place = itinerary_to_dict(ITINERARY, lang=lang)["days"][0]["stops"][0]["place"]
    assert place["name"] == expected
    assert place["name_vi"] == "Khu di tích lịch sử Đền Hùng"
    assert place["name_en"] == "Hùng Kings Temple historic site"
    assert list(place) == [
        "slug",
        "name",
        "name_vi",
        "name_en",
        "kind",
        "province",
        "lat",
        "lon",
        "precision",
        "commune_2025",
    ]


def test_left_out_and_request(as_dict: Any) -> None:
    assert as_dict["left_out"][0]["place"]["slug"] == "doi-lim"
    assert as_dict["left_out"][0]["reason"] == "day_too_long"
    req = as_dict["request"]
    assert (req["start_date"], req["days"], req["end"], req["day_start"]) == (
        "2026-04-25",
        2,
        None,
        "08:00",
    )


def test_hostile_text_is_kept_verbatim_for_the_consumer_to_escape(as_dict: Any) -> None:
    assert as_dict["days"][1]["stops"][1]["place"]["name"] == HOSTILE_NAME


def _catalogue() -> dict[str, Place]:
    places = {lo.place.slug: lo.place for lo in ITINERARY.left_out}
    for day in ITINERARY.days:
        places[day.origin.slug] = day.origin
        places[day.lodging.slug] = day.lodging
        places.update((s.place.slug, s.place) for s in day.stops)
    return places


def test_round_trip_through_json_gives_the_same_itinerary_at_stored_precision() -> None:
    stored = json.loads(json.dumps(itinerary_to_dict(ITINERARY, lang="vi")))
    back = itinerary_from_dict(stored, places=_catalogue())
    # Serialising again is exact: nothing is lost beyond the rounding of the first pass.
    assert itinerary_to_dict(back, lang="vi") == stored
    assert back.days[1].stops[2].locked is True
    assert back.request == ITINERARY.request


def test_unknown_slug_and_malformed_data_are_reported() -> None:
    stored = itinerary_to_dict(ITINERARY, lang="en")
    catalogue = _catalogue()
    del catalogue["den-hung"]
    with pytest.raises(UnknownPlaceError, match="den-hung"):
        itinerary_from_dict(stored, places=catalogue)
    del stored["totals"]
    with pytest.raises(DataError, match="malformed"):
        itinerary_from_dict(stored, places=_catalogue())


def test_a_booked_daytime_experience_survives_the_round_trip() -> None:
    day = ITINERARY.days[0]
    stop = day.stops[0]
    offer = ShowOffer(
        slug="tea-picking",
        venue=stop.place.slug,
        kind="tea",
        name_vi="Hái chè",
        name_en="Tea picking",
        duration_min=120,
        hours=parse_opening_hours("unknown"),
        by_arrangement=True,
        booking_note_vi="Liên hệ trước.",
        booking_note_en="Contact ahead.",
        source="https://example.org",
    )
    booked = replace(day, stops=(replace(stop, experience=offer), *day.stops[1:]))
    it = replace(ITINERARY, days=(booked, *ITINERARY.days[1:]))
    stored = json.loads(json.dumps(itinerary_to_dict(it, lang="en")))
    assert stored["days"][0]["stops"][0]["experience"]["name"] == "Tea picking"
    back = itinerary_from_dict(stored, places=_catalogue())
    assert back.days[0].stops[0].experience == offer
    assert itinerary_to_dict(back, lang="en") == stored
