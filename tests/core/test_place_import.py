"""The import parser and validator: formats, limits, per-row problems, property-based checks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tourroute.core.boundaries import Boundaries, derive_approximate_boundaries
from tourroute.core.datafiles import PLACE_COLUMNS
from tourroute.core.place_import import (
    ImportRow,
    UploadError,
    check_import,
    parse_csv,
    parse_geojson,
    parse_upload,
)
from tourroute.core.place_validation import PlaceContext

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
NAMES = {"phu-tho": "Phú Thọ", "thai-nguyen": "Thái Nguyên", "bac-ninh": "Bắc Ninh"}


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    return derive_approximate_boundaries()


def shipped_rows(province: str, count: int) -> list[dict[str, str]]:
    """Real rows of the shipped data, renamed so they are new places at real points."""
    with (DATA_DIR / "places" / f"{province}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    picked: list[dict[str, str]] = []
    seen_points: set[tuple[str, str]] = set()
    for row in rows:
        if (row["lat"], row["lon"]) in seen_points or row["kind"] in ("lodging", "gateway"):
            continue
        seen_points.add((row["lat"], row["lon"]))
        picked.append({**row, "slug": f"nhap-{row['slug']}"[:80]})
        if len(picked) == count:
            break
    return picked


def to_csv(rows: list[dict[str, str]], *, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PLACE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def to_geojson(rows: list[dict[str, str]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]},
            "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")},
        }
        for r in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def context(boundaries: Boundaries, province: str) -> PlaceContext:
    return PlaceContext(
        province=province,
        boundaries=boundaries,
        boundaries_approximate=True,
        province_names=NAMES,
    )


@pytest.mark.parametrize("bom", [False, True])
def test_csv_of_real_rows_passes_with_or_without_bom(boundaries: Boundaries, bom: bool) -> None:
    rows = shipped_rows("thai-nguyen", 5)
    report = check_import(
        parse_csv(to_csv(rows, bom=bom)), context(boundaries, "thai-nguyen"), fmt="csv"
    )
    assert report.ok, [(r.number, [p.message for p in r.errors]) for r in report.rows]
    assert [r.number for r in report.rows] == [2, 3, 4, 5, 6]
    assert [r.fields["slug"] for r in report.rows] == [r["slug"] for r in rows]


def test_geojson_takes_coordinates_from_the_geometry(boundaries: Boundaries) -> None:
    rows = shipped_rows("bac-ninh", 3)
    parsed = parse_geojson(to_geojson(rows))
    assert [r.fields["lat"] for r in parsed] == [repr(float(r["lat"])) for r in rows]
    report = check_import(parsed, context(boundaries, "bac-ninh"), fmt="geojson")
    assert report.ok and [r.number for r in report.rows] == [1, 2, 3]


def test_every_problem_is_listed_by_row_and_field(boundaries: Boundaries) -> None:
    rows = shipped_rows("bac-ninh", 4)
    rows[0]["kind"] = "castle"
    rows[1]["opening_hours"], rows[1]["hours_source"] = "Mo 25:00-26:00", "x"
    rows[2]["slug"] = rows[3]["slug"]
    phu_tho = shipped_rows("phu-tho", 1)[0]
    report = check_import(
        parse_csv(to_csv([*rows, phu_tho])), context(boundaries, "bac-ninh"), fmt="csv"
    )
    problems = {(r.number, p.field) for r in report.rows for p in r.errors}
    assert {(2, "kind"), (3, "opening_hours"), (5, "slug"), (6, "province"), (6, "lat")} <= problems
    assert not report.ok


def test_the_same_place_twice_in_a_file_is_an_error(boundaries: Boundaries) -> None:
    row = shipped_rows("bac-ninh", 1)[0]
    twin = {**row, "slug": row["slug"] + "-2"}
    report = check_import(
        parse_csv(to_csv([row, twin])), context(boundaries, "bac-ninh"), fmt="csv"
    )
    assert [p.field for p in report.rows[1].errors] == ["name_vi"]
    assert report.rows[1].errors[0].params["number"] == 2


@pytest.mark.parametrize(
    ("data", "filename", "start"),
    [
        (b"", "x.csv", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.csv", "This is a binary file"),
        ("slug,tên\nđ,Đền".encode("cp1258", errors="replace"), "x.csv", "The file is not UTF-8"),
        ("tên,địa điểm\n".encode("utf-16"), "x.csv", "This is a binary file"),
        (b"\xff\xfe\xfa not utf-8 \xc3\x28", "x.csv", "The file is not UTF-8"),
        (b"slug,name_vi\nx,y\n", "x.csv", "The header must"),
        (b"{}", "x.geojson", "The file must be a GeoJSON FeatureCollection"),
        (b"{not json", "x.geojson", "The file is not valid JSON"),
        (b"[" * 100_000, "x.geojson", "The file is not valid JSON"),
        (b'{"type": "FeatureCollection", "features": []}', "x.geojson", "The file is empty"),
        (b"slug\n", "places.xlsx", "Upload a .csv or .geojson file"),
    ],
)
def test_files_that_are_not_the_declared_format_are_refused(
    data: bytes, filename: str, start: str
) -> None:
    with pytest.raises(UploadError) as caught:
        parse_upload(data, filename=filename)
    assert caught.value.message.startswith(start)


def test_too_many_rows_are_refused() -> None:
    rows = shipped_rows("bac-ninh", 3)
    with pytest.raises(UploadError, match="more than 2 places"):
        parse_csv(to_csv(rows), max_rows=2)
    with pytest.raises(UploadError, match="more than 2 places"):
        parse_geojson(to_geojson(rows), max_rows=2)


def test_bad_geometries_are_row_problems(boundaries: Boundaries) -> None:
    row = shipped_rows("bac-ninh", 1)[0]
    props = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
            "properties": props,
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": ["106", "21"]},
            "properties": props,
        },
        {"type": "Feature", "geometry": None, "properties": props},
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [106.1, 21.2]},
            "properties": {**props, "name_vi": {"nested": True}},
        },
        "not a feature",
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    report = check_import(parse_geojson(data), context(boundaries, "bac-ninh"), fmt="geojson")
    assert all(r.errors for r in report.rows)
    assert report.rows[0].errors[0].message.startswith("The geometry must be a Point")
    assert any(p.field == "name_vi" for p in report.rows[3].errors)


# ---- property-based ------------------------------------------------------------------------

CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
    max_size=30,
)
ROW = st.fixed_dictionaries({name: CELL for name in PLACE_COLUMNS}).filter(
    lambda row: any(v.strip() for v in row.values())
)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(ROW, min_size=1, max_size=8), bom=st.booleans())
def test_csv_round_trip_keeps_every_cell_and_numbers_lines(
    rows: list[dict[str, str]], bom: bool
) -> None:
    text = to_csv(rows, bom=bom)
    parsed = parse_csv(text)
    assert [r.fields for r in parsed] == rows
    decoded = text.decode("utf-8-sig")
    starts = []
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PLACE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow(row)
    assert out.getvalue() == decoded
    assert [r.number for r in parsed] == starts


@settings(max_examples=100, deadline=None)
@given(
    properties=st.lists(
        st.fixed_dictionaries({name: CELL for name in PLACE_COLUMNS}), min_size=1, max_size=5
    ),
    points=st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)), min_size=5, max_size=5),
)
def test_geojson_round_trip(
    properties: list[dict[str, str]], points: list[tuple[float, float]]
) -> None:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": props,
        }
        for props, point in zip(properties, points, strict=False)
    ]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    parsed = parse_geojson(data)
    for row, props, (lon, lat) in zip(parsed, properties, points, strict=False):
        assert row.problems == ()
        assert {k: v for k, v in row.fields.items() if k not in ("lat", "lon", "festivals")} == {
            k: v for k, v in props.items() if k not in ("lat", "lon")
        }
        assert (float(row.fields["lat"]), float(row.fields["lon"])) == (lat, lon)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(ROW, max_size=3)
        .map(to_csv)
        .flatmap(lambda b: st.integers(0, len(b)).map(lambda i: b[:i])),
    ),
    filename=st.sampled_from(["a.csv", "a.geojson", "a.json"]),
)
def test_fuzz_parser_and_checker_never_crash(
    boundaries: Boundaries, data: bytes, filename: str
) -> None:
    """Any bytes at all: rows with problems or an UploadError, never another exception."""
    try:
        rows = parse_upload(data, filename=filename, max_rows=20)
    except UploadError as exc:
        assert exc.message
        return
    assert all(isinstance(r, ImportRow) for r in rows)
    report = check_import(rows, context(boundaries, "bac-ninh"), fmt="csv")
    assert len(report.rows) == len(rows)
