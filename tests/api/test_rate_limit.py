"""Rate limits: one shared limit for the API, a tighter one for planning, 429 as a problem;
counted in memory, or in Redis when ``TOURROUTE_TEST_REDIS_URL`` is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from tourroute import create_app

REDIS_URL = os.environ.get("TOURROUTE_TEST_REDIS_URL")
STORAGES = [
    "memory://",
    pytest.param(
        REDIS_URL or "",
        marks=pytest.mark.skipif(not REDIS_URL, reason="TOURROUTE_TEST_REDIS_URL not set"),
    ),
]


@pytest.fixture
def address() -> str:
    """Counters are kept per client address, so each test is a new client, even in Redis."""
    return f"test-client-{uuid.uuid4().hex}"


@pytest.fixture(params=STORAGES, ids=["memory", "redis"])
def limited_app(request: pytest.FixtureRequest, tmp_path: Path, address: str) -> Iterator[Flask]:
    """Limits of 3 requests and 1 plan a minute; only endpoints that need no database are hit."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.sqlite'}",
            "REDIS_URL": request.param if request.param.startswith("redis") else None,
            "API_RATE_LIMIT": "3 per minute",
            "API_PLAN_RATE_LIMIT": "1 per minute",
        }
    )
    yield app
    if request.param.startswith("redis"):
        for key in _redis_counters(app, address):
            _redis(app).delete(key)


def _redis(app: Flask) -> redis.Redis:
    return redis.Redis.from_url(app.config["RATELIMIT_STORAGE_URI"])


def _redis_counters(app: Flask, address: str) -> list[bytes]:
    return list(_redis(app).scan_iter(f"*{address}*"))


@pytest.fixture
def client(limited_app: Flask, address: str) -> FlaskClient:
    client = limited_app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_the_fourth_request_in_a_minute_is_a_429_problem(
    limited_app: Flask, client: FlaskClient, address: str
) -> None:
    assert [client.get("/api/v1/openapi.json").status_code for _ in range(3)] == [200] * 3
    response = client.get("/api/v1/openapi.json?lang=en")
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("#problem-rate-limited")
    assert "3 per 1 minute" in problem["detail"]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["X-RateLimit-Limit"] == "3"
    if limited_app.config["RATELIMIT_STORAGE_URI"].startswith("redis"):
        assert _redis_counters(limited_app, address), "the counters should live in Redis"


def test_another_client_has_its_own_count(limited_app: Flask, client: FlaskClient) -> None:
    for _ in range(4):
        client.get("/api/v1/openapi.json")
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = f"test-client-{uuid.uuid4().hex}"
    assert other.get("/api/v1/openapi.json").status_code == 200


def test_planning_has_its_own_tighter_limit(client: FlaskClient) -> None:
    first = client.post("/api/v1/itineraries", data="x", content_type="text/plain")
    assert first.status_code == 415
    second = client.post("/api/v1/itineraries", data="x", content_type="text/plain")
    assert second.status_code == 429
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_pages_are_not_limited(client: FlaskClient) -> None:
    assert [client.get("/api/docs").status_code for _ in range(5)] == [200] * 5


def test_limits_are_documented(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json?lang=en").get_json()
    assert "3 per minute" in document["info"]["description"]
    assert "1 per minute" in document["paths"]["/itineraries"]["post"]["description"]
