"""Re-timing a hand-ordered itinerary on today's published places: one path for agencies'
packages and travellers' own trips, so both are checked by the same rules."""

from __future__ import annotations

from collections.abc import Sequence

from tourroute.core.domain import Itinerary
from tourroute.core.errors import UnknownPlaceError
from tourroute.core.planner.fixed_order import retime_itinerary
from tourroute.services.planning import plan_rules, site_groups
from tourroute.services.travel import published_places, travel_matrix


class UnpublishedStopError(UnknownPlaceError):
    """A stop of the edit is not a published place; ``slug`` is the first such stop."""

    def __init__(self, slug: str) -> None:
        super().__init__(f"no published place has the slug {slug!r}", field="days")
        self.slug = slug


def retime_published(
    previous: Itinerary,
    day_slugs: Sequence[Sequence[str]],
    *,
    day_start_min: int | None = None,
    day_end_min: int | None = None,
) -> Itinerary:
    """``previous`` with exactly these stops per day, timed on its own scenario's roads.

    ``day_start_min``/``day_end_min`` replace the request's day times when given (an agency's
    package keeps its own).

    Raises
    ------
    UnpublishedStopError
        A slug names no published place.
    RefusedEditError
        The order breaks a rule; ``problems`` names each.
    """
    places = {p.slug: p for p in published_places()}
    unknown = [slug for slugs in day_slugs for slug in slugs if slug not in places]
    if unknown:
        raise UnpublishedStopError(unknown[0])
    travel = travel_matrix(list(places.values()), scenario=previous.request.scenario)
    return retime_itinerary(
        previous,
        day_slugs,
        places=places,
        travel=travel,
        day_start_min=day_start_min,
        day_end_min=day_end_min,
        groups=site_groups(),
        group_max_min=plan_rules().group_visit_max_min,
    )
