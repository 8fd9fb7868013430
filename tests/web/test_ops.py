"""Probes, request logs, metrics and the proxy setting."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import _make_app
from tests.servers import free_port


def test_healthz_answers_without_the_database(tmp_path: Path) -> None:
    app = _make_app(f"sqlite:///{tmp_path / 'never-created' / 'db.sqlite'}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_readyz_checks_database_migrations_and_redis(app: Flask, client: FlaskClient) -> None:
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured"},
    }


def test_readyz_refuses_a_database_without_the_schema(tmp_path: Path) -> None:
    app = _make_app(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "migrations pending"


def test_readyz_is_degraded_but_ready_without_redis(database_url: str, app: Flask) -> None:
    degraded = _make_app(database_url, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    response = degraded.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.json == {
        "status": "degraded",
        "checks": {"database": "ok", "redis": "unavailable"},
    }


def test_every_request_logs_one_json_line_with_its_id(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="tourroute.request"):
        mine = client.get("/api/v1/places/den-hung", headers={"X-Request-ID": "proxy-id-12345"})
        made = client.get("/no-such-page")
    assert mine.headers["X-Request-ID"] == "proxy-id-12345"
    assert len(made.headers["X-Request-ID"]) == 32
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "tourroute.request"]
    assert [(line["request_id"], line["status"], line["endpoint"]) for line in lines] == [
        ("proxy-id-12345", 200, "/api/v1/places/<slug>"),
        (made.headers["X-Request-ID"], 404, "unmatched"),
    ]


def test_metrics_are_served_only_when_switched_on(database_url: str, app: Flask) -> None:
    assert app.test_client().get("/metrics").status_code == 404
    on = _make_app(database_url, METRICS=True).test_client()
    on.get("/healthz")
    on.post("/api/v1/itineraries", json={"start_date": "2026-04-25", "days": 1})
    text = on.get("/metrics").text
    assert 'tourroute_requests_total{endpoint="/healthz",method="GET",status="200"}' in text
    assert "tourroute_plan_seconds_count" in text
    assert 'tourroute_request_seconds_bucket{endpoint="/api/v1/itineraries"' in text


@pytest.mark.parametrize("trusted", [0, 1])
def test_proxy_fix_makes_the_forwarded_address_the_client(
    database_url: str, app: Flask, trusted: int, caplog: pytest.LogCaptureFixture
) -> None:
    behind = _make_app(database_url, PROXY_FIX=trusted).test_client()
    with caplog.at_level(logging.INFO, logger="tourroute.request"):
        behind.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"})
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "tourroute.request"]
    assert line["client"] == ("203.0.113.9" if trusted else "127.0.0.1")
