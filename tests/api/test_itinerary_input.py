"""Bad trip requests are 400/415 problems naming each field, in the caller's language;
none of them reaches the planner."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

VALID: dict[str, Any] = {"start_date": "2026-04-25", "days": 2}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"days": 0}, "days"),
        ({"days": 8}, "days"),
        ({"days": "2"}, "days"),
        ({"days": True}, "days"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"start_date": "25/04/2026"}, "start_date"),
        ({"start_date": 20260425}, "start_date"),
        ({"start_time": "17:00", "end_time": "09:00"}, "end_time"),
        ({"start_time": "8am"}, "start_time"),
        ({"start": "atlantis"}, "start"),
        ({"end": 5}, "end"),
        ({"theme": "moon-landing"}, "theme"),
        ({"pace": "sprint"}, "pace"),
        ({"include": "den-hung"}, "include"),
        ({"include": ["ha-noi"]}, "include"),
        ({"exclude": ["nowhere"]}, "exclude"),
        ({"include": ["den-hung"], "exclude": ["den-hung"]}, "exclude"),
        ({"festivals": "yes"}, "festivals"),
        ({"lang": "fr"}, "lang"),
        ({"seed": -1}, "seed"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_each_bad_field_is_named(client: FlaskClient, changes: dict[str, Any], field: str) -> None:
    response = client.post("/api/v1/itineraries", json={**VALID, **changes})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert [e["field"] for e in problem["errors"]] == [field]
    assert problem["status"] == 400
    assert problem["instance"] == "/api/v1/itineraries"


def test_all_faults_are_reported_at_once(client: FlaskClient) -> None:
    response = client.post("/api/v1/itineraries", json={"days": 9, "pace": "x"})
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"start_date", "days", "pace"}


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("null", "application/json", 400),
        ("days=2", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_bodies(client: FlaskClient, body: str, content_type: str, status: int) -> None:
    response = client.post("/api/v1/itineraries", data=body, content_type=content_type)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"


def test_messages_follow_the_language_asked(client: FlaskClient) -> None:
    vi = client.post("/api/v1/itineraries", json={**VALID, "days": 8}).get_json()
    en_body = client.post("/api/v1/itineraries", json={**VALID, "days": 8, "lang": "en"}).get_json()
    en_header = client.post(
        "/api/v1/itineraries", json={**VALID, "days": 8}, headers={"Accept-Language": "en-GB"}
    ).get_json()
    assert (
        en_body["errors"]
        == en_header["errors"]
        == [{"field": "days", "message": "Give a whole number from 1 to 7."}]
    )
    assert vi["errors"][0]["field"] == "days"
    assert vi["errors"][0]["message"] != en_body["errors"][0]["message"]
    assert vi["title"] != en_body["title"]


def test_query_errors_in_both_languages(client: FlaskClient) -> None:
    vi = client.get("/api/v1/places?kind=castle")
    en = client.get("/api/v1/places?kind=castle&lang=en")
    assert vi.headers["Content-Language"] == "vi"
    assert en.headers["Content-Language"] == "en"
    assert en.get_json()["title"] == "Invalid input"
    assert vi.get_json()["title"] != "Invalid input"
    assert vi.get_json()["errors"][0]["field"] == en.get_json()["errors"][0]["field"] == "kind"


def test_unknown_route_and_wrong_method_are_problems(client: FlaskClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.get_json()["type"].endswith("#problem-not-found")
    wrong = client.delete("/api/v1/places")
    assert wrong.status_code == 405
    assert "GET" in wrong.headers["Allow"]
    assert wrong.mimetype == "application/problem+json"


def test_an_oversized_body_is_a_413_problem(client: FlaskClient) -> None:
    big = '{"pad": "' + "x" * (5 * 1024 * 1024) + '"}'
    response = client.post("/api/v1/itineraries", data=big, content_type="application/json")
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"start_date": "2026-04-25", "days": Infinity}', "body"),
        ('{"start_date": "2026-04-25", "days": 1e400}', "body"),
        ("[" * 100_000 + "]" * 100_000, "body"),
        ('{"start_date": "2026-04-25", "days": 2, "start": "ha-noi\\u0000"}', "start"),
        ('{"start_date": "2026-04-25", "days": 2, "trip": {}}', "trip"),
    ],
)
def test_hostile_json_is_a_400_naming_the_field(client: FlaskClient, body: str, field: str) -> None:
    response = client.post(
        "/api/v1/itineraries?lang=en", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=²", "page"),
        ("page=٣", "page"),
        ("per_page=99999999999999999999", "per_page"),
        ("q=" + "chua+" * 500, "q"),
        ("kind=&page=-1", "page"),
    ],
)
def test_hostile_query_values_are_a_400_naming_the_parameter(
    client: FlaskClient, query: str, field: str
) -> None:
    response = client.get(f"/api/v1/places?{query}")
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


def test_an_id_past_any_column_is_a_404(client: FlaskClient) -> None:
    for package_id in ("1" * 40, str(2**31)):
        response = client.get(f"/api/v1/agency/packages/{package_id}")
        assert response.status_code == 404
        assert response.mimetype == "application/problem+json"
