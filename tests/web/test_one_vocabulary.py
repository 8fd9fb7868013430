"""One vocabulary: every page and every export of the flagship trip, in both languages.

The trip is planned as a visitor plans it, saved as an agency package in each language and
shared; then each page and each file is read back with its own parser. None may show a slug of
the catalogue or a raw code (a left-out reason, a detail sentence, a kind), and the Vietnamese
ones no English word either.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import gpxpy
import icalendar
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from tests.web.conftest import sign_in
from tests.web.test_trip_pages import FLAGSHIP
from tourroute.core import reasons, words
from tourroute.core.export.text import itinerary_to_text
from tourroute.core.programme import EVENT_KINDS
from tourroute.extensions import db
from tourroute.models import User

#: Codes that must never reach a reader: reasons, detail sentences, kinds, event kinds (those
#: that are plain English words are caught, in Vietnamese, as English words).
CODES = sorted(
    code
    for code in {*words.REASON_NAMES, *reasons.SENTENCES, *words.KIND_NAMES, *EVENT_KINDS}
    if "_" in code
)
#: English words that have no business in a Vietnamese page or document.
ENGLISH = re.compile(
    r"\b(the|and|of|would|could|Drive|Lunch|Visit|Leave|Night|End|Day|minutes?|min|via|road|"
    r"bridge|unknown|Price|Group|Total|Page|stage|closed|Overnight|Arrive|Depart|Start|festival|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
)


class _Visible(HTMLParser):
    """The text a reader sees: text nodes outside script and style, plus the map's popups."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.scripts: list[str] = []
        self._hidden = ("script", "style")
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._hidden:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            self.parts.append(data)
        elif self._open[-1] == "script":
            self.scripts.append(data)


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def page_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    script = "\n".join(parser.scripts)
    popups = [json.loads(m) for m in re.findall(r"\.bindPopup\((\".*?\")\);", script)]
    tooltips = re.findall(r"\.bindTooltip\(\s*`(.*?)`", script, re.S)
    return "\n".join([*parser.parts, *map(_strip_tags, popups + tooltips)])


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        if isinstance(cell, str)
    )  # fmt: skip


def ics_text(data: bytes) -> str:
    calendar = icalendar.Calendar.from_ical(data)
    fields = ("summary", "description", "location")
    parts = [str(e[f]) for e in calendar.walk("VEVENT") for f in fields if f in e]
    parts += [str(c) for e in calendar.walk("VEVENT") for c in e["categories"].cats]
    return "\n".join(parts)


def gpx_text(data: bytes) -> str:
    gpx = gpxpy.parse(data.decode("utf-8"))
    parts = [gpx.name or ""] + [t.name or "" for t in gpx.tracks]
    parts += [f"{w.name}\n{w.description}\n{w.type}" for w in gpx.waypoints]
    return "\n".join(parts)


def kml_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return "\n".join(
        _strip_tags(e.text or "") for e in root.iter() if e.tag.endswith(("name", "description"))
    )


def geojson_text(data: bytes) -> str:
    features = json.loads(data)["features"]
    return "\n".join(f["properties"].get("name", "") for f in features)


def csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return "\n".join(cell for row in rows for cell in row)


READERS = {
    "pdf": pdf_text,
    "cost-sheet": pdf_text,
    "xlsx": xlsx_text,
    "csv": csv_text,
    "ics": ics_text,
    "gpx": gpx_text,
    "kml": kml_text,
    "geojson": geojson_text,
}


@pytest.fixture
def flagship(app: Flask, client: FlaskClient) -> dict[str, object]:
    """The flagship trip, planned on the page; a package of it in each language, one shared."""
    from tourroute.services import packages, trips

    response = client.post("/plan", data=FLAGSHIP)
    assert response.status_code == 303
    trip_id = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        agency = User(email="agency@example.org", password_hash="x", role_name="agency")
        db.session.add(agency)
        db.session.flush()
        made = {}
        for lang in ("vi", "en"):
            package = packages.create_from_trip(agency, trip_id, lang=lang)
            assert package is not None
            made[lang] = package.id
        token = packages.share_package(agency, db.session.get(packages.Package, made["vi"]))
        db.session.commit()
        itinerary = trips.load_trip(trip_id).itinerary
        slugs = {p.slug for p in trips.all_places().values()}
        agency_id = agency.id
    assert itinerary.left_out, "the flagship trip should leave something out to explain"
    sign_in(app, client, agency_id)
    return {"trip": trip_id, "packages": made, "token": token, "it": itinerary, "slugs": slugs}


def _faults(text: str, *, lang: str, slugs: set[str]) -> list[str]:
    faults = [
        f"slug {s}" for s in slugs if re.search(rf"(?<![\w/.-]){re.escape(s)}(?![\w-])", text)
    ]
    faults += [f"code {c}" for c in CODES if re.search(rf"\b{re.escape(c)}\b", text)]
    if lang == "vi":
        faults += [f"English {m.group(0)!r} in …{text[max(0, m.start() - 40):m.end() + 20]!r}"
                   for m in ENGLISH.finditer(text)]  # fmt: skip
    return faults


def _renderings(client: FlaskClient, flagship: dict[str, object], lang: str) -> dict[str, str]:
    prefix = "/en" if lang == "en" else ""
    trip, package, token = flagship["trip"], flagship["packages"][lang], flagship["token"]  # type: ignore[index]
    out = {
        "trip page": page_text(client.get(f"{prefix}/trips/{trip}").text),
        "package page": page_text(client.get(f"{prefix}/agency/packages/{package}").text),
        "share page": page_text(client.get(f"{prefix}/p/{token}").text),
        "text": itinerary_to_text(flagship["it"], lang=lang),  # type: ignore[arg-type]
    }
    api = client.get(f"/api/v1/itineraries/{trip}?lang={lang}").get_json()
    out["API left_out"] = "\n".join(item["detail"] for item in api["left_out"])
    for fmt, read in READERS.items():
        if fmt != "cost-sheet":
            response = client.get(f"/api/v1/itineraries/{trip}/export/{fmt}?lang={lang}")
            assert response.status_code == 200, fmt
            out[f"trip {fmt}"] = read(response.data)
        response = client.get(f"/agency/packages/{package}/export/{fmt}")
        assert response.status_code == 200, fmt
        out[f"package {fmt}"] = read(response.data)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_and_export_speaks_one_language_without_codes(
    client: FlaskClient, flagship: dict[str, object], lang: str
) -> None:
    faults = {
        name: found
        for name, text in _renderings(client, flagship, lang).items()
        if (found := _faults(text, lang=lang, slugs=flagship["slugs"]))  # type: ignore[arg-type]
    }
    assert faults == {}, {name: found[:6] for name, found in faults.items()}


def test_every_rendering_shows_the_same_times(
    client: FlaskClient, flagship: dict[str, object]
) -> None:
    from tourroute.core.export.events import event_time
    from tourroute.core.programme import itinerary_programme

    times = [
        event_time(e)
        for day in itinerary_programme(flagship["it"])  # type: ignore[arg-type]
        for e in day.events
        if e.kind in ("leave", "visit", "lunch")
    ]
    renderings = _renderings(client, flagship, "vi")
    for name in ("trip page", "package page", "text", "trip pdf", "package pdf"):
        missing = [t for t in times if t not in renderings[name]]
        assert missing == [], name
