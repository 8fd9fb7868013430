"""The Ring Road 5 comparison of a saved trip: the same stops on today's roads and on RR5's."""

from __future__ import annotations

from tourroute.core.domain import Itinerary
from tourroute.core.errors import UnknownPlaceError
from tourroute.core.scenario_compare import Comparison, compare_driving
from tourroute.services.travel import published_places, travel_matrix

#: The scenario a trip page compares with today's roads.
COMPARED_SCENARIO = "ring-road-5-complete"


def ring_road_5_comparison(it: Itinerary) -> Comparison | None:
    """Today against Ring Road 5 complete; None when a stop is no longer published (no roads)."""
    places = published_places()
    try:
        return compare_driving(
            it,
            today=travel_matrix(places, scenario="today"),
            scenario=travel_matrix(places, scenario=COMPARED_SCENARIO),
        )
    except UnknownPlaceError:
        return None
