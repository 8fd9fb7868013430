"""Reading an OSM extract and matching its named objects to catalogue places."""

from pathlib import Path

import pytest

from tests.osm_extracts import write_extract
from tourroute.core.errors import DataError
from tourroute.core.osm_extract import OsmFeature, read_osm_features
from tourroute.core.osm_match import (
    PART_OF_NAME,
    SAME_NAME,
    CataloguePlace,
    match_features,
    name_agreement,
    name_keys,
)

DEN_HUNG = CataloguePlace(
    "den-hung", ("Khu di tích lịch sử Đền Hùng", "Hùng Kings' Temple"), 21.37, 105.32
)
CHUA_DAU = CataloguePlace("chua-dau", ("Chùa Dâu (Diên Ứng tự)", "Dâu Pagoda"), 21.04, 106.05)


@pytest.mark.parametrize("suffix", [".osm", ".osm.pbf"])
def test_nodes_and_closed_ways_are_read_with_one_point(tmp_path: Path, suffix: str) -> None:
    path = write_extract(
        tmp_path / f"x{suffix}",
        nodes=[({"name": "Đền Hùng", "opening_hours": "Mo-Su 07:00-18:00"}, 21.368, 105.322)],
        ways=[({"name": "Chùa Dâu"}, [(21.0, 106.0), (21.0, 106.002), (21.002, 106.002)])],
    )
    features = {f.osm_id: f for f in read_osm_features(path)}
    assert set(features) == {"node/1", "way/1"}
    assert features["node/1"].names == ("Đền Hùng",)
    way = features["way/1"]
    assert way.lat == pytest.approx(21.000667, abs=1e-5)
    assert way.lon == pytest.approx(106.001333, abs=1e-5)


def test_an_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"not an extract")
    with pytest.raises(DataError, match=r"bad\.osm\.pbf"):
        read_osm_features(bad)


def test_names_agree_by_folded_whole_words_only() -> None:
    ours = name_keys(DEN_HUNG.names)
    assert name_agreement(ours, name_keys(["Den Hung"])) == PART_OF_NAME
    assert name_agreement(name_keys(CHUA_DAU.names), name_keys(["Diên Ứng Tự"])) == PART_OF_NAME
    assert name_agreement(name_keys(["Chùa Dâu"]), name_keys(["Chua Dau"])) == SAME_NAME
    assert name_agreement(ours, name_keys(["Đền"])) is None  # one word never matches a part
    assert name_agreement(ours, name_keys(["Đền Hùng Vương Mới"])) is None


def test_a_qualifier_in_brackets_is_not_the_same_name() -> None:
    lower = CataloguePlace("den-ha", ("Đền Hạ (Đền Hùng)",), 21.37, 105.32)
    feature = OsmFeature("way/1", ("Đền Hùng",), 21.368, 105.322)
    report = match_features([DEN_HUNG, lower], [feature])
    assert report["matched"] == []
    assert [c["osm_id"] for c in report["ambiguous"][0]["candidates"]] == ["way/1"]


def test_the_same_name_beats_a_name_held_in_a_longer_one() -> None:
    lake = CataloguePlace("ho-dai-lai", ("Hồ Đại Lải",), 21.325, 105.715)
    resorts = CataloguePlace("dai-lai-resorts", ("Khu nghỉ dưỡng ven hồ Đại Lải",), 21.35, 105.74)
    feature = OsmFeature("node/1", ("Hồ Đại Lải",), 21.326, 105.715)
    report = match_features([lake, resorts], [feature])
    assert [m["slug"] for m in report["matched"]] == ["ho-dai-lai"]
    assert report["ambiguous"] == []


def test_matched_ambiguous_and_unmatched(tmp_path: Path) -> None:
    path = write_extract(
        tmp_path / "x.osm.pbf",
        nodes=[
            (
                {"name": "Đền Hùng", "website": "https://denhung.example", "tourism": "x"},
                21.368,
                105.322,
            ),
            ({"name": "Chùa Dâu"}, 21.037, 106.055),
            ({"name:vi": "Chùa Dâu", "contact:phone": "+84 1"}, 21.045, 106.06),
            ({"name": "Đền Hùng"}, 22.5, 105.32),  # named alike, but 125 km away
            ({"name": "Quán cà phê"}, 21.37, 105.32),
        ],
    )
    report = match_features([DEN_HUNG, CHUA_DAU], read_osm_features(path))
    assert report["matched"] == [
        {
            "slug": "den-hung",
            "lat": 21.368,
            "lon": 105.322,
            "osm_id": "node/1",
            "distance_km": pytest.approx(0.30, abs=0.01),
            "tags": {"website": "https://denhung.example"},
        }
    ]
    (ambiguous,) = report["ambiguous"]
    assert ambiguous["slug"] == "chua-dau"
    assert [c["osm_id"] for c in ambiguous["candidates"]] == ["node/2", "node/3"]
    assert ambiguous["candidates"][1]["tags"] == {"phone": "+84 1"}
    assert report["unmatched"] == 2
