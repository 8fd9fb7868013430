"""Fixtures for the agency work: packages of a saved trip, owned by an agency, and API tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tourroute.extensions import db
from tourroute.models import User


@pytest.fixture
def make_package(app: Flask, people: dict[str, int], saved_trip: str) -> Callable[..., int]:
    """Save the one-day trip as a package of ``owner`` (a name of ``PEOPLE``); returns its id."""
    from tourroute.services import packages

    def make(owner: str = "agency", **details: object) -> int:
        values: dict[str, object] = {
            "title": "Đất Tổ",
            "adults": "4",
            "children": "1",
            "notes": "",
            "lang": "vi",
        }
        values.update(details)
        with app.app_context():
            user = db.session.get(User, people[owner])
            package = packages.create_from_trip(user, saved_trip, lang="vi")
            assert package is not None
            checked, errors = packages.check_details(**values)
            assert checked is not None, errors
            packages.update_details(user, package, checked)
            db.session.commit()
            return package.id

    return make


@pytest.fixture
def make_token(app: Flask, people: dict[str, int]) -> Callable[[str], str]:
    """A new API token of ``owner``; returns the secret."""
    from tourroute.services import api_tokens

    def make(owner: str = "agency") -> str:
        with app.app_context():
            _row, token = api_tokens.create_token(db.session.get(User, people[owner]), "test")
            db.session.commit()
            return token

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def own_package(make_package: Callable[..., int], login_as: Callable[[str], None]) -> int:
    """A package of ``agency``, with ``agency`` logged in on ``client``; returns its id."""
    package_id = make_package()
    login_as("agency")
    return package_id
