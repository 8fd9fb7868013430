import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.core.export.sample_itinerary import DAY1, HOSTILE_NAME, ITINERARY
from tourroute.core.domain import Leg
from tourroute.core.export.ics import itinerary_to_ics
from tourroute.core.programme import itinerary_programme

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def events(lang: str, it=ITINERARY) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(itinerary_to_ics(it, lang=lang))
    return list(cal.walk("VEVENT"))


def test_visits_lunch_nights_and_drives_are_events_in_time_order() -> None:
    evs = events("en")
    categories = [str(e["categories"].cats[0]) for e in evs]
    visits = sum(len(d.stops) for d in ITINERARY.days)
    drives = sum(len(d.stops) + 1 for d in ITINERARY.days)
    lunches = sum(d.lunch_start_min is not None for d in ITINERARY.days)
    assert categories.count("Visit") == visits
    assert categories.count("Drive") == drives
    assert categories.count("Lunch") == lunches
    assert categories.count("Overnight") == len(ITINERARY.days) - 1
    assert len(evs) == visits + drives + lunches + len(ITINERARY.days) - 1
    starts = [e.decoded("dtstart") for e in evs]
    assert starts == sorted(starts)
    assert categories[:3] == ["Drive", "Visit", "Lunch"]


def test_the_night_lasts_until_the_next_morning() -> None:
    night = next(e for e in events("en") if str(e["categories"].cats[0]) == "Overnight")
    assert str(night["summary"]) == "Night: Việt Trì city"
    assert night.decoded("dtstart") == dt.datetime(2026, 4, 25, 15, 12, tzinfo=VN)
    leave = itinerary_programme(ITINERARY)[1].leave_min
    assert night.decoded("dtend") == dt.datetime(2026, 4, 26, tzinfo=VN) + dt.timedelta(
        minutes=leave
    )


def test_a_drive_of_no_length_is_no_event() -> None:
    next_door = dataclasses.replace(DAY1.stops[1], leg=Leg(minutes=0.0, km=0.0))
    day = dataclasses.replace(DAY1, stops=(DAY1.stops[0], next_door, *DAY1.stops[2:]))
    it = dataclasses.replace(ITINERARY, days=(day, *ITINERARY.days[1:]))
    drives = [str(e["summary"]) for e in events("en", it) if e["categories"].cats[0] == "Drive"]
    assert "Drive to Hùng Lô communal house (Xoan venue)" not in drives
    assert len(drives) == sum(len(d.stops) + 1 for d in ITINERARY.days) - 1


def test_visit_times_are_local_with_tzid_and_a_vtimezone() -> None:
    data = itinerary_to_ics(ITINERARY, lang="vi")
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20260425T093500" in data
    cal = icalendar.Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    visit = next(
        e for e in cal.walk("VEVENT") if str(e["summary"]) == "Khu di tích lịch sử Đền Hùng"
    )
    assert visit.decoded("dtstart") == dt.datetime(2026, 4, 25, 9, 35, tzinfo=VN)
    assert visit.decoded("dtend") == dt.datetime(2026, 4, 25, 12, 5, tzinfo=VN)
    assert str(visit["location"]) == "Khu di tích lịch sử Đền Hùng"
    geo = visit["geo"]
    assert (geo.latitude, geo.longitude) == (21.367495, 105.3219)


@pytest.mark.parametrize(
    ("lang", "summary", "roads"),
    [
        ("vi", "Di chuyển đến Vùng chè Tân Cương", "Quốc lộ 2, Cao tốc CT.07"),
        ("en", "Drive to Tân Cương tea area", "National Road 2, Expressway CT.07"),
    ],
)
def test_drive_events_name_their_destination(lang: str, summary: str, roads: str) -> None:
    drive = next(e for e in events(lang) if str(e["summary"]) == summary)
    assert drive.decoded("dtstart") == dt.datetime(2026, 4, 26, 8, 0, tzinfo=VN)
    assert "91.3 km" in str(drive["description"])
    assert roads in str(drive["description"])


def test_uids_are_unique_and_stable() -> None:
    first = [str(e["uid"]) for e in events("en")]
    again = [str(e["uid"]) for e in events("en")]
    assert first == again
    assert len(set(first)) == len(first)


def test_hostile_text_round_trips() -> None:
    summaries = [str(e["summary"]) for e in events("en")]
    assert HOSTILE_NAME in summaries
    desc = next(str(e["description"]) for e in events("en") if str(e["summary"]) == HOSTILE_NAME)
    assert desc.endswith('=HYPERLINK("http://evil") & <b>bold</b>')
