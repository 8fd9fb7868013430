"""The travellers' pages in a real browser: festivals, header suggestions."""

from __future__ import annotations

import math
import re

import pytest

from tests.browser.conftest import CURATOR_EMAIL, CURATOR_PASSWORD, Traffic

pytestmark = pytest.mark.browser


def assert_clean(traffic: Traffic, *, refused: bool = False) -> None:
    """No foreign request and no console error, but the refusal (409) a test asked for."""
    assert traffic.foreign == [], "requests left 127.0.0.1"
    expected = "the server responded with a status of 409"
    errors = [e for e in traffic.console_errors if not (refused and expected in e)]
    assert errors == [], "console errors or CSP violations"


def test_header_search_suggests_places_and_still_submits(page, traffic: Traffic) -> None:
    page.goto("/en/places")
    page.fill("#site-q", "quan ho")
    page.wait_for_selector("#site-suggest a.suggestion")
    first = page.locator("#site-suggest a.suggestion").first
    assert "Quan họ" in first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r".*/en/places/[a-z0-9-]+$"))
    page.fill("#site-q", "xoan")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r".*/en/search\?q=xoan$"))
    assert page.locator("main a[href^='/en/places/']").count() >= 4
    assert_clean(traffic)


def test_festival_calendar_filters_by_month_and_plans_a_trip(page, traffic: Traffic) -> None:
    page.goto("/en/festivals?year=2024")
    assert page.locator("li.festival").count() >= 10
    page.select_option("#f-month", "4")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*month=4"))
    starts = page.eval_on_selector_all("li.festival", "els => els.map(e => e.dataset.start)")
    assert starts and starts == sorted(starts)
    gio_to = page.locator("li.festival[data-slug='gio-to-hung-vuong']")
    assert "10/3 lunar" in gio_to.inner_text()
    gio_to.locator("a.plan-festival").click()
    page.wait_for_url(re.compile(r".*/en/plan\?.*"))
    assert page.input_value("#start_date") == "2024-04-18"
    assert page.input_value("#include") == "den-hung"
    assert page.is_checked("#festivals")
    assert_clean(traffic)


def _plan_one_day(page) -> str:
    """Plan a short trip through the API, as the builder would, and return its page's path."""
    response = page.request.post(
        "/api/v1/itineraries",
        data={"start_date": "2026-04-24", "days": 1, "start": "ha-noi", "seed": 1, "lang": "en"},
    )
    assert response.status == 201
    return "/en" + response.json()["links"]["page"]


def test_an_opened_trip_reloads_offline_with_timeline_and_markers(
    browser, live_server: str
) -> None:
    # Playwright bypasses service workers while it intercepts requests, so this context only
    # watches them; the tile server is unreachable from the test machine anyway.
    context = browser.new_context(base_url=live_server, service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        path = _plan_one_day(page)
        page.goto(path)
        page.wait_for_selector(".tr-stop")
        stops = page.locator("li.tl-stop:not(.tl-continued)").count()  # a group's parts: one pin
        assert stops >= 1
        # The page asks its worker to keep it, its files and downloads, and says when it has.
        page.wait_for_selector("#offline-status", state="visible", timeout=60_000)
        context.set_offline(True)
        page.reload()
        page.wait_for_selector(".tr-stop")
        assert page.locator("li.tl-stop:not(.tl-continued)").count() == stops
        assert page.locator(".tr-stop").count() == stops
        pdf = page.evaluate(
            """async () => {
                const link = document.querySelector("ul.exports a[href*='/export/pdf']");
                const response = await fetch(link.getAttribute("href"));
                return [response.status, (await response.arrayBuffer()).byteLength];
            }"""
        )
        assert pdf[0] == 200 and pdf[1] > 1000
        assert errors == []
    finally:
        context.set_offline(False)
        context.close()


def test_my_trips_lists_opened_trips_from_this_browser_and_removes_them(
    page, traffic: Traffic
) -> None:
    path = _plan_one_day(page)
    page.goto(path)
    page.wait_for_selector(".tr-stop")
    trip_id = path.rsplit("/", 1)[1]
    page.goto("/en/trips")
    item = page.locator(f"#my-trips li[data-id='{trip_id}']")
    item.wait_for()
    assert item.locator("a").get_attribute("href") == path
    item.locator("button.remove-trip").click()
    assert page.locator(f"#my-trips li[data-id='{trip_id}']").count() == 0
    page.reload()
    assert page.locator(f"#my-trips li[data-id='{trip_id}']").count() == 0
    assert_clean(traffic)


def _day_stops(page, day: int) -> list[str]:
    return page.locator(f".edit-day[data-day='{day}'] li[data-slug]").evaluate_all(
        "els => els.map(e => e.dataset.slug)"
    )


def test_editing_a_trip_in_the_browser(page, traffic: Traffic) -> None:
    path = _plan_one_day(page)
    page.goto(path + "#edit")
    before = _day_stops(page, 0)
    assert before
    # Too far for the day: refused with the reason, the trip unchanged.
    page.fill("#add-0", "atk-cho-don")
    page.press("#add-0", "Enter")
    page.wait_for_selector("#edit-errors")
    assert "Day 1: " in page.locator("#edit-errors").inner_text()
    assert _day_stops(page, 0) == before
    # Moving the last stop one earlier is re-timed and saved as a new trip.
    if len(before) > 1:
        page.locator(f".edit-day[data-day='0'] li[data-slug='{before[-1]}'] button.edit-up").click()
        page.wait_for_url(re.compile(r".*/en/trips/[0-9a-f]{32}$"))
        assert page.evaluate("location.pathname") != path
        assert (
            _day_stops(page, 0) == [*before[:-2], before[-1], before[-2]]
            or page.locator("#edit-errors").count()
        )
    # Adding through the suggestions picks the slug and sends the form.
    page.locator("#add-0").press_sequentially("xoan an thai", delay=20)
    page.locator("#add-0-results .suggestion").first.wait_for()
    page.locator("#add-0-results .suggestion").first.click()
    page.wait_for_load_state()
    page.wait_for_selector(".edit-day[data-day='0']")
    assert "xoan-an-thai" in _day_stops(page, 0) or page.locator("#edit-errors").count()
    assert_clean(traffic, refused=True)


CENTRES = """sel => [...document.querySelectorAll(sel)].map(e => {
    const r = e.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2, r.width];
})"""


def _apart(centres: list[list[float]]) -> bool:
    return all(
        math.dist(a[:2], b[:2]) >= min(a[2], b[2]) - 1
        for i, a in enumerate(centres)
        for b in centres[i + 1 :]
    )


def test_pins_at_one_point_are_spread_on_place_and_trip_maps(page, traffic: Traffic) -> None:
    # Four Xoan places share one commune point: on the place map none hides another.
    page.goto("/en/places/xoan-phu-duc")
    page.wait_for_selector(".tr-here")
    markers = page.evaluate(CENTRES, ".leaflet-marker-icon")
    assert len(markers) >= 4 and _apart(markers)
    # A trip through three of them: the guilds are one site group, so one numbered pin for
    # them; no pin hides another, outlines drawn.
    response = page.request.post(
        "/api/v1/itineraries",
        data={
            "start_date": "2026-04-24",
            "days": 1,
            "start": "ha-noi",
            "include": ["xoan-phu-duc", "xoan-thet", "xoan-kim-dai"],
            "lang": "en",
        },
    )
    assert response.status == 201
    page.goto("/en" + response.json()["links"]["page"])
    page.wait_for_selector(".tr-stop")
    page.locator(".tr-stop").first.click()  # open a popup: the map stays usable
    stops = page.evaluate(CENTRES, ".leaflet-marker-icon.tr-stop")
    assert len(stops) >= 1 and _apart(stops)
    guilds = page.locator(".tl-stop", has_text="Phù Đức")
    assert guilds.count() >= 1 and "Thét" in guilds.first.inner_text()
    assert page.locator("path.tr-boundary").count() == 3
    box = page.locator(".map-frame .leaflet-container").bounding_box()
    for x, y, size in page.evaluate(CENTRES, ".leaflet-marker-icon.tr-pin"):
        assert box["x"] + size / 2 <= x <= box["x"] + box["width"] - size / 2
        assert box["y"] + size / 2 <= y <= box["y"] + box["height"] - size / 2
    assert_clean(traffic)


def test_curation_picker_shows_the_province_outlines(page, traffic: Traffic) -> None:
    page.goto("/login")
    page.fill("#f-email", CURATOR_EMAIL)
    page.fill("#f-password", CURATOR_PASSWORD)
    page.click("main form button[type=submit]")
    page.goto("/curate/places/new")
    page.wait_for_selector("#picker path.tr-boundary")
    # The picker draws the chosen province's outline (all three before one is chosen).
    drawn = page.eval_on_selector_all(
        "#picker path.tr-boundary", "paths => paths.map(p => p.getAttribute('class'))"
    )
    region = ("phu-tho", "thai-nguyen", "bac-ninh")
    assert drawn and all(any(f"tr-boundary-{c}" in k for c in region) for k in drawn)
    assert_clean(traffic)
