"""``POST /api/v1/itineraries/<id>/replan``: the fewest changes, listed with their reasons."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

REQUEST = {"start_date": "2026-06-10", "days": 3, "seed": 1, "lang": "en"}


@pytest.fixture
def database_url(tmp_path: Any) -> Any:
    yield f"sqlite:///{tmp_path / 'replan.sqlite'}"


def _stops(body: dict[str, Any]) -> dict[str, int]:
    return {
        m["slug"]: i
        for i, d in enumerate(body["days"])
        for s in d["stops"]
        for m in (s["members"] or [s["place"]])
    }


def test_removing_a_stop_changes_little_and_says_so(client: FlaskClient) -> None:
    first = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    before = _stops(first)
    gone = next(iter(before))
    response = client.post(
        f"/api/v1/itineraries/{first['id']}/replan", json={"remove": [gone], "lang": "en"}
    )
    assert response.status_code == 201
    body = response.get_json()
    after = _stops(body)
    assert gone not in after
    changes = {(c["slug"], c["change"]): c for c in body["changes"]}
    assert changes[(gone, "removed")]["reason"] == "asked"
    assert changes[(gone, "removed")]["reason_text"] == "at your request"
    kept = [s for s in before if s != gone and after.get(s) == before[s]]
    assert len(kept) >= (len(before) - 1) // 2, (before, after)
    for slug, day in before.items():
        if slug != gone and after.get(slug) != day:
            assert (slug, "moved" if slug in after else "removed") in changes


def test_moving_a_stop_puts_it_on_that_day(client: FlaskClient) -> None:
    first = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    slug = next(s for s, d in _stops(first).items() if d == 0)
    body = client.post(
        f"/api/v1/itineraries/{first['id']}/replan", json={"move": [{"slug": slug, "day": 2}]}
    ).get_json()
    assert _stops(body)[slug] == 2
    assert {"slug": slug, "day": 2} in body["request"]["locked"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "body"),
        ({"remove": "den-hung"}, "remove"),
        ({"move": [{"slug": "den-hung", "day": 9}]}, "move.day"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_replan_body_is_a_400_naming_the_field(
    client: FlaskClient, payload: dict[str, Any], field: str
) -> None:
    first = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    response = client.post(f"/api/v1/itineraries/{first['id']}/replan", json=payload)
    assert response.status_code == 400
    assert field in {e["field"] for e in response.get_json()["errors"]}


def test_removing_a_place_not_in_the_trip_is_refused(client: FlaskClient) -> None:
    first = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    response = client.post(
        f"/api/v1/itineraries/{first['id']}/replan", json={"remove": ["no-such-place"]}
    )
    assert response.status_code == 400


def test_a_plan_states_the_days_its_theme_needs(client: FlaskClient) -> None:
    body = client.post("/api/v1/itineraries", json={**REQUEST, "days": 1}).get_json()
    note = next(n for n in body["notes"] if n["code"] == "theme_days")
    assert note["needs_days"] == 3
    assert note["text"].startswith("This journey needs 3 days; a 1-day trip covers only")


def test_an_impossible_must_include_is_a_422_naming_the_place(client: FlaskClient) -> None:
    body = {**REQUEST, "days": 1, "include": ["ho-ba-be", "chua-dau-luy-lau"]}
    response = client.post("/api/v1/itineraries", json=body)
    assert response.status_code == 422
    detail = response.get_json()["detail"]
    assert "Ba Bể" in detail or "Dâu" in detail
