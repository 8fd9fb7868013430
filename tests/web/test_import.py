"""Bulk import through the page and the command line: preview, all-or-nothing, drafts."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from tests.core.test_place_import import shipped_rows, to_csv, to_geojson
from tests.web.conftest import row_counts
from tourroute.extensions import db
from tourroute.models import AuditLog, PlaceDraft


def upload(client: FlaskClient, data: bytes, filename: str, *, apply: bool, lang: str = ""):  # type: ignore[no-untyped-def]
    form: dict[str, object] = {"file": (io.BytesIO(data), filename)}
    if apply:
        form["apply"] = "1"
    return client.post(f"{lang}/curate/import", data=form, content_type="multipart/form-data")


def test_check_writes_nothing_and_import_makes_drafts_awaiting_review(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    rows = shipped_rows("bac-ninh", 4)
    login_as("curator")
    before = row_counts(app)
    preview = upload(client, to_csv(rows, bom=True), "places.csv", apply=False, lang="/en")
    assert preview.status_code == 200 and "4 places, no problems." in preview.text
    assert row_counts(app) == before

    applied = upload(client, to_csv(rows), "places.csv", apply=True, lang="/en")
    assert applied.status_code == 200
    assert "4 places were saved as drafts awaiting review." in applied.text
    with app.app_context():
        drafts = db.session.scalars(select(PlaceDraft).order_by(PlaceDraft.id)).all()
        assert [d.slug for d in drafts] == [r["slug"] for r in rows]
        assert {d.status for d in drafts} == {"submitted"}
        assert {d.origin for d in drafts} == {"import"}
        assert db.session.scalar(select(AuditLog).where(AuditLog.action == "import.apply"))
    assert row_counts(app)["published"] == before["published"], "nothing is published directly"


def test_one_bad_row_means_nothing_is_imported(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    rows = shipped_rows("bac-ninh", 5)
    rows[3]["visit_min"] = "a while"
    login_as("curator")
    before = row_counts(app)
    response = upload(client, to_geojson(rows), "places.geojson", apply=True)
    assert response.status_code == 400
    assert "1 lỗi; chưa lưu gì." in response.text and "Hãy nhập một số nguyên" in response.text
    assert "<td>4</td>" in response.text, "the feature number is shown"
    assert row_counts(app) == before


def test_import_against_the_catalogue_refuses_existing_slugs(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    rows = shipped_rows("bac-ninh", 2)
    login_as("curator")
    assert upload(client, to_csv(rows), "a.csv", apply=True).status_code == 200
    again = upload(client, to_csv(rows), "a.csv", apply=True, lang="/en")
    assert again.status_code == 400 and "Another place already uses" in again.text


def test_cli_dry_run_then_import(
    app: Flask, runner: FlaskCliRunner, people: dict[str, int], tmp_path: Path
) -> None:
    rows = shipped_rows("thai-nguyen", 3)
    path = tmp_path / "places.csv"
    path.write_bytes(to_csv(rows))
    dry = runner.invoke(args=["import-places", str(path), "--province", "thai-nguyen", "--dry-run"])
    assert dry.exit_code == 0 and "3 place(s) would be imported" in dry.output
    with app.app_context():
        assert db.session.scalar(select(PlaceDraft)) is None
    done = runner.invoke(args=["import-places", str(path), "--province", "thai-nguyen"])
    assert done.exit_code == 0, done.output
    with app.app_context():
        drafts = db.session.scalars(select(PlaceDraft)).all()
        assert len(drafts) == 3 and {d.author_id for d in drafts} == {people["admin"]}


def test_cli_lists_every_problem_and_writes_nothing(
    app: Flask, runner: FlaskCliRunner, people: dict[str, int], tmp_path: Path
) -> None:
    rows = shipped_rows("thai-nguyen", 3)
    rows[0]["kind"] = "castle"
    rows[2]["lat"], rows[2]["lon"] = rows[2]["lon"], rows[2]["lat"]
    path = tmp_path / "places.csv"
    path.write_bytes(to_csv(rows))
    result = runner.invoke(args=["import-places", str(path), "--province", "thai-nguyen"])
    assert result.exit_code == 1
    assert "line 2: kind:" in result.output
    assert "line 4: lat: Latitude and longitude look swapped" in result.output
    assert "nothing was imported" in result.output
    with app.app_context():
        assert db.session.scalar(select(PlaceDraft)) is None


def test_cli_refuses_a_file_that_is_not_csv(
    runner: FlaskCliRunner, people: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "places.csv"
    path.write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(args=["import-places", str(path), "--province", "bac-ninh"])
    assert result.exit_code == 1 and "binary file" in result.output
