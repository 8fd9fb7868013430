"""Reading and exporting a saved itinerary (built from real places, without the planner)."""

from __future__ import annotations

import io

import gpxpy
import icalendar
import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "gpx": "application/gpx+xml",
    "kml": "application/vnd.google-earth.kml+xml",
    "geojson": "application/geo+json",
    "ics": "text/calendar",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def test_a_saved_trip_reads_back_in_either_language(client: FlaskClient, saved_trip: str) -> None:
    vi = client.get(f"/api/v1/itineraries/{saved_trip}").get_json()
    en = client.get(f"/api/v1/itineraries/{saved_trip}?lang=en").get_json()
    assert vi["id"] == en["id"] == saved_trip
    assert (vi["lang"], en["lang"]) == ("vi", "en")
    stop = vi["days"][0]["stops"][0]
    assert stop["place"]["slug"] == "den-hung"
    assert stop["place"]["name"] == stop["place"]["name_vi"]
    assert en["days"][0]["stops"][0]["place"]["name"] == stop["place"]["name_en"]
    assert vi["links"]["page"] == f"/trips/{saved_trip}"
    assert set(vi["links"]["exports"]) == set(CONTENT_TYPES)
    assert len(saved_trip) == 32


def test_an_unknown_id_is_a_404_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/itineraries/0123456789abcdef0123456789abcdef?lang=en")
    assert response.status_code == 404
    assert "0123456789abcdef" in response.get_json()["detail"]
    export = client.get("/api/v1/itineraries/nope/export/gpx")
    assert export.status_code == 404


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_every_export_streams_with_its_type(client: FlaskClient, saved_trip: str, fmt: str) -> None:
    response = client.get(f"/api/v1/itineraries/{saved_trip}/export/{fmt}?lang=en")
    assert response.status_code == 200
    assert response.mimetype == CONTENT_TYPES[fmt]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.endswith(f'-en.{fmt}"')
    assert len(response.data) > 100


def test_gpx_and_ics_read_back(client: FlaskClient, saved_trip: str) -> None:
    gpx = gpxpy.parse(client.get(f"/api/v1/itineraries/{saved_trip}/export/gpx").data.decode())
    assert any("Đền Hùng" in w.name for w in gpx.waypoints)
    assert gpx.tracks or gpx.routes
    calendar = icalendar.Calendar.from_ical(
        client.get(f"/api/v1/itineraries/{saved_trip}/export/ics?lang=en").data
    )
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("Hùng" in s for s in summaries)
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    assert {s.date().isoformat() for s in starts} == {"2026-04-25"}


def test_xlsx_opens(client: FlaskClient, saved_trip: str) -> None:
    data = client.get(f"/api/v1/itineraries/{saved_trip}/export/xlsx").data
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert any("Đền Hùng" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_an_unknown_format_names_the_field(client: FlaskClient, saved_trip: str) -> None:
    response = client.get(f"/api/v1/itineraries/{saved_trip}/export/docx")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "fmt"
