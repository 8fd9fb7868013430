"""Agency pages: the package dashboard, one package (edit, costs, exports, sharing), settings
(branding, rates, API tokens) and sign-up. Every package is loaded through :func:`_package`,
which checks that it belongs to the person asking.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute.core import costs as costs_core
from tourroute.core.domain import PROVINCES, VISIT_KINDS
from tourroute.core.planner.trip_rules import MAX_DAYS
from tourroute.core.programme import itinerary_programme
from tourroute.core.serialize import itinerary_to_dict
from tourroute.core.words import words
from tourroute.models import CURRENCIES, DOCUMENT_LANGS, AgencyProfile, Package, User
from tourroute.services import accounts, agency_profiles, api_tokens, package_exports, packages
from tourroute.services.travel import published_places
from tourroute.web.access import package_target, require
from tourroute.web.messages import error_text

bp = Blueprint("agency", __name__, url_prefix="/agency")

Page = Response | str | tuple[str, int]


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _locale() -> str:
    return str(get_locale())


def _package(package_id: int) -> Package:
    """The package, if it exists, is not archived and the current person may manage it."""
    package = packages.get_package(package_id)
    if package is None or package.archived:
        abort(404)
    require("package.manage", package_target(package))
    return package


def money_formatter(profile: AgencyProfile | None, lang: str) -> Callable[[float], str]:
    """VND, with the agency's chosen currency beside it when it set one."""
    if profile is None:
        return costs_core.money_formatter(lang=lang)
    return costs_core.money_formatter(
        lang=lang, currency=profile.currency, vnd_per_unit=profile.vnd_per_unit
    )


def _package_page(
    package: Package,
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    stops_form: dict[str, str] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    lang = _locale()
    itinerary = packages.itinerary_of(package)
    costs = packages.costs_of(package, itinerary)
    profile = agency_profiles.profile_for_owner(package.owner_id)
    days = itinerary_to_dict(itinerary, lang=lang)["days"]
    if stops_form is None:
        stops_form = {"days": str(len(days))}
        for number, day in enumerate(days, start=1):
            stops_form[f"day-{number}"] = "\n".join(s["place"]["slug"] for s in day["stops"])
    visits = [p for p in published_places() if p.kind in VISIT_KINDS]
    return render_template(
        "agency/package.html",
        package=package,
        days=days,
        programme=itinerary_programme(itinerary),
        costs=costs,
        cost_lines=costs_core.cost_lines(costs, words(lang)),
        money=money_formatter(profile, lang),
        formats=list(package_exports.FORMATS),
        errors=errors or {},
        form=form
        or {
            "title": package.title,
            "adults": str(package.adults),
            "children": str(package.children),
            "notes": package.notes,
            "lang": package.lang,
        },
        stops_form=stops_form,
        day_count=_day_fields(stops_form, current=len(days)),
        max_days=MAX_DAYS,
        langs=DOCUMENT_LANGS,
        visits=visits,
    ), status


def _day_fields(stops_form: dict[str, str], *, current: int) -> int:
    """How many day boxes the stops form shows: the days asked for (within limits), or more."""
    raw = stops_form.get("days", "")
    asked = int(raw) if raw.isascii() and raw.isdigit() else 0
    return max(current, min(asked, MAX_DAYS))


@bp.get("/")
def dashboard() -> str:
    require("package.manage")
    return render_template("agency/dashboard.html", packages=packages.packages_of(_user()))


@bp.post("/packages/from-trip/<itinerary_id>")
def package_from_trip(itinerary_id: str) -> Response:
    require("package.manage")
    package = packages.create_from_trip(_user(), itinerary_id, lang=_locale())
    if package is None:
        abort(404)
    return redirect(url_for("agency.package", package_id=package.id))


@bp.get("/packages/<int:package_id>")
def package(package_id: int) -> tuple[str, int]:
    return _package_page(_package(package_id))


@bp.post("/packages/<int:package_id>")
def update_package(package_id: int) -> Page:
    package = _package(package_id)
    form = {k: request.form.get(k, "") for k in ("title", "adults", "children", "notes", "lang")}
    details, problems = packages.check_details(**form)
    if details is None:
        errors = {field: [error_text(exc)] for field, exc in problems.items()}
        return _package_page(package, errors=errors, form=form, status=400)
    packages.update_details(_user(), package, details)
    return redirect(url_for("agency.package", package_id=package.id))


def _day_slugs(form: dict[str, str]) -> list[list[str]] | None:
    raw = form.get("days", "")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        return None
    return [
        [s.strip() for s in form.get(f"day-{n}", "").replace(",", "\n").splitlines() if s.strip()]
        for n in range(1, int(raw) + 1)
    ]


@bp.post("/packages/<int:package_id>/stops")
def edit_stops(package_id: int) -> Page:
    package = _package(package_id)
    form = {k: v for k, v in request.form.items() if k == "days" or k.startswith("day-")}
    day_slugs = _day_slugs(form)
    if day_slugs is None:
        message = _("Enter a whole number of days from 1 to %(maximum)d.", maximum=MAX_DAYS)
        return _package_page(package, errors={"days": [message]}, stops_form=form, status=400)
    try:
        packages.edit_stops(_user(), package, day_slugs)
    except packages.PackageError as exc:
        return _package_page(
            package, errors={"days": [error_text(exc)]}, stops_form=form, status=422
        )
    return redirect(url_for("agency.package", package_id=package.id))


@bp.post("/packages/<int:package_id>/clone")
def clone_package(package_id: int) -> Response:
    copy = packages.clone_package(_user(), _package(package_id))
    return redirect(url_for("agency.package", package_id=copy.id))


@bp.post("/packages/<int:package_id>/archive")
def archive_package(package_id: int) -> Response:
    packages.archive_package(_user(), _package(package_id))
    return redirect(url_for("agency.dashboard"))


@bp.post("/packages/<int:package_id>/share")
def share_package(package_id: int) -> Response:
    packages.share_package(_user(), _package(package_id))
    return redirect(url_for("agency.package", package_id=package_id))


@bp.post("/packages/<int:package_id>/unshare")
def unshare_package(package_id: int) -> Response:
    packages.unshare_package(_user(), _package(package_id))
    return redirect(url_for("agency.package", package_id=package_id))


def file_response(package: Package, fmt: str) -> Response:
    """The export as an attachment; the web layer streams bytes the services produced."""
    media_type, _extension = package_exports.FORMATS[fmt]
    return Response(
        package_exports.export_package(package, fmt),
        content_type=media_type,
        headers={
            "Content-Disposition": (
                f'attachment; filename="{package_exports.filename(package, fmt)}"'
            )
        },
    )


@bp.get("/packages/<int:package_id>/export/<fmt>")
def export_package(package_id: int, fmt: str) -> Response:
    package = _package(package_id)
    if fmt not in package_exports.FORMATS:
        abort(404)
    return file_response(package, fmt)


def _settings_page(
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    new_token: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    user = _user()
    profile = agency_profiles.profile_of(user)
    defaults = agency_profiles.rate_values(agency_profiles.default_rates())
    current = agency_profiles.rate_values(agency_profiles.rates_of(profile))
    values: dict[str, str] = {
        "agency_name": profile.agency_name,
        "contact": profile.contact,
        "accent_hex": profile.accent_hex,
        "currency": profile.currency,
        "vnd_per_unit": "" if profile.vnd_per_unit is None else f"{profile.vnd_per_unit:g}",
        **{k: f"{v:g}" for k, v in current.items()},
    }
    values.update(form or {})
    return render_template(
        "agency/settings.html",
        profile=profile,
        form=values,
        defaults={k: f"{v:g}" for k, v in defaults.items()},
        provinces=PROVINCES,
        currencies=CURRENCIES,
        tokens=api_tokens.tokens_of(user),
        new_token=new_token,
        errors=errors or {},
    ), status


@bp.get("/settings")
def settings() -> tuple[str, int]:
    return _settings_page()


@bp.post("/settings/branding")
def update_branding() -> Page:
    form = {k: request.form.get(k, "") for k in ("agency_name", "contact", "accent_hex")}
    upload = request.files.get("logo")
    logo = upload.read() if upload is not None and upload.filename else None
    try:
        agency_profiles.update_branding(agency_profiles.profile_of(_user()), logo=logo, **form)
    except agency_profiles.FormErrors as exc:
        errors = {field: [error_text(e)] for field, e in exc.errors.items()}
        return _settings_page(errors=errors, form=form, status=400)
    return redirect(url_for("agency.settings"))


@bp.post("/settings/rates")
def update_rates() -> Page:
    form = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        agency_profiles.update_rates(
            agency_profiles.profile_of(_user()),
            form,
            currency=form.get("currency", "VND"),
            vnd_per_unit=form.get("vnd_per_unit", ""),
        )
    except agency_profiles.FormErrors as exc:
        errors = {field: [error_text(e)] for field, e in exc.errors.items()}
        return _settings_page(errors=errors, form=form, status=400)
    return redirect(url_for("agency.settings"))


@bp.post("/settings/tokens")
def create_token() -> tuple[str, int]:
    name = request.form.get("token_name", "")
    try:
        _row, token = api_tokens.create_token(_user(), name)
    except agency_profiles.SettingsError as exc:
        return _settings_page(
            errors={"token_name": [error_text(exc)]}, form={"token_name": name}, status=400
        )
    # Shown in this response only: the token is never stored and cannot be shown again.
    return _settings_page(new_token=token, status=201)


@bp.post("/settings/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int) -> Response:
    if not api_tokens.revoke_token(_user(), token_id):
        abort(404)
    return redirect(url_for("agency.settings"))


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Page:
    form = {k: request.form.get(k, "") for k in ("email", "agency_name")}
    if request.method == "GET":
        return render_template("agency/signup.html", form=form, errors={}, done=False)
    try:
        accounts.request_agency_account(
            form["email"], request.form.get("password", ""), agency_name=form["agency_name"]
        )
    except accounts.AccountError as exc:
        errors = {exc.field or "email": [error_text(exc)]}
        return render_template("agency/signup.html", form=form, errors=errors, done=False), 400
    return render_template("agency/signup.html", form=form, errors={}, done=True), 201
