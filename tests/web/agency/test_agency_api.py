"""The agencies' JSON API: bearer tokens, isolation between agencies, problem details."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.agency.conftest import bearer
from tourroute.extensions import db
from tourroute.models import ApiToken, Package

API = "/api/v1/agency/packages"


def test_create_read_update_clone_archive(
    app: Flask, client: FlaskClient, make_token: Callable[[str], str], saved_trip: str
) -> None:
    auth = bearer(make_token("agency"))
    created = client.post(
        API,
        json={"itinerary_id": saved_trip, "title": "API tour", "adults": 3, "lang": "en"},
        headers=auth,
    )
    assert created.status_code == 201, created.json
    body = created.json
    assert body["title"] == "API tour" and body["adults"] == 3
    assert body["costs"]["total_group"] == sum(
        body["costs"][k] for k in ("tickets", "transport", "lodging", "guide", "margin")
    )
    assert created.headers["Location"] == body["links"]["self"]
    listing = client.get(API, headers=auth).json["packages"]
    assert [p["id"] for p in listing] == [body["id"]]

    edited = client.patch(
        body["links"]["self"],
        json={"days": [["bao-tang-hung-vuong", "den-hung"]], "children": 2},
        headers=auth,
    )
    assert edited.status_code == 200, edited.json
    stops = [s["place"]["slug"] for s in edited.json["itinerary"]["days"][0]["stops"]]
    assert stops == ["bao-tang-hung-vuong", "den-hung"] and edited.json["children"] == 2

    infeasible = client.patch(
        body["links"]["self"],
        json={"days": [["den-hung", "den-mau-au-co", "chua-but-thap", "ho-nui-coc"]], "title": "X"},
        headers=auth,
    )
    assert infeasible.status_code == 422
    assert infeasible.mimetype == "application/problem+json"
    assert infeasible.json["errors"][0]["field"] == "days"
    after = client.get(body["links"]["self"], headers=auth).json
    assert after["title"] == "API tour" and after["itinerary"] == edited.json["itinerary"]

    copy = client.post(f"{API}/{body['id']}/clone", headers=auth)
    assert copy.status_code == 201 and copy.json["id"] != body["id"]
    assert client.delete(body["links"]["self"], headers=auth).json["archived"] is True
    assert client.get(body["links"]["self"], headers=auth).status_code == 404
    assert [p["id"] for p in client.get(API, headers=auth).json["packages"]] == [copy.json["id"]]


def test_bad_input_is_a_problem_naming_each_field(
    client: FlaskClient, make_token: Callable[[str], str], make_package: Callable[..., int]
) -> None:
    auth = bearer(make_token("agency"))
    response = client.post(API, json={"itinerary_id": "nope", "extra": 1}, headers=auth)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.json["errors"]] == ["extra"]
    package_id = make_package()
    response = client.patch(
        f"{API}/{package_id}?lang=en", json={"adults": 0, "children": 0}, headers=auth
    )
    assert response.status_code == 400
    assert response.json["errors"] == [
        {"field": "adults", "message": "A group needs at least one person."}
    ]
    response = client.patch(
        f"{API}/{package_id}?lang=en", json={"adults": "3", "title": 7}, headers=auth
    )
    assert response.status_code == 400
    assert response.json["errors"] == [
        {"field": "title", "message": "Give text."},
        {"field": "adults", "message": "Give a whole number."},
    ]


def test_one_agency_cannot_touch_anothers_packages(
    app: Flask,
    client: FlaskClient,
    make_token: Callable[[str], str],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package("agency", title="Mine")
    other = bearer(make_token("agency2"))
    url = f"{API}/{package_id}"
    assert client.get(url, headers=other).status_code == 403
    assert client.patch(url, json={"title": "Stolen"}, headers=other).status_code == 403
    assert client.get(f"{url}/export/pdf", headers=other).status_code == 403
    assert client.post(f"{url}/clone", headers=other).status_code == 403
    assert client.delete(url, headers=other).status_code == 403
    assert client.get(API, headers=other).json == {"packages": []}
    with app.app_context():
        package = db.session.get(Package, package_id)
        assert package.title == "Mine" and not package.archived
        assert db.session.scalar(select(db.func.count()).select_from(Package)) == 1


def test_a_revoked_token_stops_working_and_only_its_hash_is_stored(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    make_package()
    login_as("agency")
    page = client.post("/en/agency/settings/tokens", data={"token_name": "Booking system"})
    assert page.status_code == 201 and "will not be shown again" in page.text
    token = page.text.split('<code id="new-token">')[1].split("</code>")[0]
    with app.app_context():
        row = db.session.scalar(select(ApiToken))
        assert row.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
        assert token not in {row.name, row.prefix, row.token_sha256}
        token_id = row.id
    assert token not in client.get("/agency/settings").text  # shown once only
    api = app.test_client()  # no session: the token alone
    assert api.get(API, headers=bearer(token)).status_code == 200
    client.post(f"/agency/settings/tokens/{token_id}/revoke")
    refused = api.get(API, headers=bearer(token))
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert refused.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_the_session_cookie_opens_nothing_in_the_api(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("agency")
    assert client.get(API).status_code == 401


def test_the_agency_api_shares_the_apis_rate_limit(
    app: Flask, make_token: Callable[[str], str]
) -> None:
    app.config["API_RATE_LIMIT"] = "3 per minute"
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"agency-{uuid.uuid4().hex}"
    auth = bearer(make_token("agency"))
    assert client.get("/api/v1/themes").status_code == 200
    assert [client.get(API, headers=auth).status_code for _ in range(2)] == [200, 200]
    limited = client.get(API, headers=auth)
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"


def test_a_package_from_a_trip_to_plan(
    client: FlaskClient, make_token: Callable[[str], str]
) -> None:
    auth = bearer(make_token("agency"))
    trip = {"start_date": "2026-04-25", "days": 1, "seed": 1}
    created = client.post(API, json={"trip": trip, "title": "Planned"}, headers=auth)
    assert created.status_code == 201, created.json
    assert created.json["itinerary"]["request"]["days"] == 1
    planned = client.get(f"/api/v1/itineraries/{created.json['source_itinerary_id']}")
    assert planned.status_code == 200, "the planned trip is saved as the package's source"
    assert planned.json["days"] == created.json["itinerary"]["days"]
    bad = client.post(API, json={"trip": {"days": 0}}, headers=auth)
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json["errors"]} >= {"trip.start_date", "trip.days"}
