"""Seeding loads the data files, and a second run changes nothing."""

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import DATA_DIR
from tourroute.core.errors import DataError
from tourroute.extensions import db
from tourroute.models import Festival, Place, Province, Role, Theme, ThemeStage
from tourroute.services.seed import seed_database


def _counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Role, Province, Theme, ThemeStage, Place, Festival)
    }


def test_seed_loads_data_and_is_idempotent(empty_app: Flask) -> None:
    with empty_app.app_context():
        first = seed_database(DATA_DIR)
        db.session.commit()
        after_first = _counts()
        stamps = dict(db.session.execute(select(Place.slug, Place.updated_at)).all())
        second = seed_database(DATA_DIR)
        db.session.commit()
        assert first.changed
        assert not second.changed
        assert _counts() == after_first
        assert dict(db.session.execute(select(Place.slug, Place.updated_at)).all()) == stamps
        assert after_first["roles"] == 3
        assert after_first["provinces"] == 4
        flagship = db.session.get(Theme, "dat-to-tra-xanh-quan-ho")
        assert [s.key for s in flagship.stages] == ["dat-to", "tra-xanh", "quan-ho"]


def test_seed_cli_twice_reports_nothing_added(empty_app: Flask) -> None:
    runner = empty_app.test_cli_runner()
    first = runner.invoke(args=["seed", "--json"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["seed", "--json"])
    assert second.exit_code == 0
    import json

    assert json.loads(second.stdout)["added"] == {}
    assert json.loads(first.stdout)["added"]["provinces"] == 4


def test_a_bad_data_file_fails_cleanly_and_writes_nothing(empty_app: Flask, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "places").mkdir(parents=True)
    (data / "provinces.csv").write_text((DATA_DIR / "provinces.csv").read_text("utf-8"), "utf-8")
    (data / "themes.json").write_text((DATA_DIR / "themes.json").read_text("utf-8"), "utf-8")
    (data / "places" / "bad.csv").write_text("slug,name\nx,y\n", "utf-8")
    with empty_app.app_context():
        with pytest.raises(DataError, match=r"bad\.csv: header"):
            seed_database(data)
        db.session.rollback()
    result = empty_app.test_cli_runner().invoke(args=["seed", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "bad.csv: header must be" in result.output
    with empty_app.app_context():
        assert _counts()["provinces"] == 0
