"""The map and search pages in a real browser, offline but for (refused) tiles, under the CSP."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, HOSTILE_NAME, HOSTILE_SLUG, Traffic, open_page

pytestmark = pytest.mark.browser

#: folium names its JavaScript variables ``map_<hex>``, ``fast_marker_cluster_<hex>``.
FIND = """prefix => window[Object.keys(window).find(k => k.startsWith(prefix))]"""
SHOW_PLACE = """slug => {
    const find = prefix => window[Object.keys(window).find(k => k.startsWith(prefix))];
    window.cluster = find("fast_marker_cluster_");
    window.target = cluster.getLayers().find(
        m => m.getPopup().getContent().includes("/places/" + slug + '"'));
    const map = find("map_");
    map.setView(target.getLatLng(), map.getMaxZoom(), {animate: false});
}"""
#: Places sharing a coordinate stay clustered at every zoom: spread them until ours shows.
TARGET_SHOWN = """() => {
    if (target._icon && !cluster._inZoomAnimation) { return true; }
    const parent = cluster.getVisibleParent(target);
    if (parent && parent !== target) { parent.spiderfy(); }
    return false;
}"""


def show_place(page, slug: str) -> None:
    """Zoom until the place's marker is out of its cluster, and give its icon ``id="target"``."""
    page.evaluate(SHOW_PLACE, slug)
    page.wait_for_function(TARGET_SHOWN)
    page.wait_for_timeout(300)  # a spiderfied marker slides into place
    page.evaluate("() => { window.target._icon.id = 'target'; }")


def assert_clean(traffic: Traffic) -> None:
    assert traffic.foreign == [], "requests left 127.0.0.1"
    assert traffic.console_errors == []
    assert traffic.dialogs == []


def test_catalogue_map_draws_places_clusters_and_boundaries(page, traffic: Traffic) -> None:
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    assert page.evaluate("typeof window.L") == "object"
    total = page.evaluate(f"({FIND})('fast_marker_cluster_').getLayers().length")
    assert total > 150
    assert page.locator("path.tr-boundary").count() == 3
    labels = page.locator(".tr-province-label").all_inner_texts()
    assert sorted(labels) == ["Bắc Ninh", "Phú Thọ", "Thái Nguyên"]
    assert traffic.tiles, "the tile layer asked for tiles (and was refused)"
    assert all(u.startswith("https://tile.openstreetmap.org/") for u in traffic.tiles)
    assert_clean(traffic)


def test_filter_hides_unticked_kinds(page, traffic: Traffic) -> None:
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    count = f"({FIND})('fast_marker_cluster_').getLayers().length"
    everything = page.evaluate(count)
    for kind in page.locator("#map-filter input[name=kind]").all():
        if kind.get_attribute("value") != "tea":
            kind.uncheck()
    tea = page.evaluate(count)
    assert 0 < tea < everything
    page.locator("#map-filter input[name=province][value=thai-nguyen]").uncheck()
    assert page.evaluate(count) < tea
    assert_clean(traffic)


def test_clicking_a_place_opens_its_page(page, traffic: Traffic) -> None:
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    show_place(page, "den-hung")
    page.click("#target")
    link = page.locator(".leaflet-popup-content a.tr-popup-title")
    assert link.inner_text() == "Khu di tích lịch sử Đền Hùng"
    link.click()
    page.wait_for_url("**/places/den-hung")
    assert page.locator("h1").inner_text() == "Khu di tích lịch sử Đền Hùng"
    page.wait_for_selector(".map-frame .tr-here")
    assert page.locator(".map-frame .tr-place").count() > 0, "neighbours on the place map"
    assert_clean(traffic)


def test_hostile_name_stays_text_everywhere(page, traffic: Traffic) -> None:
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    show_place(page, HOSTILE_SLUG)
    page.hover("#target")
    assert page.locator(".leaflet-tooltip").inner_text() == HOSTILE_NAME
    page.click("#target")
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("a.tr-popup-title").inner_text() == HOSTILE_NAME
    assert popup.locator("img").count() == 0
    popup.locator("a.tr-popup-title").click()
    page.wait_for_url(f"**/places/{HOSTILE_SLUG}")
    assert page.locator("h1").inner_text() == HOSTILE_NAME
    page.wait_for_selector(".map-frame .tr-here")
    page.hover(".map-frame .tr-here")
    assert page.locator(".leaflet-tooltip").inner_text() == HOSTILE_NAME
    page.goto("/search?q=onerror")
    assert page.locator(".search-results a").all_inner_texts() == [HOSTILE_NAME]
    assert page.locator("main img").count() == 0
    assert_clean(traffic)


def test_search_ignores_accents_and_case(page, traffic: Traffic) -> None:
    page.goto("/")
    page.fill("#site-q", "Đồi Lim")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=*")
    with_marks = page.locator(".search-results a").all_inner_texts()
    page.fill("#site-q", "doi lim")
    page.click(".site-search button")
    page.wait_for_url("**/search?q=doi+lim")
    assert with_marks and page.locator(".search-results a").all_inner_texts() == with_marks
    assert with_marks[0].startswith("Đồi Lim")
    as_json = page.evaluate(
        """() => fetch("/search?q=chua+dau", {headers: {Accept: "application/json"}})
                 .then(r => r.json())"""
    )
    assert as_json["results"][0]["slug"] == "chua-dau-luy-lau"
    assert_clean(traffic)


def test_language_switch_changes_page_and_popups(page, traffic: Traffic) -> None:
    page.goto("/map")
    page.wait_for_selector(".marker-cluster")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.click("a[hreflang=en]")
    page.wait_for_url("**/en/map")
    page.wait_for_selector(".marker-cluster")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Map of places"
    show_place(page, "den-hung")
    page.click("#target")
    assert page.locator(".leaflet-popup-content a.tr-popup-title").inner_text() == (
        "Hùng Kings' Temple Historic Site"
    )
    href = page.locator(".leaflet-popup-content a.tr-popup-title").get_attribute("href")
    assert href == "/en/places/den-hung"
    assert sorted(page.locator(".tr-province-label").all_inner_texts()) == [
        "Bắc Ninh Province",
        "Phú Thọ Province",
        "Thái Nguyên Province",
    ]
    assert_clean(traffic)


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("desktop", 1366, 900)])
def test_catalogue_map_screenshots(
    browser, live_server: str, traffic: Traffic, name: str, width: int, height: int
) -> None:
    context, page = open_page(browser, live_server, traffic, width=width, height=height)
    try:
        page.goto("/map")
        page.wait_for_selector(".marker-cluster")
        page.wait_for_timeout(400)  # let the cluster animation settle before the picture
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"catalogue-map-{name}.png", full_page=True)
        box = page.locator(".map-frame").bounding_box()
        assert box and box["width"] <= width and box["height"] >= 300
        assert re.fullmatch(r"/map", page.evaluate("location.pathname"))
    finally:
        context.close()
    assert_clean(traffic)


def test_trip_map_layers_legend_and_popups(page, traffic: Traffic) -> None:
    from tests.core.export.sample_itinerary import HOSTILE_NAME as TRIP_HOSTILE

    page.goto("/en/test/trip-map")
    page.wait_for_selector(".tr-stop")
    assert page.locator(".tr-stop").all_inner_texts() == ["1", "2", "3", "4", "5"]
    assert page.locator("path.tr-line").count() == 2
    assert page.locator(".tr-legend-row").all_inner_texts() == [
        "Day 1",
        "Day 2",
        "Overnight area",
        "Gateway",
    ]
    assert (
        page.locator(".tr-pin.tr-gateway").count()
        == page.locator(".tr-pin.tr-lodging").count()
        == 1
    )
    # Stops 3 and 4 overlap at this zoom; the keyboard reaches each marker anyway.
    page.locator(".tr-stop", has_text="4").focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator(".tr-popup-title").inner_text() == TRIP_HOSTILE
    assert "Day 2 · Sunday, 26/04/2026\n11:50–12:50" in popup.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "trip-map-desktop.png")
    page.hover(".leaflet-control-layers")
    page.locator(".leaflet-control-layers-overlays input").first.uncheck()
    assert page.locator(".tr-stop").all_inner_texts() == ["3", "4", "5"]
    assert page.locator("path.tr-line").count() == 1
    assert_clean(traffic)
