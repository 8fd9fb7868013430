"""Planning a trip: gather the published catalogue, the travel matrix and festival dates, then
hand plain values to the core planner. The web pages, the API and the CLI all plan through here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.domain import FestivalDates, Itinerary, Theme, TripRequest
from tourroute.core.lunar import festivals_in_year
from tourroute.core.planner.trip import plan_trip
from tourroute.extensions import db
from tourroute.metrics import PLAN_SECONDS
from tourroute.models import Festival as FestivalRow
from tourroute.models import Theme as ThemeRow
from tourroute.services import convert
from tourroute.services.travel import published_places, travel_matrix


def themes_by_slug() -> dict[str, Theme]:
    rows = db.session.scalars(select(ThemeRow).options(selectinload(ThemeRow.stages)))
    return {row.slug: convert.theme(row) for row in rows}


def festival_dates_for(request: TripRequest) -> list[FestivalDates]:
    """Festival dates of every year the trip touches (a trip can straddle New Year)."""
    rows = db.session.scalars(select(FestivalRow).options(selectinload(FestivalRow.places)))
    festivals = [convert.festival(row) for row in rows]
    years = {request.start_date.year, request.date_of(request.days - 1).year}
    return [item for year in sorted(years) for item in festivals_in_year(festivals, year)]


def plan(request: TripRequest) -> Itinerary:
    places = published_places()
    with PLAN_SECONDS.time():
        return plan_trip(
            request,
            places={p.slug: p for p in places},
            themes=themes_by_slug(),
            festivals=festival_dates_for(request),
            travel=travel_matrix(places, scenario=request.scenario),
        )


def plan_and_save(request: TripRequest) -> str:
    """Plan ``request`` and store the trip; its id. Run through :func:`tourroute.jobs.run`, so
    the planning happens in the job workers when they are there."""
    from tourroute.services.trips import save_trip

    return save_trip(plan(request))
