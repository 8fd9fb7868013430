"""Administration: people and their roles, and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute.core.domain import PROVINCES
from tourroute.models import ROLES, User
from tourroute.services import accounts, audit
from tourroute.web.access import require
from tourroute.web.fields import Page
from tourroute.web.inputs import Query, parse_query
from tourroute.web.messages import error_text

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _actor() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _users_page(
    *, errors: dict[str, list[str]] | None = None, form: dict[str, str] | None = None
) -> str:
    return render_template(
        "admin/users.html",
        users=accounts.users(),
        pending=accounts.pending_agencies(),
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
    user = accounts.get_user(user_id)
    if user is None:
        abort(404)
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


@bp.post("/users/<int:user_id>/approve")
def approve_user(user_id: int) -> Response:
    require("users.manage")
    user = accounts.get_user(user_id)
    if user is None:
        abort(404)
    accounts.approve_user(user, actor=_actor())
    return redirect(url_for("admin.users"))


class AuditQuery(Query):
    page: Page = 1


@bp.get("/audit")
def audit_log() -> str:
    require("audit.view")
    page = parse_query(AuditQuery).page
    entries, total = audit.entries(page=page)
    return render_template("admin/audit.html", entries=entries, total=total, page=page)
