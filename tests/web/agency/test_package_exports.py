"""Package exports read back with their own parsers: branding, costs and the agency's rates."""

from __future__ import annotations

import dataclasses
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from pypdf import PdfReader

from tourroute.core.costs import estimate_costs, format_money
from tourroute.extensions import db
from tourroute.models import Package
from tourroute.services import agency_profiles, package_exports, packages

XSS = '<script>alert("x")</script>'


@pytest.fixture
def branded(
    client: FlaskClient, login_as: Callable[[str], None], make_package: Callable[..., int]
) -> int:
    """A package of an agency with its own name, rates and a euro display."""
    package_id = make_package(lang="en", title=f"Hùng Kings {XSS}", notes=f"Bring hats {XSS}")
    login_as("agency")
    client.post(
        "/agency/settings/branding",
        data={
            "agency_name": f"Đất Tổ Travel {XSS}",
            "contact": "0210 000",
            "accent_hex": "#aa3300",
        },
    )
    response = client.post(
        "/agency/settings/rates",
        data={
            "guide_per_day": "0",
            "margin_pct": "12,5",  # the decimal comma of the Vietnamese page
            "vehicle_per_day_16": "2.000.000",
            "currency": "EUR",
            "vnd_per_unit": "27500",
        },
    )
    assert response.status_code == 302
    return package_id


def test_costs_use_the_agencys_rates(app: Flask, branded: int, people: dict[str, int]) -> None:
    with app.app_context():
        package = db.session.get(Package, branded)
        itinerary = packages.itinerary_of(package)
        defaults = agency_profiles.default_rates()
        expected = estimate_costs(
            itinerary,
            adults=4,
            children=1,
            rates=dataclasses.replace(
                defaults,
                guide_per_day_vnd=0,
                margin_pct=12.5,
                vehicle_per_day_vnd={**defaults.vehicle_per_day_vnd, 16: 2_000_000},
            ),
        )
        costs = packages.costs_of(package)
        profile = agency_profiles.profile_for_owner(people["agency"])
        assert profile.rates == {
            "guide_per_day": 0,
            "margin_pct": 12.5,
            "vehicle_per_day_16": 2000000,
        }
    assert costs == expected
    assert costs.guide_vnd == 0 and costs.vehicle_seats == 16
    assert costs.margin_vnd == round(costs.subtotal_vnd * 0.125)


def test_rates_are_refused_next_to_the_field(
    client: FlaskClient, login_as: Callable[[str], None], people: dict[str, int], app: Flask
) -> None:
    login_as("agency")
    response = client.post(
        "/en/agency/settings/rates",
        data={"guide_per_day": "-5", "margin_pct": "abc", "currency": "USD", "vnd_per_unit": ""},
    )
    assert response.status_code == 400
    assert 'id="err-guide_per_day">Enter a whole number' in response.text
    assert 'id="err-margin_pct">Enter a percentage' in response.text
    assert 'id="err-vnd_per_unit"' in response.text
    assert 'value="-5"' in response.text
    with app.app_context():
        profile = agency_profiles.profile_for_owner(people["agency"])
        assert profile is None or profile.rates == {}


@pytest.fixture
def post_rate(
    client: FlaskClient, login_as: Callable[[str], None], people: dict[str, int], app: Flask
) -> Callable[[str, str, str], tuple[int, str, float | None]]:
    """Post an exchange rate as the agency: (status, page, the rate stored afterwards)."""
    login_as("agency")

    def post(prefix: str, currency: str, typed: str) -> tuple[int, str, float | None]:
        data = {"currency": currency, "vnd_per_unit": typed}
        response = client.post(f"{prefix}/agency/settings/rates", data=data)
        with app.app_context():
            profile = agency_profiles.profile_for_owner(people["agency"])
            stored = None if profile is None else profile.vnd_per_unit
        return response.status_code, response.text, stored

    return post


@pytest.mark.parametrize(
    ("prefix", "typed"),
    [("", "26.000"), ("/en", "26,000"), ("", "26000"), ("/en", "26000")],
)
def test_the_exchange_rate_is_read_in_the_pages_language(
    client: FlaskClient,
    post_rate: Callable[[str, str, str], tuple[int, str, float | None]],
    prefix: str,
    typed: str,
) -> None:
    assert post_rate(prefix, "USD", typed)[::2] == (302, 26_000)
    settings = client.get(f"{prefix}/agency/settings").text
    assert 'value="26000"' in settings  # shown ungrouped, so it reads back the same


@pytest.mark.parametrize(
    ("prefix", "typed", "message"),
    [
        ("", "26,000", "hãy kiểm tra dấu phân cách hàng nghìn (trong ngôn ngữ này, 26.000)"),
        ("/en", "26.000", "check the thousands separator (in this language, 26,000)"),
        ("/en", "Infinity", "Give the exchange rate"),
    ],
)
def test_an_implausible_exchange_rate_is_refused_at_the_field(
    post_rate: Callable[[str, str, str], tuple[int, str, float | None]],
    prefix: str,
    typed: str,
    message: str,
) -> None:
    status, page, stored = post_rate(prefix, "EUR", typed)
    assert (status, stored) == (400, None)
    assert 'id="err-vnd_per_unit"' in page
    assert message in page


def test_an_accent_colour_by_name_is_refused_at_the_field(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("agency")
    data = {"agency_name": "Đất Tổ Travel", "contact": "", "accent_hex": "green"}
    response = client.post("/en/agency/settings/branding", data=data)
    assert response.status_code == 400
    assert 'id="err-accent_hex"' in response.text
    assert "six hex digits" in response.text


def test_pdf_shows_the_agency_and_the_cost_totals(
    app: Flask, client: FlaskClient, branded: int
) -> None:
    response = client.get(f"/agency/packages/{branded}/export/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    with app.app_context():
        costs = packages.costs_of(db.session.get(Package, branded))
    # User text is plain text in a PDF: printed as written, never interpreted.
    assert f"Đất Tổ Travel {XSS}" in text
    assert f"Hùng Kings {XSS}" in text and f"Bring hats {XSS}" in text
    assert format_money(costs.total_vnd, lang="en") in text
    assert format_money(costs.per_person_vnd, lang="en") in text
    assert format_money(costs.total_vnd, currency="EUR", vnd_per_unit=27500, lang="en") in text
    # The customer's document: the price, never the margin or how the price is built.
    assert "Margin" not in text and "Guide" not in text
    assert format_money(costs.margin_vnd, lang="en") not in text or costs.margin_vnd == 0


def test_internal_cost_sheet_is_the_agencys_own(
    app: Flask, client: FlaskClient, branded: int
) -> None:
    response = client.get(f"/agency/packages/{branded}/export/cost-sheet")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "cost-sheet.pdf" in response.headers["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    with app.app_context():
        costs = packages.costs_of(db.session.get(Package, branded))
    assert "not for the customer" in text and "Margin (12.5%)" in text
    assert format_money(costs.margin_vnd, lang="en") in text
    assert "Internal cost sheet (PDF)" in client.get(f"/en/agency/packages/{branded}").text


def test_xlsx_and_csv_have_the_cost_column(app: Flask, client: FlaskClient, branded: int) -> None:
    book = load_workbook(io.BytesIO(client.get(f"/agency/packages/{branded}/export/xlsx").data))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    column = header.index("Group tickets (VND)")
    with app.app_context():
        costs = packages.costs_of(db.session.get(Package, branded))
    ticket = costs.ticket_for("den-hung")
    assert ticket is not None
    name = ticket.place.name("en")
    den_hung = next(r for r in rows if r[5] == name and str(r[4])[:1].isdigit())
    assert den_hung[column] == ticket.total_vnd  # a number, or an empty cell when unknown
    totals = {r[0]: r[1] for r in book["Costs"].iter_rows(values_only=True)}
    assert totals["Total for the group"] == costs.total_vnd
    csv_text = client.get(f"/agency/packages/{branded}/export/csv").data.decode("utf-8-sig")
    assert "Group tickets (VND)" in csv_text.splitlines()[0]


def test_every_format_is_served_and_parses(app: Flask, client: FlaskClient, branded: int) -> None:
    for fmt, (media_type, _extension) in package_exports.FORMATS.items():
        response = client.get(f"/agency/packages/{branded}/export/{fmt}")
        assert response.status_code == 200, fmt
        assert response.content_type.split(";")[0] == media_type.split(";")[0]
    document = json.loads(client.get(f"/agency/packages/{branded}/export/json").data)
    assert document["id"] == branded and document["document_lang"] == "en"
    assert document["costs"]["guide"] == 0
    # The same worded itinerary as the API's: notes and nights read, not only coded.
    itinerary = document["itinerary"]
    assert all("lodging_reason_text" in day for day in itinerary["days"])
    assert all(note["text"] for note in itinerary["notes"])
    ET.fromstring(client.get(f"/agency/packages/{branded}/export/gpx").data)
    ET.fromstring(client.get(f"/agency/packages/{branded}/export/kml").data)
    geojson = json.loads(client.get(f"/agency/packages/{branded}/export/geojson").data)
    assert geojson["type"] == "FeatureCollection"
    assert b"BEGIN:VCALENDAR" in client.get(f"/agency/packages/{branded}/export/ics").data
    assert client.get(f"/agency/packages/{branded}/export/doc").status_code == 404
