"""The review map and the picker read without tiles: the province outline is drawn as a vector,
the published point and the draft's point are both on the map."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CURATOR_EMAIL, CURATOR_PASSWORD, HOSTILE_SLUG, Traffic

pytestmark = pytest.mark.browser


def _log_in(page: object) -> None:
    page.goto("/login")
    page.fill("#f-email", CURATOR_EMAIL)
    page.fill("#f-password", CURATOR_PASSWORD)
    page.click("main form button[type=submit]")


def test_review_map_shows_both_points_over_the_outline(page: object, traffic: Traffic) -> None:
    _log_in(page)
    page.goto(f"/en/curate/places/{HOSTILE_SLUG}/edit")
    page.wait_for_selector("#picker path.tr-boundary-bac-ninh", state="attached", timeout=10_000)
    page.fill("#f-lat", "21.1300")
    page.fill("#f-lon", "106.2400")
    page.click("form.form button[type=submit]:has-text('Save draft')")
    page.wait_for_url("**/curate/drafts/*", timeout=10_000)
    page.wait_for_selector("#review-map .leaflet-container", timeout=10_000)
    assert page.locator("#review-map path.tr-boundary-bac-ninh").count() == 1
    assert page.locator("#review-map .tr-pin.tr-old").count() == 1
    assert page.locator("#review-map .tr-pin.tr-new").count() == 1
    old = page.locator("#review-map .tr-pin.tr-old").bounding_box()
    new = page.locator("#review-map .tr-pin.tr-new").bounding_box()
    assert old and new and (old["x"], old["y"]) != (new["x"], new["y"])
    box = page.locator("#review-map").bounding_box()
    assert box and box["height"] > 200
    assert traffic.tiles, "tiles were asked for and refused: the map had to read without them"
    assert traffic.foreign == []
    assert traffic.console_errors == [] and traffic.dialogs == []
