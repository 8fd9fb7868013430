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

from tourroute import jobs
from tourroute.core.messages import N_, TranslatableError
from tourroute.models import Package, User
from tourroute.services import package_exports, packages, trips
from tourroute.services.package_json import package_to_dict
from tourroute.web.access import require
from tourroute.web.agency import file_response
from tourroute.web.api import api_blueprint, plan_limit
from tourroute.web.api import responses as shapes
from tourroute.web.api.contract import Files, operation
from tourroute.web.api.idempotent import IdempotencyHeaders, idempotent
from tourroute.web.api.locale import API_PREFIX, _, response_lang
from tourroute.web.api.schemas import (
    PackageCreate,
    PackageDetails,
    PackageExportPath,
    PackagePath,
    PackageUpdate,
)
from tourroute.web.inputs import FieldError, InvalidInput, invalid, invalid_field
from tourroute.web.loaders import package_or_404, trip_or_404

bp = api_blueprint("agency_api", API_PREFIX + "/agency")


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _message(error: TranslatableError) -> str:
    return _(error.template, **error.params)


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
    lang = response_lang()
    return {**package_to_dict(package, itinerary, costs, lang=lang), "links": _links(package)}


def _details(body: PackageDetails, current: dict[str, Any]) -> packages.Details:
    """The package's details with the body's changes, checked by the packages service."""
    details, problems = packages.check_details(**{**current, **body.given()})
    if details is None:
        rename = {"lang": "document_lang"}
        raise invalid([FieldError(rename.get(f, f), _message(e)) for f, e in problems.items()])
    return details


def _current(package: Package) -> dict[str, Any]:
    return {
        "title": package.title,
        "adults": package.adults,
        "children": package.children,
        "notes": package.notes,
        "lang": package.lang,
    }


@bp.get("/packages")
@operation(
    N_("The agency's packages"),
    ok=(200, shapes.PackageList, N_("The packages, newest change first.")),
    secured=True,
)
def list_packages() -> dict[str, Any]:
    require("package.manage")
    return {"packages": [_summary(p) for p in packages.packages_of(_user())]}


@bp.post("/packages")
@plan_limit
@operation(
    N_("Save a package from an itinerary id or a trip to plan"),
    ok=(201, shapes.Package, N_("The new package.")),
    errors=(400, 422, 429),
    body=PackageCreate,
    headers=IdempotencyHeaders,
    secured=True,
)
@idempotent
def create_package(body: PackageCreate) -> tuple[dict[str, Any], int, dict[str, str]]:
    require("package.manage")
    if body.itinerary_id is not None:
        saved = trips.load_trip(body.itinerary_id)
        if saved is None:
            raise invalid_field("itinerary_id", _("No itinerary has this id."))
        itinerary, source = saved.itinerary, saved.id
    else:
        assert body.trip is not None  # PackageCreate asks for one of the two
        from tourroute.services.planning import plan_and_save  # loads the planner when asked

        planned = trip_or_404(jobs.run(plan_and_save, body.trip.to_request()))
        itinerary, source = planned.itinerary, planned.id
    default_title = f"{itinerary.request.start_date.isoformat()} · {itinerary.request.days}"
    current = {
        "title": default_title,
        "adults": 2,
        "children": 0,
        "notes": "",
        "lang": response_lang(),
    }
    details = _details(body, current)
    package = packages.create_package(_user(), itinerary, details, source_itinerary_id=source)
    resource = _resource(package)
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.get("/packages/<int:package_id>")
@operation(
    N_("One package with its cost estimate"),
    ok=(200, shapes.Package, N_("The package.")),
    errors=(400, 404, 429),
    path=PackagePath,
    secured=True,
)
def get_package(package_id: int) -> dict[str, Any]:
    return _resource(package_or_404(package_id))


@bp.patch("/packages/<int:package_id>")
@operation(
    N_("Change a package's details or stops"),
    ok=(200, shapes.Package, N_("The changed package.")),
    errors=(400, 404, 422, 429),
    path=PackagePath,
    body=PackageUpdate,
    secured=True,
)
def update_package(package_id: int, body: PackageUpdate) -> dict[str, Any]:
    package = package_or_404(package_id)
    details = _details(body, _current(package))
    if body.days is not None:
        try:
            packages.edit_stops(_user(), package, [list(day) for day in body.days])
        except packages.PackageError as exc:
            status = 422 if isinstance(exc, packages.InfeasibleEditError) else 400
            message = _message(exc)
            raise InvalidInput(status, message, (FieldError("days", message),)) from None
    packages.update_details(_user(), package, details)
    return _resource(package)


@bp.post("/packages/<int:package_id>/clone")
@operation(
    N_("Copy a package"),
    ok=(201, shapes.Package, N_("The copy.")),
    errors=(400, 404, 422, 429),
    path=PackagePath,
    headers=IdempotencyHeaders,
    secured=True,
)
@idempotent
def clone_package(package_id: int) -> tuple[dict[str, Any], int, dict[str, str]]:
    copy = packages.clone_package(_user(), package_or_404(package_id))
    resource = _resource(copy)
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.delete("/packages/<int:package_id>")
@operation(
    N_("Archive a package (its share link stops working)"),
    ok=(200, shapes.PackageSummary, N_("The archived package.")),
    errors=(400, 404, 429),
    path=PackagePath,
    secured=True,
)
def archive_package(package_id: int) -> dict[str, Any]:
    package = package_or_404(package_id)
    packages.archive_package(_user(), package)
    return _summary(package) | {"archived": True}


@bp.get("/packages/<int:package_id>/export/<fmt>")
@operation(
    N_("A package as a file, with the agency's branding and costs"),
    ok=(
        200,
        Files(tuple(media.split(";")[0] for media, _ext in package_exports.FORMATS.values())),
        N_("The file, as an attachment."),
    ),
    errors=(400, 404, 429),
    path=PackageExportPath,
    secured=True,
)
def export_package(package_id: int, fmt: str) -> FileResponse:
    return file_response(package_or_404(package_id), fmt)
