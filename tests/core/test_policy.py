"""The policy table: scopes, deny by default, and the core stays free of Flask."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tourroute.core.policy import ANONYMOUS, POLICY, Actor, Target, allowed, refusal

ADMIN = Actor(role="admin", user_id=1)
CURATOR = Actor(role="curator", user_id=2, province="bac-ninh")
AGENCY = Actor(role="agency", user_id=3)
VISITOR = Actor()
OWN = Target(province="bac-ninh", author_id=9)
OTHER = Target(province="phu-tho", author_id=9)


@pytest.mark.parametrize(
    ("actor", "action", "target", "expected"),
    [
        (VISITOR, "public.read", None, True),
        (VISITOR, "trip.plan", None, True),
        (VISITOR, "curation.view", None, False),
        (CURATOR, "place.draft", OWN, True),
        (CURATOR, "place.draft", OTHER, False),
        (CURATOR, "place.review", OWN, True),
        (CURATOR, "place.review", Target(province="bac-ninh", author_id=2), False),
        (ADMIN, "place.review", Target(province="phu-tho", author_id=1), True),
        (AGENCY, "place.draft", OWN, False),
        (AGENCY, "package.manage", Target(owner_id=3), True),
        (AGENCY, "package.manage", Target(owner_id=4), False),
        (CURATOR, "package.manage", Target(owner_id=2), False),
        (CURATOR, "users.manage", None, False),
        (ADMIN, "users.manage", None, True),
        (Actor(role="curator", user_id=5), "place.draft", OWN, False),
        (ADMIN, "no.such.action", None, False),
        (Actor(role="superuser"), "public.read", None, False),
    ],
)
def test_allowed(actor: Actor, action: str, target: Target | None, expected: bool) -> None:
    assert allowed(actor, action, target) is expected


def test_every_scope_is_known_and_anonymous_only_reads() -> None:
    for action, roles in POLICY.items():
        assert set(roles.values()) <= {"any", "own_province", "other_author", "self"}
        if ANONYMOUS in roles:
            # signing up only asks for an inactive account, which an admin must approve; a
            # reset link and a share link carry their own secret token, which is the right
            assert action in (
                "public.read",
                "trip.plan",
                "session.login",
                "account.signup",
                "account.reset",
                "package.accept",
            )


def test_the_core_does_not_import_flask() -> None:
    code = (
        "import sys, tourroute.core.policy, tourroute.core.place_import, tourroute.core.images; "
        "print('flask' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("actor", "action", "target", "reason"),
    [
        (CURATOR, "place.draft", OWN, None),
        (AGENCY, "place.draft", OWN, "role"),
        (CURATOR, "users.manage", None, "role"),
        (CURATOR, "place.draft", Target(province="phu-tho"), "province"),
        (CURATOR, "place.review", Target(province="phu-tho", author_id=99), "province"),
        (
            CURATOR,
            "place.review",
            Target(province="bac-ninh", author_id=CURATOR.user_id),
            "own_work",
        ),
        (ADMIN, "place.review", Target(province="bac-ninh", author_id=ADMIN.user_id), None),
    ],
)
def test_refusal_names_the_reason(
    actor: Actor, action: str, target: Target | None, reason: str | None
) -> None:
    assert refusal(actor, action, target) == reason
    assert (reason is None) is allowed(actor, action, target)
