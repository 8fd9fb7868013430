"""The body of ``POST /itineraries``: JSON in, a checked ``TripRequest`` out.

Every field is checked here, and every fault is reported at once with its field name, so that a
client can fix a whole form in one round; the planner's own checks stay as the last word.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from flask import request

from tourroute import i18n
from tourroute.core.domain import PACE_FACTORS, VISIT_KINDS, TripRequest, hhmm
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.core.planner.trip_rules import MAX_DAYS
from tourroute.services import catalogue
from tourroute.services.traveller_costs import MAX_TRAVELLERS
from tourroute.web.api.catalogue import FESTIVAL_YEARS
from tourroute.web.api.locale import _, response_lang
from tourroute.web.api.problems import ApiProblem, FieldError, invalid, invalid_field

#: The planner's own limit, checked here too so the API can name the field and publish it.
MAX_TRIP_DAYS = MAX_DAYS
MAX_SLUG_LIST = 50
MAX_SEED = 2**31 - 1
_DEFAULTS: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(TripRequest)}
DEFAULT_START: str = _DEFAULTS["start"]
DEFAULT_START_TIME = hhmm(_DEFAULTS["day_start_min"])
DEFAULT_END_TIME = hhmm(_DEFAULTS["day_end_min"])
FIELDS = (
    "theme",
    "start",
    "end",
    "start_date",
    "days",
    "pace",
    "start_time",
    "end_time",
    "include",
    "exclude",
    "festivals",
    "lang",
    "seed",
    "scenario",
    "travellers",
)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class _Checker:
    """Collects the faults of one body; each getter returns a usable value even on a fault."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def value(self, field: str, default: Any, check: Callable[[Any], str | None]) -> Any:
        """``body[field]`` (or ``default`` when absent) when ``check`` finds no fault."""
        if field not in self.body:
            return default
        fault = check(self.body[field])
        if fault is not None:
            self.fail(field, fault)
            return default
        return self.body[field]


def _whole(minimum: int, maximum: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            return _(
                "Give a whole number from %(minimum)d to %(maximum)d.",
                minimum=minimum,
                maximum=maximum,
            )
        return None

    return check


def _one_of(allowed: list[str] | tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value not in allowed:
            return _("Choose one of: %(allowed)s.", allowed=", ".join(sorted(allowed)))
        return None

    return check


def _date(value: Any) -> str | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return _("Give a date as YYYY-MM-DD.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return _("This date does not exist.")
    first, last = FESTIVAL_YEARS[0], FESTIVAL_YEARS[1] - 1  # a trip may run into the next year
    if not first <= day.year <= last:
        return _("Choose a date from %(first)d to %(last)d.", first=first, last=last)
    return None


def _time(value: Any) -> str | None:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        return _("Give a time of day as HH:MM (24-hour clock).")
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else _("Give true or false.")


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _place(kinds: dict[str, str], *, optional: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or value not in kinds:
            return _("No published place has this slug.")
        return None

    return check


def _slug_list(kinds: dict[str, str], *, visits_only: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or len(value) > MAX_SLUG_LIST:
            return _("Give a list of at most %(count)d place slugs.", count=MAX_SLUG_LIST)
        unknown = [str(s) for s in value if not isinstance(s, str) or s not in kinds]
        if unknown:
            return _("No published place has these slugs: %(slugs)s.", slugs=", ".join(unknown))
        if visits_only and any(kinds[s] not in VISIT_KINDS for s in value):
            return _("Gateways and lodging are where days start and end, not places to visit.")
        return None

    return check


def _theme_check() -> Callable[[Any], str | None]:
    slugs = catalogue.theme_slugs()

    def check(value: Any) -> str | None:
        if value is not None and (not isinstance(value, str) or value not in slugs):
            return _("Choose one of: %(allowed)s.", allowed=", ".join(sorted(slugs)))
        return None

    return check


def json_object() -> dict[str, Any]:
    """The request's body as a JSON object; a 415 or 400 problem otherwise."""
    if not request.is_json:
        raise ApiProblem(415, _("Send the request body as JSON (Content-Type: application/json)."))
    body = request.get_json(silent=True)
    if body is None:
        raise invalid_field("body", _("The body is not valid JSON."))
    if not isinstance(body, dict):
        raise invalid_field("body", _("The body must be a JSON object."))
    return body


def trip_request_from_json() -> tuple[TripRequest, str]:
    """The request's trip and the language it asks for; a 400 listing every fault otherwise."""
    return trip_request_from(json_object())


def trip_request_from(body: dict[str, Any]) -> tuple[TripRequest, str]:
    """A trip from a JSON object shaped like the body of ``POST /itineraries``."""
    check = _Checker(body)
    for field in body:
        if field not in FIELDS:
            check.fail(field, _("Unknown field."))
    if "start_date" not in body:
        check.fail("start_date", _("This field is required."))
    if "days" not in body:
        check.fail("days", _("This field is required."))
    kinds = catalogue.published_kinds()
    theme = check.value("theme", _DEFAULTS["theme"], _theme_check())
    start = check.value("start", DEFAULT_START, _place(kinds, optional=False))
    end = check.value("end", None, _place(kinds, optional=True))
    start_date = check.value("start_date", None, _date)
    days = check.value("days", 1, _whole(1, MAX_TRIP_DAYS))
    pace = check.value("pace", _DEFAULTS["pace"], _one_of(tuple(PACE_FACTORS)))
    start_time = check.value("start_time", DEFAULT_START_TIME, _time)
    end_time = check.value("end_time", DEFAULT_END_TIME, _time)
    include = check.value("include", [], _slug_list(kinds, visits_only=True))
    exclude = check.value("exclude", [], _slug_list(kinds, visits_only=False))
    festivals = check.value("festivals", _DEFAULTS["festivals"], _boolean)
    lang = check.value("lang", response_lang(), _one_of(i18n.LOCALES))
    seed = check.value("seed", _DEFAULTS["seed"], _whole(0, MAX_SEED))
    scenario = check.value("scenario", _DEFAULTS["scenario"], _one_of(tuple(TRIP_SCENARIOS)))
    check.value("travellers", None, _whole(1, MAX_TRAVELLERS))  # read by the caller: not a trip
    if _minutes(end_time) <= _minutes(start_time):
        check.fail("end_time", _("The day must end after it starts."))
    if set(include) & set(exclude):
        check.fail("exclude", _("A place cannot be both included and excluded."))
    if check.errors:
        raise invalid(check.errors)
    trip = TripRequest(
        start_date=dt.date.fromisoformat(start_date),
        days=days,
        start=start,
        end=end,
        theme=theme,
        pace=pace,
        day_start_min=_minutes(start_time),
        day_end_min=_minutes(end_time),
        include=tuple(dict.fromkeys(include)),
        exclude=tuple(dict.fromkeys(exclude)),
        festivals=festivals,
        seed=seed,
        scenario=scenario,
    )
    return trip, lang
