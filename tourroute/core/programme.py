"""A day of an itinerary as the traveller lives it: typed events with their times.

The trip page, the agency's package page, the PDF, the text, the calendar, the spreadsheets,
the map files and the map on the page all used to rebuild the day on their own, each with its
own rule for where lunch goes and when the day starts, so one trip showed 08:00 on the page and
08:01 in the PDF. Here the day is built once; every rendering only formats these events.

The rules, said once:

* A drive ends when the traveller arrives (a stop's ``arrive_min``, a show's ``start_min``, the
  lodging's ``arrive_lodging_min``) and lasts its rounded minutes. A drive of no length (two
  places next door) is no event.
* The day's ``leave`` is the trip's day start (``TripRequest.day_start_min``), and its first
  drive sets off then; only when the drive could not arrive in time from there (a re-timed
  day) does the day leave later, when the drive must set off. A day that starts with no drive
  leaves when its first event begins.
* Lunch goes before the first event that starts at or after it.
* The last day ends with ``arrive`` (the end of the trip); every other day ends with
  ``overnight``, which lasts until the next day's ``leave`` (``end_min`` counts on past
  midnight: ``1440 + leave``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal
from zoneinfo import ZoneInfo

from tourroute.core.domain import (
    DayPlan,
    Itinerary,
    Leg,
    Place,
    ScheduledShow,
    Stop,
)

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MINUTES_PER_DAY = 24 * 60

EventKind = Literal[
    "leave", "drive", "visit", "group_visit", "lunch", "show", "arrive", "overnight"
]
EVENT_KINDS: tuple[str, ...] = (
    "leave",
    "drive",
    "visit",
    "group_visit",
    "lunch",
    "show",
    "arrive",
    "overnight",
)
#: Events that happen at a place the traveller came for, numbered across the trip (1, 2, …).
VISIT_EVENTS: tuple[str, ...] = ("visit", "group_visit")


@dataclass(frozen=True, slots=True)
class ProgrammeEvent:
    """One thing that happens in a day, ``[start_min, end_min]`` in minutes since midnight.

    ``place`` is where it happens (a drive's destination). A drive also has ``origin`` and
    ``leg``; a visit its ``stop`` and trip-wide ``number``; a group visit its ``members``; a
    show its ``show`` and ``book_ahead`` when it is staged on request only. A site group seen in
    parts with lunch between is one stop: its later parts keep the first part's number and are
    ``continued``.
    """

    kind: EventKind
    start_min: int
    end_min: int
    place: Place
    origin: Place | None = None
    leg: Leg | None = None
    stop: Stop | None = None
    show: ScheduledShow | None = None
    members: tuple[Place, ...] = ()
    number: int = 0
    book_ahead: bool = False
    continued: bool = False

    @property
    def duration_min(self) -> int:
        return self.end_min - self.start_min

    @property
    def wait_min(self) -> int:
        """Minutes between arriving and the visit's start (a place not yet open)."""
        return self.stop.wait_min if self.stop is not None else 0


@dataclass(frozen=True, slots=True)
class DayProgramme:
    """A day's events in time order, with its place in the trip."""

    number: int  # 1-based
    date: dt.date
    day: DayPlan
    events: tuple[ProgrammeEvent, ...]
    last: bool

    def stops(self) -> tuple[ProgrammeEvent, ...]:
        """The visits that start a numbered stop (a group's later parts are not new stops): what
        a map pins."""
        return tuple(e for e in self.of_kind(*VISIT_EVENTS) if not e.continued)

    def of_kind(self, *kinds: str) -> tuple[ProgrammeEvent, ...]:
        return tuple(e for e in self.events if e.kind in kinds)

    @property
    def leave_min(self) -> int:
        return self.events[0].start_min

    @property
    def drive_min(self) -> float:
        return sum(e.leg.minutes for e in self.events if e.leg is not None)

    @property
    def drive_km(self) -> float:
        return sum(e.leg.km for e in self.events if e.leg is not None)


def _drive(origin: Place, destination: Place, leg: Leg, arrive_min: int) -> ProgrammeEvent | None:
    if round(leg.minutes) == 0 and leg.km < 0.05:
        return None
    return ProgrammeEvent(
        "drive", arrive_min - round(leg.minutes), arrive_min, destination, origin=origin, leg=leg
    )


def _visit(stop: Stop, number: int, *, continued: bool = False) -> ProgrammeEvent:
    """A visit, or a group visit listing its members; one that books an experience staged by
    arrangement must be booked ahead."""
    grouped = stop.group is not None
    return ProgrammeEvent(
        "group_visit" if grouped else "visit",
        stop.start_min,
        stop.depart_min,
        stop.place,
        stop=stop,
        members=(stop.members or (stop.place,)) if grouped else (),
        number=number,
        book_ahead=stop.experience is not None and stop.experience.by_arrangement,
        continued=continued,
    )


def _show(show: ScheduledShow) -> ProgrammeEvent:
    return ProgrammeEvent(
        "show",
        show.start_min,
        show.end_min,
        show.venue,
        show=show,
        book_ahead=show.offer.by_arrangement,
    )


def continues(previous: Stop | ScheduledShow | None, stop: Stop) -> bool:
    """``stop`` is a later part of the site group ``previous`` visited (lunch may fall between):
    one stop for the traveller, numbered once."""
    return (
        isinstance(previous, Stop)
        and stop.group is not None
        and previous.group is not None
        and previous.group.slug == stop.group.slug
    )


def day_programme(
    day: DayPlan,
    *,
    lunch_min: int,
    first_number: int = 1,
    day_start_min: int | None = None,
    last_day: bool = False,
    next_leave_min: int | None = None,
) -> tuple[ProgrammeEvent, ...]:
    """The day as events in time order, from ``leave`` to ``arrive`` or ``overnight``.

    Parameters
    ----------
    lunch_min
        How long lunch lasts (the trip request's ``lunch_min``).
    first_number
        The number of the day's first visit when visits are numbered across the trip.
    day_start_min
        When the day starts (the trip request's); the first drive sets off then.
    last_day
        The trip ends at this day's lodging (``arrive``) rather than sleeping there.
    next_leave_min
        When the next day leaves, so the night lasts until then.
    """
    # Stops and shows in the order the traveller reaches them; each brings its drive.
    reached: list[tuple[int, int, Stop | ScheduledShow]] = [
        (stop.arrive_min, n, stop) for n, stop in enumerate(day.stops)
    ]
    reached += [(show.start_min, len(day.stops) + n, show) for n, show in enumerate(day.shows)]
    reached.sort(key=lambda item: (item[0], item[1]))
    events: list[ProgrammeEvent] = []
    here = day.origin
    number = first_number
    previous: Stop | ScheduledShow | None = None
    for arrive_min, _order, item in reached:
        if isinstance(item, Stop):
            drive = _drive(here, item.place, item.leg, arrive_min)
            continued = continues(previous, item)
            happening = _visit(item, number - 1 if continued else number, continued=continued)
            number += 0 if continued else 1
            here = item.place
        else:
            drive = _drive(here, item.venue, item.leg, arrive_min)
            happening = _show(item)
            here = item.venue
        previous = item
        if drive is not None:
            events.append(drive)
        events.append(happening)
    final = _drive(here, day.lodging, day.final_leg, day.arrive_lodging_min)
    if final is not None:
        events.append(final)
    if day.lunch_start_min is not None:
        lunch_start = day.lunch_start_min
        at = next((i for i, e in enumerate(events) if e.start_min >= lunch_start), len(events))
        # Lunch is taken where the traveller is: the last place reached before it.
        where = next((e.place for e in reversed(events[:at]) if e.kind != "drive"), day.origin)
        events.insert(at, ProgrammeEvent("lunch", lunch_start, lunch_start + lunch_min, where))
    leave_min = events[0].start_min if events else day.arrive_lodging_min
    if events and events[0].kind == "drive" and day_start_min is not None:
        leave_min = min(leave_min, day_start_min)
        events[0] = replace(events[0], start_min=leave_min)
    events.insert(0, ProgrammeEvent("leave", leave_min, leave_min, day.origin))
    arrive_min = day.arrive_lodging_min
    if last_day:
        events.append(ProgrammeEvent("arrive", arrive_min, arrive_min, day.lodging))
    else:
        night_end = arrive_min if next_leave_min is None else MINUTES_PER_DAY + next_leave_min
        events.append(ProgrammeEvent("overnight", arrive_min, night_end, day.lodging))
    return tuple(events)


def itinerary_programme(it: Itinerary) -> tuple[DayProgramme, ...]:
    """Every day's programme, visits numbered across the trip and each night until morning."""
    lunch_min, start = it.request.lunch_min, it.request.day_start_min
    leaves = [
        day_programme(day, lunch_min=lunch_min, day_start_min=start)[0].start_min for day in it.days
    ]
    days = []
    number = 1
    for index, day in enumerate(it.days):
        last = index == len(it.days) - 1
        events = day_programme(
            day,
            lunch_min=lunch_min,
            first_number=number,
            day_start_min=start,
            last_day=last,
            next_leave_min=None if last else leaves[index + 1],
        )
        number += sum(1 for e in events if e.kind in VISIT_EVENTS and not e.continued)
        days.append(DayProgramme(index + 1, day.date, day, events, last))
    return tuple(days)


def local_datetime(day: dt.date, minute: int) -> dt.datetime:
    """Minutes since local midnight on ``day`` as an aware datetime in Vietnam's time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ) + dt.timedelta(minutes=minute)


def drive_points(event: ProgrammeEvent) -> tuple[tuple[float, float], ...]:
    """A drive's road path as ``(lat, lon)``, or a straight line when no path is known."""
    assert event.leg is not None and event.origin is not None
    if event.leg.path:
        return event.leg.path
    return ((event.origin.lat, event.origin.lon), (event.place.lat, event.place.lon))


def day_points(programme: DayProgramme) -> tuple[tuple[float, float], ...]:
    """The day's line on a map, origin to lodging, without repeating the joints between legs."""
    origin = programme.day.origin
    points: list[tuple[float, float]] = [(origin.lat, origin.lon)]
    for event in programme.of_kind("drive"):
        for point in drive_points(event):
            if points[-1] != point:
                points.append(point)
    return tuple(points)
