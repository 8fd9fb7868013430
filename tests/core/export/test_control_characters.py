import dataclasses
import io
import xml.etree.ElementTree as ET

import gpxpy
import openpyxl

from tests.core.export.sample_itinerary import DEN_HUNG, ITINERARY
from tourroute.core.domain import Itinerary
from tourroute.core.export.gpx import itinerary_to_gpx
from tourroute.core.export.kml import itinerary_to_kml
from tourroute.core.export.tabular import itinerary_to_xlsx


def with_bell_in_a_name() -> Itinerary:
    place = dataclasses.replace(DEN_HUNG, name_en="Hùng\x07 Kings\x00 Temple")
    day = ITINERARY.days[0]
    stop = dataclasses.replace(day.stops[0], place=place)
    first = dataclasses.replace(day, stops=(stop, *day.stops[1:]))
    return dataclasses.replace(ITINERARY, days=(first, *ITINERARY.days[1:]))


def test_control_characters_are_dropped_so_xml_formats_stay_readable() -> None:
    it = with_bell_in_a_name()
    gpx = gpxpy.parse(itinerary_to_gpx(it, lang="en").decode("utf-8"))
    assert gpx.waypoints[0].name == "Hùng Kings Temple"
    kml = ET.fromstring(itinerary_to_kml(it, lang="en"))
    assert "1. Hùng Kings Temple" in [e.text for e in kml.iter() if e.tag.endswith("name")]
    sheet = openpyxl.load_workbook(io.BytesIO(itinerary_to_xlsx(it, lang="en"))).worksheets[0]
    assert "Hùng Kings Temple" in [c.value for c in sheet["F"]]
