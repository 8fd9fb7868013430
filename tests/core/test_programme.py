"""The one day programme: hand-built days with a site group, an evening show and lunch."""

import dataclasses
import datetime as dt

import pytest

from tests.core.export.sample_itinerary import (
    DAY1,
    DEN_HUNG,
    ITINERARY,
    VIET_TRI,
    XOAN,
    make_place,
)
from tourroute.core.domain import (
    Leg,
    OpeningHours,
    ScheduledShow,
    ShowOffer,
    SiteGroup,
    Stop,
)
from tourroute.core.export.events import event_notes, event_time, event_title
from tourroute.core.programme import day_programme, itinerary_programme
from tourroute.core.words import words

LOWER = make_place("den-ha", name_vi="Đền Hạ", name_en="Lower Temple", lat=21.3670)
UPPER = make_place("den-thuong", name_vi="Đền Thượng", name_en="Upper Temple", lat=21.3680)
COMPLEX = SiteGroup(
    "khu-den-hung", "Khu Đền Hùng", "Hùng Temples complex", ("den-ha", "den-thuong")
)
BOAT = ShowOffer(
    slug="quan-ho-boat",
    venue=XOAN.slug,
    kind="xoan",
    name_vi="Hát Xoan ở đình",
    name_en="Xoan singing at the communal house",
    duration_min=60,
    hours=OpeningHours(weekly=tuple(() for _ in range(7)), known=False, text=""),
    by_arrangement=True,
    booking_note_vi="Gọi trước hai ngày.",
    booking_note_en="Call two days ahead.",
)


def kinds(events) -> list[str]:
    return [e.kind for e in events]


def test_a_day_reads_leave_drive_visit_lunch_and_night_in_time_order() -> None:
    events = day_programme(DAY1, lunch_min=60)
    assert kinds(events) == [
        "leave", "drive", "visit", "lunch", "drive", "visit", "drive", "overnight"
    ]  # fmt: skip
    starts = [e.start_min for e in events]
    assert starts == sorted(starts)
    leave, first_drive = events[0], events[1]
    assert leave.start_min == first_drive.start_min == 8 * 60  # one rule for "leave"
    assert first_drive.end_min == DAY1.stops[0].arrive_min
    lunch = events[3]
    assert (lunch.start_min, lunch.end_min, lunch.place) == (12 * 60 + 15, 13 * 60 + 15, DEN_HUNG)


def test_lunch_goes_before_the_first_event_at_or_after_it() -> None:
    early = dataclasses.replace(DAY1, lunch_start_min=8 * 60)
    assert kinds(day_programme(early, lunch_min=45))[:3] == ["leave", "lunch", "drive"]
    late = dataclasses.replace(DAY1, lunch_start_min=DAY1.arrive_lodging_min)
    assert kinds(day_programme(late, lunch_min=45))[-2:] == ["lunch", "overnight"]


def test_a_drive_of_no_length_is_no_event() -> None:
    next_door = dataclasses.replace(DAY1.stops[1], leg=Leg(minutes=0.0, km=0.0))
    day = dataclasses.replace(DAY1, stops=(DAY1.stops[0], next_door))
    events = day_programme(day, lunch_min=60)
    assert kinds(events).count("drive") == 2
    assert all(e.leg.km > 0 for e in events if e.kind == "drive")


def test_a_group_stop_is_one_group_visit_listing_its_members() -> None:
    stop = Stop(LOWER, 9 * 60 + 35, 9 * 60 + 35, 12 * 60, DAY1.stops[0].leg, group=COMPLEX,
                members=(LOWER, UPPER))  # fmt: skip
    day = dataclasses.replace(DAY1, stops=(stop,), lunch_start_min=None)
    events = day_programme(day, lunch_min=60)
    assert kinds(events) == ["leave", "drive", "group_visit", "drive", "overnight"]
    visit = events[2]
    assert visit.members == (LOWER, UPPER) and visit.number == 1
    w = words("en")
    assert event_title(visit, w) == "1. Hùng Temples complex"
    assert "Together: Lower Temple, Upper Temple" in event_notes(visit, w)
    assert event_title(visit, words("vi")) == "1. Khu Đền Hùng"


def test_a_group_seen_in_parts_around_lunch_is_one_numbered_stop() -> None:
    leg = DAY1.stops[0].leg
    here = Leg(0, 0)
    morning = Stop(LOWER, 9 * 60, 9 * 60, 12 * 60, leg, group=COMPLEX, members=(LOWER,))
    afternoon = Stop(UPPER, 13 * 60, 13 * 60, 14 * 60, here, group=COMPLEX, members=(UPPER,))
    later = Stop(XOAN, 14 * 60 + 30, 14 * 60 + 30, 15 * 60, leg)
    day = dataclasses.replace(DAY1, stops=(morning, afternoon, later), lunch_start_min=12 * 60)
    events = day_programme(day, lunch_min=60)
    visits = [e for e in events if e.kind in ("visit", "group_visit")]
    assert [(e.number, e.continued) for e in visits] == [(1, False), (1, True), (2, False)]
    assert kinds(events)[2:5] == ["group_visit", "lunch", "group_visit"]
    assert event_title(visits[1], words("vi")) == "1. Khu Đền Hùng (tiếp)"
    assert event_title(visits[1], words("en")) == "1. Hùng Temples complex (continued)"
    programme = itinerary_programme(dataclasses.replace(ITINERARY, days=(day,)))
    assert [e.number for e in programme[0].stops()] == [1, 2]


def test_an_evening_show_has_its_drive_and_the_night_leg_leaves_from_its_venue() -> None:
    show = ScheduledShow(BOAT, XOAN, 19 * 60, 20 * 60, Leg(minutes=20.0, km=9.0))
    day = dataclasses.replace(
        DAY1,
        stops=DAY1.stops[:1],
        shows=(show,),
        final_leg=Leg(minutes=12.0, km=7.5),
        arrive_lodging_min=20 * 60 + 12,
    )
    events = day_programme(day, lunch_min=60, last_day=True)
    assert kinds(events) == ["leave", "drive", "visit", "lunch", "drive", "show", "drive", "arrive"]
    to_show, on_stage, home = events[4], events[5], events[6]
    assert (to_show.start_min, to_show.end_min, to_show.place) == (18 * 60 + 40, 19 * 60, XOAN)
    assert on_stage.book_ahead and on_stage.show == show
    assert (home.origin, home.place, home.start_min) == (XOAN, VIET_TRI, 20 * 60)
    assert event_title(on_stage, words("en")) == (
        "Xoan singing at the communal house at Hùng Lô communal house (Xoan venue)"
    )
    notes = event_notes(on_stage, words("vi"))
    assert notes == ["Cần đặt trước: chỉ biểu diễn cho đoàn theo yêu cầu.", "Gọi trước hai ngày."]


def test_the_trip_numbers_visits_across_days_and_nights_last_until_morning() -> None:
    days = itinerary_programme(ITINERARY)
    numbers = [e.number for d in days for e in d.events if e.kind == "visit"]
    assert numbers == list(range(1, len(numbers) + 1))
    night = days[0].events[-1]
    assert night.kind == "overnight" and night.end_min == 24 * 60 + days[1].leave_min
    assert days[-1].events[-1].kind == "arrive"
    assert event_time(night) == "15:12"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_event_has_a_title_in_the_language(lang: str) -> None:
    for day in itinerary_programme(ITINERARY):
        for event in day.events:
            assert event_title(event, words(lang)).strip()
    assert day.date == dt.date(2026, 4, 26)


def test_the_day_leaves_at_its_start_even_when_the_drive_rounds_a_minute_short() -> None:
    # The planner's clock and the leg's rounded minutes can differ by one: 08:00 + 95 → 09:36.
    late = dataclasses.replace(DAY1.stops[0], arrive_min=9 * 60 + 36, start_min=9 * 60 + 36)
    day = dataclasses.replace(DAY1, stops=(late, *DAY1.stops[1:]))
    events = day_programme(day, lunch_min=60, day_start_min=8 * 60)
    assert (events[0].kind, events[0].start_min) == ("leave", 8 * 60)
    assert (events[1].start_min, events[1].end_min) == (8 * 60, 9 * 60 + 36)
    # Without a day start, the day leaves when the drive must set off.
    assert day_programme(day, lunch_min=60)[0].start_min == 8 * 60 + 1
