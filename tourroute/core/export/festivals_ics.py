"""A year's festivals as an iCalendar feed, so a traveller's calendar shows the lunar dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import icalendar

from tourroute.core.festival_calendar import CalendarEntry


def _text(vi: str, en: str, lang: str) -> str:
    return en if lang == "en" and en else vi


def festivals_to_ics(
    entries: Sequence[CalendarEntry],
    *,
    year: int,
    lang: str,
    place_names: Mapping[str, str],
    title: str,
) -> bytes:
    """A VCALENDAR with one all-day VEVENT per festival occurrence.

    ``place_names`` maps a place slug to its name in ``lang``; the UID is the festival and its
    start, so re-importing the feed updates events instead of doubling them. DTEND is the day
    after the last day, as RFC 5545 wants for all-day events.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//TourRoute//Festival calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{title} {year}")
    stamp = dt.datetime.now(dt.UTC)
    for entry in entries:
        festival = entry.dates.festival
        event = icalendar.Event()
        event.add("uid", f"{festival.slug}-{entry.dates.start.isoformat()}@tourroute")
        event.add("dtstamp", stamp)
        event.add("summary", _text(festival.name_vi, festival.name_en, lang))
        event.add("dtstart", entry.dates.start)
        event.add("dtend", entry.dates.end + dt.timedelta(days=1))
        names = [place_names.get(slug, slug) for slug in festival.places]
        if names:
            event.add("location", ", ".join(names))
        description = _text(festival.description_vi, festival.description_en, lang)
        if description:
            event.add("description", description)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
