"""The import page as a department uses it: a template to start from, the checked file kept
for "Import", and every problem in the page's language."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.core.test_place_import import shipped_rows, to_csv
from tests.web.test_import import upload
from tourroute.core.datafiles import PLACE_COLUMNS
from tourroute.core.place_import import parse_csv
from tourroute.extensions import db
from tourroute.models import PlaceDraft


def test_template_is_a_csv_the_import_reads(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    response = client.get("/curate/import/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    header = next(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header == list(PLACE_COLUMNS)
    assert parse_csv(response.data + b"x" + b"," * (len(PLACE_COLUMNS) - 1) + b"\r\n")
    assert 'href="/curate/import/template.csv"' in client.get("/curate/import").text


def _hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden {name}"
    return html.unescape(match.group(1))


def test_checked_file_is_kept_for_import(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    rows = shipped_rows("bac-ninh", 3)
    login_as("curator")
    checked = upload(client, to_csv(rows), "mine.csv", apply=False, lang="/en")
    assert checked.status_code == 200 and "mine.csv" in checked.text
    form = {
        "kept_name": _hidden(checked.text, "kept_name"),
        "kept_file": _hidden(checked.text, "kept_file"),
        "file": (io.BytesIO(b""), ""),
        "apply": "1",
    }
    applied = client.post("/en/curate/import", data=form, content_type="multipart/form-data")
    assert applied.status_code == 200, applied.text
    assert "3 places were saved as drafts awaiting review." in applied.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PlaceDraft)) == 3

    broken = {**form, "kept_file": "not base64!", "file": (io.BytesIO(b""), "")}
    refused = client.post("/en/curate/import", data=broken, content_type="multipart/form-data")
    assert refused.status_code == 400 and "Choose a file to upload." in refused.text


def test_problems_are_in_the_pages_language(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    rows = shipped_rows("bac-ninh", 1)
    rows[0]["opening_hours"] = "Mo 25:00-26:00"
    rows[0]["hours_source"] = "test"
    rows[0]["lat"] = "abc"
    login_as("curator")
    vi = upload(client, to_csv(rows), "p.csv", apply=False).text
    assert "Vĩ độ" in vi and "<td>lat</td>" not in vi
    assert "không hiểu" in vi and "expected" not in vi
    en = upload(client, to_csv(rows), "p.csv", apply=False, lang="/en").text
    assert "“25:00” at column 4 is not understood" in en and "<td>Latitude</td>" in en


def test_a_hostile_file_name_is_escaped_where_it_is_kept(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    name = "<img src=x onerror=alert(1)>.csv"
    page = upload(client, to_csv(shipped_rows("bac-ninh", 1)), name, apply=False, lang="/en").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.csv" in page
    assert _hidden(page, "kept_name") == name
