"""The travel matrix is computed once per data version and shared through Redis."""

import os

import pytest
from flask import Flask

from tourroute import redis_store
from tourroute.services import travel

REDIS_URL = os.environ.get("TOURROUTE_TEST_REDIS_URL")


def test_matrix_is_reused_until_a_place_moves(app: Flask) -> None:
    with app.app_context():
        first = travel.travel_matrix()
        assert travel.travel_matrix() is first
        places = travel.published_places()
        moved = [
            p if p.slug != "noi-bai" else p.__class__(**{**_fields(p), "lat": p.lat + 0.01})
            for p in places
        ]
        assert travel.travel_matrix(moved) is not first


def _fields(place):  # dataclass with slots: rebuild from its fields
    from dataclasses import fields

    return {f.name: getattr(place, f.name) for f in fields(place)}


@pytest.mark.skipif(not REDIS_URL, reason="TOURROUTE_TEST_REDIS_URL not set")
def test_a_second_worker_loads_the_matrix_from_redis(app: Flask) -> None:
    import redis

    app.config["REDIS_URL"] = REDIS_URL
    redis_store.init_app(app)  # the client is made when the app is
    client = redis.Redis.from_url(REDIS_URL)
    with app.app_context():
        places = travel.published_places()
        key = travel.REDIS_KEY.format(
            fingerprint=travel.travel_matrix_fingerprint(travel.road_network(), places)
        )
        client.delete(key)
        travel._matrices.clear()
        computed = travel.travel_matrix()
        assert client.exists(key)
        travel._matrices.clear()  # a fresh worker: nothing in memory
        loaded = travel.travel_matrix()
        assert loaded is not computed
        assert loaded.minutes("ha-noi", "noi-bai") == computed.minutes("ha-noi", "noi-bai")
        client.delete(key)


def test_published_places_follow_edits_to_the_catalogue(app: Flask) -> None:
    from sqlalchemy import select

    from tourroute.extensions import db
    from tourroute.models import Place

    with app.app_context():
        before = {p.slug: p for p in travel.published_places()}
        row = db.session.scalar(select(Place).where(Place.slug == "den-hung"))
        row.name_en = "Renamed Temple"
        db.session.commit()
        after = {p.slug: p for p in travel.published_places()}
        assert before["den-hung"].name_en != "Renamed Temple"
        assert after["den-hung"].name_en == "Renamed Temple"
        row.status = "unpublished"
        db.session.commit()
        assert "den-hung" not in {p.slug for p in travel.published_places()}
