"""Hostile input: script in every text field, bad uploads, bad geometry — escaped or refused.

Every refusal must say what is wrong in the user's language and write nothing at all.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import place_in, row_counts
from tests.web.test_curation import draft_id_from, draft_version, new_place_form

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(2)</script>",
    "${alert(document.cookie)}",
    "`;alert(3);//`",
    "' onmouseover='alert(4)",
    "javascript:alert(5)",
)
TEXT_FIELDS = (
    "name_vi",
    "name_en",
    "coord_source",
    "commune",
    "visit_source",
    "hours_source",
    "ticket_source",
    "heritage_source",
    "description_vi",
    "description_en",
)


class _Markup(HTMLParser):
    """Collects what a browser would treat as markup and script, not text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def assert_inert(html: str, payload: str) -> None:
    """The payload shows as text only: no tag, attribute or script of it reaches the page."""
    if any(c in payload for c in "<>\"'"):
        assert payload not in html, f"unescaped: {payload}"
    markup = _Markup()
    markup.feed(html)
    for tag, attrs in markup.tags:
        assert tag != "img", "an injected tag"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler on <{tag}>"
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith("javascript:")
    for script in markup.scripts:
        # Map scripts carry names as text with every active character escaped; what must never
        # reach a script is the payload in a form that could run, or a javascript: link.
        if any(c in payload for c in "<>\"'`$\\"):
            assert payload not in script, f"unescaped in a script: {payload}"
        assert not re.search(r"href=\W*javascript:", script, re.IGNORECASE)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_in_every_text_field_is_shown_as_text_everywhere(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None], payload: str
) -> None:
    form = new_place_form(
        app,
        **{name: f"{payload} {name}" for name in TEXT_FIELDS},
        heritage="national",
        ticket_adult_vnd="10000",
    )
    login_as("curator")
    saved = client.post("/curate/places/new", data=form)
    assert saved.status_code == 302, saved.text
    draft_id = draft_id_from(saved)
    pages = [client.get(f"/curate/drafts/{draft_id}").text, client.get("/curate/").text]
    pages.append(client.get("/en/curate/places/dinh-thu-nghiem-moi/edit").text)
    client.post(f"/curate/drafts/{draft_id}/submit", data={"version": 1})
    login_as("curator2")
    approved = client.post(
        f"/curate/drafts/{draft_id}/review",
        data={"decision": "approve", "version": draft_version(app, draft_id), "comment": payload},
    )
    assert approved.status_code == 302
    pages += [
        client.get("/places/dinh-thu-nghiem-moi").text,
        client.get("/en/places/dinh-thu-nghiem-moi").text,
        client.get("/en/places?province=bac-ninh&page=1").text,
        client.get("/curate/places/dinh-thu-nghiem-moi/history").text,
        client.get("/curate/places/dinh-thu-nghiem-moi/history/1").text,
        client.get(f"/curate/drafts/{draft_id}").text,
    ]
    login_as("admin")
    pages.append(client.get("/admin/audit").text)
    for html in pages:
        assert_inert(html, payload)
    assert any("description_en" in html and "&lt;" in html for html in pages) or "<" not in payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_slug_and_login_input_come_back_escaped(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None], payload: str
) -> None:
    anonymous = app.test_client()
    page = anonymous.post("/login", data={"email": payload, "password": "x"}).text
    assert_inert(page, payload)
    login_as("curator")
    before = row_counts(app)
    response = client.post("/curate/places/new", data=new_place_form(app, slug=payload))
    assert response.status_code == 400 and "Chỉ dùng chữ thường" in response.text
    assert_inert(response.text, payload)
    assert row_counts(app) == before


@pytest.mark.parametrize(
    ("changes", "vi", "en"),
    [
        (
            {"lat": "200", "lon": "106"},
            "Hãy nhập giá trị từ -90 đến 90",
            "Enter a value from -90 to 90",
        ),
        ({"lat": "bắc", "lon": "106"}, "Hãy nhập một số", "Enter a number"),
        ({"lat": "10.77", "lon": "106.70"}, "km.", "km outside Bắc Ninh Province"),
        (
            {"lat": "21.3675", "lon": "105.3219"},
            "nằm ở Phú Thọ",
            "lies in Phú Thọ Province, not in Bắc Ninh",
        ),
        ({"opening_hours": "Mo-Fr 8h-17h", "hours_source": "x"}, "Giờ mở cửa:", "Opening hours:"),
        ({"kind": "casino"}, "không thuộc các giá trị", "is not one of"),
        ({"name_vi": ""}, "Trường này là bắt buộc", "This field is required"),
    ],
)
def test_invalid_fields_are_refused_next_to_the_field_and_nothing_is_written(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    changes: dict[str, str],
    vi: str,
    en: str,
) -> None:
    login_as("curator")
    before = row_counts(app)
    form = new_place_form(app, **changes, description_vi="Giữ lại nội dung này")
    vi_page = client.post("/curate/places/new", data=form)
    en_page = client.post("/en/curate/places/new", data=form)
    assert vi_page.status_code == en_page.status_code == 400
    assert vi in vi_page.text and en in en_page.text
    assert 'class="field-error"' in en_page.text
    assert "Giữ lại nội dung này" in vi_page.text, "the user's input is kept"
    assert row_counts(app) == before


def test_swapped_latitude_and_longitude_are_explained(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    anchor = place_in(app, "bac-ninh")
    login_as("curator")
    before = row_counts(app)
    form = new_place_form(app, lat=repr(anchor.lon), lon=repr(anchor.lat))
    response = client.post("/en/curate/places/new", data=form)
    assert response.status_code == 400
    assert "Latitude and longitude look swapped" in response.text
    assert "Enter a value from -90 to 90" not in response.text
    assert row_counts(app) == before


def _upload(client: FlaskClient, data: bytes, filename: str, *, lang: str = "", apply: bool = True):  # type: ignore[no-untyped-def]
    form: dict[str, object] = {"file": (io.BytesIO(data), filename)}
    if apply:
        form["apply"] = "1"
    return client.post(f"{lang}/curate/import", data=form, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("data", "filename", "vi", "en"),
    [
        (b"", "a.csv", "Tệp trống", "The file is empty"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "a.csv", "tệp nhị phân", "binary file"),
        ("slug,tên\n".encode("cp1258"), "a.csv", "không phải văn bản UTF-8", "not UTF-8"),
        ("slug;name\n".encode("utf-16-le"), "a.csv", "tệp nhị phân", "binary file"),
        (b"slug,name_vi\nx,y\n", "a.csv", "Dòng tiêu đề phải", "The header must"),
        (b'"unterminated\n', "a.csv", "Tệp CSV bị lỗi định dạng", "The CSV is malformed"),
        (b'{"type": "Feature"}', "a.geojson", "FeatureCollection", "FeatureCollection"),
        (b"\xef\xbb\xbf{oops", "a.geojson", "JSON hợp lệ", "not valid JSON"),
        (b"PK\x03\x04zipped", "a.xlsx", ".csv hoặc .geojson", ".csv or .geojson"),
    ],
)
def test_malformed_uploads_are_refused_with_a_message(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    data: bytes,
    filename: str,
    vi: str,
    en: str,
) -> None:
    login_as("curator")
    before = row_counts(app)
    vi_page = _upload(client, data, filename)
    en_page = _upload(client, data, filename, lang="/en")
    assert vi_page.status_code == en_page.status_code == 400
    assert vi in vi_page.text and en in en_page.text
    assert row_counts(app) == before


def test_geojson_with_bad_geometries_is_refused_per_feature(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    anchor = place_in(app, "bac-ninh")
    props = {
        "slug": "nhap-thu",
        "name_vi": "Nhập thử",
        "kind": "nature",
        "precision": "commune",
        "coord_source": "test",
    }
    features = [
        {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "Polygon", "coordinates": []},
        },
        {
            "type": "Feature",
            "properties": {**props, "slug": "nhap-thu-2"},
            "geometry": {"type": "Point", "coordinates": [anchor.lat, anchor.lon]},
        },
        {
            "type": "Feature",
            "properties": {**props, "slug": "nhap-thu-3"},
            "geometry": {"type": "Point", "coordinates": [105.3219, 21.3675]},
        },
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    login_as("curator")
    before = row_counts(app)
    page = _upload(client, data, "places.geojson", lang="/en")
    assert page.status_code == 400
    text = page.text
    assert "The geometry must be a Point" in text
    assert "Latitude and longitude look swapped" in text
    assert "lies in Phú Thọ Province, not in Bắc Ninh Province" in text
    assert "nothing was saved" in text
    assert row_counts(app) == before
