import html
import xml.etree.ElementTree as ET

import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.export.branding import Branding
from tourroute.core.export.kml import itinerary_to_kml
from tourroute.core.programme import day_points, itinerary_programme

NS = {"k": "http://www.opengis.net/kml/2.2"}


def parse(lang: str, branding: Branding | None = None) -> ET.Element:
    return ET.fromstring(itinerary_to_kml(ITINERARY, lang=lang, branding=branding))


def test_kml_2_2_document_with_a_folder_per_day() -> None:
    root = parse("en")
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    folders = root.findall("k:Document/k:Folder", NS)
    assert [f.findtext("k:name", namespaces=NS) for f in folders] == [
        "Day 1 (2026-04-25)",
        "Day 2 (2026-04-26)",
    ]
    # Styles are defined once in the Document and every placemark points at one of them.
    styles = {s.get("id") for s in root.findall("k:Document/k:Style", NS)}
    for mark in root.iter("{http://www.opengis.net/kml/2.2}Placemark"):
        assert mark.findtext("k:styleUrl", namespaces=NS).lstrip("#") in styles


@pytest.mark.parametrize(
    ("lang", "first"),
    [("vi", "1. Khu di tích lịch sử Đền Hùng"), ("en", "1. Hùng Kings Temple historic site")],
)
def test_stop_placemarks_in_order_with_lon_lat(lang: str, first: str) -> None:
    folder = parse(lang).findall("k:Document/k:Folder", NS)[0]
    points = [m for m in folder.findall("k:Placemark", NS) if m.find("k:Point", NS) is not None]
    assert points[0].findtext("k:name", namespaces=NS) == first
    coords = points[0].findtext("k:Point/k:coordinates", namespaces=NS)
    assert coords == "105.3219,21.3675,0"  # KML is longitude first
    assert points[0].findtext("k:TimeStamp/k:when", namespaces=NS) == "2026-04-25T09:35:00+07:00"


def test_each_day_has_its_line_string() -> None:
    for folder, day in zip(
        parse("vi").findall("k:Document/k:Folder", NS), itinerary_programme(ITINERARY), strict=True
    ):
        text = folder.findtext("k:Placemark/k:LineString/k:coordinates", namespaces=NS)
        pairs = [tuple(map(float, c.split(",")[:2])) for c in text.split()]
        assert pairs == [(round(lon, 5), round(lat, 5)) for lat, lon in day_points(day)]


def test_accent_colour_is_written_in_kml_order() -> None:
    root = parse("en", Branding("X", accent_hex="#112233"))
    route = next(s for s in root.findall("k:Document/k:Style", NS) if s.get("id") == "route")
    assert route.findtext("k:LineStyle/k:color", namespaces=NS) == "ff332211"


def test_hostile_text_is_escaped_twice_for_the_html_description() -> None:
    data = itinerary_to_kml(ITINERARY, lang="en")
    assert b"<script>" not in data and b"<b>" not in data
    folder = ET.fromstring(data).findall("k:Document/k:Folder", NS)[1]
    marks = folder.findall("k:Placemark", NS)
    assert marks[1].findtext("k:name", namespaces=NS) == f"4. {HOSTILE_NAME}"  # across the trip
    description = marks[1].findtext("k:description", namespaces=NS)
    # After XML parsing the description is still HTML-escaped, so a viewer shows it as text.
    assert "&lt;b&gt;bold&lt;/b&gt;" in description
    assert html.unescape(description).endswith('=HYPERLINK("http://evil") & <b>bold</b>')
