"""The rules a day of a trip follows, shared by the planner and the independent validator.

Keeping them in one place means the validator checks the same promise the planner made (whole
minutes, drive times rounded up, lunch between 11:00 and 13:30) without sharing its bookkeeping.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tourroute.core.domain import PACE_FACTORS, Place, PlanRules, ShowOffer, TravelTimes

#: Lunch must start in this span of the day (minutes since midnight).
LUNCH_EARLIEST_MIN = 11 * 60
LUNCH_LATEST_MIN = 13 * 60 + 30
#: Longest trip the planner accepts, in days.
MAX_DAYS = 7
#: A favoured kind's places count this much more.
FAVOUR_FACTOR = 1.5
#: A place's worth is multiplied by this on a day one of its festivals is held.
FESTIVAL_FACTOR = 2.0


def drive_min(travel: TravelTimes, origin: str, destination: str) -> int:
    """Drive time in whole minutes, rounded up so a schedule never runs short."""
    if origin == destination:
        return 0
    return math.ceil(travel.minutes(origin, destination) - 1e-9)


def visit_length_min(place: Place, pace: str, *, crowd: float = 1.0) -> int:
    """Minutes a visit takes at ``pace``; ``crowd`` lengthens it on a busy festival day."""
    return round(place.visit_min * crowd * PACE_FACTORS[pace])


def experience_extra_min(visited: Sequence[Place], offer: ShowOffer | None, pace: str) -> int:
    """Minutes a daytime experience adds to a visit of ``visited`` (a place or a group's members).

    The experience replaces its venue's own visit: it lasts as long as the offer says, whatever
    the pace, and never shortens the visit.
    """
    if offer is None:
        return 0
    venue = next((p for p in visited if p.slug == offer.venue), None)
    if venue is None:
        return 0
    return max(0, offer.duration_min - visit_length_min(venue, pace))


def early_spans(
    spans: Sequence[tuple[float, float]], *, reach_min: float, rules: PlanRules
) -> tuple[tuple[float, float], ...]:
    """Start windows of a visit in a festival's crowds: by ``rules.festival_arrive_by_min``,
    before the crowds peak, when the day's first drive can get there in time (``reach_min``:
    the day's start plus that drive) and the place is open by then; else its own ``spans``."""
    by = rules.festival_arrive_by_min
    if by is None or reach_min > by:
        return tuple(spans)
    early = tuple((a, min(b, float(by))) for a, b in spans if a <= by)
    return early or tuple(spans)
