"""Catalogue endpoints: provinces, themes, places (filters, search, pagination), festivals,
travel time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tourroute.core.text import fold


def test_provinces_list_the_region_and_boundaries_only_on_request(client: FlaskClient) -> None:
    plain = client.get("/api/v1/provinces").get_json()
    codes = {p["code"] for p in plain["items"]}
    assert {"phu-tho", "thai-nguyen", "bac-ninh", "ha-noi"} <= codes
    assert "boundaries" not in plain
    phu_tho = next(p for p in plain["items"] if p["code"] == "phu-tho")
    assert phu_tho["place_count"] > 0
    assert phu_tho["name"] == phu_tho["name_vi"] == "Phú Thọ"

    with_boundaries = client.get("/api/v1/provinces?boundaries=1").get_json()
    features = with_boundaries["boundaries"]["features"]
    assert with_boundaries["boundaries"]["type"] == "FeatureCollection"
    assert {f["id"] for f in features} >= {"phu-tho", "thai-nguyen", "bac-ninh"}
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)


def test_themes_carry_stages_and_a_link_to_their_places(client: FlaskClient) -> None:
    themes = client.get("/api/v1/themes?lang=en").get_json()["items"]
    flagship = next(t for t in themes if t["slug"] == "dat-to-tra-xanh-quan-ho")
    assert [s["key"] for s in flagship["stages"]] == ["dat-to", "tra-xanh", "quan-ho"]
    assert flagship["name"] == flagship["name_en"]
    places = client.get(flagship["links"]["places"] + "&per_page=100").get_json()["items"]
    assert {p["province"] for p in places} == {"phu-tho", "thai-nguyen", "bac-ninh"}


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("den hung", "den-hung"),
        ("Đồi Lim", "doi-lim-lung-giang"),
        ("doi lim", "doi-lim-lung-giang"),
    ],
)
def test_search_ignores_diacritics(client: FlaskClient, query: str, slug: str) -> None:
    items = client.get("/api/v1/places", query_string={"q": query}).get_json()["items"]
    assert slug in [p["slug"] for p in items]
    assert all(
        all(w in fold(p["name_vi"] + " " + p["name_en"]) for w in fold(query).split())
        for p in items
    )


def test_search_for_nothing_known_is_an_empty_page(client: FlaskClient) -> None:
    body = client.get("/api/v1/places?q=zzzqqq").get_json()
    assert (body["items"], body["total"], body["pages"]) == ([], 0, 1)


@pytest.mark.parametrize(("name", "value"), [("province", "bac-ninh"), ("kind", "tea")])
def test_filters_keep_only_matching_places(client: FlaskClient, name: str, value: str) -> None:
    body = client.get("/api/v1/places", query_string={name: value, "per_page": 100}).get_json()
    field = "province" if name == "province" else "kind"
    assert body["total"] > 0
    assert {p[field] for p in body["items"]} == {value}


def test_theme_filter_follows_the_theme_stages(client: FlaskClient) -> None:
    items = client.get("/api/v1/places?theme=chua-co-phat-giao&per_page=100").get_json()["items"]
    assert items
    assert all("buddhist" in p["tags"] for p in items)


def test_pagination_links_walk_every_place_once(client: FlaskClient) -> None:
    first = client.get("/api/v1/places?province=phu-tho&per_page=10").get_json()
    assert first["links"]["prev"] is None
    seen = [p["slug"] for p in first["items"]]
    page = first
    while page["links"]["next"]:
        assert "province=phu-tho" in page["links"]["next"]
        page = client.get(page["links"]["next"]).get_json()
        seen += [p["slug"] for p in page["items"]]
    assert len(seen) == len(set(seen)) == first["total"]
    assert page["page"] == first["pages"]
    assert client.get(first["links"]["last"]).get_json()["items"] == page["items"]


def test_a_page_past_the_last_is_a_404_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/places?province=phu-tho&page=999")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_near_keeps_places_within_the_drive(client: FlaskClient) -> None:
    body = client.get("/api/v1/places?near=den-hung&within_minutes=30&per_page=100").get_json()
    near = {p["slug"]: p["travel_minutes"] for p in body["items"]}
    assert near
    assert "den-hung" not in near
    assert all(m <= 30 for m in near.values())
    wider = client.get("/api/v1/places?near=den-hung&within_minutes=90&per_page=100").get_json()
    assert wider["total"] > body["total"]
    for slug, minutes in list(near.items())[:3]:
        trip = client.get(f"/api/v1/travel-time?from=den-hung&to={slug}").get_json()
        assert trip["minutes"] == minutes


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("near=den-hung", "within_minutes"),
        ("within_minutes=30", "near"),
        ("near=nowhere&within_minutes=30", "near"),
        ("near=den-hung&within_minutes=0", "within_minutes"),
        ("per_page=101", "per_page"),
        ("page=abc", "page"),
        ("kind=castle", "kind"),
        ("theme=nope", "theme"),
        ("province=ha-giang", "province"),
    ],
)
def test_bad_place_filters_name_the_parameter(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/api/v1/places?{query}")
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


def test_place_detail_and_unknown_slug(client: FlaskClient, make_place: Callable[..., str]) -> None:
    slug = make_place(name_vi="Đình Thử", ticket_adult_vnd=None)
    place = client.get(f"/api/v1/places/{slug}").get_json()
    assert place["name_vi"] == "Đình Thử"
    assert place["ticket_adult_vnd"] is None
    assert place["sources"]["coordinates"] == "test fixture"
    assert place["links"]["self"] == f"/api/v1/places/{slug}"
    missing = client.get("/api/v1/places/no-such-place?lang=en")
    assert missing.status_code == 404
    assert "no-such-place" in missing.get_json()["detail"]


def test_festivals_resolve_lunar_dates(client: FlaskClient) -> None:
    body = client.get("/api/v1/festivals?year=2026&lang=en").get_json()
    assert body["year"] == 2026
    by_slug = {f["slug"]: f for f in body["items"]}
    # Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month, fell on 26 April in 2026.
    assert by_slug["gio-to-hung-vuong"]["start"] == "2026-04-26"
    assert by_slug["gio-to-hung-vuong"]["name"] == by_slug["gio-to-hung-vuong"]["name_en"]
    assert all(f["start"] <= f["end"] for f in body["items"])
    assert client.get("/api/v1/festivals?year=1700").status_code == 400


def test_travel_time_between_two_places(client: FlaskClient) -> None:
    body = client.get("/api/v1/travel-time?from=ha-noi&to=den-hung").get_json()
    assert 60 < body["minutes"] < 240
    assert 60 < body["km"] < 150
    assert body["roads"]
    assert body["path"][0] == pytest.approx([21.02889, 105.8525], abs=1e-4)
    back = client.get("/api/v1/travel-time?from=den-hung&to=ha-noi").get_json()
    assert back["km"] == pytest.approx(body["km"], rel=0.05)


@pytest.mark.parametrize(
    ("query", "field"), [("from=ha-noi", "to"), ("to=ha-noi", "from"), ("from=x&to=ha-noi", "from")]
)
def test_travel_time_names_the_bad_parameter(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/api/v1/travel-time?{query}")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == field
