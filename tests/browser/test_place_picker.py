"""The curation form's map picker: Leaflet served by us, clicks fill the coordinate fields."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CURATOR_EMAIL, CURATOR_PASSWORD, Traffic

pytestmark = pytest.mark.browser


def test_clicking_the_picker_sets_latitude_and_longitude(page: object, traffic: Traffic) -> None:
    page.goto("/login")
    page.fill("#f-email", CURATOR_EMAIL)
    page.fill("#f-password", CURATOR_PASSWORD)
    page.click("main form button[type=submit]")
    page.goto("/curate/places/new")
    page.wait_for_selector("#picker.leaflet-container", timeout=10_000)
    assert page.evaluate("typeof window.L") == "object"
    assert page.is_visible("#picker")
    page.click("#picker", position={"x": 160, "y": 160})
    page.wait_for_function("document.getElementById('f-lat').value !== ''", timeout=5_000)
    lat = float(page.input_value("#f-lat"))
    lon = float(page.input_value("#f-lon"))
    assert 20.0 < lat < 23.0 and 104.0 < lon < 107.5
    assert traffic.foreign == []
    assert traffic.console_errors == [] and traffic.dialogs == []
