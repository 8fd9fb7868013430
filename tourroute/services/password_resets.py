"""One-time password-reset links an admin issues and hands over (there is no mail server).

The link carries 256 random bits; only their SHA-256 is stored, so a copy of the database
opens no account. A link works once, and only for ``VALID_FOR``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from tourroute.extensions import db
from tourroute.models import PasswordReset, User
from tourroute.services import accounts, audit
from tourroute.services.throttle import aware

VALID_FOR = dt.timedelta(hours=24)
MAX_TOKEN = 64


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_reset(user: User, *, actor: User) -> tuple[str, dt.datetime]:
    """A new link's secret and when it expires; the secret is shown once, never stored."""
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + VALID_FOR
    db.session.add(
        PasswordReset(
            user_id=user.id, token_sha256=_digest(token), created_by=actor.id, expires_at=expires
        )
    )
    db.session.flush()
    audit.record(actor, "user.reset_link", "user", user.id)
    return token, expires


def open_reset(token: str) -> PasswordReset | None:
    """The unused, unexpired reset of this token, or None."""
    if not token or len(token) > MAX_TOKEN:
        return None
    reset: PasswordReset | None = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_sha256 == _digest(token))
    )
    if reset is None or reset.used_at is not None:
        return None
    if aware(reset.expires_at) <= dt.datetime.now(dt.UTC):
        return None
    return reset


def reset_password(reset: PasswordReset, new: str) -> User:
    """Set the new password, use up the link, and end the person's other sessions.

    Raises
    ------
    accounts.AccountError
        The password is too short (``field`` is ``"new"``); the link stays usable.
    """
    try:
        accounts.check_password(new)
    except accounts.AccountError as exc:
        raise accounts.AccountError(exc.template, field="new", **exc.params) from exc  # type: ignore[arg-type]
    user = db.session.get(User, reset.user_id)
    assert user is not None  # the reset row is deleted with its user
    user.password_hash = generate_password_hash(new, method=accounts.HASH_METHOD)
    user.session_token = uuid.uuid4().hex
    reset.used_at = dt.datetime.now(dt.UTC)
    audit.record(user, "user.password_reset", "user", user.id)
    return user
