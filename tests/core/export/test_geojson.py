import json

import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.export.geojson import itinerary_to_geojson
from tourroute.core.programme import day_points, itinerary_programme


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_feature_collection_of_stops_and_day_lines(lang: str) -> None:
    doc = json.loads(itinerary_to_geojson(ITINERARY, lang=lang))
    assert doc["type"] == "FeatureCollection"
    stops = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
    assert [f["properties"]["slug"] for f in stops] == [
        "den-hung",
        "dinh-hung-lo",
        "tan-cuong",
        "hostile-tea",
        "chua-but-thap",
    ]
    assert [f["properties"]["day"] for f in lines] == [1, 2]
    assert stops[0]["geometry"]["coordinates"] == [105.3219, 21.3675]  # lon, lat
    assert stops[0]["properties"]["name"] == ITINERARY.days[0].stops[0].place.name(lang)
    assert stops[1]["properties"]["arrive"] == "13:20"
    assert lines[1]["properties"]["drive_km"] == 190.2
    assert lines[0]["geometry"]["coordinates"] == [
        [round(lon, 5), round(lat, 5)] for lat, lon in day_points(itinerary_programme(ITINERARY)[0])
    ]


def test_text_survives_json_encoding() -> None:
    data = itinerary_to_geojson(ITINERARY, lang="vi")
    assert "Đền Hùng".encode() in data  # UTF-8, not \\u escapes
    names = [f["properties"].get("name") for f in json.loads(data)["features"]]
    assert HOSTILE_NAME in names
