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
