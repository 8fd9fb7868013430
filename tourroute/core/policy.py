"""Who may do what: one table, read by the web layer's single access helper.

Keeping the rules as data (role -> scope per action) makes them reviewable at a glance and
testable without a request: the permission-matrix test drives every route through them. A role
missing from an action's row is refused; an action missing from the table is refused too
(deny by default), so a forgotten entry can never open a door.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Scope = Literal["any", "own_province", "other_author", "self"]
ANONYMOUS = "anonymous"
ROLES: tuple[str, ...] = ("admin", "curator", "agency")
#: The province of a target that belongs to no single province (a theme as a whole, a stage or
#: festival spanning several): no curator's province matches it, so only an admin may act.
WHOLE_REGION = "*"


@dataclass(frozen=True)
class Actor:
    """The person asking; ``role`` is ``ANONYMOUS`` for a visitor who has not logged in."""

    role: str = ANONYMOUS
    user_id: int | None = None
    province: str | None = None


@dataclass(frozen=True)
class Target:
    """What an action touches: a province's data, someone's draft, a user's own record."""

    province: str | None = None
    author_id: int | None = None
    owner_id: int | None = None


#: action -> {role: scope}. Scopes:
#:   any           — every target;
#:   own_province  — targets of the actor's province (curators are bound to one);
#:   other_author  — own province, and written by someone else (nobody approves their own work);
#:   self          — the actor's own records (an agency's packages, one's own password).
POLICY: Mapping[str, Mapping[str, Scope]] = {
    # Published data and trip planning are open to everyone.
    "public.read": {ANONYMOUS: "any", "admin": "any", "curator": "any", "agency": "any"},
    "trip.plan": {ANONYMOUS: "any", "admin": "any", "curator": "any", "agency": "any"},
    "session.login": {ANONYMOUS: "any", "admin": "any", "curator": "any", "agency": "any"},
    # An agency asks for an account; an admin approves it (``users.manage``).
    "account.signup": {ANONYMOUS: "any"},
    # Signed-in people manage their own session and password.
    "session.logout": {"admin": "self", "curator": "self", "agency": "self"},
    "account.password": {"admin": "self", "curator": "self", "agency": "self"},
    # A one-time reset link an admin handed over; its secret token is the right.
    "account.reset": {ANONYMOUS: "any", "admin": "any", "curator": "any", "agency": "any"},
    # Curation of places.
    "curation.view": {"admin": "any", "curator": "own_province"},
    "place.draft": {"admin": "any", "curator": "own_province"},
    "place.review": {"admin": "any", "curator": "other_author"},
    "place.unpublish": {"admin": "any", "curator": "own_province"},
    "place.import": {"admin": "any", "curator": "own_province"},
    # Themes, their stages and festivals: the same workflow. A stage or festival belongs to
    # its province's curators; a target of WHOLE_REGION is an admin's alone.
    "catalogue.view": {"admin": "any", "curator": "any"},
    "catalogue.draft": {"admin": "any", "curator": "own_province"},
    "catalogue.review": {"admin": "any", "curator": "other_author"},
    # Photos of places, with their credit and licence.
    "photo.manage": {"admin": "any", "curator": "own_province"},
    # The three provinces' shared view of how the joint product is used (aggregates only).
    "insights.view": {"admin": "any", "curator": "any"},
    # Tour packages (built by the agency work): an agency sees and changes only its own.
    "package.manage": {"admin": "any", "agency": "self"},
    # The client accepts a proposal through its share link, whose secret token is the right.
    "package.accept": {ANONYMOUS: "any", "admin": "any", "curator": "any", "agency": "any"},
    # Branding, rates and API tokens belong to an agency account alone.
    "agency.settings": {"agency": "self"},
    # Administration.
    "users.manage": {"admin": "any"},
    "audit.view": {"admin": "any"},
}


def _in_scope(scope: Scope, actor: Actor, target: Target) -> bool:
    if scope == "any":
        return True
    if scope == "self":
        return target.owner_id is None or target.owner_id == actor.user_id
    same_province = actor.province is not None and target.province in (None, actor.province)
    if scope == "own_province":
        return same_province
    return same_province and target.author_id != actor.user_id


#: Why a request was refused, for the 403 page: the role never may, the target is another
#: province's, or it is the actor's own work (nobody approves their own draft).
Refusal = Literal["role", "province", "region", "own_work"]


def refusal(actor: Actor, action: str, target: Target | None = None) -> Refusal | None:
    """Why ``actor`` may not do ``action`` to ``target``; None when they may."""
    scope = POLICY.get(action, {}).get(actor.role)
    target = target or Target()
    if scope is None:
        return "role"
    if _in_scope(scope, actor, target):
        return None
    if target.province == WHOLE_REGION:
        return "region"
    if scope == "other_author" and target.province in (None, actor.province):
        return "own_work"
    return "province" if scope in ("own_province", "other_author") else "role"


def allowed(actor: Actor, action: str, target: Target | None = None) -> bool:
    """Whether ``actor`` may perform ``action`` on ``target``.

    Without a target the question is "on some target at all", which is what a route asks
    before it has loaded the object; the view asks again once it knows the target.
    """
    scope = POLICY.get(action, {}).get(actor.role)
    if scope is None:
        return False
    return _in_scope(scope, actor, target or Target())
