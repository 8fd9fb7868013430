"""The agency endpoints' part of the OpenAPI document (``openapi.openapi_document`` merges it).

Every operation here needs a bearer token (``security``) and documents 401 and 403 besides the
errors every API operation has.
"""

from __future__ import annotations

from tourroute.models import DOCUMENT_LANGS
from tourroute.services.package_exports import FORMATS
from tourroute.services.packages import MAX_GROUP, MAX_NOTES, MAX_TITLE
from tourroute.web.api.locale import _
from tourroute.web.api.openapi import (
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    Schema,
    _array,
    _json,
    _nullable,
    _object,
    _operation,
    _ref,
)

SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]
SECURITY_SCHEMES: Schema = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": _("An API token created on the agency's settings page."),
    }
}


def _details(*, required: bool) -> dict[str, Schema]:
    group = {**INTEGER, "minimum": 0, "maximum": MAX_GROUP}
    return {
        "title": {**STRING, "minLength": 1 if required else 0, "maxLength": MAX_TITLE},
        "adults": group,
        "children": group,
        "notes": {**STRING, "maxLength": MAX_NOTES},
        "document_lang": {
            "type": "string",
            "enum": list(DOCUMENT_LANGS),
            "description": _("Language of the customer documents (exports)."),
        },
    }


def agency_schemas() -> dict[str, Schema]:
    links = _object(
        {"self": STRING, "page": STRING, "exports": {"type": "object"}, "share": STRING},
        optional=("share",),
    )
    costs = _object(
        {
            "currency": {"type": "string", "enum": ["VND"]},
            "adults": INTEGER,
            "children": INTEGER,
            "days": INTEGER,
            "nights": INTEGER,
            "vehicle_seats": INTEGER,
            "vehicles": INTEGER,
            "rooms": INTEGER,
            "tickets": INTEGER,
            "transport": INTEGER,
            "lodging": INTEGER,
            "guide": INTEGER,
            "margin_pct": NUMBER,
            "margin": INTEGER,
            "total_group": INTEGER,
            "per_person": INTEGER,
            "unknown_tickets": {
                **_array(STRING),
                "description": _("Places whose entrance price is unknown, so not in the totals."),
            },
        }
    )
    summary = _object(
        {
            "id": INTEGER,
            "title": STRING,
            "adults": INTEGER,
            "children": INTEGER,
            "document_lang": STRING,
            "updated_at": STRING,
            "links": links,
            "archived": BOOLEAN,
        },
        optional=("archived",),
    )
    package = _object(
        {
            "id": INTEGER,
            "title": STRING,
            "adults": INTEGER,
            "children": INTEGER,
            "notes": STRING,
            "document_lang": STRING,
            "archived": BOOLEAN,
            "shared": BOOLEAN,
            "source_itinerary_id": _nullable(STRING),
            "created_at": STRING,
            "updated_at": STRING,
            "itinerary": _ref("Itinerary"),
            "costs": _ref("CostEstimate"),
            "links": links,
        }
    )
    create = {
        "type": "object",
        "description": _("Give either an itinerary id or a trip to plan."),
        "properties": {
            "itinerary_id": STRING,
            "trip": _ref("TripRequest"),
            **_details(required=True),
            "lang": {"type": "string", "enum": list(DOCUMENT_LANGS)},
        },
        "additionalProperties": False,
    }
    update = {
        "type": "object",
        "properties": {
            **_details(required=True),
            "days": {
                **_array(_array(STRING)),
                "minItems": 1,
                "description": _(
                    "The stops of each day, in order, as place slugs; the times are recomputed "
                    "and checked, and a plan that breaks a rule is refused (422)."
                ),
            },
            "lang": {"type": "string", "enum": list(DOCUMENT_LANGS)},
        },
        "additionalProperties": False,
    }
    return {
        "CostEstimate": costs,
        "PackageSummary": summary,
        "PackageList": _object({"packages": _array(_ref("PackageSummary"))}),
        "Package": package,
        "PackageCreate": create,
        "PackageUpdate": update,
    }


_ERRORS = (400, 401, 403, 404, 429)


def _secured(
    summary: str,
    ok: tuple[str, Schema],
    *,
    errors: tuple[int, ...] = _ERRORS,
    parameters: tuple[Schema, ...] = (),
    **extra: Schema,
) -> Schema:
    return _operation(summary, ok, errors=errors, parameters=parameters, security=SECURITY, **extra)


def agency_paths() -> dict[str, Schema]:
    package_id = {
        "name": "package_id",
        "in": "path",
        "required": True,
        "schema": {**INTEGER, "minimum": 1},
        "description": _("The package's id."),
    }
    body = {
        "required": True,
        "content": {"application/json": {"schema": _ref("PackageCreate")}},
    }
    return {
        "/agency/packages": {
            "get": _secured(
                _("The agency's packages"),
                ("200", _json("PackageList", _("The packages, newest change first."))),
                errors=(400, 401, 403, 429),
            ),
            "post": _secured(
                _("Save a package from an itinerary id or a trip to plan"),
                ("201", _json("Package", _("The new package."))),
                errors=(400, 401, 403, 413, 415, 422, 429),
                requestBody=body,
            ),
        },
        "/agency/packages/{package_id}": {
            "get": _secured(
                _("One package with its cost estimate"),
                ("200", _json("Package", _("The package."))),
                parameters=(package_id,),
            ),
            "patch": _secured(
                _("Change a package's details or stops"),
                ("200", _json("Package", _("The changed package."))),
                errors=(400, 401, 403, 404, 413, 415, 422, 429),
                parameters=(package_id,),
                requestBody={
                    "required": True,
                    "content": {"application/json": {"schema": _ref("PackageUpdate")}},
                },
            ),
            "delete": _secured(
                _("Archive a package (its share link stops working)"),
                ("200", _json("PackageSummary", _("The archived package."))),
                parameters=(package_id,),
            ),
        },
        "/agency/packages/{package_id}/clone": {
            "post": _secured(
                _("Copy a package"),
                ("201", _json("Package", _("The copy."))),
                parameters=(package_id,),
            ),
        },
        "/agency/packages/{package_id}/export/{format}": {
            "get": _secured(
                _("A package as a file, with the agency's branding and costs"),
                (
                    "200",
                    {
                        "description": _("The file, as an attachment."),
                        "content": {
                            media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                            for media, _ext in FORMATS.values()
                        },
                    },
                ),
                parameters=(
                    package_id,
                    {
                        "name": "format",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": list(FORMATS)},
                    },
                ),
            ),
        },
    }
