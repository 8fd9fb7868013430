"""``tourroute import-osm`` on an extract generated here: drafts for curators, never published."""

import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from tests.osm_extracts import write_extract
from tourroute.extensions import db
from tourroute.models import Place, PlaceDraft, User


def _extract(tmp_path: Path) -> Path:
    return write_extract(
        tmp_path / "region.osm.pbf",
        nodes=[
            (
                {"name": "Hồ Đại Lải", "natural": "water", "opening_hours": "Mo-Su 06:00-18:00"},
                21.3262,
                105.7150,
            ),
            ({"name": "Chùa Hang", "amenity": "place_of_worship"}, 21.6330, 105.8330),
            ({"name": "Chua Hang", "amenity": "place_of_worship"}, 21.6340, 105.8340),
            ({"name": "Cửa hàng tạp hoá"}, 21.30, 105.40),
        ],
        ways=[
            (
                {"name": "Đền Hùng", "website": "https://denhung.example"},
                [(21.3675, 105.3230), (21.3675, 105.3245), (21.3690, 105.3245)],
            )
        ],
    )


def _admin(app: Flask) -> None:
    with app.app_context():
        db.session.add(User(email="admin@example.org", password_hash="x", role_name="admin"))
        db.session.commit()


def test_dry_run_prints_the_matches_and_writes_nothing(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(args=["import-osm", str(_extract(tmp_path)), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"matched", "ambiguous", "unmatched"}
    matched = {m["slug"]: m for m in report["matched"]}
    assert set(matched) == {"ho-dai-lai", "den-hung"}
    assert set(matched["den-hung"]) == {"slug", "lat", "lon", "osm_id", "distance_km", "tags"}
    assert matched["den-hung"]["osm_id"] == "way/1"
    assert matched["ho-dai-lai"]["tags"] == {"opening_hours": "Mo-Su 06:00-18:00"}
    assert [a["slug"] for a in report["ambiguous"]] == ["chua-hang"]
    assert report["unmatched"] == 1
    with app.app_context():
        assert db.session.scalars(select(PlaceDraft)).all() == []


def test_matches_become_submitted_drafts_attributed_to_osm(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    _admin(app)
    result = runner.invoke(args=["import-osm", str(_extract(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "2 draft(s) submitted" in result.output
    with app.app_context():
        drafts = {d.slug: d for d in db.session.scalars(select(PlaceDraft))}
        assert set(drafts) == {"ho-dai-lai", "den-hung"}
        lake = drafts["ho-dai-lai"]
        assert lake.status == "submitted" and lake.fields["precision"] == "exact"
        assert lake.fields["coord_source"].startswith("© OpenStreetMap contributors (ODbL)")
        assert lake.fields["opening_hours"] == "Mo-Su 06:00-18:00"
        assert drafts["den-hung"].fields["website"] == "https://denhung.example"
        published = db.session.scalar(select(Place).where(Place.slug == "den-hung"))
        assert published is not None and published.precision == "commune"  # not published
    again = runner.invoke(args=["import-osm", str(_extract(tmp_path))])
    assert again.exit_code == 0 and "already open" in again.output


def test_province_filter_bad_province_and_no_author(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = _extract(tmp_path)
    only_bac_ninh = runner.invoke(
        args=["import-osm", str(path), "--province", "bac-ninh", "--dry-run", "--json"]
    )
    assert json.loads(only_bac_ninh.output)["matched"] == []
    wrong = runner.invoke(args=["import-osm", str(path), "--province", "atlantis"])
    assert wrong.exit_code == 1 and "atlantis" in wrong.output
    no_admin = runner.invoke(args=["import-osm", str(path)])
    assert no_admin.exit_code == 1 and "author" in no_admin.output
