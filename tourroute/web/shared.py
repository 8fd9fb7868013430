"""The page of a shared package: anyone with the link reads it, and the client may accept it.

The token in the address is the secret (256 random bits); the agency can revoke it at any time.
The client sees prices per person and for the group, never the agency's cost build-up or margin.
Accepting is a form with a CSRF token like every other, so another site cannot accept for them.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from tourroute.core.programme import itinerary_programme
from tourroute.models import Package
from tourroute.services import agency_profiles, packages
from tourroute.web.agency import money_formatter
from tourroute.web.messages import error_text

bp = Blueprint("shared", __name__)


def _shared(token: str) -> Package:
    found = packages.package_by_share_token(token)
    if found is None:
        abort(404)
    return found


def _page(
    found: Package,
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    profile = agency_profiles.profile_for_owner(found.owner_id)
    itinerary = packages.itinerary_of(found)
    lang = str(get_locale())
    return render_template(
        "agency/shared.html",
        package=found,
        agency_name=profile.agency_name if profile else "",
        contact=profile.contact if profile else "",
        programme=itinerary_programme(itinerary),
        costs=packages.costs_of(found, itinerary),
        money=money_formatter(profile, lang),
        errors=errors or {},
        form=form or {"name": "", "date": "", "note": ""},
    ), status


@bp.get("/p/<token>")
def package(token: str) -> tuple[str, int]:
    return _page(_shared(token))


@bp.post("/p/<token>/accept")
def accept(token: str) -> Response | tuple[str, int]:
    found = _shared(token)
    form = {k: request.form.get(k, "") for k in ("name", "date", "note")}
    problems = packages.accept_package(found, **form)
    if problems:
        errors = {field: [error_text(exc)] for field, exc in problems.items()}
        return _page(found, errors=errors, form=form, status=400)
    flash(_("Thank you: the agency has your acceptance of this proposal."), "success")
    return redirect(url_for("shared.package", token=token))
