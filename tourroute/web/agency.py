"""Agency pages: the package dashboard, one package (edit, costs, exports, sharing), settings
(branding, rates, API tokens) and sign-up. Every package is loaded through :func:`_package`,
which checks that it belongs to the person asking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from babel.numbers import format_decimal
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import ValidationError
from werkzeug.wrappers import Response

from tourroute import i18n, mapview
from tourroute.core import costs as costs_core
from tourroute.core import stop_edits
from tourroute.core.domain import PROVINCES, VISIT_KINDS, hhmm
from tourroute.core.messages import N_
from tourroute.core.planner.trip_rules import MAX_DAYS
from tourroute.core.programme import itinerary_programme
from tourroute.core.stop_edits import StopEditError
from tourroute.core.words import words
from tourroute.models import CURRENCIES, DOCUMENT_LANGS, AgencyProfile, Package, User
from tourroute.services import (
    accounts,
    agency_profiles,
    api_tokens,
    catalogue,
    package_exports,
    packages,
    trips,
)
from tourroute.services.search import search_places
from tourroute.web.access import require
from tourroute.web.inputs import (
    HHMM,
    Query,
    SearchText,
    field_errors,
    minutes_of,
    parse_query,
    query_input,
)
from tourroute.web.loaders import package_or_404
from tourroute.web.maps import embed, tiles
from tourroute.web.messages import error_text
from tourroute.web.package_editor import Refusal, editor_days, refusals

bp = Blueprint("agency", __name__, url_prefix="/agency")

Page = Response | str | tuple[str, int]

#: How the dashboard names a package's state (``Package.status``).
STATUS_LABELS = {
    "draft": _l("Draft"),
    "sent": _l("Sent to the client"),
    "accepted": _l("Accepted"),
}


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _locale() -> str:
    return str(get_locale())


def money_formatter(profile: AgencyProfile | None, lang: str) -> Callable[[float], str]:
    """VND, with the agency's chosen currency beside it when it set one."""
    if profile is None:
        return costs_core.money_formatter(lang=lang)
    return costs_core.money_formatter(
        lang=lang, currency=profile.currency, vnd_per_unit=profile.vnd_per_unit
    )


class PlaceQuery(Query):
    """The package page's search for a place to add."""

    q: SearchText = ""


def _package_page(
    package: Package,
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    refused: list[Refusal] | None = None,
    times_form: dict[str, str] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    lang = _locale()
    itinerary = packages.itinerary_of(package)
    costs = packages.costs_of(package, itinerary)
    profile = agency_profiles.profile_for_owner(package.owner_id)
    programme = itinerary_programme(itinerary)
    query = parse_query(PlaceQuery).q
    found = [p for p in search_places(query, limit=12) if p.kind in VISIT_KINDS] if query else []
    return render_template(
        "agency/package.html",
        package=package,
        programme=programme,
        editor_days=editor_days(programme, lang=lang, refused=refused or ()),
        refused=refused or [],
        map=embed(mapview.trip_map(itinerary, lang=lang, tiles=tiles())),
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
        times_form=times_form
        or {
            "day_start": hhmm(itinerary.request.day_start_min),
            "day_end": hhmm(itinerary.request.day_end_min),
        },
        query=query,
        found=found,
        status_labels=STATUS_LABELS,
        langs=DOCUMENT_LANGS,
    ), status


def _save_stops(
    package: Package,
    day_slugs: list[list[str]],
    *,
    day_start_min: int | None = None,
    day_end_min: int | None = None,
    times_form: dict[str, str] | None = None,
) -> Page:
    """Re-time and save, or show the page unchanged with every reason it was refused."""
    try:
        packages.edit_stops(
            _user(), package, day_slugs, day_start_min=day_start_min, day_end_min=day_end_min
        )
    except packages.InfeasibleEditError as exc:
        names = {p.slug: p.name(_locale()) for p in trips.all_places().values()}
        return _package_page(
            package,
            refused=refusals(exc.problems, names=names),
            times_form=times_form,
            status=422,
        )
    except packages.PackageError as exc:
        return _package_page(
            package,
            errors={exc.field or "days": [error_text(exc)]},
            times_form=times_form,
            status=400,
        )
    flash(_("The programme was re-timed and saved."), "success")
    return redirect(url_for("agency.package", package_id=package.id, _anchor="editor"))


@bp.get("/")
def dashboard() -> str:
    require("package.manage")
    return render_template(
        "agency/dashboard.html", packages=packages.packages_of(_user()), status_labels=STATUS_LABELS
    )


@bp.post("/packages/from-trip/<itinerary_id>")
def package_from_trip(itinerary_id: str) -> Response:
    require("package.manage")
    package = packages.create_from_trip(_user(), itinerary_id, lang=_locale())
    if package is None:
        abort(404)
    return redirect(url_for("agency.package", package_id=package.id))


@bp.get("/packages/<int:package_id>")
def package(package_id: int) -> tuple[str, int]:
    return _package_page(package_or_404(package_id))


@bp.post("/packages/<int:package_id>")
def update_package(package_id: int) -> Page:
    package = package_or_404(package_id)
    form = {k: request.form.get(k, "") for k in ("title", "adults", "children", "notes", "lang")}
    details, problems = packages.check_details(**form)
    if details is None:
        errors = {field: [error_text(exc)] for field, exc in problems.items()}
        return _package_page(package, errors=errors, form=form, status=400)
    packages.update_details(_user(), package, details)
    return redirect(url_for("agency.package", package_id=package.id))


def _day_slugs(form: Mapping[str, str]) -> list[list[str]] | None:
    raw = form.get("days", "")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        return None
    return [
        [s.strip() for s in form.get(f"day-{n}", "").replace(",", "\n").splitlines() if s.strip()]
        for n in range(1, int(raw) + 1)
    ]


@bp.post("/packages/<int:package_id>/stops")
def edit_stops(package_id: int) -> Page:
    """The whole new order at once: what the drag-and-drop script sends."""
    package = package_or_404(package_id)
    day_slugs = _day_slugs(request.form)
    if day_slugs is None:
        message = _("Enter a whole number of days from 1 to %(maximum)d.", maximum=MAX_DAYS)
        return _package_page(package, errors={"days": [message]}, status=400)
    return _save_stops(package, day_slugs)


def _index_arg(name: str) -> int | None:
    raw = request.form.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else None


def _one_edit(current: list[list[str]]) -> list[list[str]]:
    """The order after the one change a plain form asks for (move, remove, add, days)."""
    action, slug = request.form.get("action", ""), request.form.get("slug", "")
    day, index = _index_arg("day"), _index_arg("index")
    if action == "add_day":
        return stop_edits.with_day_added(current)
    if action == "drop_day":
        return stop_edits.with_last_day_dropped(current)
    if action == "remove":
        return stop_edits.removed(current, slug)
    if day is None:
        raise StopEditError(N_("Choose a day."), field="day")
    if action == "add":
        return stop_edits.added(current, slug, day=day)
    if action == "move":
        return stop_edits.moved(current, slug, to_day=day, to_index=999 if index is None else index)
    raise StopEditError(N_("Choose what to change."), field="action")


@bp.post("/packages/<int:package_id>/stops/edit")
def edit_stop(package_id: int) -> Page:
    """One change from the plain forms (no JavaScript needed), re-timed like any other edit."""
    package = package_or_404(package_id)
    current = packages.day_slugs_of(package)
    try:
        day_slugs = _one_edit(current)
    except StopEditError as exc:
        return _package_page(package, errors={"days": [error_text(exc)]}, status=400)
    if len(day_slugs) > MAX_DAYS:
        message = _("Enter a whole number of days from 1 to %(maximum)d.", maximum=MAX_DAYS)
        return _package_page(package, errors={"days": [message]}, status=400)
    return _save_stops(package, day_slugs)


class DayTimesForm(Query):
    """The package's day times, as the form sends them (each an HH:MM)."""

    day_start: HHMM
    day_end: HHMM


@bp.post("/packages/<int:package_id>/day-times")
def update_day_times(package_id: int) -> Page:
    """When the package's days start and end; the stops are re-timed and checked again."""
    package = package_or_404(package_id)
    form = {k: request.form.get(k, "") for k in ("day_start", "day_end")}
    try:
        times = DayTimesForm.model_validate(query_input(DayTimesForm, request.form))
    except ValidationError as error:
        required = N_("Give a time of day as HH:MM (24-hour clock).")
        found = field_errors(DayTimesForm, error, required=required)
        errors = {e.field: [e.message] for e in found}
        return _package_page(package, errors=errors, times_form=form, status=400)
    return _save_stops(
        package,
        packages.day_slugs_of(package),
        day_start_min=minutes_of(times.day_start),
        day_end_min=minutes_of(times.day_end),
        times_form=form,
    )


@bp.post("/packages/<int:package_id>/clone")
def clone_package(package_id: int) -> Response:
    copy = packages.clone_package(_user(), package_or_404(package_id))
    return redirect(url_for("agency.package", package_id=copy.id))


@bp.post("/packages/<int:package_id>/archive")
def archive_package(package_id: int) -> Response:
    packages.archive_package(_user(), package_or_404(package_id))
    return redirect(url_for("agency.dashboard"))


@bp.post("/packages/<int:package_id>/share")
def share_package(package_id: int) -> Response:
    packages.share_package(_user(), package_or_404(package_id))
    return redirect(url_for("agency.package", package_id=package_id))


@bp.post("/packages/<int:package_id>/unshare")
def unshare_package(package_id: int) -> Response:
    packages.unshare_package(_user(), package_or_404(package_id))
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
    package = package_or_404(package_id)
    if fmt not in package_exports.FORMATS:
        abort(404)
    return file_response(package, fmt)


def plain_number(value: float) -> str:
    """A rate as the agency would type it: all its digits, no exponent, the locale's decimal mark.

    No grouping, so the value reads back unchanged whatever the form's parser makes of ``.``.
    """
    return format_decimal(value, format="0.##########", locale=_locale())


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
        "vnd_per_unit": "" if profile.vnd_per_unit is None else plain_number(profile.vnd_per_unit),
        **{k: plain_number(v) for k, v in current.items()},
    }
    values.update(form or {})
    return render_template(
        "agency/settings.html",
        profile=profile,
        form=values,
        defaults={k: plain_number(v) for k, v in defaults.items()},
        provinces=[
            (p.code, i18n.localized(p, "name", _locale())[0])
            for p in catalogue.provinces()
            if p.code in PROVINCES
        ],
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
    flash(_("The branding was saved."), "success")
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
            lang=_locale(),
        )
    except agency_profiles.FormErrors as exc:
        errors = {field: [error_text(e)] for field, e in exc.errors.items()}
        return _settings_page(errors=errors, form=form, status=400)
    flash(_("The rates were saved."), "success")
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
    flash(_("The token was revoked; programs using it are refused from now on."), "success")
    return redirect(url_for("agency.settings"))


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Page:
    form = {k: request.form.get(k, "") for k in ("email", "agency_name", "phone", "licence_number")}
    if request.method == "GET":
        return render_template("agency/signup.html", form=form, errors={}, done=False)
    try:
        accounts.request_agency_account(
            form["email"],
            request.form.get("password", ""),
            agency_name=form["agency_name"],
            phone=form["phone"],
            licence_number=form["licence_number"],
        )
    except accounts.AccountErrors as exc:
        errors = {field: [error_text(e)] for field, e in exc.errors.items()}
        return render_template("agency/signup.html", form=form, errors=errors, done=False), 400
    return render_template("agency/signup.html", form=form, errors={}, done=True), 201
