"""Which places a trip may visit and what each is worth on each day."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tourroute.core.domain import VISIT_KINDS, FestivalDates, Place, Theme, TripRequest
from tourroute.core.planner.trip_model import Candidate
from tourroute.core.planner.trip_rules import FAVOUR_FACTOR, FESTIVAL_FACTOR

#: Festival held at a place on a trip day: ``festivals_by_day[slug][day] = festival slug``.
FestivalDays = Mapping[str, Mapping[int, str]]


def festival_days(
    request: TripRequest, festivals: Sequence[FestivalDates], places: Mapping[str, Place]
) -> dict[str, dict[int, str]]:
    found: dict[str, dict[int, str]] = {}
    for dates in festivals:
        for day in range(request.days):
            if dates.start <= request.date_of(day) <= dates.end:
                for slug in dates.festival.places:
                    if slug in places:
                        found.setdefault(slug, {}).setdefault(day, dates.festival.slug)
    return found


def base_worth(place: Place, request: TripRequest) -> float:
    return place.interest * (FAVOUR_FACTOR if place.kind in request.favour_kinds else 1.0)


def select_candidates(
    request: TripRequest,
    *,
    places: Mapping[str, Place],
    theme: Theme | None,
    festivals: FestivalDays,
) -> list[Candidate]:
    """Theme places, must-includes and (when asked) festival places, minus the excluded.

    A festival place becomes mandatory, on its festival days only, when the traveller asked for
    festivals; a locked stop is mandatory on its own day.
    """
    must = set(request.include) | {s.slug for s in request.locked}
    locked = {s.slug: s.day for s in request.locked}
    chosen: list[Candidate] = []
    for slug in sorted(places):
        place = places[slug]
        ends = (request.start, request.end_place)
        if place.kind not in VISIT_KINDS or slug in request.exclude or slug in ends:
            continue
        stage = theme.stage_of(place) if theme is not None else None
        festival_required = request.festivals and slug in festivals
        if not (theme is None or stage is not None or slug in must or festival_required):
            continue
        worth = base_worth(place, request)
        on_days = festivals.get(slug, {})
        allowed: frozenset[int] | None = None
        if slug in locked:
            allowed = frozenset({locked[slug]})
        elif festival_required:
            allowed = frozenset(on_days)
        chosen.append(
            Candidate(
                place=place,
                scores=tuple(
                    worth * (FESTIVAL_FACTOR if d in on_days else 1.0) for d in range(request.days)
                ),
                stage=stage,
                mandatory=slug in must or festival_required,
                days=allowed,
            )
        )
    return chosen
