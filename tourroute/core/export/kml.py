"""KML 2.2 for Google Earth and My Maps: a folder per day with its visits and its road line."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.export.branding import DEFAULT_BRANDING, Branding
from tourroute.core.export.events import event_notes, event_time, event_title
from tourroute.core.export.xmltext import xml_safe
from tourroute.core.programme import VISIT_EVENTS, day_points, itinerary_programme
from tourroute.core.serialize import COORD_DECIMALS
from tourroute.core.words import TOUR_PROGRAMME, words

KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_colour(rgb: tuple[int, int, int], *, alpha: int = 0xFF) -> str:
    # KML writes colours as aabbggrr, the reverse of the usual web order.
    red, green, blue = rgb
    return f"{alpha:02x}{blue:02x}{green:02x}{red:02x}"


def _coords(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(
        f"{round(lon, COORD_DECIMALS)},{round(lat, COORD_DECIMALS)},0" for lat, lon in points
    )


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{KML_NS}}}{tag}")
    if text is not None:
        element.text = xml_safe(text)
    return element


def _styles(document: ET.Element, branding: Branding) -> None:
    colour = _kml_colour(branding.accent_rgb())
    stop_style = _sub(document, "Style")
    stop_style.set("id", "stop")
    icon_style = _sub(stop_style, "IconStyle")
    _sub(icon_style, "color", colour)
    route_style = _sub(document, "Style")
    route_style.set("id", "route")
    line_style = _sub(route_style, "LineStyle")
    _sub(line_style, "color", colour)
    _sub(line_style, "width", "4")


def itinerary_to_kml(it: Itinerary, *, lang: str, branding: Branding | None = None) -> bytes:
    """KML 2.2 bytes (UTF-8); ElementTree escapes every text, so names are safe as they come."""
    w = words(lang)
    branding = branding or DEFAULT_BRANDING
    ET.register_namespace("", KML_NS)
    root = ET.Element(f"{{{KML_NS}}}kml")
    document = _sub(root, "Document")
    _sub(document, "name", f"{w.gettext(TOUR_PROGRAMME)} {it.request.start_date.isoformat()}")
    _sub(document, "description", branding.agency_name)
    _styles(document, branding)
    for day in itinerary_programme(it):
        day_name = w.day(day.number)
        folder = _sub(document, "Folder")
        _sub(folder, "name", f"{day_name} ({day.date.isoformat()})")
        for event in day.of_kind(*VISIT_EVENTS):
            place = event.place
            mark = _sub(folder, "Placemark")
            _sub(mark, "name", event_title(event, w))
            details = [event_time(event), *event_notes(event, w)]
            # Earth renders descriptions as HTML: escape the text for HTML first, then ElementTree
            # escapes the result for XML, so markup in a name shows as text and never runs.
            _sub(mark, "description", "<br/>".join(html.escape(d) for d in details if d))
            _sub(mark, "styleUrl", "#stop")
            timestamp = _sub(mark, "TimeStamp")
            _sub(timestamp, "when", f"{day.date.isoformat()}T{hhmm(event.start_min)}:00+07:00")
            point = _sub(mark, "Point")
            _sub(point, "coordinates", _coords(((place.lat, place.lon),)))
        line_mark = _sub(folder, "Placemark")
        drive = w.gettext("Drive")
        _sub(line_mark, "name", f"{drive} – {day_name}")
        _sub(line_mark, "styleUrl", "#route")
        line = _sub(line_mark, "LineString")
        _sub(line, "tessellate", "1")
        _sub(line, "coordinates", _coords(day_points(day)))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data
