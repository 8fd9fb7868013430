"""People who log in: creating them, checking passwords, changing roles and passwords."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from tourroute.core.errors import DataError
from tourroute.core.messages import N_, TranslatableError
from tourroute.core.text import one_line
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


class AccountErrors(Exception):
    """Every fault of one form at once, by field, so each is shown next to its input."""

    def __init__(self, errors: dict[str, AccountError]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


class LoginThrottled(DataError):
    """Too many failed attempts for this account from this address."""


class AccountInactive(DataError):
    """The e-mail and password are right, but the account may not log in (yet).

    ``pending`` is true for an agency's sign-up that no admin has approved: the person is
    told to wait, not that their password is wrong.
    """

    def __init__(self, *, pending: bool) -> None:
        super().__init__("account inactive")
        self.pending = pending


def check_password(password: str) -> None:
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
    check_password(password)
    user = User(
        email=email,
        password_hash=generate_password_hash(password, method=HASH_METHOD),
        role_name=role,
        province_code=province if role == "curator" else None,
        approved_at=dt.datetime.now(dt.UTC),
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
    AccountInactive
        The credentials are right but the account is switched off or awaits approval; only
        someone who knows the password learns this.
    """
    key = throttle.attempt_key(normalized_email(email), address)
    if throttle.is_locked(key):
        raise LoginThrottled("too many failed logins")
    user: User | None = db.session.scalar(select(User).where(User.email == normalized_email(email)))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid:
        throttle.record_failure(key)
        return None
    throttle.clear(key)
    if not user.active:
        raise AccountInactive(pending=user.role_name == "agency" and is_pending(user))
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
    check_password(new)
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


MAX_AGENCY_NAME = 200
MAX_LICENCE = 60
_PHONE = re.compile(r"\+?[0-9 .()-]{8,40}")


def request_agency_account(
    email: str, password: str, *, agency_name: str, phone: str, licence_number: str
) -> User:
    """An agency's own sign-up: the account stays inactive until an admin approves it.

    The phone and the international travel licence number let the admin check the agency
    before approving it.

    Raises
    ------
    AccountErrors
        Every fault of the form, by field; nothing is created.
    """
    from tourroute.services import agency_profiles

    errors: dict[str, AccountError] = {}
    name = one_line(agency_name, maximum=MAX_AGENCY_NAME)
    if name is None:
        errors["agency_name"] = AccountError(
            N_("Enter the agency's name (at most %(maximum)d characters)."),
            field="agency_name",
            maximum=MAX_AGENCY_NAME,
        )
    clean_phone = " ".join(phone.split())
    if not _PHONE.fullmatch(clean_phone) or sum(c.isdigit() for c in clean_phone) < 8:
        errors["phone"] = AccountError(
            N_("Enter a phone number of at least 8 digits, e.g. 0210 3846 123."), field="phone"
        )
    licence = one_line(licence_number, maximum=MAX_LICENCE)
    if licence is None:
        errors["licence_number"] = AccountError(
            N_("Enter the travel licence number (at most %(maximum)d characters)."),
            field="licence_number",
            maximum=MAX_LICENCE,
        )
    try:
        check_password(password)
    except AccountError as exc:
        errors["password"] = exc
    if errors or name is None or licence is None:
        raise AccountErrors(errors)
    try:
        user = create_user(email, password, role="agency")
    except AccountError as exc:
        raise AccountErrors({exc.field or "email": exc}) from exc
    user.active, user.approved_at = False, None
    profile = agency_profiles.profile_of(user)
    profile.agency_name, profile.phone, profile.licence_number = name, clean_phone, licence
    audit.record(None, "user.signup", "user", user.id, email=user.email, agency_name=name)
    return user


def is_pending(user: User) -> bool:
    """An agency's sign-up no admin has approved yet (deactivating later is not pending)."""
    return not user.active and user.approved_at is None


def pending_agencies() -> list[User]:
    """Agency sign-ups waiting for an admin, oldest first."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role_name == "agency", User.active.is_(False), User.approved_at.is_(None))
            .order_by(User.created_at, User.id)
        )
    )


def approve_user(user: User, *, actor: User) -> None:
    """Let a pending agency log in."""
    if not user.active:
        user.active = True
        user.approved_at = dt.datetime.now(dt.UTC)
        audit.record(actor, "user.approve", "user", user.id)


def refuse_agency(user: User, *, actor: User) -> None:
    """Turn a pending sign-up down: the account goes (so the address may ask again later)."""
    if not is_pending(user):
        raise AccountError(N_("Only a pending sign-up can be refused."), field="user")
    audit.record(actor, "user.refuse", "user", user.id, email=user.email)
    db.session.delete(user)
    db.session.flush()
