"""People who log in: creating them, checking passwords, changing roles and passwords."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from tourroute.core.errors import DataError
from tourroute.core.messages import N_, TranslatableError
from tourroute.extensions import db
from tourroute.models import ROLES, Province, User
from tourroute.services import audit, throttle

MIN_PASSWORD_LENGTH = 12
#: scrypt (memory-hard) is Werkzeug's default; named here so a change of default is a decision.
HASH_METHOD = "scrypt"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: Checked when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash(uuid.uuid4().hex, method=HASH_METHOD)


class AccountError(TranslatableError):
    """Bad account input, naming the field at fault."""


class LoginThrottled(DataError):
    """Too many failed attempts for this account from this address."""


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            N_("The password needs at least %(length)d characters."),
            field="password",
            length=MIN_PASSWORD_LENGTH,
        )


def _check_role(role: str, province: str | None) -> None:
    if role not in ROLES:
        raise AccountError(
            N_("“%(value)s” is not one of: %(allowed)s."),
            field="role",
            value=role,
            allowed=", ".join(ROLES),
        )
    if role == "curator":
        if not province or db.session.get(Province, province) is None:
            raise AccountError(N_("A curator needs the province they curate."), field="province")
    elif province:
        raise AccountError(N_("Only curators are bound to a province."), field="province")


def normalized_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str, password: str, *, role: str, province: str | None = None, actor: User | None = None
) -> User:
    """A new account; e-mail addresses are unique regardless of case."""
    email = normalized_email(email)
    if not _EMAIL.fullmatch(email) or len(email) > 254:
        raise AccountError(N_("Enter a valid e-mail address."), field="email")
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(N_("An account with this e-mail address exists."), field="email")
    _check_role(role, province)
    _check_password(password)
    user = User(
        email=email,
        password_hash=generate_password_hash(password, method=HASH_METHOD),
        role_name=role,
        province_code=province if role == "curator" else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", "user", user.id, email=email, role=role, province=province)
    return user


def authenticate(email: str, password: str, *, address: str) -> User | None:
    """The active user with these credentials, or None; throttled per account and address.

    Raises
    ------
    LoginThrottled
        After ``throttle.MAX_FAILURES`` failures within ``throttle.WINDOW_S`` seconds.
    """
    key = throttle.attempt_key(normalized_email(email), address)
    if throttle.is_locked(key):
        raise LoginThrottled("too many failed logins")
    user: User | None = db.session.scalar(select(User).where(User.email == normalized_email(email)))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.active:
        throttle.record_failure(key)
        return None
    throttle.clear(key)
    return user


def load_session_user(session_id: str) -> User | None:
    """The user a session belongs to, if the session is still valid (see ``User.get_id``)."""
    user_id, _, token = session_id.partition(".")
    if not user_id.isdigit() or not token:
        return None
    user: User | None = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password and end every session of this user, on every device."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError(N_("The current password is wrong."), field="current")
    _check_password(new)
    user.password_hash = generate_password_hash(new, method=HASH_METHOD)
    user.session_token = uuid.uuid4().hex
    audit.record(user, "user.password", "user", user.id)


def update_user(user: User, *, role: str, province: str | None, active: bool, actor: User) -> None:
    """Change someone's role, province or access; deactivating also ends their sessions."""
    province = province or None
    _check_role(role, province)
    if user.id == actor.id and (role != "admin" or not active):
        raise AccountError(N_("You cannot remove your own administrator access."), field="role")
    before = {"role": user.role_name, "province": user.province_code, "active": user.active}
    user.role_name, user.province_code, user.active = role, province, active
    after = {"role": role, "province": province, "active": active}
    if before != after:
        user.session_token = uuid.uuid4().hex
        audit.record(actor, "user.update", "user", user.id, before=before, after=after)


def users() -> list[User]:
    return list(
        db.session.scalars(select(User).options(selectinload(User.role)).order_by(User.email))
    )


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def request_agency_account(email: str, password: str, *, agency_name: str) -> User:
    """An agency's own sign-up: the account stays inactive until an admin approves it."""
    from tourroute.services import agency_profiles

    name = " ".join(agency_name.split())
    if not name or len(name) > 200:
        raise AccountError(
            N_("Enter the agency's name (at most 200 characters)."), field="agency_name"
        )
    user = create_user(email, password, role="agency")
    user.active = False
    agency_profiles.profile_of(user).agency_name = name
    audit.record(None, "user.signup", "user", user.id, email=user.email, agency_name=name)
    return user


def pending_agencies() -> list[User]:
    """Agency sign-ups waiting for an admin, oldest first."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role_name == "agency", User.active.is_(False))
            .order_by(User.created_at, User.id)
        )
    )


def approve_user(user: User, *, actor: User) -> None:
    """Let a pending agency log in."""
    if not user.active:
        user.active = True
        audit.record(actor, "user.approve", "user", user.id)
