"""Plan a multi-day themed trip: the one entry point the services call.

The trip becomes a team orienteering problem with time windows (one route per day, see
``trip_model``), solved with a fixed number of iterations from the request's seed so the same
request always yields the same plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tourroute.core.domain import FestivalDates, Itinerary, Place, Theme, TravelTimes, TripRequest
from tourroute.core.planner.explain import explain
from tourroute.core.planner.trip_candidates import festival_days, select_candidates
from tourroute.core.planner.trip_feasibility import check_must_fit
from tourroute.core.planner.trip_model import build_model
from tourroute.core.planner.trip_output import assemble
from tourroute.core.planner.trip_request import check_request
from tourroute.core.planner.trip_search import check_days_fit, search_trip


def plan_trip(
    request: TripRequest,
    *,
    places: Mapping[str, Place],
    themes: Mapping[str, Theme],
    festivals: Sequence[FestivalDates],
    travel: TravelTimes,
) -> Itinerary:
    """The best itinerary found for ``request``, with the reasons for what it leaves out.

    Raises
    ------
    InvalidRequestError, UnknownPlaceError
        The request cannot be planned as asked (its ``field`` names the input at fault).
    InfeasibleError
        A must-include or locked place cannot fit on any day it is allowed on.
    """
    theme = check_request(request, places=places, themes=themes)
    on_days = festival_days(request, festivals, places)
    candidates = select_candidates(request, places=places, theme=theme, festivals=on_days)
    lodgings = sorted(slug for slug, p in places.items() if p.kind == "lodging")
    check_must_fit(request, candidates, lodgings=lodgings, travel=travel)
    model = build_model(
        request,
        candidates=candidates,
        endpoints=[request.start, request.end_place, *lodgings],
        travel=travel,
        ordered=theme is not None and theme.ordered,
    )
    plan = search_trip(model, theme=theme, lodgings=lodgings)
    check_days_fit(plan)
    left_out = explain(model, plan, places=places, theme=theme)
    return assemble(model, plan, places=places, festivals=on_days, travel=travel, left_out=left_out)
