"""Administration: people and their roles, and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute.core.domain import PROVINCES
from tourroute.models import ROLES, User
from tourroute.services import accounts, agency_profiles, audit, password_resets
from tourroute.web.access import found_or_404, require
from tourroute.web.fields import Page
from tourroute.web.inputs import Query, parse_query
from tourroute.web.messages import error_text

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _actor() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _users_page(
    *,
    errors: dict[str, list[str]] | None = None,
    form: dict[str, str] | None = None,
    reset: dict[str, object] | None = None,
) -> str:
    return render_template(
        "admin/users.html",
        users=accounts.users(),
        pending_count=len(accounts.pending_agencies()),
        reset=reset,
        roles=ROLES,
        provinces=PROVINCES,
        errors=errors or {},
        form=form or {"email": "", "role": "curator", "province": ""},
    )


@bp.get("/users")
def users() -> str:
    require("users.manage")
    return _users_page()


@bp.post("/users")
def create_user() -> Response | tuple[str, int]:
    require("users.manage")
    form = {name: request.form.get(name, "") for name in ("email", "role", "province")}
    try:
        accounts.create_user(
            form["email"],
            request.form.get("password", ""),
            role=form["role"],
            province=form["province"] or None,
            actor=_actor(),
        )
    except accounts.AccountError as exc:
        return _users_page(errors={exc.field or "email": [error_text(exc)]}, form=form), 400
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>")
def update_user(user_id: int) -> Response | tuple[str, int]:
    require("users.manage")
    user = found_or_404(accounts.get_user(user_id))
    try:
        accounts.update_user(
            user,
            role=request.form.get("role", ""),
            province=request.form.get("province") or None,
            active=request.form.get("active") == "1",
            actor=_actor(),
        )
    except accounts.AccountError as exc:
        return _users_page(errors={f"user-{user_id}": [error_text(exc)]}), 400
    return redirect(url_for("admin.users"))


@bp.get("/agencies")
def agencies() -> str:
    """Agency sign-ups waiting for approval, with what the admin checks them by."""
    require("users.manage")
    pending = accounts.pending_agencies()
    return render_template(
        "admin/agencies.html",
        pending=[(user, agency_profiles.profile_of(user)) for user in pending],
    )


#: What an admin may decide about a pending sign-up.
DECISIONS = ("approve", "refuse")


def _pending(user_id: int) -> User:
    user = accounts.get_user(user_id)
    pending = user is not None and user.role_name == "agency" and accounts.is_pending(user)
    return found_or_404(user if pending else None)


@bp.route("/agencies/<int:user_id>/<decision>", methods=["GET", "POST"])
def decide_agency(user_id: int, decision: str) -> Response | str:
    """Approve or refuse a sign-up: GET asks to confirm, POST does it and says so."""
    require("users.manage")
    if decision not in DECISIONS:
        abort(404)
    user = _pending(user_id)
    profile = agency_profiles.profile_of(user)
    if request.method == "GET":
        return render_template(
            "admin/agency_decision.html", user=user, profile=profile, decision=decision
        )
    name = profile.agency_name or user.email
    if decision == "approve":
        accounts.approve_user(user, actor=_actor())
        flash(_("%(name)s is approved and can log in now.", name=name), "success")
    else:
        accounts.refuse_agency(user, actor=_actor())
        flash(_("The sign-up of %(name)s was refused and removed.", name=name), "success")
    return redirect(url_for("admin.agencies"))


@bp.post("/users/<int:user_id>/reset-link")
def reset_link(user_id: int) -> str:
    """A one-time password-reset link for the admin to hand over (shown once, not stored)."""
    require("users.manage")
    user = found_or_404(accounts.get_user(user_id))
    token, expires = password_resets.issue_reset(user, actor=_actor())
    return _users_page(
        reset={
            "email": user.email,
            "link": url_for("auth.reset_password", token=token, _external=True),
            "expires": expires,
        }
    )


class AuditQuery(Query):
    page: Page = 1


@bp.get("/audit")
def audit_log() -> str:
    require("audit.view")
    page = parse_query(AuditQuery).page
    entries, total = audit.entries(page=page)
    return render_template("admin/audit.html", entries=entries, total=total, page=page)
