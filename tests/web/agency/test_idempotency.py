"""``Idempotency-Key`` on the create calls: a retried key answers the first result and creates
nothing more, even when the two calls race; the same key with another body is refused."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.agency.conftest import bearer
from tourroute.extensions import db
from tourroute.models import Itinerary, Package

PLAN = {"start_date": "2026-04-25", "days": 1}


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_retried_plan_answers_the_first_itinerary(app: Flask, client: FlaskClient) -> None:
    headers = {"Idempotency-Key": "trip-2026-04-25-a"}
    first = client.post("/api/v1/itineraries", json=PLAN, headers=headers)
    again = client.post("/api/v1/itineraries", json=PLAN, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert count(app, Itinerary) == 1
    other = client.post("/api/v1/itineraries", json=PLAN, headers={"Idempotency-Key": "b"})
    assert other.json["id"] != first.json["id"]
    assert count(app, Itinerary) == 2


def test_a_key_reused_with_another_body_is_refused(app: Flask, client: FlaskClient) -> None:
    headers = {"Idempotency-Key": "reused"}
    client.post("/api/v1/itineraries", json=PLAN, headers=headers)
    refused = client.post("/api/v1/itineraries", json={**PLAN, "days": 2}, headers=headers)
    assert refused.status_code == 422
    assert "Idempotency-Key" in refused.json["detail"]
    assert count(app, Itinerary) == 1


def test_a_malformed_key_names_the_header(app: Flask, client: FlaskClient) -> None:
    long_key = {"Idempotency-Key": "k" * 201}
    refused = client.post("/api/v1/itineraries", json=PLAN, headers=long_key)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json["errors"]] == ["Idempotency-Key"]
    assert count(app, Itinerary) == 0


def test_two_calls_racing_with_one_key_save_one_itinerary(app: Flask) -> None:
    barrier = threading.Barrier(2)
    answers: list[dict[str, object]] = []

    def call() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post("/api/v1/itineraries", json=PLAN, headers={"Idempotency-Key": "x"})
        assert response.status_code == 201
        answers.append(response.json)

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 2 and answers[0] == answers[1]
    assert count(app, Itinerary) == 1


def test_agency_create_and_clone_are_idempotent_per_agency(
    app: Flask, client: FlaskClient, make_token: Callable[[str], str], saved_trip: str
) -> None:
    mine, theirs = bearer(make_token("agency")), bearer(make_token("agency2"))
    body = {"itinerary_id": saved_trip, "title": "Tour"}
    key = {"Idempotency-Key": "tour-1"}
    first = client.post("/api/v1/agency/packages", json=body, headers={**mine, **key})
    again = client.post("/api/v1/agency/packages", json=body, headers={**mine, **key})
    assert first.status_code == again.status_code == 201 and again.json == first.json
    other = client.post("/api/v1/agency/packages", json=body, headers={**theirs, **key})
    assert other.status_code == 201 and other.json["id"] != first.json["id"]
    clone_url = f"{first.json['links']['self']}/clone"
    clones = [client.post(clone_url, headers={**mine, **key}) for _ in range(2)]
    assert clones[0].json == clones[1].json
    assert count(app, Package) == 3
