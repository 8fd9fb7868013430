import datetime as dt
import xml.etree.ElementTree as ET

import gpxpy
import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.export.branding import Branding
from tourroute.core.export.gpx import itinerary_to_gpx
from tourroute.core.programme import day_points, itinerary_programme

GPX_NS = "{http://www.topografix.com/GPX/1/1}"
# wptType's child order from the GPX 1.1 schema (topografix.com/GPX/1/1/gpx.xsd).
WPT_ORDER = [
    "ele",
    "time",
    "magvar",
    "geoidheight",
    "name",
    "cmt",
    "desc",
    "src",
    "link",
    "sym",
    "type",
    "fix",
    "sat",
    "hdop",
    "vdop",
    "pdop",
    "ageofdgpsdata",
    "dgpsid",
    "extensions",
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_waypoints_are_the_visits_with_utc_times(lang: str) -> None:
    gpx = gpxpy.parse(itinerary_to_gpx(ITINERARY, lang=lang).decode("utf-8"))
    stops = [s for d in ITINERARY.days for s in d.stops]
    assert [w.name for w in gpx.waypoints] == [s.place.name(lang) for s in stops]
    first = gpx.waypoints[0]
    assert (first.latitude, first.longitude) == (21.367495, 105.3219)
    # 09:35 in Vietnam is 02:35 UTC.
    assert first.time == dt.datetime(2026, 4, 25, 2, 35, tzinfo=dt.UTC)
    assert "09:35–12:05" in first.description


def test_vietnamese_and_english_names() -> None:
    vi = gpxpy.parse(itinerary_to_gpx(ITINERARY, lang="vi").decode("utf-8"))
    en = gpxpy.parse(itinerary_to_gpx(ITINERARY, lang="en").decode("utf-8"))
    assert vi.waypoints[0].name == "Khu di tích lịch sử Đền Hùng"
    assert en.waypoints[0].name == "Hùng Kings Temple historic site"
    assert vi.tracks[0].name.startswith("Ngày 1")
    assert en.tracks[1].name.startswith("Day 2")


def test_one_track_per_day_following_the_leg_paths() -> None:
    gpx = gpxpy.parse(itinerary_to_gpx(ITINERARY, lang="en").decode("utf-8"))
    assert len(gpx.tracks) == len(ITINERARY.days)
    for track, day, programme in zip(
        gpx.tracks, ITINERARY.days, itinerary_programme(ITINERARY), strict=True
    ):
        points = [(p.latitude, p.longitude) for p in track.segments[0].points]
        assert points == [(round(a, 5), round(b, 5)) for a, b in day_points(programme)]
        # Starts at the day's origin and ends at its lodging.
        assert points[0] == (round(day.origin.lat, 5), round(day.origin.lon, 5))
        assert points[-1] == (round(day.lodging.lat, 5), round(day.lodging.lon, 5))


def test_hostile_name_is_escaped_and_survives_a_round_trip() -> None:
    data = itinerary_to_gpx(ITINERARY, lang="en", branding=Branding("A & B <Tours>"))
    assert b"<script>" not in data
    assert b"&lt;script&gt;" in data
    gpx = gpxpy.parse(data.decode("utf-8"))
    assert HOSTILE_NAME in [w.name for w in gpx.waypoints]
    assert gpx.author_name == "A & B <Tours>"


def test_document_follows_the_gpx_1_1_structure() -> None:
    root = ET.fromstring(itinerary_to_gpx(ITINERARY, lang="vi"))
    assert root.tag == f"{GPX_NS}gpx"
    assert root.get("version") == "1.1" and root.get("creator")
    children = [c.tag.removeprefix(GPX_NS) for c in root]
    # metadata, then every wpt, then every trk, as the schema's sequence demands.
    assert children == ["metadata"] + ["wpt"] * 5 + ["trk"] * 2
    for wpt in root.iter(f"{GPX_NS}wpt"):
        assert -90 <= float(wpt.get("lat", "nan")) <= 90
        assert -180 <= float(wpt.get("lon", "nan")) <= 180
        order = [WPT_ORDER.index(c.tag.removeprefix(GPX_NS)) for c in wpt]
        assert order == sorted(order)
