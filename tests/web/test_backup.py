"""``tourroute backup`` / ``restore``: a round trip gives back every row of every table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from tests.web.conftest import place_in, sign_in
from tests.web.test_curation import form_of
from tourroute.extensions import db
from tourroute.models import Package, Place, User
from tourroute.services import packages


def every_row(app: Flask) -> dict[str, list[str]]:
    with app.app_context():
        return {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(table.select()))
            for table in db.metadata.sorted_tables
        }


@pytest.fixture
def busy_app(app: Flask, people: dict[str, int], saved_trip: str) -> Flask:
    """The seeded catalogue plus accounts, a submitted draft, a revision and a package."""
    client = app.test_client()
    sign_in(app, client, people["curator"])
    slug = place_in(app, "bac-ninh").slug
    client.post(f"/curate/places/{slug}/edit", data=form_of(app, slug, commune="Xã sao lưu"))
    client.post(f"/curate/places/{slug}/unpublish")
    with app.app_context():
        package = packages.create_from_trip(
            db.session.get(User, people["agency"]), saved_trip, lang="en"
        )
        assert package is not None
        db.session.commit()
    return app


@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_round_trip_restores_every_table(busy_app: Flask, tmp_path: Path, name: str) -> None:
    runner: FlaskCliRunner = busy_app.test_cli_runner()
    before = every_row(busy_app)
    assert all(before[table] for table in ("places", "place_drafts", "place_revisions", "users"))
    assert before["packages"] and before["itineraries"]
    written = runner.invoke(args=["backup", str(tmp_path / name)])
    assert written.exit_code == 0, written.output
    with busy_app.app_context():  # change things the restore must undo
        db.session.delete(db.session.scalars(select(Package)).first())
        db.session.scalars(select(Place)).first().name_en = "Changed after the backup"
        db.session.commit()
    assert every_row(busy_app) != before
    restored = runner.invoke(args=["restore", str(tmp_path / name), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert every_row(busy_app) == before
    with busy_app.app_context():  # ids go on after the restored ones (PostgreSQL sequences)
        user = User(email="new@example.org", password_hash="x", role_name="curator")
        db.session.add(user)
        db.session.commit()
        assert user.id > max(int(row.id) for row in db.session.scalars(select(User)) if row != user)


def test_restore_refuses_a_file_that_is_not_a_backup(busy_app: Flask, tmp_path: Path) -> None:
    before = every_row(busy_app)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something else"}')
    result = busy_app.test_cli_runner().invoke(args=["restore", str(wrong), "--yes"])
    assert result.exit_code == 1 and "not a TourRoute backup" in result.output
    assert every_row(busy_app) == before


def test_restore_refuses_a_backup_of_another_migration(busy_app: Flask, tmp_path: Path) -> None:
    import json

    path = tmp_path / "old.json"
    busy_app.test_cli_runner().invoke(args=["backup", str(path)])
    document: dict[str, Any] = json.loads(path.read_text())
    document["revision"] = ["0001"]
    path.write_text(json.dumps(document))
    result = busy_app.test_cli_runner().invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 1 and "tourroute init-db" in result.output
