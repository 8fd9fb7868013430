"""Festivals resolved to solar dates for a year."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.domain import FestivalDates
from tourroute.core.lunar import FIRST_YEAR, LAST_YEAR, festivals_in_year
from tourroute.extensions import db
from tourroute.models import Festival
from tourroute.services import convert

#: Years whose festivals resolve: one early in a solar year may belong to the lunar year before,
#: and the lunar calendar starts at ``FIRST_YEAR``.
FESTIVAL_YEARS = (FIRST_YEAR + 1, LAST_YEAR)
#: Vietnam's clock (UTC+7, no daylight saving) decides which year "this year" is.
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def this_year() -> int:
    """The current year in Vietnam, the default for every festival listing."""
    return dt.datetime.now(VIETNAM).year


def festivals_for_year(year: int) -> list[FestivalDates]:
    rows = db.session.scalars(select(Festival).options(selectinload(Festival.places)))
    return festivals_in_year([convert.festival(row) for row in rows], year)


def festival_dates_to_dict(item: FestivalDates) -> dict[str, object]:
    """The shape the CLI's ``--json`` and the API share."""
    return {
        "slug": item.festival.slug,
        "name_vi": item.festival.name_vi,
        "name_en": item.festival.name_en,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "places": list(item.festival.places),
    }
