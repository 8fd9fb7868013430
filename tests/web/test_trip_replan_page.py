"""The trip page after a re-plan: what changed first, with "put back"; notes; nights' reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

REQUEST = {"start_date": "2026-06-10", "days": 3, "seed": 1, "lang": "en"}


@pytest.fixture
def database_url(tmp_path: Path) -> Any:
    yield f"sqlite:///{tmp_path / 'page.sqlite'}"


def test_remove_then_put_back_shows_what_changed(client: FlaskClient) -> None:
    trip = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    stop = trip["days"][0]["stops"][0]["place"]
    removed = client.post(
        f"/en/trips/{trip['id']}/replan",
        data={"action": "remove", "slug": stop["slug"], "day": "0"},
    )
    assert removed.status_code == 303
    page = client.get(removed.headers["Location"]).get_data(as_text=True)
    assert "What changed" in page
    assert f'data-slug="{stop["slug"]}" data-change="removed"' in page
    assert "at your request" in page and "Put back" in page
    assert "Where you sleep, and why" in page
    new_id = removed.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    back = client.post(
        f"/en/trips/{new_id}/replan", data={"action": "put_back", "slug": stop["slug"]}
    )
    assert back.status_code == 303
    page = client.get(back.headers["Location"]).get_data(as_text=True)
    assert f'data-slug="{stop["slug"]}" data-change="added"' in page


def test_a_one_day_trip_of_a_three_day_theme_says_so_at_the_top(client: FlaskClient) -> None:
    trip = client.post("/api/v1/itineraries", json={**REQUEST, "days": 1}).get_json()
    page = client.get(f"/trips/{trip['id']}").get_data(as_text=True)
    assert "Hành trình này cần 3 ngày" in page


def test_put_back_of_a_place_never_left_out_is_a_bad_request(client: FlaskClient) -> None:
    trip = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    stop = trip["days"][0]["stops"][0]["place"]["slug"]
    response = client.post(
        f"/en/trips/{trip['id']}/replan", data={"action": "put_back", "slug": stop}
    )
    assert response.status_code == 400
