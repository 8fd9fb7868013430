import csv
import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas
import pytest
import shapely

from tourroute.core.boundaries import (
    APPROXIMATE_SOURCE,
    OLD_TO_NEW_CSV,
    boundaries_to_geojson,
    derive_approximate_boundaries,
    load_boundary_file,
    load_old_to_new,
    province_key,
)
from tourroute.core.domain import ALL_PROVINCES
from tourroute.core.errors import DataError
from tourroute.core.geo import province_of

REFERENCE = Path(os.environ.get("TOURROUTE_REFERENCE_DIR", "/work/shared/data/reference"))
NEW_34 = REFERENCE / "boundaries" / "vn_34_provinces_2025.geojson"
OLD_63 = REFERENCE / "boundaries" / "vn_63_provinces_pre2025.topojson.json"
TOWNS = REFERENCE / "places" / "geonames_places_3provinces.csv"
needs_reference = pytest.mark.skipif(
    not NEW_34.exists() or not OLD_63.exists(), reason=f"no reference boundaries in {REFERENCE}"
)

Boundaries = dict[str, shapely.Geometry]


@pytest.fixture(scope="module")
def derived() -> Boundaries:
    return derive_approximate_boundaries()


@pytest.fixture(scope="module")
def official_34() -> Boundaries:
    return load_boundary_file(NEW_34)


@pytest.fixture(scope="module")
def official_63() -> Boundaries:
    return load_boundary_file(OLD_63)


@pytest.fixture
def write_geojson(
    tmp_path: Path,
) -> Callable[[list[tuple[dict[str, Any], shapely.Geometry]]], Path]:
    """Write features given as ``(properties, geometry)`` to a GeoJSON file."""

    def write(features: list[tuple[dict[str, Any], shapely.Geometry]]) -> Path:
        path = tmp_path / "provinces.geojson"
        collection = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(g)}
                for props, g in features
            ],
        }
        path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def iou(a: shapely.Geometry, b: shapely.Geometry) -> float:
    return float(shapely.area(shapely.intersection(a, b)) / shapely.area(shapely.union(a, b)))


# --- names and the old-to-new table ------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling", ["Hòa Bình", "Hoà Bình", "Tỉnh Hòa Bình", "HOA BINH", "Hoa Binh", "hoa-binh"]
)
def test_province_key_ignores_spelling(spelling: str) -> None:
    assert province_key(spelling) == "hoabinh"


@pytest.mark.parametrize("spelling", ["Thành phố Hà Nội", "TP Hà Nội", "TP. Hà Nội", "Hanoi"])
def test_province_key_drops_city_prefixes(spelling: str) -> None:
    assert province_key(spelling) == "hanoi"


@pytest.mark.parametrize(
    ("old_names", "code"),
    [
        (["Phú Thọ", "Vĩnh Phúc", "Hoà Bình"], "phu-tho"),
        (["Thái Nguyên", "Bắc Kạn"], "thai-nguyen"),
        (["Bắc Ninh", "Bắc Giang"], "bac-ninh"),
        (["Thành phố Hà Nội"], "ha-noi"),
    ],
)
def test_mergers_of_2025_map_to_our_codes(old_names: list[str], code: str) -> None:
    mapping = load_old_to_new()
    assert {mapping[province_key(n)] for n in old_names} == {code}


def test_table_maps_63_old_provinces_onto_34_new_ones() -> None:
    with OLD_TO_NEW_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    decreed = [r for r in rows if r["source"].startswith("Nghị quyết 202/2025/QH15")]
    old_names = {province_key(r["old_name"]) for r in decreed}
    assert len(old_names) == 63
    assert len({r["new_code"] for r in decreed}) == 34
    assert all(r["source"] for r in rows)


@needs_reference
def test_table_agrees_with_official_geometry() -> None:
    """Each old province lies inside the new province the table sends it to."""
    mapping = load_old_to_new()
    new = geopandas.read_file(NEW_34)
    old = geopandas.read_file(OLD_63)
    new_codes = [mapping[province_key(name)] for name in new["ten_tinh"]]
    assert len(set(new_codes)) == 34
    new_by_code = dict(zip(new_codes, new.geometry, strict=True))
    misplaced = [
        name
        for name, geometry in zip(old["ten_tinh"], old.geometry, strict=True)
        if not new_by_code[mapping[province_key(name)]].contains(geometry.representative_point())
    ]
    assert len(old) == 63
    assert misplaced == []


def test_contradictory_table_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "old_to_new.csv"
    table.write_text(
        "old_name,new_code,new_name_vi,source\n"
        "Hòa Bình,phu-tho,Phú Thọ,a\n"
        "Hoà Bình,ha-noi,Hà Nội,b\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="Hoà Bình"):
        load_old_to_new(table)


# --- approximate polygons ----------------------------------------------------------------------


def test_derived_polygons_cover_every_province_once(derived: Boundaries) -> None:
    assert list(derived) == list(ALL_PROVINCES)
    for geometry in derived.values():
        assert shapely.is_valid(geometry)
        assert geometry.geom_type == "Polygon"
    for a, b in itertools.combinations(derived.values(), 2):
        assert shapely.area(shapely.intersection(a, b)) < 1e-6


def test_derived_polygons_are_deterministic(derived: Boundaries) -> None:
    again = derive_approximate_boundaries()
    assert all(shapely.equals_exact(derived[c], again[c], tolerance=0) for c in ALL_PROVINCES)


def test_derived_geojson_is_small_and_marked_approximate(derived: Boundaries) -> None:
    collection = boundaries_to_geojson(derived, approximate=True, source=APPROXIMATE_SOURCE)
    size_bytes = len(json.dumps(collection, ensure_ascii=False).encode("utf-8"))
    print(f"\napproximate GeoJSON: {size_bytes / 1024:.1f} KiB")
    assert size_bytes < 1_000_000
    assert all(f["properties"]["approximate"] is True for f in collection["features"])


@needs_reference
def test_derived_polygons_match_the_official_ones(
    derived: Boundaries, official_34: Boundaries
) -> None:
    scores = {code: iou(derived[code], official_34[code]) for code in ALL_PROVINCES}
    print("\nIoU of approximate vs official:", {c: round(s, 4) for c, s in scores.items()})
    assert min(scores.values()) >= 0.9


# --- official files ----------------------------------------------------------------------------


@needs_reference
def test_old_provinces_dissolve_into_the_new_ones(
    official_34: Boundaries, official_63: Boundaries
) -> None:
    assert list(official_63) == list(official_34) == list(ALL_PROVINCES)
    for code in ALL_PROVINCES:
        difference = shapely.symmetric_difference(official_34[code], official_63[code])
        assert shapely.area(difference) < 1e-4, code
        assert official_63[code].geom_type == "Polygon", code
        assert not official_63[code].interiors, code


@needs_reference
@pytest.mark.parametrize("which", ["derived", "official_34", "official_63"])
def test_towns_fall_in_their_province(which: str, request: pytest.FixtureRequest) -> None:
    boundaries: Boundaries = request.getfixturevalue(which)
    mapping = load_old_to_new()
    with TOWNS.open(encoding="utf-8") as handle:
        towns = list(csv.DictReader(handle))
    wrong = [
        t["name"]
        for t in towns
        if province_of(float(t["lat"]), float(t["lon"]), boundaries)
        != mapping[province_key(t["new_province"])]
    ]
    assert towns
    assert wrong == []


def test_old_provinces_in_any_spelling_are_dissolved(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson(
        [
            ({"NAME_1": "Phú Thọ", "kind": "Tỉnh"}, shapely.box(105.0, 21.0, 105.5, 21.5)),
            ({"NAME_1": "Vĩnh Phúc", "kind": "Tỉnh"}, shapely.box(105.5, 21.0, 106.0, 21.5)),
            ({"NAME_1": "Hoà Bình", "kind": "Tỉnh"}, shapely.box(105.0, 20.5, 106.0, 21.0)),
            ({"NAME_1": "Bắc Kạn", "kind": "Tỉnh"}, shapely.box(106.0, 22.0, 106.5, 22.5)),
            ({"NAME_1": "Thái Nguyên", "kind": "Tỉnh"}, shapely.box(106.0, 21.5, 106.5, 22.0)),
            ({"NAME_1": "Bắc Giang", "kind": "Tỉnh"}, shapely.box(106.5, 21.0, 107.0, 21.5)),
            ({"NAME_1": "Bắc Ninh", "kind": "Tỉnh"}, shapely.box(106.0, 21.0, 106.5, 21.5)),
            ({"NAME_1": "Thành phố Hà Nội", "kind": "TP"}, shapely.box(104.0, 21.0, 104.5, 21.5)),
            ({"NAME_1": "Lạng Sơn", "kind": "Tỉnh"}, shapely.box(107.0, 21.5, 107.5, 22.0)),
        ]
    )
    boundaries = load_boundary_file(path)
    assert shapely.equals(boundaries["phu-tho"], shapely.box(105.0, 20.5, 106.0, 21.5))
    assert shapely.equals(boundaries["thai-nguyen"], shapely.box(106.0, 21.5, 106.5, 22.5))
    assert shapely.equals(boundaries["bac-ninh"], shapely.box(106.0, 21.0, 107.0, 21.5))


def test_name_property_can_be_named(write_geojson: Callable[..., Path]) -> None:
    features = [
        ({"label": name, "note": "Lạng Sơn"}, shapely.box(x, 21.0, x + 0.5, 21.5))
        for x, name in zip(
            (105.0, 105.5, 106.0, 106.5),
            ("Phú Thọ", "Thái Nguyên", "Bắc Ninh", "Hà Nội"),
            strict=True,
        )
    ]
    boundaries = load_boundary_file(write_geojson(features), name_property="label")
    assert shapely.equals(boundaries["bac-ninh"], shapely.box(106.0, 21.0, 106.5, 21.5))
    with pytest.raises(DataError, match="lacks provinces"):
        load_boundary_file(write_geojson(features), name_property="note")
    with pytest.raises(DataError, match="no property 'ten'"):
        load_boundary_file(write_geojson(features), name_property="ten")


def test_file_without_our_provinces_is_refused(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson(
        [
            ({"ten_tinh": "Phú Thọ"}, shapely.box(105.0, 21.0, 105.5, 21.5)),
            ({"ten_tinh": "Lạng Sơn"}, shapely.box(107.0, 21.5, 107.5, 22.0)),
        ]
    )
    with pytest.raises(DataError, match="thai-nguyen"):
        load_boundary_file(path)


def test_file_without_province_names_is_refused(write_geojson: Callable[..., Path]) -> None:
    path = write_geojson([({"id": "x1"}, shapely.box(105.0, 21.0, 105.5, 21.5))])
    with pytest.raises(DataError, match="name_property"):
        load_boundary_file(path)


def test_file_in_metres_without_a_declared_system_is_refused(
    write_geojson: Callable[..., Path],
) -> None:
    path = write_geojson(
        [({"ten_tinh": "Phú Thọ"}, shapely.box(500_000, 2_300_000, 550_000, 2_350_000))]
    )
    with pytest.raises(DataError, match="EPSG:4326"):
        load_boundary_file(path)


def test_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="Cannot read"):
        load_boundary_file(path)


def test_slivers_between_old_provinces_are_filled_but_lakes_kept(
    write_geojson: Callable[..., Path],
) -> None:
    """A 0.0001° gap between two old provinces is a sliver; a 0.1° hole is real."""
    west = shapely.box(105.0, 21.0, 105.5, 21.5)
    east_with_gap = shapely.Polygon(
        [
            (105.5, 21.0),
            (106.0, 21.0),
            (106.0, 21.5),
            (105.5, 21.5),
            (105.5, 21.3),
            (105.5001, 21.3),
            (105.5001, 21.2),
            (105.5, 21.2),
        ]
    )
    lake = shapely.box(105.7, 21.2, 105.8, 21.3)
    path = write_geojson(
        [
            ({"ten_tinh": "Phú Thọ"}, west),
            ({"ten_tinh": "Vĩnh Phúc"}, east_with_gap.difference(lake)),
            ({"ten_tinh": "Thái Nguyên"}, shapely.box(106.0, 21.5, 106.5, 22.0)),
            ({"ten_tinh": "Bắc Ninh"}, shapely.box(106.0, 21.0, 106.5, 21.5)),
            ({"ten_tinh": "Hà Nội"}, shapely.box(105.5, 20.5, 106.0, 21.0)),
        ]
    )
    phu_tho = load_boundary_file(path)["phu-tho"]
    assert phu_tho.geom_type == "Polygon"
    assert [shapely.equals(shapely.Polygon(r), lake) for r in phu_tho.interiors] == [True]


# --- the stored form ---------------------------------------------------------------------------


def test_geojson_round_trip_keeps_codes_names_and_shapes() -> None:
    boundaries = {
        code: shapely.box(105.0 + i, 21.0, 105.5 + i, 21.5) for i, code in enumerate(ALL_PROVINCES)
    }
    collection = boundaries_to_geojson(boundaries, approximate=False, source="test boxes")
    props = [f["properties"] for f in collection["features"]]
    assert [p["code"] for p in props] == list(ALL_PROVINCES)
    assert props[0] == {
        "code": "phu-tho",
        "name_vi": "Phú Thọ",
        "name_en": "Phú Thọ",
        "approximate": False,
        "source": "test boxes",
    }
    back = {
        f["properties"]["code"]: shapely.from_geojson(json.dumps(f["geometry"]))
        for f in json.loads(json.dumps(collection))["features"]
    }
    assert all(shapely.equals(back[c], boundaries[c]) for c in ALL_PROVINCES)
