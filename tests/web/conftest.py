"""Fixtures for the signed-in parts: people of every role and a way to act as them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from tourroute.extensions import db
from tourroute.models import (
    AgencyProfile,
    ApiToken,
    AuditLog,
    CatalogueDraft,
    CatalogueRevision,
    Package,
    PasswordReset,
    Place,
    PlaceDraft,
    PlacePhoto,
    PlaceRevision,
    User,
)

PASSWORD = "correct horse battery staple"
#: Hashed once: scrypt is slow on purpose, and every test needs the same few accounts.
PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")

#: name -> (role, province). "curator" and "curator2" share Bắc Ninh so one can review the other.
PEOPLE = {
    "admin": ("admin", None),
    "curator": ("curator", "bac-ninh"),
    "curator2": ("curator", "bac-ninh"),
    "pt_curator": ("curator", "phu-tho"),
    "agency": ("agency", None),
    "agency2": ("agency", None),
}


def add_people(app: Flask) -> dict[str, int]:
    with app.app_context():
        users = {
            name: User(
                email=f"{name}@example.org",
                password_hash=PASSWORD_HASH,
                role_name=role,
                province_code=province,
            )
            for name, (role, province) in PEOPLE.items()
        }
        db.session.add_all(users.values())
        db.session.commit()
        return {name: user.id for name, user in users.items()}


@pytest.fixture
def people(app: Flask) -> dict[str, int]:
    """User ids by name (see ``PEOPLE``); everyone's password is ``PASSWORD``."""
    return add_people(app)


def sign_in(app: Flask, client: FlaskClient, user_id: int) -> None:
    """Start a session as the user without the (deliberately slow) password check."""
    with app.app_context():
        session_id = db.session.get(User, user_id).get_id()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True


@pytest.fixture
def login_as(app: Flask, client: FlaskClient, people: dict[str, int]) -> Callable[[str], None]:
    def login(name: str) -> None:
        sign_in(app, client, people[name])

    return login


def row_counts(app: Flask) -> dict[str, int]:
    """Rows of every table curation and agencies write, to prove a refused request wrote nothing."""
    with app.app_context():
        counts = {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) or 0
            for model in (
                Place,
                PlaceDraft,
                PlaceRevision,
                AuditLog,
                User,
                Package,
                ApiToken,
                AgencyProfile,
                PasswordReset,
                CatalogueDraft,
                CatalogueRevision,
                PlacePhoto,
            )
        }
        counts["published"] = (
            db.session.scalar(
                select(func.count()).select_from(Place).where(Place.status == "published")
            )
            or 0
        )
        return counts


def place_in(app: Flask, province: str) -> Place:
    """A seeded place of ``province`` (detached; read its columns only)."""
    with app.app_context():
        place = db.session.scalar(
            select(Place).where(Place.province_code == province).order_by(Place.slug)
        )
        assert place is not None
        db.session.expunge(place)
        return place
