"""Maps from plain values: layers, markers, colours, escaping and assets, checked on the output."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys

import pytest

from tests.core.export.sample_itinerary import make_place
from tourroute import mapview
from tourroute.core.domain import DayPlan, Itinerary, Leg, Stop, Totals, TripRequest

TILES = mapview.TileSpec(
    url="https://tiles.example.org/{z}/{x}/{y}.png",
    attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OSM</a>',
    max_zoom=18,
)
ALLOWED_URLS = {TILES.url, "https://www.openstreetmap.org/copyright"}
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`; alert(1); `",
    "\\`; alert(1); //",
    "</script><script>alert(1)</script>",
    "\"' onmouseover=alert(1) x='",
]
HOSTILE = " ".join(PAYLOADS)

START = make_place(
    "ha-noi-gate", name_vi="Hà Nội", name_en="Hanoi", kind="gateway", lat=21.03, lon=105.85
)
TEMPLE = make_place("temple", name_vi="Đền Thử", name_en="Test Temple", lat=21.37, lon=105.32)
HOSTILE_PLACE = make_place("hostile", name_vi=HOSTILE, name_en=HOSTILE, lat=21.33, lon=105.40)
NIGHT = make_place(
    "night", name_vi="Nhà nghỉ", name_en="Inn", kind="lodging", lat=21.32, lon=105.40
)
TEA = make_place("tea", name_vi="Đồi chè", name_en="Tea hill", kind="tea", lat=21.53, lon=105.76)
ROAD_BEND = (21.2001, 105.6002)


def _stop(place, arrive: int, depart: int, path=()) -> Stop:
    return Stop(place, arrive, arrive, depart, Leg(minutes=30, km=20, path=path))


TRIP = Itinerary(
    request=TripRequest(start_date=dt.date(2026, 4, 25), days=2),
    days=(
        DayPlan(
            date=dt.date(2026, 4, 25),
            origin=START,
            stops=(
                _stop(
                    TEMPLE, 9 * 60 + 35, 12 * 60 + 5, ((21.03, 105.85), ROAD_BEND, (21.37, 105.32))
                ),
                _stop(HOSTILE_PLACE, 13 * 60, 14 * 60),
            ),
            lodging=NIGHT,
            final_leg=Leg(minutes=10, km=3),
            arrive_lodging_min=15 * 60,
        ),
        DayPlan(
            date=dt.date(2026, 4, 26),
            origin=NIGHT,
            stops=(_stop(TEA, 10 * 60, 11 * 60),),
            lodging=START,
            final_leg=Leg(minutes=90, km=80),
            arrive_lodging_min=13 * 60,
        ),
    ),
    totals=Totals(score=1.0, drive_min=200, drive_km=150, visit_min=240),
)

BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": code, "name_vi": vi, "name_en": en, "approximate": True},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[lon, lat], [lon + 0.3, lat], [lon + 0.3, lat + 0.3], [lon, lat]]],
            },
        }
        for code, vi, en, lat, lon in [
            ("phu-tho", "Phú Thọ", "Phu Tho", 21.2, 105.2),
            ("thai-nguyen", "Thái Nguyên", "Thai Nguyen", 21.5, 105.7),
            ("bac-ninh", "Bắc Ninh", "Bac Ninh", 21.1, 106.0),
            ("ha-noi", "Hà Nội", "Hanoi", 20.9, 105.7),
        ]
    ],
}


@pytest.fixture(autouse=True)
def local_assets() -> None:
    mapview.use_local_assets(leaflet_url="/assets/l", markercluster_url="/assets/mc")


def _parts(m, nonce: str = "n0nce") -> mapview.MapParts:
    return mapview.render_parts(m, nonce=nonce)


def _readable(script: str) -> str:
    """The script with JSON's ``\\uXXXX`` escapes decoded, to look for words in it."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), script)


def _all_maps() -> dict[str, mapview.MapParts]:
    return {
        "trip": _parts(mapview.trip_map(TRIP, lang="en", tiles=TILES)),
        "catalogue": _parts(
            mapview.catalogue_map(
                [TEMPLE, HOSTILE_PLACE, TEA],
                BOUNDARIES,
                lang="vi",
                tiles=TILES,
                place_url=lambda slug: f"/places/{slug}",
                filter_form_id="map-filter",
            )
        ),
        "place": _parts(
            mapview.place_map(
                TEMPLE,
                [(HOSTILE_PLACE, 12.34), (TEA, 30.0)],
                lang="en",
                tiles=TILES,
                place_url=lambda slug: f"/en/places/{slug}",
                measure="straight_km",
            )
        ),
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_map_text_leaves_nothing_active_and_reads_back_the_same(payload: str) -> None:
    safe = mapview.map_text(payload)
    assert not set(safe) & set("<>\"'`$\\")
    assert html.unescape(safe) == payload


@pytest.mark.parametrize("kind", ["trip", "catalogue", "place"])
def test_hostile_names_never_reach_the_script_raw(kind: str) -> None:
    parts = _all_maps()[kind]
    everything = parts.header + parts.body + parts.script
    for payload in PAYLOADS:
        assert payload not in everything
    for fragment in ("<img", "${alert", "</script", "onerror=alert(1)>"):
        assert fragment not in parts.script
    # The escaped name is there, directly (template literals) or as JSON (popups, data rows).
    assert mapview.map_text(HOSTILE) in _readable(parts.script)


@pytest.mark.parametrize("kind", ["trip", "catalogue", "place"])
def test_no_url_but_the_tiles_and_their_attribution_leaves_the_site(kind: str) -> None:
    parts = _all_maps()[kind]
    text = (parts.header + parts.body + parts.script).replace("\\u0026", "&")
    urls = set(re.findall(r"https?://[^\s\"'<>\\]+", text))
    assert urls <= ALLOWED_URLS
    assert TILES.url in urls
    for asset in re.findall(r'(?:src|href)="([^"]+)"', parts.header):
        assert asset.startswith("/assets/")
    assert "jquery" not in text.lower() and "bootstrap" not in text.lower()
    assert "AwesomeMarkers" not in text


def test_parts_carry_the_nonce_and_no_page_wide_styles() -> None:
    parts = _all_maps()["catalogue"]
    tags = re.findall(r"<(script|style)\b[^>]*>", parts.header)
    assert tags, "the header links Leaflet"
    assert all('nonce="n0nce"' in tag for tag in re.findall(r"<script\b[^>]*>", parts.header))
    assert "html, body" not in parts.header and "user-scalable" not in parts.header
    assert re.fullmatch(r'\s*<div class="folium-map" id="map_[0-9a-f]+" ></div>\s*', parts.body)
    assert re.search(r'<script nonce="n0nce" src="/assets/l/leaflet.js"></script>', parts.header)
    assert 'href="/assets/mc/MarkerCluster.Default.css"' in parts.header


def test_tile_layer_has_the_configured_url_attribution_and_max_zoom() -> None:
    script = _all_maps()["trip"].script
    assert f'L.tileLayer(\n                "{TILES.url}"' in script
    assert '"maxZoom": 18' in script


def test_trip_map_numbers_stops_in_order_and_colours_them_by_day() -> None:
    script = _all_maps()["trip"].script
    pins = re.findall(
        r'"html": "\\u003cspan\\u003e(\d*)\\u003c/span\\u003e",[^}]*"className": "tr-pin ([^"]+)"',
        script,
    )
    assert sorted(pins) == [
        ("", "tr-gateway"),  # Hà Nội: start and end, one marker
        ("", "tr-lodging"),
        ("1", "tr-stop tr-day-0"),
        ("2", "tr-stop tr-day-0"),
        ("3", "tr-stop tr-day-1"),
    ]
    assert script.count("L.featureGroup(") == 2
    assert script.count("L.polyline(") == 2


def test_trip_lines_follow_the_road_path() -> None:
    script = _all_maps()["trip"].script
    day_one = re.search(r"L\.polyline\(\s*(\[\[.*?\]\]),", script, re.DOTALL)
    assert day_one is not None
    points = [tuple(p) for p in json.loads(day_one.group(1))]
    # The same line as the exports draw (tourroute.core.programme.day_points): joints once.
    assert points == [
        (START.lat, START.lon),
        ROAD_BEND,
        (TEMPLE.lat, TEMPLE.lon),
        (HOSTILE_PLACE.lat, HOSTILE_PLACE.lon),  # no path: a straight line
        (NIGHT.lat, NIGHT.lon),
    ]
    assert '"className": "tr-line tr-day-0"' in script
    assert '"className": "tr-line tr-day-1"' in script


@pytest.mark.parametrize(
    ("lang", "times", "layer", "end"),
    [
        ("en", "09:35–12:05", "Day 1 · Saturday, 25/04/2026", "End: "),
        ("vi", "09:35–12:05", "Ngày 1 · Thứ Bảy, 25/04/2026", "Kết thúc: "),
    ],
)
def test_trip_popups_layers_and_legend_speak_the_page_language(
    lang: str, times: str, layer: str, end: str
) -> None:
    script = _parts(mapview.trip_map(TRIP, lang=lang, tiles=TILES)).script
    decoded = _readable(script)
    assert times in decoded
    assert layer in decoded
    assert end in decoded
    assert "L.control.layers(" in script and f'"{layer}"' in decoded
    assert '"tr-day-1"' in script and "tr-legend" in script


def test_trip_map_fits_the_whole_trip() -> None:
    script = _all_maps()["trip"].script
    bounds = json.loads(re.search(r"fitBounds\(\s*(\[\[.*?\]\])", script, re.DOTALL).group(1))
    assert bounds == [[21.03, 105.32], [21.53, 105.85]]


def test_catalogue_map_clusters_every_place_and_draws_three_provinces() -> None:
    script = _all_maps()["catalogue"].script
    data = json.loads(re.search(r"var data = (\[.*?\]);\n", script, re.DOTALL).group(1))
    assert [row[3] for row in data] == ["heritage", "heritage", "tea"]
    assert data[0][5] == "/places/temple"
    assert "L.markerClusterGroup(" in script
    collection = json.loads(re.search(r"_add\((\{.*?\})\);", script, re.DOTALL).group(1))
    assert [f["properties"]["code"] for f in collection["features"]] == [
        "phu-tho",
        "thai-nguyen",
        "bac-ninh",
    ]
    labels = re.findall(r'"html": "([^"]*)",[^}]*"className": "tr-province-label"', script)
    assert [json.loads(f'"{label}"') for label in labels] == ["Phú Thọ", "Thái Nguyên", "Bắc Ninh"]
    assert 'document.getElementById("map-filter")' in script


def test_place_map_says_how_far_each_neighbour_is() -> None:
    straight = _all_maps()["place"].script
    assert "· 12.3 km" in straight and "/en/places/tea" in straight
    by_road = _parts(
        mapview.place_map(
            TEMPLE, [(TEA, 25.4)], lang="vi", tiles=TILES, place_url=lambda s: f"/places/{s}"
        )
    ).script
    assert "· 25 phút" in _readable(by_road)
    assert "tr-here" in by_road


def test_a_single_point_map_does_not_zoom_to_a_degenerate_box() -> None:
    script = _parts(
        mapview.place_map(TEMPLE, [], lang="vi", tiles=TILES, place_url=lambda s: s)
    ).script
    assert "fitBounds" not in script
    assert f"center: [{TEMPLE.lat}, {TEMPLE.lon}]" in script


def test_mapview_does_not_need_flask() -> None:
    code = "import sys, tourroute.mapview; print('flask' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
