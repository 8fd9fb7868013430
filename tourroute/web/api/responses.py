"""What the API answers, as pydantic models: they write the response schemas of the OpenAPI
document (``tourroute.web.api.openapi``), and the schema test holds every real response to them.

The views build their bodies from the services' dictionaries; these models only describe them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tourroute import i18n
from tourroute.core.domain import KINDS, LODGING_KINDS, PRECISIONS
from tourroute.core.messages import N_
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.web.inputs import HHMM, OneOf, undocumented_docstring

Kind = Annotated[str, OneOf(KINDS)]
LangCode = Annotated[str, OneOf(i18n.LOCALES)]
LatLon = Annotated[list[float], Field(min_length=2, max_length=2)]
Scenario = Annotated[str, OneOf(tuple(TRIP_SCENARIOS))]


class Shape(BaseModel):
    """A documented response object: the fields listed are always there, unless optional."""

    model_config = ConfigDict(extra="allow", json_schema_extra=undocumented_docstring)


class FieldErrorShape(Shape):
    field: str
    message: str


class Problem(Shape):
    type: str = Field(description=N_("A link to this kind of problem in the docs."))
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldErrorShape] | None = Field(
        None, description=N_("Each input at fault, with a message for it.")
    )


class Names(Shape):
    name: str = Field(description=N_("The name in the response's language."))
    name_vi: str
    name_en: str


class Descriptions(Shape):
    description: str = Field(
        description=N_("In the response's language, or the other one when missing.")
    )
    description_vi: str
    description_en: str


class Province(Names):
    code: str
    in_region: bool = Field(description=N_("False for Hà Nội, which only holds the gateways."))
    place_count: int
    boundary_approximate: bool
    boundary_source: str


class BoundaryProperties(Shape):
    code: str
    name_vi: str
    name_en: str
    approximate: bool
    source: str


class BoundaryFeature(Shape):
    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any]
    properties: BoundaryProperties


class FeatureCollection(Shape):
    type: Literal["FeatureCollection"]
    features: list[BoundaryFeature]


class ProvinceList(Shape):
    items: list[Province]
    boundaries: FeatureCollection | None = None


class ThemeStage(Names):
    key: str
    provinces: list[str]
    kinds: list[str]
    tags: list[str]
    min_places: int


class ThemeLinks(Shape):
    places: str


class Theme(Names, Descriptions):
    slug: str
    ordered: bool = Field(description=N_("Whether the stages are visited in their order."))
    stages: list[ThemeStage]
    links: ThemeLinks


class ThemeList(Shape):
    items: list[Theme]


class PlaceRef(Names):
    slug: str
    kind: Kind
    province: str
    lat: float
    lon: float
    precision: Annotated[str, OneOf(PRECISIONS)] = Field(
        description=N_("How far the stored position may be from the place itself.")
    )
    commune_2025: str = Field(
        description=N_("The commune or ward since the July 2025 reform; empty when not known.")
    )


class SelfLink(Shape):
    self: str


class PlaceSummary(PlaceRef):
    tags: list[str]
    links: SelfLink
    travel_minutes: int | None = Field(
        None, description=N_("Minutes by road from “near”; only with “near”.")
    )


class Sources(Shape):
    coordinates: str
    commune_2025: str
    visit: str
    opening_hours: str
    tickets: str
    heritage: str


class LodgingShape(Shape):
    slug: str
    name: str
    kind: Annotated[str, OneOf(LODGING_KINDS)]
    address: str
    phone: str = Field(description=N_("As the source publishes it; empty when it gives none."))
    website: str = Field(description=N_("As the source publishes it; empty when it gives none."))
    source: str = Field(description=N_("The page these facts were read from."))
    checked: dt.date = Field(description=N_("The day the source was read."))


class PlaceDetail(PlaceSummary, Descriptions):
    commune: str = Field(description=N_("The address as the sources give it, before 2025."))
    website: str
    phone: str
    visit_minutes: int
    opening_hours: str = Field(description=N_("Opening hours as written, or “unknown”."))
    ticket_adult_vnd: int | None = Field(description=N_("Null when the price is unknown."))
    ticket_child_vnd: int | None
    heritage: str | None
    interest: float
    sources: Sources
    lodgings: list[LodgingShape] = Field(
        description=N_("Named hotels and homestays of an overnight area; empty for other places.")
    )


class PageLinks(Shape):
    self: str
    first: str
    last: str
    prev: str | None
    next: str | None


class PlacePage(Shape):
    items: list[PlaceSummary]
    page: int
    per_page: int
    pages: int
    total: int
    links: PageLinks


class Festival(Names):
    slug: str
    start: dt.date
    end: dt.date = Field(description=N_("The last day (inclusive)."))
    places: list[str]


class FestivalList(Shape):
    year: int
    items: list[Festival]


class Leg(Shape):
    travel_minutes: int
    travel_km: float
    path: list[LatLon] = Field(description=N_("The road path as [latitude, longitude] pairs."))
    roads: list[str]


class TravelTime(Shape):
    from_: str = Field(alias="from")
    to: str
    minutes: int
    km: float
    roads: list[str]
    path: list[LatLon] = Field(description=N_("The road path as [latitude, longitude] pairs."))
    scenario: Scenario


class Stop(Leg):
    place: PlaceRef
    arrive: HHMM
    start: HHMM
    depart: HHMM
    wait_minutes: int
    score: float
    festival: str | None
    locked: bool
    group: str | None = Field(description=N_("The site group visited as this one stop, if any."))
    group_name: str | None
    members: list[PlaceRef]


class Show(Leg):
    slug: str
    kind: str
    name: str
    name_vi: str
    name_en: str
    venue: PlaceRef
    start: HHMM
    end: HHMM
    duration_minutes: int
    by_arrangement: bool
    book_ahead: bool
    booking_note: str
    source: str


class Note(Shape):
    code: str
    text: str = ""
    day: int | None


class Change(Shape):
    slug: str
    change: Literal["added", "removed", "moved"]
    reason: str
    reason_text: str = ""


class Day(Shape):
    date: dt.date
    origin: PlaceRef
    stops: list[Stop]
    lodging: PlaceRef
    final_leg: Leg
    arrive_lodging: HHMM
    lunch_start: HHMM | None
    lodging_reason: str | None = Field(
        description=N_("Why the night is spent there (null on the last day).")
    )
    lodging_reason_text: str | None = None
    shows: list[Show]


class LockedStop(Shape):
    slug: str
    day: int


class PlannedRequest(Shape):
    start_date: dt.date
    days: int
    start: str
    end: str | None
    theme: str | None
    pace: str
    day_start: HHMM
    day_end: HHMM
    max_drive_minutes_per_day: int
    lunch_minutes: int
    favour_kinds: list[str]
    include: list[str]
    exclude: list[str]
    locked: list[LockedStop]
    festivals: bool
    seed: int
    scenario: Scenario


class Totals(Shape):
    score: float
    drive_minutes: int
    drive_km: float
    visit_minutes: int


class LeftOut(Shape):
    place: PlaceRef
    reason: str
    detail: str
    must_include: bool


class ItineraryLinks(Shape):
    self: str
    page: str = Field(description=N_("The itinerary's web page."))
    exports: dict[str, str]


class CostEstimate(Shape):
    currency: Literal["VND"]
    adults: int
    children: int
    days: int
    nights: int
    vehicle_seats: int
    vehicles: int
    rooms: int
    tickets: int
    transport: int
    lodging: int
    guide: int
    margin_pct: float
    margin: int
    total_group: int
    per_person: int
    unknown_tickets: list[str] = Field(
        description=N_("Places whose entrance price is unknown, so not in the totals.")
    )


class Driving(Shape):
    today_minutes: int
    scenario_minutes: int
    today_km: float
    scenario_km: float


class Comparison(Driving):
    scenario: Scenario
    days: list[Driving]


class Itinerary(Shape):
    id: str
    lang: LangCode
    scenario: Scenario
    request: PlannedRequest
    days: list[Day]
    totals: Totals
    left_out: list[LeftOut]
    notes: list[Note]
    changes: list[Change]
    links: ItineraryLinks
    costs: CostEstimate | None = Field(
        None,
        description=N_(
            "An estimate for the given number of travellers at typical published prices; "
            "unknown_tickets are places whose price is unknown and not in the total."
        ),
    )
    comparison: Comparison | None = Field(
        None,
        description=N_(
            "The same stops' driving on today's roads and with Ring Road 5 complete; "
            "null when a stop is no longer published."
        ),
    )


class PackageLinks(Shape):
    self: str
    page: str
    exports: dict[str, str]
    share: str | None = None


class PackageSummary(Shape):
    id: int
    title: str
    adults: int
    children: int
    document_lang: str
    updated_at: str
    links: PackageLinks
    archived: bool | None = None


class PackageList(Shape):
    packages: list[PackageSummary]


class Package(Shape):
    id: int
    title: str
    adults: int
    children: int
    notes: str
    document_lang: str
    archived: bool
    shared: bool
    source_itinerary_id: str | None
    created_at: str
    updated_at: str
    itinerary: Itinerary
    costs: CostEstimate
    links: PackageLinks
