"""Fixtures: an app on a real database (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, make_url, text

from tourroute import create_app
from tourroute.core.domain import DayPlan, Itinerary, Stop, Totals, TripRequest
from tourroute.extensions import db

ROOT = Path(__file__).resolve().parent.parent


def _redis_database_per_worker() -> None:
    """Under pytest-xdist each worker counts rate limits and caches in a Redis database of its
    own (15, 13, …), so two workers never read each other's keys; set before any test module
    reads ``TOURROUTE_TEST_REDIS_URL``."""
    url = os.environ.get("TOURROUTE_TEST_REDIS_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if url and worker.startswith("gw"):
        base, _, number = url.rpartition("/")
        if number.isdigit():
            os.environ["TOURROUTE_TEST_REDIS_URL"] = f"{base}/{int(number) - 2 * int(worker[2:])}"


_redis_database_per_worker()
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
    """A fresh empty database: a SQLite file, or a PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    assert POSTGRES_URL
    name = f"t_{uuid.uuid4().hex[:12]}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_admin(*statements: str) -> None:
    assert POSTGRES_URL
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        admin.dispose()


class DatabaseTemplates:
    """A migrated and a seeded database, built once per run and copied into each test's database.

    Running the migrations and the seed for every test cost about three seconds each; a copy
    costs milliseconds (a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL),
    and every test still starts from exactly what ``upgrade()`` and ``seed_database`` make.
    """

    STAGES = ("migrated", "seeded")

    def __init__(self, root: Path) -> None:
        self.root = root
        self._sqlite: dict[str, Path] = {}
        self._postgres: dict[str, str] = {}

    def restore(self, database_url: str, stage: str) -> None:
        """Make the database at ``database_url`` a copy of the ``stage`` template."""
        url = make_url(database_url)
        if url.get_backend_name() == "sqlite":
            assert url.database
            shutil.copyfile(self._sqlite_template(stage), url.database)
            return
        template = self._postgres_template(stage)
        _postgres_admin(
            f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)',
            f'CREATE DATABASE "{url.database}" TEMPLATE "{template}" STRATEGY FILE_COPY',
        )

    def _sqlite_template(self, stage: str) -> Path:
        if stage not in self._sqlite:
            path = self.root / f"{stage}.sqlite"
            _build(f"sqlite:///{path}", seed=stage == "seeded")
            self._sqlite[stage] = path
        return self._sqlite[stage]

    def _postgres_template(self, stage: str) -> str:
        if stage not in self._postgres:
            assert POSTGRES_URL
            name = f"tmpl_{uuid.uuid4().hex[:10]}_{stage}"
            _postgres_admin(f'CREATE DATABASE "{name}"')
            _build(
                make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False),
                seed=stage == "seeded",
            )
            self._postgres[stage] = name
        return self._postgres[stage]

    def drop(self) -> None:
        if self._postgres:
            _postgres_admin(
                *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in self._postgres.values())
            )


def _build(database_url: str, *, seed: bool) -> None:
    from flask_migrate import upgrade

    from tourroute.services.seed import seed_database

    app = _make_app(database_url)
    _MADE_APPS.remove(app)
    with app.app_context():
        upgrade()
        if seed:
            seed_database(DATA_DIR)
            db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseTemplates]:
    templates = DatabaseTemplates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.drop()


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
def empty_app(database_url: str, database_templates: DatabaseTemplates) -> Iterator[Flask]:
    """An app whose database has the schema (built by the migrations) and no rows."""
    database_templates.restore(database_url, "migrated")
    app = _make_app(database_url)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(empty_app: Flask, database_url: str, database_templates: DatabaseTemplates) -> Flask:
    """An app seeded with the project's real data (a copy of the seeded template)."""
    with empty_app.app_context():
        db.session.remove()
        db.engine.dispose()
    database_templates.restore(database_url, "seeded")
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
