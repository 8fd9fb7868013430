"""Reject trip requests that cannot be planned as asked, with a message and the field at fault."""

from __future__ import annotations

from collections.abc import Mapping

from tourroute.core.domain import PACE_FACTORS, VISIT_KINDS, Place, Theme, TripRequest
from tourroute.core.errors import InvalidRequestError, UnknownPlaceError
from tourroute.core.planner.trip_rules import MAX_DAYS


def _known(slug: str, places: Mapping[str, Place], *, field: str) -> Place:
    place = places.get(slug)
    if place is None:
        raise UnknownPlaceError(f"No place is known by the slug {slug!r}.", field=field)
    return place


def _visitable(slug: str, places: Mapping[str, Place], *, field: str) -> None:
    place = _known(slug, places, field=field)
    if place.kind not in VISIT_KINDS:
        raise InvalidRequestError(
            f"{place.name_en or place.name_vi} is a {place.kind}, not a place to visit.",
            field=field,
        )


def check_request(
    request: TripRequest, *, places: Mapping[str, Place], themes: Mapping[str, Theme]
) -> Theme | None:
    """Raise on a request no plan can answer; return the theme it names (None: no theme)."""
    if not 1 <= request.days <= MAX_DAYS:
        raise InvalidRequestError(
            f"A trip lasts 1 to {MAX_DAYS} days; {request.days} was asked.", field="days"
        )
    if request.day_end_min <= request.day_start_min:
        raise InvalidRequestError(
            "The day must end after it starts; choose a later end time.", field="day_end_min"
        )
    if request.day_start_min < 0 or request.day_end_min > 24 * 60:
        raise InvalidRequestError("Day times must lie within one day.", field="day_start_min")
    if request.pace not in PACE_FACTORS:
        raise InvalidRequestError(
            f"Pace must be one of {', '.join(PACE_FACTORS)}; got {request.pace!r}.", field="pace"
        )
    if request.max_drive_min_per_day <= 0:
        raise InvalidRequestError(
            "The daily driving limit must be positive.", field="max_drive_min_per_day"
        )
    if request.lunch_min < 0:
        raise InvalidRequestError("Lunch cannot last a negative time.", field="lunch_min")
    _known(request.start, places, field="start")
    _known(request.end_place, places, field="end")
    for slug in request.include:
        _visitable(slug, places, field="include")
    for slug in request.exclude:
        _known(slug, places, field="exclude")
    for stop in request.locked:
        _visitable(stop.slug, places, field="locked")
        if not 0 <= stop.day < request.days:
            raise InvalidRequestError(
                f"{stop.slug} is locked to day {stop.day + 1}, but the trip has {request.days}.",
                field="locked",
            )
    clash = set(request.exclude) & ({*request.include} | {s.slug for s in request.locked})
    if clash:
        raise InvalidRequestError(
            f"{', '.join(sorted(clash))} cannot be both included and excluded.", field="exclude"
        )
    locked_days: dict[str, int] = {}
    for stop in request.locked:
        if locked_days.setdefault(stop.slug, stop.day) != stop.day:
            raise InvalidRequestError(f"{stop.slug} is locked to two days.", field="locked")
    if request.days > 1 and not any(p.kind == "lodging" for p in places.values()):
        raise InvalidRequestError(
            "No lodging is known, so a trip cannot last overnight.", field="days"
        )
    if request.theme is None:
        return None
    theme = themes.get(request.theme)
    if theme is None:
        raise InvalidRequestError(
            f"No theme is known by the slug {request.theme!r}.", field="theme"
        )
    return theme
