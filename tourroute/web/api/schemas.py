"""What the API accepts, declared once: each model checks the input and writes its part of the
OpenAPI document. Adding a field is one line in the model (and one in its ``to_...`` method when
the service takes it).

Descriptions are English msgids (``N_``), translated when the document is served.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Self

from pydantic import AfterValidator, Field, model_validator

from tourroute.core.domain import PACE_FACTORS, VISIT_KINDS, LockedStop, TripRequest, hhmm
from tourroute.core.messages import N_
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.core.planner.replan import Edits
from tourroute.core.planner.trip_rules import MAX_DAYS
from tourroute.models import DOCUMENT_LANGS
from tourroute.services import catalogue, package_exports, trip_exports
from tourroute.services.festivals import FESTIVAL_YEARS
from tourroute.services.packages import MAX_GROUP, MAX_NOTES, MAX_TITLE
from tourroute.services.traveller_costs import MAX_TRAVELLERS
from tourroute.web.fields import SLUG_CHARS, Kind, Lang, Page, ProvinceCode, Slug, ThemeSlug
from tourroute.web.inputs import (
    HHMM,
    MAX_ID,
    Body,
    Chars,
    OneOf,
    Query,
    Says,
    SearchText,
    Whole,
    _,
    minutes_of,
    refuse,
)

MAX_SLUG_LIST = 50
MAX_SEED = 2**31 - 1
MAX_PER_PAGE = 100
#: A day's drive at most: a longer radius would list the whole region.
MAX_WITHIN_MINUTES = 24 * 60
_TRIP: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(TripRequest)}

Scenario = Annotated[str, OneOf(tuple(TRIP_SCENARIOS))]
Travellers = Annotated[int, Whole(1, MAX_TRAVELLERS)]


def _published_slug(*, visits_only: bool) -> Callable[[str], str]:
    def check(slug: str) -> str:
        kind = catalogue.published_kinds().get(slug)
        if kind is None:
            raise refuse(_("No published place has the slug “%(slug)s”.", slug=slug[:SLUG_CHARS]))
        if visits_only and kind not in VISIT_KINDS:
            raise refuse(
                _("Gateways and lodging are where days start and end, not places to visit.")
            )
        return slug

    return check


PlaceSlug = Annotated[str, AfterValidator(_published_slug(visits_only=False))]
VisitSlug = Annotated[str, AfterValidator(_published_slug(visits_only=True))]


def _trip_date(day: dt.date) -> dt.date:
    first, last = FESTIVAL_YEARS[0], FESTIVAL_YEARS[1] - 1  # a trip may run into the next year
    if not first <= day.year <= last:
        raise refuse(_("Choose a date from %(first)d to %(last)d.", first=first, last=last))
    return day


_LIST_OF_SLUGS = Says(N_("Give a list of at most %(count)d place slugs."), {"count": MAX_SLUG_LIST})
VisitSlugs = Annotated[list[VisitSlug], Field(max_length=MAX_SLUG_LIST), _LIST_OF_SLUGS]
PlaceSlugs = Annotated[list[PlaceSlug], Field(max_length=MAX_SLUG_LIST), _LIST_OF_SLUGS]
DaySlugs = Annotated[
    list[list[Slug]],
    Field(min_length=1, max_length=MAX_DAYS),
    Says(N_("Give the stops as a list of days, each a list of slugs.")),
]


class LangQuery(Query):
    """The ``lang`` every API operation takes (the response's language)."""

    lang: Lang | None = Field(None, description=N_("Language of names, descriptions and messages."))


class TripBody(Body):
    """The body of ``POST /itineraries``: a trip to plan."""

    theme: ThemeSlug | None = Field(
        _TRIP["theme"], description=N_("A theme slug (see /themes); null plans without a theme.")
    )
    start: PlaceSlug = Field(_TRIP["start"], description=N_("Place slug."))
    end: PlaceSlug | None = Field(
        None, description=N_("Place slug; null ends where the trip started.")
    )
    start_date: Annotated[dt.date, AfterValidator(_trip_date)]
    days: Annotated[int, Whole(1, MAX_DAYS)]
    pace: Annotated[str, OneOf(tuple(PACE_FACTORS))] = _TRIP["pace"]
    start_time: HHMM = hhmm(_TRIP["day_start_min"])
    end_time: HHMM = Field(
        hhmm(_TRIP["day_end_min"]), description=N_("When each day ends; must be after start_time.")
    )
    include: VisitSlugs = Field([], description=N_("Places that must be visited."))
    exclude: PlaceSlugs = Field([], description=N_("Places that must not be visited."))
    festivals: bool = Field(
        _TRIP["festivals"], description=N_("Favour places on the days of their festivals.")
    )
    lang: Lang | None = None
    seed: Annotated[int, Whole(0, MAX_SEED)] = _TRIP["seed"]
    scenario: Scenario = Field(
        _TRIP["scenario"], description=N_("Plan on today's roads or with Ring Road 5 complete.")
    )
    travellers: Travellers | None = Field(
        None, description=N_("Adds a cost estimate (costs) for this many travellers.")
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if minutes_of(self.end_time) <= minutes_of(self.start_time):
            raise refuse(_("The day must end after it starts."), field="end_time")
        if set(self.include) & set(self.exclude):
            raise refuse(_("A place cannot be both included and excluded."), field="exclude")
        return self

    def to_request(self) -> TripRequest:
        return TripRequest(
            start_date=self.start_date,
            days=self.days,
            start=self.start,
            end=self.end,
            theme=self.theme,
            pace=self.pace,
            day_start_min=minutes_of(self.start_time),
            day_end_min=minutes_of(self.end_time),
            include=tuple(dict.fromkeys(self.include)),
            exclude=tuple(dict.fromkeys(self.exclude)),
            festivals=self.festivals,
            seed=self.seed,
            scenario=self.scenario,
        )


class ProvincesQuery(Query):
    boundaries: bool = Field(
        False, description=N_("1 adds the boundaries as a GeoJSON FeatureCollection.")
    )


class PlacesQuery(Query):
    province: ProvinceCode | None = Field(None, description=N_("Province code (see /provinces)."))
    kind: Kind | None = Field(None, description=N_("Place kind."))
    theme: ThemeSlug | None = Field(
        None, description=N_("Places a theme's stages admit (see /themes).")
    )
    q: SearchText | None = Field(
        None, description=N_("Words to find in the names, with or without Vietnamese marks.")
    )
    near: Slug | None = Field(None, description=N_("Place slug; use with within_minutes."))
    within_minutes: Annotated[int, Whole(1, MAX_WITHIN_MINUTES)] | None = Field(
        None, description=N_("Only places this many minutes by road from “near”, or closer.")
    )
    page: Page = Field(1, description=N_("Page number."))
    per_page: Annotated[int, Whole(1, MAX_PER_PAGE)] | None = Field(
        None, description=N_("Places per page (default %(size)d).")
    )

    @model_validator(mode="after")
    def _near_with_minutes(self) -> Self:
        if (self.near is None) != (self.within_minutes is None):
            missing = "near" if self.near is None else "within_minutes"
            raise refuse(_("Give “near” and “within_minutes” together."), field=missing)
        return self


class FestivalsQuery(Query):
    year: Annotated[int, Whole(*FESTIVAL_YEARS)] | None = Field(
        None, description=N_("Default: the current year in Vietnam.")
    )


class TravelTimeQuery(Query):
    origin: Slug = Field(alias="from", description=N_("Place slug."))
    destination: Slug = Field(alias="to", description=N_("Place slug."))
    scenario: Scenario = Field(
        "today", description=N_("Roads of today (default) or of a scenario.")
    )


class ItineraryPath(Query):
    trip_id: Slug = Field(description=N_("The itinerary's id, as returned when it was planned."))


class ItineraryQuery(Query):
    travellers: Travellers | None = Field(
        None, description=N_("Adds a cost estimate (costs) for this many travellers.")
    )
    comparison: bool = Field(
        False, description=N_("1 adds the Ring Road 5 comparison (comparison).")
    )


class ItineraryExportPath(ItineraryPath):
    fmt: Annotated[str, OneOf(tuple(trip_exports.FORMATS))] = Field(
        description=N_("The file format.")
    )


class PackagePath(Query):
    package_id: Annotated[int, Whole(1, MAX_ID)] = Field(description=N_("The package's id."))


class PackageExportPath(PackagePath):
    fmt: Annotated[str, OneOf(tuple(package_exports.FORMATS))] = Field(
        description=N_("The file format.")
    )


class PackageDetails(Body):
    """The details of a package a client may set; absent ones keep their value."""

    title: Annotated[str, Chars(MAX_TITLE)] | None = None
    adults: Annotated[int, Whole(0, MAX_GROUP)] | None = None
    children: Annotated[int, Whole(0, MAX_GROUP)] | None = None
    notes: Annotated[str, Chars(MAX_NOTES)] | None = None
    document_lang: Annotated[str, OneOf(tuple(DOCUMENT_LANGS))] | None = Field(
        None, description=N_("Language of the customer documents (exports).")
    )
    lang: Lang | None = None

    def given(self) -> dict[str, Any]:
        """The details the body sets, by the names ``packages.check_details`` takes."""
        names = {"document_lang": "lang"}
        return {
            names.get(name, name): getattr(self, name)
            for name in ("title", "adults", "children", "notes", "document_lang")
            if name in self.model_fields_set and getattr(self, name) is not None
        }


class PackageCreate(PackageDetails):
    """Give either an itinerary id or a trip to plan."""

    itinerary_id: Slug | None = None
    trip: TripBody | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.itinerary_id is None) == (self.trip is None):
            raise refuse(_("Give either “itinerary_id” or “trip”, not both."), field="itinerary_id")
        return self


class PackageUpdate(PackageDetails):
    days: DaySlugs | None = Field(
        None,
        description=N_(
            "The stops of each day, in order, as place slugs; the times are recomputed "
            "and checked, and a plan that breaks a rule is refused (422)."
        ),
    )


class DayStop(Body):
    """A place and a day of the trip (0-based, as in the itinerary's ``request.locked``)."""

    slug: Slug
    day: Annotated[int, Whole(0, MAX_DAYS - 1)]


class ReplanBody(Body):
    """The body of ``POST /itineraries/<id>/replan``: what to remove, lock, move or put back.

    Every other stop stays where it was unless it can no longer fit.
    """

    remove: list[Slug] = Field([], max_length=MAX_SLUG_LIST, description=N_("Places to drop."))
    lock: list[DayStop] = Field(
        [], max_length=MAX_SLUG_LIST, description=N_("Places to keep on the day they are on.")
    )
    move: list[DayStop] = Field(
        [], max_length=MAX_SLUG_LIST, description=N_("Places to move to another day.")
    )
    put_back: list[Slug] = Field(
        [], max_length=MAX_SLUG_LIST, description=N_("Left-out or removed places to bring back.")
    )
    lang: Lang | None = None

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not (self.remove or self.lock or self.move or self.put_back):
            raise refuse(
                _("Ask for at least one change: remove, lock, move or put_back."), field="body"
            )
        return self

    def to_edits(self) -> Edits:
        return Edits(
            remove=tuple(dict.fromkeys(self.remove)),
            lock=tuple(LockedStop(x.slug, x.day) for x in self.lock),
            move=tuple(LockedStop(x.slug, x.day) for x in self.move),
            put_back=tuple(dict.fromkeys(self.put_back)),
        )
