"""Planning through the API."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

REQUEST = {"start_date": "2026-04-24", "days": 2, "seed": 3, "lang": "en"}


def test_planning_saves_the_trip_and_links_it(client: FlaskClient) -> None:
    response = client.post("/api/v1/itineraries", json=REQUEST)
    assert response.status_code == 201
    body = response.get_json()
    assert (
        response.headers["Location"] == body["links"]["self"] == f"/api/v1/itineraries/{body['id']}"
    )
    assert body["lang"] == "en"
    assert body["request"]["start_date"] == "2026-04-24"
    assert [d["date"] for d in body["days"]] == ["2026-04-24", "2026-04-25"]
    assert body["days"][0]["origin"]["slug"] == "ha-noi"
    assert sum(len(d["stops"]) for d in body["days"]) > 0
    saved = client.get(body["links"]["self"] + "?lang=en").get_json()
    assert [s["place"]["slug"] for d in saved["days"] for s in d["stops"]] == [
        s["place"]["slug"] for d in body["days"] for s in d["stops"]
    ]
    gpx = client.get(body["links"]["exports"]["gpx"])
    assert gpx.status_code == 200


def test_planning_is_reproducible_for_a_seed(client: FlaskClient) -> None:
    first = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    second = client.post("/api/v1/itineraries", json=REQUEST).get_json()
    assert first["id"] != second["id"]
    assert first["days"] == second["days"]


@pytest.mark.parametrize(("lang", "fragment"), [("en", "cannot fit"), ("vi", "không thể giữ")])
def test_a_place_that_cannot_fit_is_a_422_naming_include(
    client: FlaskClient, lang: str, fragment: str
) -> None:
    response = client.post(
        "/api/v1/itineraries",
        json={
            "start_date": "2026-04-10",
            "days": 1,
            "include": ["den-hung"],
            "start_time": "17:00",
            "end_time": "18:00",
            "lang": lang,
        },
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith("#problem-infeasible")
    assert problem["errors"][0]["field"] == "include"
    assert fragment in problem["errors"][0]["message"]
