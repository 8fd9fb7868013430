"""The package editor's plain forms (no JavaScript), its day times, and how it refuses edits.

Every edit goes through the fixed-order re-timing; a refused one is listed at the top of the
page and at its day, in the page's language, with place names and times — never slugs.
"""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import row_counts
from tourroute.extensions import db
from tourroute.models import Package
from tourroute.services import packages
from tourroute.services.travel import published_places

#: Three Phú Thọ visits that end the day after 18:00 but before 19:00 (by the road network).
LATE_DAY = ["ao-gioi-suoi-tien", "dam-van-hoi", "den-mau-au-co"]
#: Too far apart for one day's driving limit.
FAR = ["den-hung", "den-mau-au-co", "chua-but-thap", "ho-nui-coc"]


def _stops(app: Flask, package_id: int) -> list[list[str]]:
    with app.app_context():
        return packages.day_slugs_of(db.session.get(Package, package_id))


def _names(app: Flask, lang: str) -> dict[str, str]:
    with app.app_context():
        return {p.slug: p.name(lang) for p in published_places()}


def _edit(client: FlaskClient, package_id: int, prefix: str = "", **form: str):  # type: ignore[no-untyped-def]
    return client.post(f"{prefix}/agency/packages/{package_id}/stops/edit", data=form)


def _order(client: FlaskClient, package_id: int, days: list[list[str]], prefix: str = ""):  # type: ignore[no-untyped-def]
    data = {"days": str(len(days))} | {f"day-{n}": ",".join(d) for n, d in enumerate(days, 1)}
    return client.post(f"{prefix}/agency/packages/{package_id}/stops", data=data)


def test_plain_forms_add_move_and_remove_stops(
    app: Flask,
    client: FlaskClient,
    own_package: int,
) -> None:
    package_id = own_package
    found = client.get(f"/en/agency/packages/{package_id}?q=bao tang hung vuong").text
    assert 'name="slug" value="bao-tang-hung-vuong"' in found  # search finds it, marks ignored
    assert (
        _edit(client, package_id, action="add", slug="bao-tang-hung-vuong", day="0").status_code
        == 302
    )
    assert _stops(app, package_id) == [["den-hung", "bao-tang-hung-vuong"]]
    _edit(client, package_id, action="move", slug="bao-tang-hung-vuong", day="0", index="0")
    assert _stops(app, package_id) == [["bao-tang-hung-vuong", "den-hung"]]
    assert _edit(client, package_id, action="add_day").status_code == 302
    _edit(client, package_id, action="move", slug="den-hung", day="1")
    assert _stops(app, package_id) == [["bao-tang-hung-vuong"], ["den-hung"]]
    saved = "Chương trình đã được tính lại giờ và lưu."  # flashed in the language of the edit
    assert saved in client.get(f"/agency/packages/{package_id}").text
    assert saved not in client.get(f"/agency/packages/{package_id}").text  # shown once
    _edit(client, package_id, action="remove", slug="den-hung")
    assert _edit(client, package_id, action="drop_day").status_code == 302
    assert _stops(app, package_id) == [["bao-tang-hung-vuong"]]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("/en", "There is no day 5."), ("", "Không có ngày 5.")],
)
def test_a_stale_form_is_refused_in_the_pages_language(
    app: Flask,
    client: FlaskClient,
    own_package: int,
    prefix: str,
    message: str,
) -> None:
    package_id = own_package
    before = row_counts(app)
    response = _edit(client, package_id, prefix, action="move", slug="den-hung", day="4")
    assert response.status_code == 400 and message in response.text
    assert row_counts(app) == before


@pytest.mark.parametrize(
    ("prefix", "lang", "day_label", "driving"),
    [
        ("/en", "en", "Day 1:", "minutes of driving, over 300"),
        ("", "vi", "Ngày 1:", "quá giới hạn 300"),
    ],
)
def test_a_refused_edit_names_places_and_times_at_the_top_and_at_its_day(
    app: Flask,
    client: FlaskClient,
    own_package: int,
    prefix: str,
    lang: str,
    day_label: str,
    driving: str,
) -> None:
    package_id = own_package
    before = row_counts(app)
    response = _order(client, package_id, [FAR], prefix)
    assert response.status_code == 422
    page = response.text
    top = page.split('id="refused"')[1].split("</div>")[0]
    day = page.split('id="editor-day-1"')[1].split("</section>")[0]
    assert day_label in top and driving in top
    assert driving in day and 'role="alert"' in day
    assert page.index('id="refused"') < page.index('id="editor"')
    assert _stops(app, package_id) == [["den-hung"]]
    twice = _order(client, package_id, [["den-hung"], ["den-hung"]], prefix)
    assert twice.status_code == 422
    top = html.unescape(twice.text.split('id="refused"')[1].split("</div>")[0])
    assert _names(app, lang)["den-hung"] in top and "den-hung" not in top  # a name, no slug
    assert _stops(app, package_id) == [["den-hung"]]
    assert row_counts(app) == before


def test_day_times_let_a_late_return_through(
    app: Flask,
    client: FlaskClient,
    own_package: int,
) -> None:
    package_id = own_package
    refused = _order(client, package_id, [LATE_DAY], "/en")
    assert refused.status_code == 422
    top = refused.text.split('id="refused"')[1].split("</div>")[0]
    late = re.search(r"ends at (\d\d:\d\d), after 18:00", top)
    assert late is not None and "18:00" < late.group(1) < "19:00"
    assert (
        client.post(
            f"/agency/packages/{package_id}/day-times",
            data={"day_start": "08:00", "day_end": "19:00"},
        ).status_code
        == 302
    )
    assert _order(client, package_id, [LATE_DAY]).status_code == 302
    assert _stops(app, package_id) == [LATE_DAY]
    with app.app_context():
        it = packages.itinerary_of(db.session.get(Package, package_id))
        assert packages.day_times_of(db.session.get(Package, package_id)) == (480, 1140)
        assert 18 * 60 < it.days[0].arrive_lodging_min <= 19 * 60
    page = client.get(f"/en/agency/packages/{package_id}").text
    assert 'name="day_end" type="time" value="19:00"' in page
    # Back to 18:00 the same programme no longer fits: refused, the times stay as they were.
    back = client.post(
        f"/en/agency/packages/{package_id}/day-times",
        data={"day_start": "08:00", "day_end": "18:00"},
    )
    assert back.status_code == 422 and "after 18:00" in back.text
    with app.app_context():
        assert packages.day_times_of(db.session.get(Package, package_id)) == (480, 1140)


@pytest.mark.parametrize(
    ("prefix", "form", "field", "message"),
    [
        (
            "/en",
            {"day_start": "8h", "day_end": "19:00"},
            "day_start",
            "Give a time of day as HH:MM",
        ),
        ("", {"day_start": "08:00", "day_end": "25:00"}, "day_end", "Hãy nhập giờ theo dạng HH:MM"),
        ("/en", {"day_start": "19:00", "day_end": "08:00"}, "day_end", "The day must end after"),
    ],
)
def test_day_time_errors_are_shown_next_to_the_field(
    app: Flask,
    client: FlaskClient,
    own_package: int,
    prefix: str,
    form: dict[str, str],
    field: str,
    message: str,
) -> None:
    package_id = own_package
    before = row_counts(app)
    response = client.post(f"{prefix}/agency/packages/{package_id}/day-times", data=form)
    assert response.status_code == 400
    assert f'id="err-{field}">{message}' in response.text
    assert row_counts(app) == before


def test_the_package_page_shows_the_trip_map(client: FlaskClient, own_package: int) -> None:
    package_id = own_package
    page = client.get(f"/en/agency/packages/{package_id}").text
    assert 'class="map-frame' in page and "folium-map" in page
    assert re.search(r'<script nonce="[^"]+">', page)  # the map's script carries the nonce
    assert "/static/js/package-editor.js" in page
