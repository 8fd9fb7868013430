"""An agency's day in a real browser: drag stops within and between days, send the proposal,
and the client accepts it through the link."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    AGENCY_EMAIL,
    AGENCY_PASSWORD,
    PACKAGE_TITLE,
    Traffic,
    open_page,
)

pytestmark = pytest.mark.browser


def _log_in(page: object) -> None:
    page.goto("/en/login")
    page.fill("#f-email", AGENCY_EMAIL)
    page.fill("#f-password", AGENCY_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/agency/")


def _open_package(page: object) -> None:
    page.click(f"text={PACKAGE_TITLE}")
    page.wait_for_selector("[data-editor].drag-enabled")


def _stops(page: object) -> list[list[str]]:
    return page.eval_on_selector_all(
        "ol.stops",
        "lists => lists.map(l => [...l.querySelectorAll('li.stop')].map(i => i.dataset.slug))",
    )


def _drag(page: object, source: str, target: str, **position: int) -> None:
    """Drop ``source`` on ``target`` and wait for the re-timed page the form submission loads."""
    with page.expect_navigation():
        page.drag_and_drop(source, target, **({"target_position": position} if position else {}))


def test_dragging_stops_within_and_between_days(page: object, traffic: Traffic) -> None:
    _log_in(page)
    _open_package(page)
    start = _stops(page)
    assert start == [["bao-tang-hung-vuong", "den-hung"]]
    # Within the day: drop the second stop onto the upper half of the first.
    _drag(
        page, 'li.stop[data-slug="den-hung"]', 'li.stop[data-slug="bao-tang-hung-vuong"]', x=20, y=2
    )
    assert _stops(page) == [["den-hung", "bao-tang-hung-vuong"]]
    assert "The programme was re-timed and saved." in page.inner_text("main")
    # Between days: add a day with the plain form, then drag a stop into it.
    with page.expect_navigation():
        page.click("button:has-text('Add a day')")
    assert _stops(page) == [["den-hung", "bao-tang-hung-vuong"], []]
    _drag(page, 'li.stop[data-slug="bao-tang-hung-vuong"]', 'ol.stops[data-day="1"]')
    assert _stops(page) == [["den-hung"], ["bao-tang-hung-vuong"]]
    # The programme shows the new order, timed: day 2 now visits the museum.
    assert "Hùng Vương Museum" in page.inner_text("#editor-day-2")
    assert traffic.foreign == [] and traffic.console_errors == [] and traffic.dialogs == []


def test_a_refused_drag_changes_nothing_and_says_why(page: object, traffic: Traffic) -> None:
    _log_in(page)
    _open_package(page)
    before = _stops(page)
    if len(before) < 2:
        with page.expect_navigation():
            page.click("button:has-text('Add a day')")
        before = _stops(page)
    # A plan with a place twice is refused: submit it through the form the script fills.
    page.eval_on_selector(
        "#order-form",
        "f => { f.querySelector('[data-day-input=\"1\"]').value = 'den-hung'; "
        "f.querySelector('[data-day-input=\"0\"]').value = 'den-hung'; f.submit(); }",
    )
    page.wait_for_selector("#refused")
    assert "is visited twice" in page.inner_text("#refused")
    assert "den-hung" not in page.inner_text("#refused")
    assert _stops(page) == before
    assert traffic.foreign == []
    # The only console line is Chromium noting the 422 answer of the refused edit.
    assert all("422" in error for error in traffic.console_errors)


def test_the_client_accepts_the_proposal(
    browser: object, live_server: str, page: object, traffic: Traffic
) -> None:
    _log_in(page)
    _open_package(page)
    if page.locator("button:has-text('Create a link for the client')").count():
        with page.expect_navigation():
            page.click("button:has-text('Create a link for the client')")
    link = page.inner_text("main a code")
    assert "/p/" in link
    page.goto("/en/agency/")
    assert "Sent to the client" in page.inner_text("main table")
    client_context, client = open_page(browser, live_server, traffic, width=390, height=844)
    try:
        client.goto(link.replace("/en/p/", "/p/"))  # the client reads Vietnamese
        assert "Margin" not in client.inner_text("main") and "Phí dịch vụ" not in client.inner_text(
            "main"
        )
        client.click("button:has-text('Chấp nhận đề xuất')")  # the browser asks for the name first
        assert client.eval_on_selector("#f-name", "e => e.validity.valueMissing")
        client.fill("#f-name", "Nguyễn Thị Lan")
        client.fill("#f-date", "2026-03-02")
        client.fill("#f-note", "Cần xe 16 chỗ <b>ngay</b>")
        with client.expect_navigation():
            client.click("button:has-text('Chấp nhận đề xuất')")
        text = client.inner_text("main")
        assert "công ty lữ hành đã nhận được" in text and "Nguyễn Thị Lan" in text
    finally:
        client_context.close()
    page.goto("/en/agency/")
    row = page.inner_text("main table")
    assert "Accepted · Nguyễn Thị Lan, 2026-03-02" in row
    page.click(f"text={PACKAGE_TITLE}")
    assert "Cần xe 16 chỗ <b>ngay</b>" in page.inner_text("main")  # shown as text, escaped
    assert traffic.foreign == [] and traffic.console_errors == [] and traffic.dialogs == []
