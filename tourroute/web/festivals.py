"""The festival calendar: a year's festivals as a page and as an iCalendar feed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from flask import Blueprint, Response, abort, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from tourroute.core.export.festivals_ics import festivals_to_ics
from tourroute.core.festival_calendar import CalendarEntry, calendar_entries
from tourroute.core.planner.trip_rules import MAX_DAYS
from tourroute.core.words import words
from tourroute.services import festivals
from tourroute.services.travel import published_places
from tourroute.web import current_locale
from tourroute.web.inputs import Query, Whole, parse_query

bp = Blueprint("festivals", __name__)


class CalendarQuery(Query):
    """A year of the lunar calendar (this year when absent) and, optionally, one month."""

    year: Annotated[int, Whole(*festivals.FESTIVAL_YEARS)] | None = None
    month: Annotated[int, Whole(1, 12)] | None = None


def plan_url(entry: CalendarEntry) -> str:
    """The trip builder pre-filled for the festival's days and places, festivals on."""
    return url_for(
        "trips.plan",
        start_date=entry.dates.start.isoformat(),
        days=min(entry.duration_days, MAX_DAYS),
        include=",".join(entry.dates.festival.places),
        festivals="1",
    )


@bp.get("/festivals")
def calendar() -> str:
    query = parse_query(CalendarQuery)
    year = query.year or festivals.this_year()
    month = query.month
    lang = current_locale()
    places = {p.slug: p for p in published_places()}
    return render_template(
        "festivals.html",
        year=year,
        month=month,
        months={m: format_date(dt.date(year, m, 1), "LLLL") for m in range(1, 13)},
        entries=calendar_entries(festivals.festivals_for_year(year), month=month),
        places=places,
        plan_url=plan_url,
        long_date=words(lang).long_date,
        ics_url=url_for("festivals.calendar_ics", year=year),
    )


@bp.get("/festivals/<int:year>.ics")
def calendar_ics(year: int) -> Response:
    first, last = festivals.FESTIVAL_YEARS
    if not first <= year <= last:
        abort(404)  # the year is part of the address: outside the calendar there is no feed
    lang = current_locale()
    names = {p.slug: p.name(lang) for p in published_places()}
    body = festivals_to_ics(
        calendar_entries(festivals.festivals_for_year(year)),
        year=year,
        lang=lang,
        place_names=names,
        title=_("Festivals"),
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="festivals-{year}.ics"'
    return response
