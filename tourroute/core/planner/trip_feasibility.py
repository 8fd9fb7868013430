"""Refuse, before any search, a must-include place that could not fit even on an empty day."""

from __future__ import annotations

from collections.abc import Sequence

from tourroute.core.domain import TravelTimes, TripRequest
from tourroute.core.errors import InfeasibleError
from tourroute.core.planner.trip_model import Candidate, candidate_length, candidate_spans
from tourroute.core.planner.trip_rules import drive_min

#: The reason code (``LeftOutReason``) of each way a place cannot fit alone on a day.
REASON_CODES = {
    "closed": "closed_that_day",
    "too far for the daily driving limit": "driving_limit",
    "too far to reach and leave inside its opening hours and the day": "window_missed",
}
REASON_PRIORITY = ("driving_limit", "window_missed", "closed_that_day")


def _why_not_alone(
    cand: Candidate,
    day: int,
    request: TripRequest,
    *,
    origins: Sequence[str],
    ends: Sequence[str],
    travel: TravelTimes,
) -> str | None:
    """None when the place fits on ``day`` as the only visit; else the reason it does not."""
    spans = candidate_spans(cand, request, day)
    if not spans:
        return "closed"
    slug = cand.place.slug
    drive_in = min(drive_min(travel, o, slug) for o in origins)
    drive_out = min(drive_min(travel, slug, e) for e in ends)
    if drive_in + drive_out > request.max_drive_min_per_day:
        return "too far for the daily driving limit"
    length = candidate_length(cand, request)
    for earliest, latest in spans:
        begin = max(request.day_start_min + drive_in, earliest)
        if begin <= latest and begin + length + drive_out <= request.day_end_min:
            return None
    return "too far to reach and leave inside its opening hours and the day"


def check_must_fit(
    request: TripRequest,
    candidates: Sequence[Candidate],
    *,
    lodgings: Sequence[str],
    travel: TravelTimes,
) -> None:
    """Raise ``InfeasibleError`` for the first must-include that fits on no day at all."""
    must = set(request.include)
    locked = {s.slug for s in request.locked}
    slugs_of = {c.place.slug: {c.place.slug, *(m.slug for m in c.members)} for c in candidates}
    last = request.days - 1
    for cand in candidates:
        slug = cand.place.slug
        if not slugs_of[slug] & (must | locked):
            continue
        days = sorted(cand.days) if cand.days is not None else range(request.days)
        reasons = []
        whys: list[str] = []
        for day in days:
            origins = [request.start] if day == 0 else lodgings
            ends = [request.end_place] if day == last else lodgings
            why = _why_not_alone(cand, day, request, origins=origins, ends=ends, travel=travel)
            if why is None:
                break
            reasons.append(f"day {day + 1}: {why}")
            whys.append(why)
        else:
            name = cand.place.name_en or cand.place.name_vi
            codes = {REASON_CODES[why] for why in whys}
            raise InfeasibleError(
                f"{name} cannot fit in this trip ({'; '.join(reasons)}). "
                "Remove it, or change the dates or day times.",
                field="locked" if slugs_of[slug] & locked else "include",
                place=(cand.place.name_vi, cand.place.name_en),
                reason=next(code for code in REASON_PRIORITY if code in codes),
            )
