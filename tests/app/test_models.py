"""The schema, as the migrations build it, on SQLite and PostgreSQL."""

import pytest
from flask import Flask
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tourroute.extensions import db
from tourroute.models import AuditLog, Itinerary, ItineraryStop, Place, PlaceTag, Province, User

TABLES = {
    "provinces",
    "places",
    "place_tags",
    "themes",
    "theme_stages",
    "festivals",
    "festival_places",
    "roles",
    "users",
    "itineraries",
    "itinerary_stops",
    "audit_log",
    "alembic_version",
}


def _place(**overrides: object) -> Place:
    values: dict[str, object] = {
        "slug": "dinh-thu",
        "name_vi": "Đình Thử",
        "name_en": "Test House",
        "kind": "spiritual",
        "province_code": "bac-ninh",
        "lat": 21.1,
        "lon": 106.0,
        "precision": "commune",
        "coord_source": "test",
    }
    values.update(overrides)
    return Place(**values)


def test_migrations_create_every_table(empty_app: Flask) -> None:
    with empty_app.app_context():
        assert set(inspect(db.engine).get_table_names()) >= TABLES


def test_models_round_trip(app: Flask) -> None:
    with app.app_context():
        place = _place(tags=[PlaceTag(tag="buddhist")])
        db.session.add(place)
        db.session.flush()
        user = User(
            email="a@example.org", password_hash="x", role_name="curator", province_code="bac-ninh"
        )
        db.session.add(user)
        db.session.flush()
        trip = Itinerary(
            title="Thử",
            theme_slug="dat-to-tra-xanh-quan-ho",
            start_date=__import__("datetime").date(2027, 4, 16),
            days=1,
            request_json={"days": 1},
            result_json={"days": []},
            owner_id=user.id,
        )
        trip.stops.append(
            ItineraryStop(day=0, position=0, place_id=place.id, arrive_min=480, depart_min=540)
        )
        db.session.add(trip)
        db.session.add(
            AuditLog(
                user_id=user.id,
                action="test",
                target_type="place",
                target_id=place.slug,
                detail={"ok": True},
            )
        )
        db.session.commit()
        loaded = db.session.scalar(select(Itinerary).where(Itinerary.id == trip.id))
        assert loaded is not None
        assert loaded.request_json == {"days": 1}
        assert loaded.stops[0].place.name_vi == "Đình Thử"
        assert db.session.get(Province, "bac-ninh").name_vi == "Bắc Ninh"
        assert loaded.stops[0].place.tag_names == ("buddhist",)


@pytest.mark.parametrize(
    "overrides",
    [{"kind": "casino"}, {"precision": "guess"}, {"lat": 123.0}, {"province_code": "nowhere"}],
)
def test_constraints_refuse_bad_rows(app: Flask, overrides: dict[str, object]) -> None:
    with app.app_context():
        db.session.add(_place(**overrides))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_duplicate_slug_is_refused(app: Flask) -> None:
    with app.app_context():
        db.session.add(_place())
        db.session.commit()
        db.session.add(_place())
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_version_column_detects_concurrent_edits(app: Flask) -> None:
    with app.app_context():
        db.session.add(_place())
        db.session.commit()
        place = db.session.scalar(select(Place).where(Place.slug == "dinh-thu"))
        assert place.version == 1
        with db.engine.begin() as conn:  # another writer got there first
            conn.exec_driver_sql("UPDATE places SET version = version + 1 WHERE slug = 'dinh-thu'")
        place.name_en = "Changed"
        with pytest.raises(StaleDataError):
            db.session.commit()
