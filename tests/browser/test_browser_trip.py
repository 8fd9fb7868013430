"""The trip builder and trip page in a real browser: plan, read, toggle, switch, lock, search."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, Traffic, open_page

pytestmark = pytest.mark.browser

#: Planning runs in the live server; the first plan also computes its travel matrix.
PLAN_TIMEOUT_MS = 120_000


#: Elements that stick out to the right of the viewport, by tag and class.
WIDER_THAN_VIEWPORT = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(e => !e.closest(".leaflet-container"))
    .map(e => e.tagName + "." + e.className)"""


def assert_clean(traffic: Traffic) -> None:
    assert traffic.foreign == [], "requests left 127.0.0.1"
    assert traffic.console_errors == [], "console errors or CSP violations"
    assert traffic.dialogs == []


def plan_flagship(page, *, lang_prefix: str = "/en") -> str:
    """Fill the builder as a traveller would and return the trip page's path."""
    page.goto(f"{lang_prefix}/plan")
    page.select_option("#theme", "dat-to-tra-xanh-quan-ho")
    page.fill("#start_date", "2026-04-24")
    page.fill("#days", "3")
    page.select_option("#start", "ha-noi")
    page.click("form.trip-builder button[type=submit]")
    page.wait_for_url(re.compile(r".*/trips/[0-9a-f]{32}$"), timeout=PLAN_TIMEOUT_MS)
    page.wait_for_selector(".tr-stop")
    return page.evaluate("location.pathname")


def stops_by_day(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll("section.day")].map(
            day => [...day.querySelectorAll("li.tl-stop")].map(li => li.dataset.slug))"""
    )


def test_flagship_trip_from_form_to_map_language_and_lock(page, traffic: Traffic) -> None:
    path = plan_flagship(page)
    days = stops_by_day(page)
    assert len(days) == 3 and all(days)
    assert page.locator("section.day h2").first.inner_text().startswith("Day 1 · Friday")
    assert page.locator("li.tl-lodging").count() == 3
    # Leaflet drew one numbered marker per stop (a site group seen in parts around lunch is one
    # stop, its later part "continued") and one line per day.
    assert page.evaluate("typeof window.L") == "object"
    shown = page.evaluate(
        """() => [...document.querySelectorAll("section.day")].map(day => [
            ...day.querySelectorAll("li.tl-stop strong")].map(
            s => s.textContent.split(".")[0].trim()))"""
    )
    numbers = list(dict.fromkeys(n for day in shown for n in day))
    first_day = len(set(shown[0]))
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert page.locator(".tr-stop").all_inner_texts() == numbers
    assert page.locator("path.tr-line").count() == 3
    # Switching day 1's layer off hides its line and markers.
    page.hover(".leaflet-control-layers")
    page.locator(".leaflet-control-layers-overlays input").first.uncheck()
    assert page.locator("path.tr-line").count() == 2
    assert page.locator(".tr-stop").count() == len(numbers) - first_day
    # The other language: the page and the popups change.
    page.locator(".tr-stop", has_text=re.compile(rf"^{first_day + 1}$")).focus()
    page.keyboard.press("Enter")
    assert "Day 2" in page.locator(".leaflet-popup-content").inner_text()
    page.click("a[hreflang=vi]")
    page.wait_for_url(re.compile(r".*/trips/[0-9a-f]{32}$"))
    assert page.evaluate("location.pathname") == path.removeprefix("/en")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("section.day h2").first.inner_text().startswith("Ngày 1")
    page.locator(".tr-stop", has_text=re.compile(r"^1$")).focus()
    page.keyboard.press("Enter")
    assert "Ngày 1" in page.locator(".leaflet-popup-content").inner_text()
    # Lock the last stop of day 2 and re-plan: a new trip, the place still on day 2.
    locked = days[1][-1]
    stop = page.locator(f'li.tl-stop[data-slug="{locked}"]')
    stop.locator("form:has(input[value=lock]) button").click()
    page.wait_for_url(
        lambda url: not url.endswith(path.removeprefix("/en")), timeout=PLAN_TIMEOUT_MS
    )
    page.wait_for_selector(".tr-stop")
    assert locked in stops_by_day(page)[1]
    assert page.locator(f'li.tl-stop[data-slug="{locked}"] .flag-locked').count() == 1
    assert_clean(traffic)


def test_search_as_you_type_adds_a_must_include(page, traffic: Traffic) -> None:
    page.goto("/en/plan")
    assert page.locator("#include-suggest").is_visible()
    page.fill("#include", "tan-cuong")
    page.locator("#include-search").press_sequentially("den hung", delay=30)
    suggestion = page.locator('.suggestion[data-slug="den-hung"]')
    suggestion.wait_for()
    assert "Hùng Kings' Temple" in suggestion.inner_text()
    suggestion.click()
    assert page.input_value("#include") == "tan-cuong, den-hung"
    assert page.input_value("#include-search") == ""
    assert any("/search?format=json" in url for url in traffic.requests)
    assert_clean(traffic)


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("desktop", 1366, 900)])
def test_trip_page_screenshots(
    browser, live_server: str, traffic: Traffic, name: str, width: int, height: int
) -> None:
    context, page = open_page(browser, live_server, traffic, width=width, height=height)
    try:
        plan_flagship(page)
        page.wait_for_timeout(400)  # let the map settle before the picture
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"trip-page-{name}.png", full_page=True)
        page.screenshot(path=ARTIFACTS / f"trip-page-{name}-top.png")
        box = page.locator(".map-frame").bounding_box()
        assert box and box["width"] <= width and box["height"] >= 300
        too_wide = page.evaluate(WIDER_THAN_VIEWPORT)
        assert too_wide == [], "the page scrolls sideways"
    finally:
        context.close()
    assert_clean(traffic)


def test_builder_shows_errors_beside_fields_on_a_phone(
    browser, live_server: str, traffic: Traffic
) -> None:
    context, page = open_page(browser, live_server, traffic, width=390, height=844)
    try:
        page.goto("/plan")
        page.fill("#days", "9")
        page.fill("#include", "zzqqxx")
        page.click("form.trip-builder button[type=submit]")
        page.wait_for_selector(".field-error")
        assert page.locator("#err-days").inner_text() == "Chọn từ 1 đến 7 ngày."
        assert page.input_value("#days") == "9"
        assert "zzqqxx" in page.locator("#err-include").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "plan-form-phone.png", full_page=True)
        assert page.evaluate(WIDER_THAN_VIEWPORT) == []
    finally:
        context.close()
    # Chromium logs the page's own 422 status as an error; nothing else may appear.
    refused = "the server responded with a status of 422"
    assert len([e for e in traffic.console_errors if refused in e]) == 1
    traffic.console_errors = [e for e in traffic.console_errors if refused not in e]
    assert_clean(traffic)
