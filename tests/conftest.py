"""Fixtures: an app on a real database (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text

from tourroute import create_app
from tourroute.core.domain import DayPlan, Itinerary, Stop, Totals, TripRequest
from tourroute.extensions import db

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
POSTGRES_URL = os.environ.get("TOURROUTE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="TOURROUTE_TEST_POSTGRES_URL not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    assert POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


#: Apps made during the running test; their pooled connections are closed when it ends, so a
#: connection is never left for the garbage collector to find open in a later test.
_MADE_APPS: list[Flask] = []


def _make_app(database_url: str, **overrides: Any) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
            "DATA_DIR": str(DATA_DIR),
            "WTF_CSRF_ENABLED": False,
            **overrides,
        }
    )
    _MADE_APPS.append(app)
    return app


@pytest.fixture(autouse=True)
def _close_made_apps() -> Iterator[None]:
    yield
    while _MADE_APPS:
        with _MADE_APPS.pop().app_context():
            db.engine.dispose()


@pytest.fixture
def empty_app(database_url: str) -> Iterator[Flask]:
    """An app whose database has the schema (built by the migrations) and no rows."""
    app = _make_app(database_url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(empty_app: Flask) -> Flask:
    """An app seeded with the project's real data."""
    from tourroute.services.seed import seed_database

    with empty_app.app_context():
        seed_database(DATA_DIR)
        db.session.commit()
    return empty_app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def make_place(app: Flask) -> Callable[..., str]:
    """Add a published place with sensible defaults; returns its slug."""
    from tourroute.core.text import fold
    from tourroute.models import Place

    def make(**overrides: Any) -> str:
        values: dict[str, Any] = {
            "slug": f"test-{uuid.uuid4().hex[:8]}",
            "name_vi": "Đình Thử Nghiệm",
            "name_en": "Test Communal House",
            "kind": "spiritual",
            "province_code": "bac-ninh",
            "lat": 21.18,
            "lon": 106.07,
            "precision": "commune",
            "coord_source": "test fixture",
            "description_vi": "Mô tả thử.",
            "description_en": "A test description.",
        }
        values.update(overrides)
        values["search_text"] = fold(f"{values['name_vi']} {values['name_en']}")
        with app.app_context():
            db.session.add(Place(**values))
            db.session.commit()
        return str(values["slug"])

    return make


def save_one_day_trip() -> str:
    """Store a one-day trip Hà Nội → Đền Hùng → Việt Trì, timed from the road network (inside an
    app context, without the planner); returns its id."""
    from tourroute.services import trips
    from tourroute.services.travel import published_places, travel_matrix

    places = {p.slug: p for p in published_places()}
    matrix = travel_matrix(list(places.values()))
    to_temple = matrix.leg("ha-noi", "den-hung")
    to_hotel = matrix.leg("den-hung", "viet-tri-centre")
    arrive = 8 * 60 + round(to_temple.minutes)
    depart = arrive + places["den-hung"].visit_min
    request = TripRequest(start_date=dt.date(2026, 4, 25), days=1, end="viet-tri-centre")
    itinerary = Itinerary(
        request=request,
        days=(
            DayPlan(
                date=request.start_date,
                origin=places["ha-noi"],
                stops=(Stop(places["den-hung"], arrive, arrive, depart, to_temple, 1.0),),
                lodging=places["viet-tri-centre"],
                final_leg=to_hotel,
                arrive_lodging_min=depart + round(to_hotel.minutes),
            ),
        ),
        totals=Totals(
            score=1.0,
            drive_min=to_temple.minutes + to_hotel.minutes,
            drive_km=to_temple.km + to_hotel.km,
            visit_min=places["den-hung"].visit_min,
        ),
    )
    return trips.save_trip(itinerary)


@pytest.fixture
def saved_trip(app: Flask) -> str:
    """Id of the stored trip of :func:`save_one_day_trip`."""
    with app.app_context():
        trip_id = save_one_day_trip()
        db.session.commit()
    return trip_id
