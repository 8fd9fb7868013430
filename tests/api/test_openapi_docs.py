"""The OpenAPI document covers every route of the API, and the docs page renders it in both
languages without assets from elsewhere."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tourroute.services.trip_exports import FORMATS


def _api_routes(app: Flask) -> set[tuple[str, str]]:
    """(method, path in OpenAPI notation) of every API rule except the document itself."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi_json":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        routes |= {(m.lower(), path) for m in rule.methods or () if m not in ("HEAD", "OPTIONS")}
    return routes


def test_every_route_is_documented_and_nothing_else(app: Flask, client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {(m, p) for p, item in document["paths"].items() for m in item}
    assert documented == _api_routes(app)
    assert document["openapi"].startswith("3.")


def test_every_operation_documents_its_errors_as_problems(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json?lang=en").get_json()
    for item in document["paths"].values():
        for operation in item.values():
            statuses = set(operation["responses"])
            assert {"400", "429"} <= statuses
            assert any(s.startswith("2") for s in statuses)
    problem = document["components"]["responses"]["400"]["content"]
    assert list(problem) == ["application/problem+json"]
    export = document["paths"]["/itineraries/{trip_id}/export/{fmt}"]["get"]
    assert set(export["responses"]["200"]["content"]) == {
        f.media_type.split(";")[0] for f in FORMATS.values()
    }


def test_the_document_follows_the_language(client: FlaskClient) -> None:
    vi = client.get("/api/v1/openapi.json").get_json()
    en = client.get("/api/v1/openapi.json", headers={"Accept-Language": "en"}).get_json()
    assert en["info"]["title"] == "TourRoute public API"
    assert vi["info"]["title"] != en["info"]["title"]
    assert vi["paths"].keys() == en["paths"].keys()


def test_docs_page_in_both_languages(client: FlaskClient) -> None:
    vi = client.get("/api/docs").get_data(as_text=True)
    en = client.get("/en/api/docs").get_data(as_text=True)
    assert '<html lang="vi">' in vi
    assert '<html lang="en">' in en
    assert "TourRoute public API" in en
    assert "API công khai của TourRoute" in vi
    for page in (vi, en):
        assert "POST /itineraries" in page
        assert 'id="problem-invalid-input"' in page
        assert 'id="schema-TripBody"' in page
        assert not re.search(r'(src|href)="(https?:)?//', page.split("<footer")[0])
