"""The one access helper: every page and API call is checked here, on the server.

Two layers, both driven by :data:`tourroute.core.policy.POLICY`:

* before any view runs, the route's action (``ROUTE_ACTIONS``) is checked for the current
  person — "may this role do this at all?". A route missing from the table is refused
  (deny by default), and a test fails when one is missing;
* once a view has loaded its object, it calls :func:`require` with the object's
  :class:`~tourroute.core.policy.Target` — "may they do it to *this* province's place, *this*
  draft?".

Templates may call :func:`can` to hide a button, but hiding is cosmetic: the check that
counts is the one here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, g, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, HTTPException, NotFound, Unauthorized

from tourroute.core.policy import ANONYMOUS, Actor, Refusal, Target, allowed, refusal
from tourroute.extensions import login
from tourroute.models import Package, Place, PlaceDraft, User
from tourroute.web.inputs import InvalidInput

T = TypeVar("T")

#: endpoint -> action. Every route the app registers must appear here.
ROUTE_ACTIONS: dict[str, str] = {
    "static": "public.read",
    "pages.home": "public.read",
    "pages.places": "public.read",
    "pages.place": "public.read",
    "auth.login": "session.login",
    "auth.logout": "session.logout",
    "auth.password": "account.password",
    "curation.dashboard": "curation.view",
    "curation.places": "curation.view",
    "curation.new_place": "place.draft",
    "curation.edit_place": "place.draft",
    "curation.draft": "curation.view",
    "curation.submit_draft": "place.draft",
    "curation.review_draft": "place.review",
    "curation.history": "curation.view",
    "curation.revision": "curation.view",
    "curation.restore_revision": "place.draft",
    "curation.unpublish": "place.unpublish",
    "curation.republish": "place.unpublish",
    "curation.import_places": "place.import",
    "curation.import_template": "place.import",
    "curation.check_point": "place.draft",
    "curate_data.report": "curation.view",
    "catalogue.themes": "catalogue.view",
    "catalogue.festivals": "catalogue.view",
    "catalogue.edit_theme": "catalogue.draft",
    "catalogue.edit_stage": "catalogue.draft",
    "catalogue.edit_festival": "catalogue.draft",
    "catalogue.draft": "catalogue.view",
    "catalogue.submit_draft": "catalogue.draft",
    "catalogue.review_draft": "catalogue.review",
    "catalogue.history": "catalogue.view",
    "catalogue.restore_revision": "catalogue.draft",
    "photos.manage": "photo.manage",
    "photos.delete": "photo.manage",
    "photos.image": "public.read",
    "insights.overview": "insights.view",
    "insights.table_csv": "insights.view",
    "admin.users": "users.manage",
    "admin.create_user": "users.manage",
    "admin.update_user": "users.manage",
    "admin.audit_log": "audit.view",
    "admin.agencies": "users.manage",
    "admin.decide_agency": "users.manage",
    "admin.reset_link": "users.manage",
    "auth.reset_password": "account.reset",
    # Agencies: packages, settings and sign-up; the read-only share link is public by design
    # (its 256-bit token is the secret).
    "agency.signup": "account.signup",
    "agency.dashboard": "package.manage",
    "agency.package_from_trip": "package.manage",
    "agency.package": "package.manage",
    "agency.update_package": "package.manage",
    "agency.edit_stops": "package.manage",
    "agency.edit_stop": "package.manage",
    "agency.update_day_times": "package.manage",
    "agency.clone_package": "package.manage",
    "agency.archive_package": "package.manage",
    "agency.share_package": "package.manage",
    "agency.unshare_package": "package.manage",
    "agency.export_package": "package.manage",
    "agency.settings": "agency.settings",
    "agency.update_branding": "agency.settings",
    "agency.update_rates": "agency.settings",
    "agency.create_token": "agency.settings",
    "agency.revoke_token": "agency.settings",
    "shared.package": "public.read",
    "shared.accept": "package.accept",
    # The agencies' JSON API authenticates by bearer token only (see ``TOKEN_BLUEPRINTS``).
    "agency_api.list_packages": "package.manage",
    "agency_api.create_package": "package.manage",
    "agency_api.get_package": "package.manage",
    "agency_api.update_package": "package.manage",
    "agency_api.clone_package": "package.manage",
    "agency_api.archive_package": "package.manage",
    "agency_api.export_package": "package.manage",
    # Routes of the maps and API work, merged from their own branches: public reading and trip
    # planning, listed here so that they are not refused once merged.
    "assets.asset": "public.read",
    "maps.catalogue_map": "public.read",
    "search.search": "public.read",
    "api_docs.docs": "public.read",
    "api.provinces": "public.read",
    "api.themes": "public.read",
    "api.places": "public.read",
    "api.place": "public.read",
    "api.festival_dates": "public.read",
    "api.travel_time": "public.read",
    "api.openapi_json": "public.read",
    "api.itinerary": "public.read",
    "api.itinerary_export": "public.read",
    "api.create_itinerary": "trip.plan",
    "api.replan_itinerary": "trip.plan",
    "trips.plan": "trip.plan",
    "trips.trip": "public.read",
    "trips.replan": "trip.plan",
    "trips.replan_scenario": "trip.plan",
    "trips.edit": "trip.plan",
    "trips.my_trips": "public.read",
    "offline.manifest": "public.read",
    "offline.service_worker": "public.read",
    "festivals.calendar": "public.read",
    "festivals.calendar_ics": "public.read",
    # Probes and metrics for the load balancer and the operator (see ``web/ops.py``).
    "ops.healthz": "public.read",
    "ops.readyz": "public.read",
    "ops.prometheus_metrics": "public.read",
}


#: Blueprints that ignore the session cookie and accept only ``Authorization: Bearer <token>``:
#: with no cookie to ride on, a forged cross-site request carries no identity, so they need no
#: CSRF token.
TOKEN_BLUEPRINTS = frozenset({"agency_api"})


def actor_of(user: object) -> Actor:
    if not isinstance(user, User) or not user.is_authenticated:
        return Actor()
    return Actor(role=user.role_name, user_id=user.id, province=user.province_code)


def current_actor() -> Actor:
    return actor_of(current_user._get_current_object())


def can(action: str, target: Target | None = None) -> bool:
    """Whether the current person may do ``action`` (to ``target``)."""
    return allowed(current_actor(), action, target)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
    )


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: ``next=`` never leaves the site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(c) < 32 or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


#: What the 403 page says for each :data:`~tourroute.core.policy.Refusal`.
REFUSALS = {
    "role": _l("Your account's role does not allow this."),
    "province": _l("This belongs to another province than the one you curate."),
    "region": _l("This concerns more than one province: only an administrator may change it."),
    "own_work": _l("You cannot review your own work; another curator or an administrator must."),
}


class Refused(Forbidden):
    """A 403 whose description says, in the user's language, why (the error page shows it)."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(description=str(REFUSALS[reason]))
        self.reason = reason


def _deny(reason: Refusal = "role") -> HTTPException:
    """401/redirect to login for a visitor, 403 naming the reason for someone signed in."""
    if current_actor().role != ANONYMOUS:
        return Refused(reason)
    if request.blueprint in TOKEN_BLUEPRINTS:
        return Unauthorized(www_authenticate=WWWAuthenticate("bearer"))
    if _wants_json():
        response = jsonify(error="login required")
        response.status_code = 401
        return HTTPException(response=response)
    here = request.script_root + request.full_path.rstrip("?")
    return HTTPException(response=redirect(url_for("auth.login", next=here)))


def require(action: str, target: Target | None = None) -> None:
    """Stop the request unless the current person may do ``action`` (to ``target``)."""
    reason = refusal(current_actor(), action, target)
    if reason is not None:
        raise _deny(reason)


def found_or_404(
    found: T | None,
    *,
    action: str | None = None,
    target: Callable[[T], Target] | None = None,
    missing: str | None = None,
) -> T:
    """Load, then check, then act: the loaded object, or a 404 (saying ``missing`` when given);
    then, with ``action``, the current person's right to do it to this object (``target``)."""
    if found is None:
        raise NotFound() if missing is None else InvalidInput(404, missing)
    if action is not None:
        require(action, target(found) if target is not None else None)
    return found


def place_target(place: Place) -> Target:
    return Target(province=place.province_code)


def draft_target(draft: PlaceDraft) -> Target:
    return Target(province=draft.province_code, author_id=draft.author_id)


def package_target(package: Package) -> Target:
    return Target(owner_id=package.owner_id)


def _authenticate_by_token() -> None:
    """Make the bearer token's user (or nobody) the current user, whatever the cookie says.

    Flask-Login keeps the request's user in ``g._login_user``; setting it before anything reads
    ``current_user`` means the session is never consulted on these blueprints.
    """
    from tourroute.services.api_tokens import user_for_token

    user = user_for_token(request.headers.get("Authorization"))
    g._login_user = user if user is not None else login.anonymous_user()


def _check_route() -> None:
    if request.endpoint is None:
        return  # no route matched: the 404/405 handlers answer
    action = ROUTE_ACTIONS.get(request.endpoint)
    if action is None:
        abort(403)
    if request.blueprint in TOKEN_BLUEPRINTS:
        _authenticate_by_token()
    require(action)


def init_app(app: Flask) -> None:
    login.init_app(app)
    login.session_protection = None  # sessions end on password change instead (User.get_id)

    @login.user_loader  # type: ignore[untyped-decorator]
    def _load(session_id: str) -> User | None:
        from tourroute.services.accounts import load_session_user

        return load_session_user(session_id)

    @login.unauthorized_handler  # type: ignore[untyped-decorator]
    def _unauthorized() -> object:
        raise _deny()

    app.before_request(_check_route)
    app.jinja_env.globals.update(
        can=can, place_target=place_target, draft_target=draft_target, package_target=package_target
    )
