"""The travellers' pages in a real browser: festivals, header suggestions."""

from __future__ import annotations

import re

import pytest
from conftest import Traffic

pytestmark = pytest.mark.browser


def assert_clean(traffic: Traffic) -> None:
    assert traffic.foreign == [], "requests left 127.0.0.1"
    assert traffic.console_errors == [], "console errors or CSP violations"


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
