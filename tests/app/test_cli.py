"""The tourroute command: exports and clean failures."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from flask.testing import FlaskCliRunner


def test_export_places_csv_and_geojson(
    runner: FlaskCliRunner, make_place: Callable[..., str], tmp_path: Path
) -> None:
    slug = make_place(name_vi="Chùa Xuất", name_en="Export Pagoda", tags=[])
    result = runner.invoke(args=["export-places", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    row = next(r for r in rows if r["slug"] == slug)
    assert row["name_vi"] == "Chùa Xuất" and row["province"] == "bac-ninh"

    out = tmp_path / "places.geojson"
    result = runner.invoke(args=["export-places", "--format", "geojson", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    feature = next(f for f in data["features"] if f["properties"]["slug"] == slug)
    assert feature["geometry"]["type"] == "Point"
    props = feature["properties"]
    for key in ("slug", "name_vi", "name_en", "kind", "province", "precision", "coord_source"):
        assert key in props
    assert props["name_en"] == "Export Pagoda"


def test_export_places_refuses_an_unknown_format(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["export-places", "--format", "shp"])
    assert result.exit_code != 0
    assert "shp" in result.output


def test_init_db_is_idempotent(runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["init-db"])
    second = runner.invoke(args=["init-db"])
    assert first.exit_code == second.exit_code == 0
    assert "up to date" in second.output


def test_festivals_for_a_year_as_json(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["festivals", "--year", "2027", "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    by_slug = {i["slug"]: i for i in items}
    # Giỗ Tổ Hùng Vương is the 10th day of the 3rd lunar month: 16 April 2027.
    assert by_slug["gio-to-hung-vuong"]["start"] == "2027-04-16"
    # Hội Lim, 13th day of the 1st lunar month: 18 February 2027 (Tết is 6 February).
    assert by_slug["hoi-lim"]["start"] == "2027-02-18"
    assert set(items[0]) == {"slug", "name_vi", "name_en", "start", "end", "places"}
    assert [i["start"] for i in items] == sorted(i["start"] for i in items)
    text = runner.invoke(args=["festivals", "--year", "2027", "--lang", "en"])
    assert "2027-04-16" in text.output


def test_travel_time_between_places(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["travel-time", "ha-noi", "noi-bai", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert set(summary) == {"minutes", "km", "roads"}
    assert 15 <= summary["minutes"] <= 60 and 20 <= summary["km"] <= 40
    english = runner.invoke(args=["travel-time", "ha-noi", "noi-bai", "--lang", "en"])
    assert english.output.startswith(f"{summary['minutes']} minutes · {summary['km']} km")
    vietnamese = runner.invoke(args=["travel-time", "ha-noi", "noi-bai"]).output
    assert vietnamese.startswith(f"{summary['minutes']} phút · ") and "minute" not in vietnamese


def test_travel_time_unknown_place_is_a_one_line_error(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["travel-time", "ha-noi", "atlantis"])
    assert result.exit_code == 1
    assert "atlantis" in result.output


REFERENCE_34 = (
    Path(__file__).resolve().parents[3]
    / "shared/data/reference/boundaries/vn_34_provinces_2025.geojson"
)


def test_import_boundaries_replaces_the_approximate_polygons(runner: FlaskCliRunner, app) -> None:
    import pytest

    if not REFERENCE_34.exists():
        pytest.skip("reference boundaries absent")
    from tourroute.extensions import db
    from tourroute.models import Province

    with app.app_context():
        assert db.session.get(Province, "phu-tho").boundary_approximate
    result = runner.invoke(args=["import-boundaries", str(REFERENCE_34)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        province = db.session.get(Province, "phu-tho")
        assert not province.boundary_approximate
        assert "vn_34_provinces_2025.geojson" in province.boundary_source


def test_import_boundaries_refuses_a_file_without_the_provinces(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": []}', "utf-8")
    result = runner.invoke(args=["import-boundaries", str(bad)])
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_data_report_json_has_the_issue_shape_and_counts_the_seeded_places(
    runner: FlaskCliRunner,
) -> None:
    result = runner.invoke(args=["data-report", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["provinces"]) == {"phu-tho", "thai-nguyen", "bac-ninh"}
    for counts in report["provinces"].values():
        assert set(counts) == {
            "places",
            "exact",
            "hours_known",
            "ticket_known",
            "duration_sourced",
            "commune_2025",
        }
        assert counts["commune_2025"] == counts["places"] > 50
        assert counts["exact"] < counts["places"]
    entry = report["missing"][0]
    assert set(entry) == {"slug", "fields"} and entry["fields"]
    text = runner.invoke(args=["data-report"])
    assert text.exit_code == 0 and "bac-ninh" in text.output
