"""Festivals resolved to solar dates for a year."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.domain import FestivalDates
from tourroute.core.lunar import festivals_in_year
from tourroute.extensions import db
from tourroute.models import Festival
from tourroute.services import convert


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
