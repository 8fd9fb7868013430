"""Planning a trip: gather the published catalogue, the travel matrix and festival dates, then
hand plain values to the core planner. The web pages, the API and the CLI all plan through here.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core import datafiles
from tourroute.core.domain import (
    FestivalDates,
    Itinerary,
    PlanRules,
    ShowOffer,
    SiteGroup,
    Theme,
    TripRequest,
)
from tourroute.core.lunar import festivals_in_year
from tourroute.core.planner.replan import Edits, edited_request
from tourroute.core.planner.trip import plan_trip
from tourroute.extensions import db
from tourroute.metrics import PLAN_SECONDS
from tourroute.models import Festival as FestivalRow
from tourroute.models import ShowOffer as ShowRow
from tourroute.models import SiteGroup as GroupRow
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


def site_groups() -> dict[str, SiteGroup]:
    return {row.slug: convert.site_group(row) for row in db.session.scalars(select(GroupRow))}


def show_offers() -> list[ShowOffer]:
    rows = db.session.scalars(select(ShowRow).options(selectinload(ShowRow.venue)))
    return [convert.show(row) for row in rows]


@cache
def _rules(data_dir: Path) -> PlanRules:
    return datafiles.read_plan_rules(data_dir)


def plan_rules() -> PlanRules:
    """How trips are valued and paced: ``planning.json`` in the data folder, read once."""
    return _rules(Path(current_app.config["DATA_DIR"]))


#: One solve at a time per process. The solve is thousands of tiny numpy calls, each releasing
#: and taking back the GIL: two solving threads of one worker hand it to each other at every call,
#: and each plan then took four times as long (2 keep-alive clients on one gthread worker:
#: 941 ms a plan, 2 plans/s, against 255 ms and 3.9/s for one). Queued, they take turns at
#: full speed; reads in the other threads are not held.
_solving = threading.Lock()


def plan(
    request: TripRequest, *, previous: Itinerary | None = None, asked: Collection[str] = ()
) -> Itinerary:
    """Plan ``request``; with ``previous``, re-plan that trip changing as little as it can."""
    places = published_places()
    with _solving, PLAN_SECONDS.time():
        return plan_trip(
            request,
            places={p.slug: p for p in places},
            themes=themes_by_slug(),
            festivals=festival_dates_for(request),
            travel=travel_matrix(places, scenario=request.scenario),
            groups=site_groups(),
            shows=show_offers(),
            rules=plan_rules(),
            previous=previous,
            asked=asked,
        )


def plan_and_save(request: TripRequest) -> str:
    """Plan ``request`` and store the trip; its id. Run through :func:`tourroute.jobs.run`, so
    the planning happens in the job workers when they are there."""
    from tourroute.services.trips import save_trip

    return save_trip(plan(request))


def replan(previous: Itinerary, edits: Edits) -> Itinerary:
    """Re-plan ``previous`` with the traveller's ``edits``, changing as little as it can."""
    return plan(edited_request(previous, edits), previous=previous, asked=edits.slugs)


def replan_and_save(trip_id: str, edits: Edits) -> str:
    """Re-plan the saved trip ``trip_id`` and store the new one; its id (a job, like
    :func:`plan_and_save`). Raises ``UnknownPlaceError`` when no trip has that id."""
    from tourroute.core.errors import UnknownPlaceError
    from tourroute.services.trips import load_trip, save_trip

    saved = load_trip(trip_id)
    if saved is None:
        raise UnknownPlaceError(f"No itinerary has the id {trip_id!r}.", field="trip_id")
    return save_trip(replan(saved.itinerary, edits))
