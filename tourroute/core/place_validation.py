"""Checking one place as a curator typed it or an import file wrote it.

The curation form and the bulk import speak the same language — the columns of the data files
(:data:`tourroute.core.datafiles.PLACE_COLUMNS`) as text, plus ``festivals`` — so one validator
serves both, and a place reads the same whichever way it came in.

Problems are returned, not raised: a form shows every problem next to its field at once, and an
import preview lists every problem of every row. Each problem carries an English template
marked with ``N_`` (extracted for translation) and its parameters, so the web layer shows it in
the user's language and the command line in English.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import shapely

from tourroute.core import geo
from tourroute.core.datafiles import HERITAGE_LEVELS, PLACE_COLUMNS, TAGS, WEB_ADDRESS
from tourroute.core.domain import KINDS, PRECISIONS
from tourroute.core.duplicates import names_alike
from tourroute.core.hours import HoursError, canonical_opening_hours, parse_opening_hours
from tourroute.core.messages import N_, Params, fill

#: Every field a draft carries: the data files' columns and the festivals held at the place.
FIELDS: tuple[str, ...] = (*PLACE_COLUMNS, "festivals")
REQUIRED: tuple[str, ...] = ("slug", "name_vi", "kind", "lat", "lon", "precision", "coord_source")

#: How far outside an *approximate* boundary a point may lie and still count as inside. The
#: author of the approximate boundaries measured real places up to ~1.1 km outside them
#: (borders drawn half-way between commune centroids); 1.5 km covers that with some room
#: while a point in the wrong province is typically tens of kilometres off.
APPROXIMATE_MARGIN_KM = 1.5
#: Another place this close with a similar name is probably the same place.
DUPLICATE_RADIUS_KM = 0.2

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
#: Only web addresses are links on a page: never ``javascript:`` or ``data:``.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_LENGTH = {
    "slug": 80,
    "name_vi": 200,
    "name_en": 200,
    "description_vi": 5000,
    "description_en": 5000,
}
_DEFAULT_MAX_LENGTH = 2000
_DEFAULTS = {
    "precision": "exact",
    "visit_min": "60",
    "visit_source": "estimate",
    "opening_hours": "unknown",
    "interest": "5",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong (or, as a warning, worth a reviewer's look) with one field."""

    field: str
    template: str
    params: Params = dataclasses.field(default_factory=dict)

    @property
    def message(self) -> str:
        return fill(self.template, self.params)


@dataclass(frozen=True)
class KnownPlace:
    """A place already in the catalogue (or awaiting review), for duplicate checks."""

    slug: str
    name_vi: str
    name_en: str
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceContext:
    """What a place is checked against; built once per form or per import file."""

    province: str
    boundaries: Mapping[str, shapely.Geometry]
    boundaries_approximate: bool
    province_names: Mapping[str, str]
    known_places: Sequence[KnownPlace] = ()
    #: Slugs another place or pending draft already uses.
    taken_slugs: frozenset[str] = frozenset()
    festival_slugs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CheckedPlace:
    """The cleaned fields (canonical text), the errors that block saving, and warnings."""

    fields: dict[str, str]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_fields(raw: Mapping[str, str]) -> dict[str, str]:
    """Every field present, stripped, with the data files' defaults for the empty optional ones."""
    fields = {name: str(raw.get(name, "") or "").strip() for name in FIELDS}
    for name, default in _DEFAULTS.items():
        fields[name] = fields[name] or default
    return fields


def text_problems(fields: Mapping[str, str]) -> list[Problem]:
    """Control characters and over-long text, in any field of any catalogue form."""
    problems = []
    for name, value in fields.items():
        if _CONTROL.search(value):
            problems.append(Problem(name, N_("This field contains control characters.")))
        limit = _MAX_LENGTH.get(name, _DEFAULT_MAX_LENGTH)
        if len(value) > limit:
            problems.append(
                Problem(name, N_("At most %(limit)d characters, please."), {"limit": limit})
            )
    return problems


def _choice_problems(fields: Mapping[str, str], context: PlaceContext) -> list[Problem]:
    problems = []
    if fields["slug"] in context.taken_slugs:
        problems.append(
            Problem(
                "slug",
                N_("Another place already uses “%(value)s”; edit that place instead."),
                {"value": fields["slug"]},
            )
        )
    elif fields["slug"] and not _SLUG.fullmatch(fields["slug"]):
        problems.append(
            Problem(
                "slug",
                N_("Use lowercase letters a–z, digits and single hyphens, e.g. “den-hung”."),
            )
        )
    choices = {"kind": KINDS, "precision": PRECISIONS, "heritage": ("", *HERITAGE_LEVELS)}
    for name, allowed in choices.items():
        if fields[name] and fields[name] not in allowed:
            problems.append(
                Problem(
                    name,
                    N_("“%(value)s” is not one of: %(allowed)s."),
                    {"value": fields[name], "allowed": ", ".join(a for a in allowed if a)},
                )
            )
    for tag in _split(fields["tags"]):
        if tag not in TAGS:
            problems.append(
                Problem(
                    "tags",
                    N_("Unknown theme tag “%(value)s”; known tags: %(allowed)s."),
                    {"value": tag, "allowed": ", ".join(TAGS)},
                )
            )
    for slug in _split(fields["festivals"]):
        if slug not in context.festival_slugs:
            problems.append(
                Problem("festivals", N_("Unknown festival “%(value)s”."), {"value": slug})
            )
    if fields["province"] and fields["province"] != context.province:
        problems.append(
            Problem(
                "province",
                N_("This place must belong to %(province)s, the province you curate."),
                {"province": context.province_names.get(context.province, context.province)},
            )
        )
    return problems


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _decimal(raw: str) -> float:
    """A decimal as curators type it: ``21.3456`` or, the Vietnamese way, ``21,3456``. The only
    decimals here are coordinates and interest, never written with a thousands separator, so a
    comma can only be the decimal mark (whole numbers go through ``int``)."""
    return float(raw.replace(",", "."))


def _number(
    fields: dict[str, str],
    name: str,
    *,
    whole: bool,
    low: float,
    high: float,
    problems: list[Problem],
) -> float | None:
    raw = fields[name]
    if raw == "":
        return None
    try:
        value = float(int(raw)) if whole else _decimal(raw)
    except ValueError:
        template = N_("Enter a whole number.") if whole else N_("Enter a number, e.g. 21.3456.")
        problems.append(Problem(name, template))
        return None
    if not math.isfinite(value) or not low <= value <= high:
        problems.append(
            Problem(
                name,
                N_("Enter a value from %(low)s to %(high)s."),
                {"low": f"{low:g}", "high": f"{high:g}"},
            )
        )
        return None
    fields[name] = str(int(value)) if whole else repr(value)
    return value


def _numbers(fields: dict[str, str]) -> tuple[list[Problem], float | None, float | None]:
    problems: list[Problem] = []
    lat = _number(fields, "lat", whole=False, low=-90, high=90, problems=problems)
    lon = _number(fields, "lon", whole=False, low=-180, high=180, problems=problems)
    _number(fields, "visit_min", whole=True, low=0, high=24 * 60, problems=problems)
    _number(fields, "interest", whole=False, low=0, high=10, problems=problems)
    for name in ("ticket_adult_vnd", "ticket_child_vnd"):
        _number(fields, name, whole=True, low=0, high=10_000_000, problems=problems)
    return problems, lat, lon


def _source_problems(fields: Mapping[str, str]) -> list[Problem]:
    """A fact without its source cannot be checked, so each stated fact needs one."""
    needs = {
        "hours_source": fields["opening_hours"] != "unknown",
        "ticket_source": bool(fields["ticket_adult_vnd"] or fields["ticket_child_vnd"]),
        "heritage_source": bool(fields["heritage"]),
    }
    return [
        Problem(name, N_("Name the source of this fact (a URL or a named dataset)."))
        for name, needed in needs.items()
        if needed and not fields[name]
    ]


def _hours_problems(fields: dict[str, str]) -> list[Problem]:
    try:
        hours = parse_opening_hours(fields["opening_hours"])
    except HoursError as exc:
        # Where, not the parser's English wording: the page says it in its own language.
        template = (
            N_(
                "Opening hours: “%(token)s” at column %(column)d is not understood. "
                "Example: “Mo-Fr 07:30-11:30,13:30-17:00; Su off”."
            )
            if exc.token
            else N_(
                "Opening hours: the text ends too early. "
                "Example: “Mo-Fr 07:30-11:30,13:30-17:00; Su off”."
            )
        )
        return [Problem("opening_hours", template, {"token": exc.token, "column": exc.column})]
    if hours.known and fields["opening_hours"] != "24/7":
        fields["opening_hours"] = canonical_opening_hours(hours)
    return []


def _inside(boundaries: Mapping[str, shapely.Geometry], code: str, lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180 and geo.contains(boundaries, code, lat, lon)


def _swapped_problem(fields: Mapping[str, str], context: PlaceContext) -> Problem | None:
    """Latitude typed as longitude and the other way round, the most common slip.

    Checked on the raw numbers, before range checks: (106.07, 21.18) is out of range as a
    latitude, and the useful message is "swapped", not "enter a value from -90 to 90".
    """
    try:
        lat, lon = _decimal(fields["lat"]), _decimal(fields["lon"])
    except ValueError:
        return None
    province = context.province
    if province not in context.boundaries or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if _inside(context.boundaries, province, lat, lon):
        return None
    if not _inside(context.boundaries, province, lon, lat):
        return None
    return Problem(
        "lat",
        N_(
            "Latitude and longitude look swapped: (%(lat)s, %(lon)s) lies outside "
            "%(province)s, but (%(lon)s, %(lat)s) lies inside it. In this region the "
            "latitude is about 20–23 and the longitude about 104–107."
        ),
        {
            "lat": f"{lat:g}",
            "lon": f"{lon:g}",
            "province": context.province_names.get(province, province),
        },
    )


def _location_problems(lat: float, lon: float, context: PlaceContext) -> list[Problem]:
    """The point must lie in the province (with a margin when the borders are approximate)."""
    boundaries, province = context.boundaries, context.province
    if province not in boundaries or geo.contains(boundaries, province, lat, lon):
        return []
    outside_km = geo.distance_outside_km(boundaries, province, lat, lon)
    if context.boundaries_approximate and outside_km <= APPROXIMATE_MARGIN_KM:
        return []
    name = context.province_names.get(province, province)
    other = geo.province_of(lat, lon, boundaries)
    if other is not None:
        return [
            Problem(
                "lat",
                N_("This point lies in %(other)s, not in %(province)s."),
                {"other": context.province_names.get(other, other), "province": name},
            )
        ]
    return [
        Problem(
            "lat",
            N_("This point lies %(km)s km outside %(province)s."),
            {"km": f"{outside_km:.1f}", "province": name},
        )
    ]


def similar_names(a: KnownPlace, b: KnownPlace) -> bool:
    """Same place by name in either language, judged as the data validation tests judge it."""
    return any(
        names_alike(left, right)
        for left in (a.name_vi, a.name_en)
        for right in (b.name_vi, b.name_en)
    )


def likely_duplicates(candidate: KnownPlace, known: Sequence[KnownPlace]) -> list[KnownPlace]:
    """Known places within ``DUPLICATE_RADIUS_KM`` of ``candidate`` with a similar name."""
    return [
        other
        for other in known
        if other.slug != candidate.slug
        and geo.haversine_km(candidate.lat, candidate.lon, other.lat, other.lon)
        <= DUPLICATE_RADIUS_KM
        and similar_names(candidate, other)
    ]


def duplicate_warnings(candidate: KnownPlace, known: Sequence[KnownPlace]) -> list[Problem]:
    return [
        Problem(
            "name_vi",
            N_("Possible duplicate of “%(name)s” (%(slug)s), %(metres)d m away."),
            {
                "name": other.name_vi,
                "slug": other.slug,
                "metres": round(
                    1000 * geo.haversine_km(candidate.lat, candidate.lon, other.lat, other.lon)
                ),
            },
        )
        for other in likely_duplicates(candidate, known)
    ]


def check_place(raw: Mapping[str, str], context: PlaceContext) -> CheckedPlace:
    """Validate a place's fields for ``context.province``; never raises on bad input."""
    fields = clean_fields(raw)
    fields["province"] = fields["province"] or context.province
    errors = text_problems(fields)
    errors += [
        Problem(name, N_("This field is required.")) for name in REQUIRED if not fields[name]
    ]
    errors += _choice_problems(fields, context)
    swapped = _swapped_problem(fields, context)
    number_problems, lat, lon = _numbers(fields)
    if swapped is not None:
        errors.append(swapped)
        errors += [p for p in number_problems if p.field not in ("lat", "lon")]
    else:
        errors += number_problems
    errors += _source_problems(fields)
    errors += _hours_problems(fields)
    if fields["website"] and not WEB_ADDRESS.match(fields["website"]):
        errors.append(Problem("website", N_("A website must start with http:// or https://.")))
    warnings: list[Problem] = []
    if swapped is None and lat is not None and lon is not None:
        errors += _location_problems(lat, lon, context)
        candidate = KnownPlace(fields["slug"], fields["name_vi"], fields["name_en"], lat, lon)
        warnings = duplicate_warnings(candidate, context.known_places)
    return CheckedPlace(fields=fields, errors=tuple(errors), warnings=tuple(warnings))
