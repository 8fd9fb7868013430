"""Redis going away degrades the app, never breaks it: limits count in memory, login failures in
the database, caches compute locally, a warning is logged; when Redis is back it is used again.

The Redis here is the test's own (``tests/servers.py``), so stopping it disturbs no one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask

from tests.conftest import _make_app
from tests.servers import RedisServer
from tourroute import redis_store
from tourroute.extensions import db
from tourroute.services import throttle


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_app(database_url: str, own_redis: RedisServer) -> Iterator[Flask]:
    """A seeded app on the test's own Redis, retrying it at once after a failure."""
    from flask_migrate import upgrade

    from tests.conftest import DATA_DIR
    from tourroute.services.seed import seed_database

    app = _make_app(
        database_url,
        REDIS_URL=own_redis.url,
        REDIS_RETRY_S=0.0,
        API_RATE_LIMIT="3 per minute",
    )
    with app.app_context():
        upgrade()
        seed_database(DATA_DIR)
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_one_client_with_bounded_waits_shared_with_the_limiter(redis_app: Flask) -> None:
    gate = redis_app.extensions[redis_store.EXTENSION]
    kwargs = gate.client.connection_pool.connection_kwargs
    assert kwargs["socket_timeout"] == kwargs["socket_connect_timeout"] == 0.5
    options = redis_app.config["RATELIMIT_STORAGE_OPTIONS"]
    assert options["connection_pool"] is gate.client.connection_pool


def test_rate_limit_counts_in_memory_while_redis_is_down_then_in_redis_again(
    redis_app: Flask, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = redis_app.test_client()
    own_redis.stop()
    with caplog.at_level(logging.WARNING):
        statuses = [client.get("/api/v1/themes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # the limit still holds, counted in this process
    assert any("falling back to in-memory" in r.getMessage() for r in caplog.records)
    own_redis.start()
    back = redis.Redis.from_url(own_redis.url)
    # Flask-Limiter tries its storage again after 1, 2, 4 … seconds; until then it answers from
    # memory, where this client's limit is used up.
    deadline = time.monotonic() + 20
    while not list(back.scan_iter("*api*")) and time.monotonic() < deadline:
        status = client.get("/api/v1/themes").status_code
        time.sleep(0.2)
    assert status == 200  # the first request counted in Redis again, which starts afresh


def test_login_failures_fall_back_to_the_database_and_return_to_redis(
    redis_app: Flask, own_redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = throttle.attempt_key("someone@example.org", "192.0.2.1")
    own_redis.stop()
    with redis_app.app_context(), caplog.at_level(logging.WARNING):
        for _ in range(throttle.MAX_FAILURES):
            throttle.record_failure(key)
        assert throttle.is_locked(key)
        assert db.session.get(throttle.LoginAttempt, key) is not None
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
    own_redis.start()
    with redis_app.app_context(), caplog.at_level(logging.WARNING):
        throttle.clear(key)  # forgets both stores
        db.session.commit()
        throttle.record_failure(key)
        assert not throttle.is_locked(key)
        assert db.session.get(throttle.LoginAttempt, key) is None
    assert redis.Redis.from_url(own_redis.url).get(f"tourroute:login:{key}") == b"1"
    assert any("Redis answers again" in r.getMessage() for r in caplog.records)


def test_travel_matrix_is_computed_locally_while_redis_is_down(
    redis_app: Flask, own_redis: RedisServer
) -> None:
    from tourroute.services import travel

    own_redis.stop()
    with redis_app.app_context():
        travel._matrices.clear()
        down = travel.travel_matrix()
    own_redis.start()
    with redis_app.app_context():
        travel._matrices.clear()
        up = travel.travel_matrix()
    assert down.slugs == up.slugs
    assert list(redis.Redis.from_url(own_redis.url).scan_iter("tourroute:travel-matrix:*"))


def test_pages_and_plans_answer_while_redis_is_frozen(
    redis_app: Flask, own_redis: RedisServer
) -> None:
    """A Redis that accepts connections and never answers costs a timeout, not the site."""
    client = redis_app.test_client()
    own_redis.freeze()
    try:
        assert client.get("/api/v1/places/den-hung").status_code == 200
        assert client.get("/places").status_code == 200
        body = {"start_date": "2026-04-25", "days": 1}
        assert client.post("/api/v1/itineraries", json=body).status_code == 201
    finally:
        own_redis.thaw()
