import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.export.ics import itinerary_to_ics

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def events(lang: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(itinerary_to_ics(ITINERARY, lang=lang))
    return list(cal.walk("VEVENT"))


def test_one_event_per_visit_and_per_drive_in_time_order() -> None:
    evs = events("en")
    visits = sum(len(d.stops) for d in ITINERARY.days)
    drives = sum(len(d.stops) + 1 for d in ITINERARY.days)
    assert len(evs) == visits + drives
    starts = [e.decoded("dtstart") for e in evs]
    assert starts == sorted(starts)
    assert [str(e["categories"].cats[0]) for e in evs[:3]] == ["Drive", "Visit", "Drive"]


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
    ("lang", "summary"),
    [("vi", "Di chuyển đến Vùng chè Tân Cương"), ("en", "Drive to Tân Cương tea area")],
)
def test_drive_events_name_their_destination(lang: str, summary: str) -> None:
    drive = next(e for e in events(lang) if str(e["summary"]) == summary)
    assert drive.decoded("dtstart") == dt.datetime(2026, 4, 26, 8, 0, tzinfo=VN)
    assert "91.3 km" in str(drive["description"])
    assert "QL2, CT.07" in str(drive["description"])


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
