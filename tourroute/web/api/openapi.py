"""The OpenAPI 3.1 document of the API, in the caller's language, built from the same constants
the views check against (kinds, formats, limits), so the document cannot drift from the code.
The docs page (``tourroute.web.api_docs``) renders this same document as HTML.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request

from tourroute import i18n
from tourroute.core.domain import FLAGSHIP_THEME, KINDS, PACE_FACTORS, PRECISIONS
from tourroute.core.network import TRIP_SCENARIOS
from tourroute.services.traveller_costs import MAX_TRAVELLERS
from tourroute.services.trip_exports import FORMATS
from tourroute.web.api import bp
from tourroute.web.api.catalogue import FESTIVAL_YEARS, MAX_PER_PAGE, MAX_WITHIN_MINUTES
from tourroute.web.api.locale import API_PREFIX, _
from tourroute.web.api.problems import MEDIA_TYPE, problem_types
from tourroute.web.api.trip_body import (
    DEFAULT_END_TIME,
    DEFAULT_START,
    DEFAULT_START_TIME,
    MAX_SEED,
    MAX_SLUG_LIST,
    MAX_TRIP_DAYS,
)

Schema = dict[str, Any]
STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}
BOOLEAN: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
HHMM: Schema = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
SCENARIO: Schema = {"type": "string", "enum": list(TRIP_SCENARIOS)}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _object(properties: dict[str, Schema], *, optional: tuple[str, ...] = ()) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }


def _names() -> dict[str, Schema]:
    return {
        "name": {**STRING, "description": _("The name in the response's language.")},
        "name_vi": STRING,
        "name_en": STRING,
    }


def _descriptions() -> dict[str, Schema]:
    return {
        "description": {
            **STRING,
            "description": _("In the response's language, or the other one when missing."),
        },
        "description_vi": STRING,
        "description_en": STRING,
    }


def _place_ref() -> Schema:
    return _object(
        {
            "slug": STRING,
            **_names(),
            "kind": {"type": "string", "enum": list(KINDS)},
            "province": STRING,
            "lat": NUMBER,
            "lon": NUMBER,
            "precision": {
                "type": "string",
                "enum": list(PRECISIONS),
                "description": _("How far the stored position may be from the place itself."),
            },
        }
    )


def _leg() -> dict[str, Schema]:
    return {
        "travel_minutes": INTEGER,
        "travel_km": NUMBER,
        "path": {
            **_array({**_array(NUMBER), "minItems": 2, "maxItems": 2}),
            "description": _("The road path as [latitude, longitude] pairs."),
        },
        "roads": _array(STRING),
    }


def _schemas() -> dict[str, Schema]:
    field_error = _object({"field": STRING, "message": STRING})
    problem = _object(
        {
            "type": {**STRING, "description": _("A link to this kind of problem in the docs.")},
            "title": STRING,
            "status": INTEGER,
            "detail": STRING,
            "instance": STRING,
            "errors": {
                **_array(_ref("FieldError")),
                "description": _("Each input at fault, with a message for it."),
            },
        },
        optional=("errors",),
    )
    province = _object(
        {
            "code": STRING,
            **_names(),
            "in_region": {
                **BOOLEAN,
                "description": _("False for Hà Nội, which only holds the gateways."),
            },
            "place_count": INTEGER,
            "boundary_approximate": BOOLEAN,
            "boundary_source": STRING,
        }
    )
    feature_collection = _object(
        {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": _array(
                _object(
                    {
                        "type": {"type": "string", "enum": ["Feature"]},
                        "id": STRING,
                        "geometry": {"type": "object"},
                        "properties": _object(
                            {
                                "code": STRING,
                                "name_vi": STRING,
                                "name_en": STRING,
                                "approximate": BOOLEAN,
                                "source": STRING,
                            }
                        ),
                    }
                )
            ),
        }
    )
    stage = _object(
        {
            "key": STRING,
            **_names(),
            "provinces": _array(STRING),
            "kinds": _array(STRING),
            "tags": _array(STRING),
            "min_places": INTEGER,
        }
    )
    theme = _object(
        {
            "slug": STRING,
            **_names(),
            **_descriptions(),
            "ordered": {
                **BOOLEAN,
                "description": _("Whether the stages are visited in their order."),
            },
            "stages": _array(_ref("ThemeStage")),
            "links": _object({"places": STRING}),
        }
    )
    summary = {
        "allOf": [
            _ref("PlaceRef"),
            _object(
                {
                    "tags": _array(STRING),
                    "links": _object({"self": STRING}),
                    "travel_minutes": {
                        **INTEGER,
                        "description": _("Minutes by road from “near”; only with “near”."),
                    },
                },
                optional=("travel_minutes",),
            ),
        ]
    }
    detail = {
        "allOf": [
            _ref("PlaceSummary"),
            _object(
                {
                    **_descriptions(),
                    "commune": STRING,
                    "visit_minutes": INTEGER,
                    "opening_hours": {
                        **STRING,
                        "description": _("Opening hours as written, or “unknown”."),
                    },
                    "ticket_adult_vnd": {
                        **_nullable(INTEGER),
                        "description": _("Null when the price is unknown."),
                    },
                    "ticket_child_vnd": _nullable(INTEGER),
                    "heritage": _nullable(STRING),
                    "interest": NUMBER,
                    "sources": _object(
                        {
                            "coordinates": STRING,
                            "visit": STRING,
                            "opening_hours": STRING,
                            "tickets": STRING,
                            "heritage": STRING,
                        }
                    ),
                }
            ),
        ]
    }
    page_links = _object(
        {
            "self": STRING,
            "first": STRING,
            "last": STRING,
            "prev": _nullable(STRING),
            "next": _nullable(STRING),
        }
    )
    festival = _object(
        {
            "slug": STRING,
            **_names(),
            "start": DATE,
            "end": {**DATE, "description": _("The last day (inclusive).")},
            "places": _array(STRING),
        }
    )
    travel_time = _object(
        {
            "from": STRING,
            "to": STRING,
            "minutes": INTEGER,
            "km": NUMBER,
            "roads": _array(STRING),
            "path": _leg()["path"],
            "scenario": SCENARIO,
        }
    )
    stop = _object(
        {
            "place": _ref("PlaceRef"),
            "arrive": HHMM,
            "start": HHMM,
            "depart": HHMM,
            "wait_minutes": INTEGER,
            **_leg(),
            "score": NUMBER,
            "festival": _nullable(STRING),
            "locked": BOOLEAN,
        }
    )
    day = _object(
        {
            "date": DATE,
            "origin": _ref("PlaceRef"),
            "stops": _array(_ref("Stop")),
            "lodging": _ref("PlaceRef"),
            "final_leg": _object(_leg()),
            "arrive_lodging": HHMM,
            "lunch_start": _nullable(HHMM),
        }
    )
    planned_request = _object(
        {
            "start_date": DATE,
            "days": INTEGER,
            "start": STRING,
            "end": _nullable(STRING),
            "theme": _nullable(STRING),
            "pace": STRING,
            "day_start": HHMM,
            "day_end": HHMM,
            "max_drive_minutes_per_day": INTEGER,
            "lunch_minutes": INTEGER,
            "favour_kinds": _array(STRING),
            "include": _array(STRING),
            "exclude": _array(STRING),
            "locked": _array(_object({"slug": STRING, "day": INTEGER})),
            "festivals": BOOLEAN,
            "seed": INTEGER,
            "scenario": SCENARIO,
        }
    )
    driving = {
        "today_minutes": INTEGER,
        "scenario_minutes": INTEGER,
        "today_km": NUMBER,
        "scenario_km": NUMBER,
    }
    itinerary = _object(
        {
            "id": STRING,
            "lang": {"type": "string", "enum": list(i18n.LOCALES)},
            "scenario": SCENARIO,
            "request": planned_request,
            "days": _array(_ref("Day")),
            "totals": _object(
                {
                    "score": NUMBER,
                    "drive_minutes": INTEGER,
                    "drive_km": NUMBER,
                    "visit_minutes": INTEGER,
                }
            ),
            "left_out": _array(
                _object(
                    {
                        "place": _ref("PlaceRef"),
                        "reason": STRING,
                        "detail": STRING,
                        "must_include": BOOLEAN,
                    }
                )
            ),
            "links": _object(
                {
                    "self": STRING,
                    "page": {**STRING, "description": _("The itinerary's web page.")},
                    "exports": _object({fmt: STRING for fmt in FORMATS}),
                }
            ),
            "costs": {
                **_object(
                    {
                        **{
                            name: INTEGER
                            for name in (
                                "adults",
                                "children",
                                "days",
                                "nights",
                                "vehicle_seats",
                                "vehicles",
                                "rooms",
                                "tickets",
                                "transport",
                                "lodging",
                                "guide",
                                "margin",
                                "total_group",
                                "per_person",
                            )
                        },
                        "currency": STRING,
                        "margin_pct": NUMBER,
                        "unknown_tickets": _array(STRING),
                    }
                ),
                "description": _(
                    "An estimate for the given number of travellers at typical published prices; "
                    "unknown_tickets are places whose price is unknown and not in the total."
                ),
            },
            "comparison": {
                **_nullable(
                    _object({**driving, "scenario": SCENARIO, "days": _array(_object(driving))})
                ),
                "description": _(
                    "The same stops' driving on today's roads and with Ring Road 5 complete; "
                    "null when a stop is no longer published."
                ),
            },
        },
        optional=("costs", "comparison"),
    )
    return {
        "FieldError": field_error,
        "Problem": problem,
        "Province": province,
        "ProvinceList": _object(
            {"items": _array(_ref("Province")), "boundaries": feature_collection},
            optional=("boundaries",),
        ),
        "ThemeStage": stage,
        "Theme": theme,
        "ThemeList": _object({"items": _array(_ref("Theme"))}),
        "PlaceRef": _place_ref(),
        "PlaceSummary": summary,
        "PlaceDetail": detail,
        "PlacePage": _object(
            {
                "items": _array(_ref("PlaceSummary")),
                "page": INTEGER,
                "per_page": INTEGER,
                "pages": INTEGER,
                "total": INTEGER,
                "links": page_links,
            }
        ),
        "FestivalList": _object({"year": INTEGER, "items": _array(festival)}),
        "TravelTime": travel_time,
        "TripRequest": _trip_request(),
        "Stop": stop,
        "Day": day,
        "Itinerary": itinerary,
    }


def _trip_request() -> Schema:
    slugs = {**_array(STRING), "maxItems": MAX_SLUG_LIST}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["start_date", "days"],
        "properties": {
            "theme": {
                **_nullable(STRING),
                "description": _("A theme slug (see /themes); null plans without a theme."),
                "default": FLAGSHIP_THEME,
            },
            "start": {**STRING, "default": DEFAULT_START, "description": _("Place slug.")},
            "end": {
                **_nullable(STRING),
                "default": None,
                "description": _("Place slug; null ends where the trip started."),
            },
            "start_date": DATE,
            "days": {**INTEGER, "minimum": 1, "maximum": MAX_TRIP_DAYS},
            "pace": {"type": "string", "enum": list(PACE_FACTORS), "default": "normal"},
            "start_time": {**HHMM, "default": DEFAULT_START_TIME},
            "end_time": {
                **HHMM,
                "default": DEFAULT_END_TIME,
                "description": _("When each day ends; must be after start_time."),
            },
            "include": {**slugs, "description": _("Places that must be visited.")},
            "exclude": {**slugs, "description": _("Places that must not be visited.")},
            "festivals": {
                **BOOLEAN,
                "default": False,
                "description": _("Favour places on the days of their festivals."),
            },
            "lang": {"type": "string", "enum": list(i18n.LOCALES)},
            "seed": {**INTEGER, "minimum": 0, "maximum": MAX_SEED, "default": 0},
            "scenario": {
                **SCENARIO,
                "default": "today",
                "description": _("Plan on today's roads or with Ring Road 5 complete."),
            },
            "travellers": {
                **INTEGER,
                "minimum": 1,
                "maximum": MAX_TRAVELLERS,
                "description": _("Adds a cost estimate (costs) for this many travellers."),
            },
        },
    }


def _problem(description: str) -> Schema:
    return {"description": description, "content": {MEDIA_TYPE: {"schema": _ref("Problem")}}}


def _responses() -> dict[str, Schema]:
    types = problem_types()
    return {
        str(status): _problem(title)
        for status, (_slug, title, _detail) in types.items()
        if status in (400, 401, 403, 404, 413, 415, 422, 429)
    }


def _json(schema: str, description: str) -> Schema:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _query(name: str, schema: Schema, description: str, *, required: bool = False) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


def _operation(
    summary: str,
    ok: tuple[str, Schema],
    *,
    errors: tuple[int, ...] = (400, 429),
    parameters: tuple[Schema, ...] = (),
    **extra: Any,
) -> Schema:
    status, response = ok
    return {
        "summary": summary,
        "parameters": [
            *parameters,
            {"$ref": "#/components/parameters/lang"},
            {"$ref": "#/components/parameters/Accept-Language"},
        ],
        "responses": {
            status: response,
            **{str(code): {"$ref": f"#/components/responses/{code}"} for code in errors},
        },
        **extra,
    }


def _slug_path(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": STRING,
        "description": description,
    }


def _paths() -> dict[str, Schema]:
    trip_id = _slug_path("trip_id", _("The itinerary's id, as returned when it was planned."))
    return {
        "/provinces": {
            "get": _operation(
                _("Provinces, with their boundaries on request"),
                ("200", _json("ProvinceList", _("The provinces."))),
                parameters=(
                    _query(
                        "boundaries",
                        {"type": "string", "enum": ["0", "1", "true", "false", "yes", "no"]},
                        _("1 adds the boundaries as a GeoJSON FeatureCollection."),
                    ),
                ),
            )
        },
        "/themes": {
            "get": _operation(
                _("Themed journeys and their stages"),
                ("200", _json("ThemeList", _("The themes."))),
            )
        },
        "/places": {
            "get": _operation(
                _("Published places, filtered and paginated"),
                ("200", _json("PlacePage", _("One page of places."))),
                errors=(400, 404, 429),
                parameters=(
                    _query("province", STRING, _("Province code (see /provinces).")),
                    _query("kind", {"type": "string", "enum": list(KINDS)}, _("Place kind.")),
                    _query("theme", STRING, _("Places a theme's stages admit (see /themes).")),
                    _query(
                        "q",
                        STRING,
                        _("Words to find in the names, with or without Vietnamese marks."),
                    ),
                    _query("near", STRING, _("Place slug; use with within_minutes.")),
                    _query(
                        "within_minutes",
                        {**INTEGER, "minimum": 1, "maximum": MAX_WITHIN_MINUTES},
                        _("Only places this many minutes by road from “near”, or closer."),
                    ),
                    _query("page", {**INTEGER, "minimum": 1, "maximum": 10_000}, _("Page number.")),
                    _query(
                        "per_page",
                        {**INTEGER, "minimum": 1, "maximum": MAX_PER_PAGE},
                        _(
                            "Places per page (default %(size)d).",
                            size=current_app.config["PAGE_SIZE"],
                        ),
                    ),
                ),
                description=_("A page past the last one is a 404."),
            )
        },
        "/places/{slug}": {
            "get": _operation(
                _("One published place"),
                ("200", _json("PlaceDetail", _("The place."))),
                errors=(400, 404, 429),
                parameters=(_slug_path("slug", _("Place slug.")),),
            )
        },
        "/festivals": {
            "get": _operation(
                _("Festivals with their solar dates in a year"),
                ("200", _json("FestivalList", _("The festivals of the year."))),
                parameters=(
                    _query(
                        "year",
                        {**INTEGER, "minimum": FESTIVAL_YEARS[0], "maximum": FESTIVAL_YEARS[1]},
                        _("Default: the current year in Vietnam."),
                    ),
                ),
            )
        },
        "/travel-time": {
            "get": _operation(
                _("Road travel time between two places"),
                ("200", _json("TravelTime", _("Minutes, kilometres, path and roads."))),
                parameters=(
                    _query("from", STRING, _("Place slug."), required=True),
                    _query("to", STRING, _("Place slug."), required=True),
                    _query("scenario", SCENARIO, _("Roads of today (default) or of a scenario.")),
                ),
            )
        },
        "/itineraries": {
            "post": _operation(
                _("Plan and save an itinerary"),
                ("201", _json("Itinerary", _("The planned itinerary, saved."))),
                errors=(400, 413, 415, 422, 429),
                requestBody={
                    "required": True,
                    "content": {"application/json": {"schema": _ref("TripRequest")}},
                },
                description=_(
                    "Anonymous: no account and no CSRF token are needed. Planning has its own, "
                    "tighter rate limit of %(limit)s.",
                    limit=current_app.config["API_PLAN_RATE_LIMIT"],
                ),
            )
        },
        "/itineraries/{trip_id}": {
            "get": _operation(
                _("A saved itinerary"),
                ("200", _json("Itinerary", _("The itinerary."))),
                errors=(400, 404, 429),
                parameters=(
                    trip_id,
                    _query(
                        "travellers",
                        {**INTEGER, "minimum": 1, "maximum": MAX_TRAVELLERS},
                        _("Adds a cost estimate (costs) for this many travellers."),
                    ),
                    _query(
                        "comparison",
                        {"type": "string", "enum": ["0", "1", "true", "false", "yes", "no"]},
                        _("1 adds the Ring Road 5 comparison (comparison)."),
                    ),
                ),
            )
        },
        "/itineraries/{trip_id}/export/{format}": {
            "get": _operation(
                _("A saved itinerary as a file"),
                (
                    "200",
                    {
                        "description": _("The file, as an attachment."),
                        "content": {
                            f.media_type.split(";")[0]: {
                                "schema": {"type": "string", "format": "binary"}
                            }
                            for f in FORMATS.values()
                        },
                    },
                ),
                errors=(400, 404, 429),
                parameters=(
                    trip_id,
                    {
                        "name": "format",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": list(FORMATS)},
                    },
                ),
            )
        },
    }


def openapi_document() -> dict[str, Any]:
    """The whole document, for the current request's language and configuration."""
    from tourroute.web.api.openapi_agency import SECURITY_SCHEMES, agency_paths, agency_schemas

    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("TourRoute public API"),
            "version": "1",
            "description": _(
                "Places, themes, festivals and travel times across Phú Thọ, Thái Nguyên and Bắc "
                "Ninh, and itineraries planned across them. Responses are in Vietnamese unless "
                "the “lang” parameter (or body field), the /en prefix or Accept-Language asks "
                "for English. Errors are problem details (RFC 9457) naming each field at fault. "
                "Each client may make %(limit)s requests; more get a 429 problem.",
                limit=current_app.config["API_RATE_LIMIT"],
            ),
        },
        "servers": [{"url": request.script_root + API_PREFIX}],
        "paths": {**_paths(), **agency_paths()},
        "components": {
            "schemas": {**_schemas(), **agency_schemas()},
            "responses": _responses(),
            "securitySchemes": SECURITY_SCHEMES,
            "parameters": {
                "lang": _query(
                    "lang",
                    {"type": "string", "enum": list(i18n.LOCALES)},
                    _("Language of names, descriptions and messages."),
                ),
                "Accept-Language": {
                    "name": "Accept-Language",
                    "in": "header",
                    "required": False,
                    "schema": STRING,
                    "description": _("Used when “lang” is not given."),
                },
            },
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> dict[str, Any]:
    return openapi_document()
