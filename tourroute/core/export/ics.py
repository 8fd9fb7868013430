"""iCalendar (RFC 5545) so travellers can drop the programme into their phone's calendar.

The calendar holds what a traveller plans their day around: visits, shows, lunch and each
night's lodging, and the drives (drives of no length are no events in the programme at all).
The moments (leave, arrival at the end) are not events of their own: they have no duration.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from tourroute.core.domain import Itinerary
from tourroute.core.export.branding import Branding
from tourroute.core.export.events import event_notes, event_title, visit_name
from tourroute.core.messages import N_
from tourroute.core.programme import (
    VISIT_EVENTS,
    VN_TZ,
    DayProgramme,
    ProgrammeEvent,
    itinerary_programme,
    local_datetime,
)
from tourroute.core.words import TOUR_PROGRAMME, Words, words

#: Programme events that become calendar events, and the category each is filed under.
CALENDAR_KINDS: dict[str, str] = {
    "drive": N_("Drive"),
    "visit": N_("Visit"),
    "group_visit": N_("Visit"),
    "show": N_("Show"),
    "lunch": N_("Lunch"),
    "overnight": N_("Overnight"),
}


def _uid(it: Itinerary, day: DayProgramme, event: ProgrammeEvent, order: int) -> str:
    """Same trip, same UIDs: calendars then update events on re-import instead of doubling them."""
    request = it.request
    key = (
        f"{request.start_date}|{request.start}|{request.seed}|{day.date}|{event.kind}|{order}|"
        f"{event.place.slug}"
    )
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}@tourroute"


def _event(
    it: Itinerary, day: DayProgramme, event: ProgrammeEvent, order: int, w: Words
) -> icalendar.Event:
    place = event.place
    calendar_event = icalendar.Event()
    calendar_event.add("uid", _uid(it, day, event, order))
    calendar_event.add("dtstamp", dt.datetime.now(dt.UTC))
    summary = visit_name(event, w.lang) if event.kind in VISIT_EVENTS else event_title(event, w)
    calendar_event.add("summary", summary)
    calendar_event.add("dtstart", local_datetime(day.date, event.start_min))
    calendar_event.add("dtend", local_datetime(day.date, event.end_min))
    calendar_event.add("location", place.name(w.lang))
    calendar_event.add("geo", (place.lat, place.lon))
    notes = event_notes(event, w)
    if notes:
        calendar_event.add("description", "\n".join(notes))
    calendar_event.add("categories", [w.gettext(CALENDAR_KINDS[event.kind])])
    return calendar_event


def itinerary_to_ics(it: Itinerary, *, lang: str, branding: Branding | None = None) -> bytes:
    """A VCALENDAR in Asia/Ho_Chi_Minh with its VTIMEZONE; see the module for what is in it.

    The icalendar library escapes commas, semicolons and newlines in text values itself.
    """
    w = words(lang)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//TourRoute//Itinerary export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    title = f"{w.gettext(TOUR_PROGRAMME)} {it.request.start_date.isoformat()}"
    if branding is not None:
        title = f"{branding.agency_name} – {title}"
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", str(VN_TZ))
    for day in itinerary_programme(it):
        for order, event in enumerate(day.events):
            if event.kind in CALENDAR_KINDS and event.duration_min > 0:
                cal.add_component(_event(it, day, event, order, w))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
