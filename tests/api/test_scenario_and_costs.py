"""Ring Road 5 scenario, the trip's comparison and the travellers' cost estimate in the API."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

TRIP = {"start_date": "2026-04-24", "days": 2, "start": "ha-noi", "seed": 1}


def test_travel_time_takes_a_scenario_and_ring_road_5_shortens_a_drive(
    client: FlaskClient,
) -> None:
    url = "/api/v1/travel-time?from=dam-rung&to=atk-cho-don"
    today = client.get(url).get_json()
    future = client.get(url + "&scenario=ring-road-5-complete").get_json()
    assert (today["scenario"], future["scenario"]) == ("today", "ring-road-5-complete")
    # The Vĩnh Phúc section (Vĩnh Thịnh bridge – Sông Công, 70.4 km from published section
    # lengths) saves about 18 minutes on this drive.
    assert "VĐ5" in future["roads"] and future["minutes"] < today["minutes"] - 10
    assert client.get(url + "&scenario=today").get_json()["minutes"] == today["minutes"]


def test_an_unknown_scenario_is_a_400_naming_it(client: FlaskClient) -> None:
    response = client.get("/api/v1/travel-time?from=den-hung&to=ha-noi&scenario=2030&lang=en")
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == ["scenario"]
    body = client.post("/api/v1/itineraries", json={**TRIP, "scenario": "soon", "travellers": 0})
    assert body.status_code == 400
    assert {e["field"] for e in body.get_json()["errors"]} == {"scenario", "travellers"}


def test_planning_on_ring_road_5_with_costs_for_the_travellers(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/itineraries", json={**TRIP, "scenario": "ring-road-5-complete", "travellers": 4}
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["scenario"] == body["request"]["scenario"] == "ring-road-5-complete"
    costs = body["costs"]
    assert costs["adults"] == 4 and costs["currency"] == "VND"
    assert (costs["guide"], costs["margin"]) == (0, 0)
    assert costs["total_group"] == costs["tickets"] + costs["transport"] + costs["lodging"]
    assert costs["nights"] == 1 and costs["rooms"] == 2
    again = client.get(f"/api/v1/itineraries/{body['id']}?travellers=1").get_json()
    assert again["scenario"] == "ring-road-5-complete"
    assert again["costs"]["adults"] == 1 and again["costs"]["rooms"] == 1
    assert "costs" not in client.get(f"/api/v1/itineraries/{body['id']}").get_json()


def test_comparison_measures_the_same_stops_on_both_networks(client: FlaskClient) -> None:
    body = client.post("/api/v1/itineraries", json=TRIP).get_json()
    assert body["scenario"] == "today" and "comparison" not in body
    found = client.get(f"/api/v1/itineraries/{body['id']}?comparison=1").get_json()
    comparison = found["comparison"]
    assert comparison["scenario"] == "ring-road-5-complete"
    # Today's side is the trip's own driving, measured again on today's roads.
    assert abs(comparison["today_minutes"] - body["totals"]["drive_minutes"]) <= 1
    assert abs(comparison["today_km"] - body["totals"]["drive_km"]) <= 0.2
    assert comparison["scenario_minutes"] <= comparison["today_minutes"]
    assert len(comparison["days"]) == 2
    assert sum(d["today_minutes"] for d in comparison["days"]) == pytest.approx(
        comparison["today_minutes"], abs=2
    )


def test_saved_trips_from_before_scenarios_read_as_today(client: FlaskClient, app) -> None:
    from tourroute.extensions import db
    from tourroute.models import Itinerary

    trip_id = client.post("/api/v1/itineraries", json=TRIP).get_json()["id"]
    with app.app_context():
        row = db.session.get(Itinerary, trip_id)
        stored = dict(row.result_json)
        stored.pop("scenario")
        stored["request"] = {k: v for k, v in stored["request"].items() if k != "scenario"}
        row.result_json = stored
        db.session.commit()
    assert client.get(f"/api/v1/itineraries/{trip_id}").get_json()["scenario"] == "today"
