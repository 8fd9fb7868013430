"""Logging in and out, and changing one's password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from tourroute.services import accounts, password_resets
from tourroute.web.access import safe_next
from tourroute.web.messages import error_text

bp = Blueprint("auth", __name__)


def _client_address() -> str:
    """The peer address; a deployment behind a proxy wraps the app in ProxyFix to set it."""
    return request.remote_addr or "unknown"


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/login.html", next_url=next_url, email="", error=None)
    email = request.form.get("email", "")
    try:
        user = accounts.authenticate(
            email, request.form.get("password", ""), address=_client_address()
        )
    except accounts.LoginThrottled:
        error = _("Too many failed attempts. Wait 15 minutes, then try again.")
        return render_template("auth/login.html", next_url=next_url, email=email, error=error), 429
    except accounts.AccountInactive as exc:
        if exc.pending:
            error = _(
                "Your account is awaiting an administrator's approval. You can log in once it "
                "is approved."
            )
        else:
            error = _("This account has been switched off. Ask an administrator.")
        return render_template("auth/login.html", next_url=next_url, email=email, error=error), 403
    if user is None:
        error = _("Wrong e-mail address or password.")
        return render_template("auth/login.html", next_url=next_url, email=email, error=error), 401
    login_user(user)
    return redirect(next_url or url_for(LANDING[user.role_name]))


#: Where each role starts after logging in: the page of its daily work.
LANDING = {"admin": "admin.users", "curator": "curation.dashboard", "agency": "agency.dashboard"}


@bp.post("/logout")
def logout() -> Response:
    logout_user()
    return redirect(url_for("pages.home"))


@bp.route("/account/password", methods=["GET", "POST"])
def password() -> Response | tuple[str, int] | str:
    if request.method == "GET":
        return render_template("auth/password.html", errors={})
    user = current_user._get_current_object()
    try:
        accounts.change_password(user, request.form.get("current", ""), request.form.get("new", ""))
    except accounts.AccountError as exc:
        return render_template("auth/password.html", errors={exc.field: [error_text(exc)]}), 400
    login_user(user)  # this session carries the new token; every other one has ended
    return redirect(url_for("auth.password", changed=1))


@bp.route("/account/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | tuple[str, int] | str:
    """The one-time link an admin handed over: choose a new password, then log in."""
    reset = password_resets.open_reset(token)
    if reset is None:
        return render_template("auth/reset.html", valid=False, errors={}), 404
    if request.method == "GET":
        return render_template("auth/reset.html", valid=True, errors={})
    try:
        password_resets.reset_password(reset, request.form.get("new", ""))
    except accounts.AccountError as exc:
        errors = {"new": [error_text(exc)]}
        return render_template("auth/reset.html", valid=True, errors=errors), 400
    flash(_("Your password was changed. Log in with it now."), "success")
    return redirect(url_for("auth.login"))
