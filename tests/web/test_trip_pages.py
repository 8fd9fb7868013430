"""The trip builder and the trip page: validation next to each field, planning, re-planning."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import DATA_DIR, _make_app
from tests.web.conftest import sign_in
from tourroute.extensions import db

FLAGSHIP = {
    "theme": "dat-to-tra-xanh-quan-ho",
    "start_date": "2026-04-24",
    "days": "3",
    "start": "ha-noi",
    "end": "",
    "pace": "normal",
    "day_start": "08:00",
}


def _field_html(page: str, name: str) -> str:
    """The markup of the form field ``name``: its input, help and errors."""
    match = re.search(rf'<div class="field[^"]*">\s*<label for="{name}".*?</div>', page, re.S)
    assert match, f"no field {name}"
    return match.group(0)


def _stops(app: Flask, trip_id: str) -> list[list[str]]:
    """Slugs of each day's stops, from the stored trip."""
    from tourroute.services import trips

    with app.app_context():
        saved = trips.load_trip(trip_id)
        assert saved is not None
        return [[stop.place.slug for stop in day.stops] for day in saved.itinerary.days]


def _plan(client: FlaskClient, **changes: str) -> str:
    response = client.post("/en/plan", data={**FLAGSHIP, **changes})
    assert response.status_code == 303, re.findall(r"field-error[^>]*>([^<]*)", response.text)
    location = response.headers["Location"]
    assert location.startswith("/en/trips/")
    return location.rsplit("/", 1)[1]


@pytest.fixture
def flagship_trip(client: FlaskClient) -> str:
    return _plan(client)


def test_the_builder_is_linked_from_every_page_and_offers_the_choices(
    client: FlaskClient,
) -> None:
    home = client.get("/en/").text
    assert home.count('href="/en/plan"') == 2  # header and the call to action
    page = client.get("/plan").text
    assert 'name="csrf_token"' in page
    assert '<option value="dat-to-tra-xanh-quan-ho">Đất Tổ' in page
    assert '<option selected value="ha-noi">' in page
    assert re.search(r'<select id="pace" name="pace">.*value="packed"', page, re.S)
    assert 'type="checkbox" value="tea"' in page and 'name="festivals"' in page
    assert 'data-search-url="/search"' in page


@pytest.mark.parametrize(
    ("lang", "days_error", "date_error", "include_error"),
    [
        ("en", "Choose from 1 to 7 days.", "Enter the first day of the trip.", "No place matches"),
        ("vi", "Chọn từ 1 đến 7 ngày.", "Hãy nhập ngày đầu tiên", "Không có địa điểm nào khớp"),
    ],
)
def test_invalid_input_is_shown_next_to_its_field_and_kept(
    client: FlaskClient, lang: str, days_error: str, date_error: str, include_error: str
) -> None:
    prefix = "/en" if lang == "en" else ""
    data = {**FLAGSHIP, "days": "9", "start_date": "", "include": "den-hung, zzqqxx"}
    response = client.post(f"{prefix}/plan", data=data)
    assert response.status_code == 422
    page = response.text
    days = _field_html(page, "days")
    assert days_error in days and 'value="9"' in days and 'aria-invalid="true"' in days
    assert date_error in _field_html(page, "start_date")
    include = _field_html(page, "include")
    assert include_error in include and "“zzqqxx”" in include
    assert 'value="den-hung, zzqqxx"' in include
    assert days_error not in _field_html(page, "include")


def test_a_planner_refusal_is_shown_next_to_its_field(client: FlaskClient) -> None:
    response = client.post("/en/plan", data={**FLAGSHIP, "include": "ha-noi"})
    assert response.status_code == 422
    assert "Only places to visit can be kept" in _field_html(response.text, "include")


def test_planning_saves_the_trip_and_shows_it(
    app: Flask, client: FlaskClient, flagship_trip: str
) -> None:
    page = client.get(f"/en/trips/{flagship_trip}").text
    days = _stops(app, flagship_trip)
    assert len(days) == 3 and all(days)
    for d, slugs in enumerate(days):
        for slug in slugs:
            assert f'data-slug="{slug}" data-day="{d}"' in page
    assert page.count('class="tl-item tl-lodging"') == 3
    assert "Day 1 · Friday, 24/04/2026" in page and "Lunch" in page
    assert "Opening hours unknown — assumed daylight" in page
    assert '<div class="folium-map"' in page
    for fmt in ("pdf", "gpx", "kml", "geojson", "ics", "csv", "xlsx"):
        assert f'href="/en/api/v1/itineraries/{flagship_trip}/export/{fmt}?lang=en"' in page
    assert "/agency/packages/from-trip/" not in page  # visitors cannot make packages
    vi = client.get(f"/trips/{flagship_trip}").text
    assert "Ngày 1" in vi and "Ngày 1" not in page


def test_left_out_places_say_why_in_the_page_language(
    client: FlaskClient, flagship_trip: str
) -> None:
    en = client.get(f"/en/trips/{flagship_trip}").text
    vi = client.get(f"/trips/{flagship_trip}").text
    reasons = re.findall(r'data-reason="([a-z_]+)"', en)
    assert reasons and re.findall(r'data-reason="([a-z_]+)"', vi) == reasons
    from tourroute.labels import LEFT_OUT_LABELS

    first = reasons[0]
    english = str(LEFT_OUT_LABELS[first])
    assert english in en and english not in vi


def test_export_links_answer(client: FlaskClient, flagship_trip: str) -> None:
    page = client.get(f"/en/trips/{flagship_trip}").text
    link = re.search(r'href="([^"]+/export/gpx[^"]*)"', page)
    assert link
    response = client.get(link.group(1))
    assert response.status_code == 200 and b"<gpx" in response.data


@pytest.mark.parametrize(
    ("prefix", "preparing"),
    [("/en", "The FORMAT file is being prepared…"), ("", "Tệp FORMAT đang được chuẩn bị…")],
)
def test_downloads_say_in_the_page_language_that_a_queued_file_is_being_prepared(
    client: FlaskClient, flagship_trip: str, prefix: str, preparing: str
) -> None:
    response = client.get(f"{prefix}/trips/{flagship_trip}")
    exports = re.search(r'<ul class="exports"([^>]*)>', response.text)
    assert exports and f'data-preparing="{preparing}"' in exports.group(1)
    script = re.search(r'<script src="[^"]*/js/trip-exports\.js" nonce="([^"]+)"', response.text)
    assert script and f"'nonce-{script.group(1)}'" in response.headers["Content-Security-Policy"]


def test_signed_in_people_get_their_downloads_at_once_without_the_preparing_words(
    app: Flask, client: FlaskClient, flagship_trip: str, people: dict[str, int]
) -> None:
    sign_in(app, client, people["agency"])
    page = client.get(f"/en/trips/{flagship_trip}").text
    assert '<ul class="exports">' in page and "data-preparing" not in page


def test_unknown_trips_are_not_found(client: FlaskClient) -> None:
    assert client.get("/trips/no-such-trip").status_code == 404
    replan = {"action": "lock", "slug": "den-hung", "day": "0"}
    assert client.post("/trips/no-such-trip/replan", data=replan).status_code == 404


def _replan(client: FlaskClient, trip_id: str, **form: str) -> str:
    response = client.post(f"/en/trips/{trip_id}/replan", data=form)
    assert response.status_code == 303, response.status_code
    new_id = response.headers["Location"].rsplit("/", 1)[1]
    assert new_id != trip_id
    return new_id


def test_locking_a_stop_keeps_it_on_its_day_in_a_new_trip(
    app: Flask, client: FlaskClient, flagship_trip: str
) -> None:
    before = _stops(app, flagship_trip)
    slug = before[1][-1]
    new_id = _replan(client, flagship_trip, action="lock", slug=slug, day="1")
    assert slug in _stops(app, new_id)[1]
    assert _stops(app, flagship_trip) == before  # the old trip's URL shows the old plan
    page = client.get(f"/en/trips/{new_id}").text
    stop = re.search(rf'data-slug="{slug}" data-day="1">.*?class="stop-actions"', page, re.S)
    assert stop and "Locked on this day" in stop.group(0)


def test_moving_a_stop_puts_it_on_the_chosen_day(
    app: Flask, client: FlaskClient, flagship_trip: str
) -> None:
    slug = _stops(app, flagship_trip)[2][0]
    new_id = _replan(client, flagship_trip, action="move", slug=slug, day="1")
    days = _stops(app, new_id)
    assert slug in days[1] and slug not in days[2]


def test_removing_a_stop_leaves_it_out_and_says_so(
    app: Flask, client: FlaskClient, flagship_trip: str
) -> None:
    slug = _stops(app, flagship_trip)[0][0]
    new_id = _replan(client, flagship_trip, action="remove", slug=slug, day="0")
    assert all(slug not in day for day in _stops(app, new_id))
    page = client.get(f"/en/trips/{new_id}").text
    assert f'data-slug="{slug}" data-reason="excluded"' in page


@pytest.mark.parametrize(
    "form",
    [
        {"action": "explode", "slug": "den-hung", "day": "0"},
        {"action": "lock", "slug": "not-a-stop", "day": "0"},
        {"action": "move", "slug": "STOP", "day": "3"},
        {"action": "move", "slug": "STOP", "day": "-1"},
    ],
)
def test_a_bad_replan_request_is_refused(
    app: Flask, client: FlaskClient, flagship_trip: str, form: dict[str, str]
) -> None:
    stop = _stops(app, flagship_trip)[0][0]
    data = {k: v.replace("STOP", stop) for k, v in form.items()}
    assert client.post(f"/trips/{flagship_trip}/replan", data=data).status_code == 400


def test_agencies_see_save_as_package(
    app: Flask, client: FlaskClient, flagship_trip: str, people: dict[str, int]
) -> None:
    sign_in(app, client, people["agency"])
    page = client.get(f"/en/trips/{flagship_trip}").text
    action = f"/en/agency/packages/from-trip/{flagship_trip}"
    assert f'action="{action}"' in page
    saved = client.post(action)
    assert saved.status_code in (302, 303)
    assert "/en/agency/packages/" in saved.headers["Location"]
    assert client.get(saved.headers["Location"]).status_code == 200


def _csrf_app(tmp_path: Path) -> Flask:
    app = _make_app(f"sqlite:///{tmp_path / 'csrf.sqlite'}", WTF_CSRF_ENABLED=True)
    with app.app_context():
        from flask_migrate import upgrade

        from tourroute.services.seed import seed_database

        upgrade()
        seed_database(DATA_DIR)
        db.session.commit()
    return app


def test_every_trip_form_needs_its_csrf_token(tmp_path: Path) -> None:
    app = _csrf_app(tmp_path)
    client = app.test_client()
    refused = client.post("/en/plan", data=FLAGSHIP)
    assert refused.status_code == 400
    page = client.get("/en/plan").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    data: dict[str, Any] = {**FLAGSHIP, "csrf_token": token.group(1)}
    planned = client.post("/en/plan", data=data)
    assert planned.status_code == 303
    trip_page = client.get(planned.headers["Location"]).text
    forms = re.findall(r'<form method="post" action="([^"]+/replan)">(.*?)</form>', trip_page, re.S)
    assert forms and all('name="csrf_token"' in body for _, body in forms)
    slug = re.search(r'data-slug="([^"]+)" data-day="0"', trip_page)
    assert slug
    replan = {"action": "lock", "slug": slug.group(1), "day": "0"}
    assert client.post(forms[0][0], data=replan).status_code == 400
    with app.app_context():
        db.engine.dispose()


def test_a_saved_trip_shows_its_places_as_they_are_now_even_once_withdrawn(
    app: Flask, client: FlaskClient, saved_trip: str
) -> None:
    """Trips load their places from a per-process copy; an edit or a withdrawal must reach it."""
    from sqlalchemy import select

    from tourroute.models import Place

    assert "Đền Hùng" in client.get(f"/trips/{saved_trip}").text  # the copy is loaded
    with app.app_context():
        place = db.session.scalar(select(Place).where(Place.slug == "den-hung"))
        place.name_vi, place.status = "Khu di tích Đền Hùng (đổi tên)", "unpublished"
        db.session.commit()
    page = client.get(f"/trips/{saved_trip}")
    assert page.status_code == 200 and "Khu di tích Đền Hùng (đổi tên)" in page.text
