"""Bearer tokens for an agency's API clients.

A token is 256 random bits shown once; only its SHA-256 is stored. A slow password hash is not
needed: nobody can guess a 256-bit secret, and a fast hash lets every request be looked up by
an indexed column instead of trying every stored hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select

from tourroute.core.messages import N_
from tourroute.extensions import db
from tourroute.models import ApiToken, User
from tourroute.services import audit
from tourroute.services.agency_profiles import SettingsError

#: Every token starts with this, so a leaked one is recognisable in logs and secret scanners.
TOKEN_PREFIX = "trk_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token row and the token itself, which is never stored or shown again."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise SettingsError(
            N_("Name the token (at most 100 characters), e.g. the program that uses it."),
            field="token_name",
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_sha256=_digest(token), prefix=token[:12])
    db.session.add(row)
    db.session.flush()
    audit.record(user, "api_token.create", "api_token", row.id, name=name)
    return row, token


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of ``user``'s tokens; False when they have no such token."""
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        return False
    if row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.UTC)
        audit.record(user, "api_token.revoke", "api_token", row.id)
    return True


def user_for_token(authorization: str | None) -> User | None:
    """The active user an ``Authorization: Bearer …`` header belongs to, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token.startswith(TOKEN_PREFIX):
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    if row is None or row.revoked_at is not None:
        return None
    user = db.session.get(User, row.user_id)
    return user if user is not None and user.active else None
