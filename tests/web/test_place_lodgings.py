"""An overnight area's page and API answer name the places to stay there, with their sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tourroute.extensions import db
from tourroute.models import Lodging, Place


@pytest.fixture
def area(app: Flask, make_place: Callable[..., str]) -> str:
    """A lodging place with one named hotel (phone, no website) and one homestay (website)."""
    slug = make_place(kind="lodging", name_vi="Khu lưu trú Thử", name_en="Test overnight area")
    with app.app_context():
        place = db.session.scalar(db.select(Place).where(Place.slug == slug))
        for values in (
            dict(slug=f"{slug}-ks", name="Khách sạn Thử", kind="hotel", phone="0222 3865 000"),
            dict(
                slug=f"{slug}-hs",
                name="Homestay Thử",
                kind="homestay",
                website="https://hs.example",
            ),
        ):
            db.session.add(
                Lodging(
                    area=place,
                    address="Số 1 đường Thử, phường Kinh Bắc",
                    source="https://source.example/list",
                    checked=dt.date(2026, 12, 2),
                    **{"phone": "", "website": "", **values},
                )
            )
        db.session.commit()
    return slug


def test_the_area_page_lists_where_to_stay_in_both_languages(
    client: FlaskClient, area: str
) -> None:
    vi = client.get(f"/places/{area}").text
    en = client.get(f"/en/places/{area}").text
    assert "Nơi lưu trú" in vi and "Where to stay" in en
    for page in (vi, en):
        assert "Khách sạn Thử" in page and "Homestay Thử" in page
        assert "Số 1 đường Thử, phường Kinh Bắc" in page
        assert 'href="tel:+842223865000"' in page and ">0222 3865 000<" in page
        assert 'href="https://hs.example"' in page
        assert 'href="https://source.example/list"' in page
    assert "Khách sạn</span>" in vi and "Hotel</span>" in en
    assert "kiểm tra ngày 2026-12-02" in vi and "checked 2026-12-02" in en


def test_a_place_without_named_lodgings_has_no_such_section(
    client: FlaskClient, make_place: Callable[..., str]
) -> None:
    slug = make_place()
    assert "Where to stay" not in client.get(f"/en/places/{slug}").text
    assert client.get(f"/api/v1/places/{slug}").get_json()["lodgings"] == []


def test_the_api_answers_the_named_lodgings(client: FlaskClient, area: str) -> None:
    body = client.get(f"/api/v1/places/{area}").get_json()
    by_slug = {item["slug"]: item for item in body["lodgings"]}
    assert by_slug[f"{area}-ks"] == {
        "slug": f"{area}-ks",
        "name": "Khách sạn Thử",
        "kind": "hotel",
        "address": "Số 1 đường Thử, phường Kinh Bắc",
        "phone": "0222 3865 000",
        "website": "",
        "source": "https://source.example/list",
        "checked": "2026-12-02",
    }
    assert by_slug[f"{area}-hs"]["website"] == "https://hs.example"


def test_the_openapi_document_describes_the_lodgings(client: FlaskClient) -> None:
    schemas = client.get("/api/v1/openapi.json?lang=en").get_json()["components"]["schemas"]
    detail = schemas["PlaceDetail"]
    assert "lodgings" in detail["required"]
    lodging = schemas["LodgingShape"]
    assert lodging["properties"]["kind"]["enum"] == ["hotel", "homestay", "resort"]
    assert set(lodging["required"]) >= {"name", "address", "phone", "website", "source"}


def test_a_seeded_area_shows_its_sourced_resort(client: FlaskClient) -> None:
    page = client.get("/en/places/thanh-thuy-spa").text
    assert "Wyndham Thanh Thuy Mineral Hot Spring Resort" in page
    assert 'href="https://wyndhamthanhthuyresort.net"' in page


def test_a_night_on_the_trip_page_names_where_to_stay(app: Flask, client: FlaskClient) -> None:
    """Day 1 ends at Thanh Thủy, whose seeded resort the night lists; day 2 drives home."""
    from tourroute.core.domain import DayPlan, Itinerary, Stop, Totals, TripRequest
    from tourroute.services import trips
    from tourroute.services.travel import published_places, travel_matrix

    with app.app_context():
        places = {p.slug: p for p in published_places()}
        matrix = travel_matrix(list(places.values()))
        to_temple = matrix.leg("ha-noi", "den-hung")
        to_spa = matrix.leg("den-hung", "thanh-thuy-spa")
        home = matrix.leg("thanh-thuy-spa", "ha-noi")
        arrive = 8 * 60 + round(to_temple.minutes)
        depart = arrive + places["den-hung"].visit_min
        request = TripRequest(start_date=dt.date(2026, 10, 3), days=2, end="ha-noi")
        temple = Stop(places["den-hung"], arrive, arrive, depart, to_temple, 1.0)
        days = (
            DayPlan(
                date=request.start_date,
                origin=places["ha-noi"],
                stops=(temple,),
                lodging=places["thanh-thuy-spa"],
                final_leg=to_spa,
                arrive_lodging_min=depart + round(to_spa.minutes),
            ),
            DayPlan(
                date=request.start_date + dt.timedelta(days=1),
                origin=places["thanh-thuy-spa"],
                stops=(),
                lodging=places["ha-noi"],
                final_leg=home,
                arrive_lodging_min=8 * 60 + round(home.minutes),
            ),
        )
        totals = Totals(
            score=1.0,
            drive_min=to_temple.minutes + to_spa.minutes + home.minutes,
            drive_km=to_temple.km + to_spa.km + home.km,
            visit_min=places["den-hung"].visit_min,
        )
        trip_id = trips.save_trip(Itinerary(request=request, days=days, totals=totals))
        db.session.commit()
    page = client.get(f"/en/trips/{trip_id}").text
    night = page[page.index("Night: Thanh Thủy") :]
    assert "Where to stay:" in night[:2000]
    assert "Wyndham Thanh Thuy Mineral Hot Spring Resort (Resort)" in night[:2000]
    assert "https://wyndhamthanhthuyresort.net" in night[:2000]
