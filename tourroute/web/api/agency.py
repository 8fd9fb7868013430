"""The agencies' JSON API: their tour packages, under ``/api/v1/agency``.

Authenticated by bearer token only (``tourroute.web.access.TOKEN_BLUEPRINTS``): the session
cookie is ignored here, so a cross-site request carries no identity and the blueprint needs no
CSRF token. It shares the API's rate limit, and creating a package by planning also counts
against the planning limit.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_login import current_user
from werkzeug.wrappers import Response as FileResponse

from tourroute.core.messages import TranslatableError
from tourroute.models import Package, User
from tourroute.services import package_exports, packages, trips
from tourroute.services.package_json import package_to_dict
from tourroute.web.access import package_target, require
from tourroute.web.agency import file_response
from tourroute.web.api import api_blueprint, plan_limit
from tourroute.web.api.idempotent import idempotent
from tourroute.web.api.locale import API_PREFIX, _, response_lang
from tourroute.web.api.problems import (
    ApiProblem,
    FieldError,
    invalid,
    invalid_field,
    not_found,
)
from tourroute.web.api.trip_body import json_object, trip_request_from

bp = api_blueprint("agency_api", API_PREFIX + "/agency")

DETAIL_FIELDS = ("title", "adults", "children", "notes", "document_lang")
TEXT_FIELDS = ("title", "notes", "document_lang")
CREATE_FIELDS = (*DETAIL_FIELDS, "itinerary_id", "trip", "lang")
UPDATE_FIELDS = (*DETAIL_FIELDS, "days", "lang")


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _message(error: TranslatableError) -> str:
    return _(error.template, **error.params)


def _package(package_id: int) -> Package:
    package = packages.get_package(package_id)
    if package is None or package.archived:
        raise not_found(_("No package has the id %(id)d.", id=package_id))
    require("package.manage", package_target(package))
    return package


def _links(package: Package) -> dict[str, Any]:
    links: dict[str, Any] = {
        "self": url_for("agency_api.get_package", package_id=package.id),
        "page": url_for("agency.package", package_id=package.id),
        "exports": {
            fmt: url_for("agency_api.export_package", package_id=package.id, fmt=fmt)
            for fmt in package_exports.FORMATS
        },
    }
    if package.share_token:
        links["share"] = url_for("shared.package", token=package.share_token)
    return links


def _summary(package: Package) -> dict[str, Any]:
    return {
        "id": package.id,
        "title": package.title,
        "adults": package.adults,
        "children": package.children,
        "document_lang": package.lang,
        "updated_at": package.updated_at.isoformat(),
        "links": _links(package),
    }


def _resource(package: Package) -> dict[str, Any]:
    itinerary = packages.itinerary_of(package)
    costs = packages.costs_of(package, itinerary)
    body = package_to_dict(package, itinerary, costs, lang=response_lang())
    return {**body, "links": _links(package)}


def _check_fields(body: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = [FieldError(name, _("Unknown field.")) for name in body if name not in allowed]
    if unknown:
        raise invalid(unknown)


def _details(body: dict[str, Any], current: dict[str, Any]) -> packages.Details:
    wrong_type = [
        FieldError(name, _("Give text.") if name in TEXT_FIELDS else _("Give a whole number."))
        for name in DETAIL_FIELDS
        if name in body
        and (
            not isinstance(body[name], str)
            if name in TEXT_FIELDS
            else isinstance(body[name], bool) or not isinstance(body[name], int)
        )
    ]
    if wrong_type:
        raise invalid(wrong_type)
    values = {**current, **{k: body[k] for k in DETAIL_FIELDS if k in body}}
    details, problems = packages.check_details(
        title=values["title"],
        adults=values["adults"],
        children=values["children"],
        notes=values["notes"],
        lang=values["document_lang"],
    )
    if details is None:
        rename = {"lang": "document_lang"}
        raise invalid([FieldError(rename.get(f, f), _message(e)) for f, e in problems.items()])
    return details


@bp.get("/packages")
def list_packages() -> dict[str, Any]:
    require("package.manage")
    return {"packages": [_summary(p) for p in packages.packages_of(_user())]}


@bp.post("/packages")
@plan_limit
@idempotent
def create_package() -> tuple[dict[str, Any], int, dict[str, str]]:
    require("package.manage")
    body = json_object()
    _check_fields(body, CREATE_FIELDS)
    if ("itinerary_id" in body) == ("trip" in body):
        raise invalid_field("itinerary_id", _("Give either “itinerary_id” or “trip”, not both."))
    if "itinerary_id" in body:
        trip_id = body["itinerary_id"]
        saved = trips.load_trip(trip_id) if isinstance(trip_id, str) and trip_id else None
        if saved is None:
            raise invalid_field("itinerary_id", _("No itinerary has this id."))
        itinerary, source = saved.itinerary, saved.id
    else:
        if not isinstance(body["trip"], dict):
            raise invalid_field("trip", _("The body must be a JSON object."))
        try:
            trip, _lang = trip_request_from(body["trip"])
        except ApiProblem as problem:
            raise ApiProblem(
                problem.code or 400,
                problem.description or "",
                [FieldError(f"trip.{e.field}", e.message) for e in problem.errors],
            ) from None
        from tourroute.services.planning import plan  # the planner loads only when asked

        itinerary, source = plan(trip), None
    default_title = f"{itinerary.request.start_date.isoformat()} · {itinerary.request.days}"
    current = {
        "title": default_title,
        "adults": 2,
        "children": 0,
        "notes": "",
        "document_lang": response_lang(),
    }
    details = _details(body, current)
    package = packages.create_package(_user(), itinerary, details, source_itinerary_id=source)
    resource = _resource(package)
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.get("/packages/<int:package_id>")
def get_package(package_id: int) -> dict[str, Any]:
    return _resource(_package(package_id))


def _day_slugs(value: Any) -> list[list[str]]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(d, list) and all(isinstance(s, str) for s in d) for d in value)
    ):
        raise invalid_field("days", _("Give the stops as a list of days, each a list of slugs."))
    return [list(d) for d in value]


@bp.patch("/packages/<int:package_id>")
def update_package(package_id: int) -> dict[str, Any]:
    package = _package(package_id)
    body = json_object()
    _check_fields(body, UPDATE_FIELDS)
    current = {
        "title": package.title,
        "adults": package.adults,
        "children": package.children,
        "notes": package.notes,
        "document_lang": package.lang,
    }
    details = _details(body, current)
    day_slugs = _day_slugs(body["days"]) if "days" in body else None
    if day_slugs is not None:
        try:
            packages.edit_stops(_user(), package, day_slugs)
        except packages.PackageError as exc:
            status = 422 if isinstance(exc, packages.InfeasibleEditError) else 400
            message = _message(exc)
            raise ApiProblem(status, message, [FieldError("days", message)]) from None
    packages.update_details(_user(), package, details)
    return _resource(package)


@bp.post("/packages/<int:package_id>/clone")
@idempotent
def clone_package(package_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    copy = packages.clone_package(_user(), _package(package_id))
    resource = _resource(copy)
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.delete("/packages/<int:package_id>")
def archive_package(package_id: int) -> dict[str, Any]:
    package = _package(package_id)
    packages.archive_package(_user(), package)
    return _summary(package) | {"archived": True}


@bp.get("/packages/<int:package_id>/export/<fmt>")
def export_package(package_id: int, fmt: str) -> FileResponse:
    if fmt not in package_exports.FORMATS:
        raise invalid_field(
            "format",
            _("Choose one of: %(allowed)s.", allowed=", ".join(sorted(package_exports.FORMATS))),
        )
    return file_response(_package(package_id), fmt)
