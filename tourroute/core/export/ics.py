"""iCalendar (RFC 5545) so travellers can drop the programme into their phone's calendar."""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from tourroute.core.domain import DayPlan, Itinerary, Place
from tourroute.core.export.branding import Branding
from tourroute.core.export.labels import kind_label, label, place_description
from tourroute.core.export.timeline import VN_TZ, Drive, day_drives, local_datetime
from tourroute.core.serialize import KM_DECIMALS


def _uid(it: Itinerary, day: DayPlan, what: str, order: int, slug: str) -> str:
    """Same trip, same UIDs: calendars then update events on re-import instead of doubling them."""
    request = it.request
    key = f"{request.start_date}|{request.start}|{request.seed}|{day.date}|{what}|{order}|{slug}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}@tourroute"


def _event(
    uid: str, summary: str, start: dt.datetime, end: dt.datetime, place: Place, lang: str
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("location", place.name(lang))
    event.add("geo", (place.lat, place.lon))
    return event


def _drive_event(
    it: Itinerary, day: DayPlan, order: int, drive: Drive, lang: str
) -> icalendar.Event:
    dest = drive.destination
    event = _event(
        _uid(it, day, "drive", order, dest.slug),
        f"{label('drive_to', lang)} {dest.name(lang)}",
        local_datetime(day.date, drive.depart_min),
        local_datetime(day.date, drive.arrive_min),
        dest,
        lang,
    )
    roads = f" {label('via', lang)} {', '.join(drive.leg.roads)}" if drive.leg.roads else ""
    event.add(
        "description",
        f"{drive.origin.name(lang)} → {dest.name(lang)}: "
        f"{round(drive.leg.km, KM_DECIMALS)} km, {round(drive.leg.minutes)} "
        f"{label('minutes', lang)}{roads}",
    )
    event.add("categories", [label("drive", lang)])
    return event


def _visit_event(it: Itinerary, day: DayPlan, order: int, lang: str) -> icalendar.Event:
    stop = day.stops[order]
    place = stop.place
    event = _event(
        _uid(it, day, "visit", order, place.slug),
        place.name(lang),
        local_datetime(day.date, stop.start_min),
        local_datetime(day.date, stop.depart_min),
        place,
        lang,
    )
    details = [kind_label(place.kind, lang), place_description(place, lang)]
    event.add("description", "\n".join(d for d in details if d))
    event.add("categories", [label("visit", lang)])
    return event


def itinerary_to_ics(it: Itinerary, *, lang: str, branding: Branding | None = None) -> bytes:
    """A VCALENDAR with a VEVENT per visit and per drive, in Asia/Ho_Chi_Minh with its VTIMEZONE.

    The icalendar library escapes commas, semicolons and newlines in text values itself.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//TourRoute//Itinerary export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    title = f"{label('programme', lang)} {it.request.start_date.isoformat()}"
    if branding is not None:
        title = f"{branding.agency_name} – {title}"
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", str(VN_TZ))
    for day in it.days:
        # Drive i ends at stop i; the extra last drive goes to the night's lodging.
        for order, drive in enumerate(day_drives(day)):
            cal.add_component(_drive_event(it, day, order, drive, lang))
            if order < len(day.stops):
                cal.add_component(_visit_event(it, day, order, lang))
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
