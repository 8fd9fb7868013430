"""The festival calendar page and its iCalendar feed, on the seeded festivals."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
from flask.testing import FlaskClient


def _starts(page: str) -> list[str]:
    return re.findall(r'class="festival" data-slug="[^"]+" data-start="([0-9-]+)"', page)


def test_year_in_date_order_with_lunar_dates_places_and_duration(client: FlaskClient) -> None:
    page = client.get("/en/festivals?year=2024").text
    starts = _starts(page)
    assert len(starts) >= 10 and starts == sorted(starts)
    assert all(s.startswith("2024-") for s in starts)
    gio_to = page[page.index('data-slug="gio-to-hung-vuong"') :]
    gio_to = gio_to[: gio_to.index("</li>")]
    # Published: Giỗ Tổ (10/3 lunar) fell on Thursday 18 April 2024.
    assert 'datetime="2024-04-18"' in gio_to and "10/3 lunar" in gio_to
    assert 'href="/en/places/den-hung"' in gio_to and "1 day" in gio_to
    assert "Weekdays this year" in gio_to


def test_vietnamese_page_and_navigation_link(client: FlaskClient) -> None:
    page = client.get("/festivals?year=2024").text
    assert "Lịch lễ hội 2024" in page and "13/1 âm lịch" in page  # Hội Lim
    assert 'href="/festivals"' in client.get("/").text
    assert 'href="/en/festivals"' in client.get("/en/").text


def test_month_filter_keeps_festivals_touching_that_month(client: FlaskClient) -> None:
    starts = _starts(client.get("/en/festivals?year=2024&month=2").text)
    assert starts and all(s.startswith("2024-02") or s.startswith("2024-01") for s in starts)
    everything = _starts(client.get("/en/festivals?year=2024").text)
    assert set(starts) < set(everything)


def test_weekend_festival_gets_the_crowd_warning(client: FlaskClient) -> None:
    # Giỗ Tổ 2026 is 10/3 lunar = Sunday 26 April 2026.
    page = client.get("/en/festivals?year=2026&month=4").text
    gio_to = page[page.index('data-slug="gio-to-hung-vuong"') :]
    gio_to = gio_to[: gio_to.index("</li>")]
    assert 'datetime="2026-04-26"' in gio_to and "Falls on a weekend" in gio_to


def test_plan_link_prefills_the_trip_builder(client: FlaskClient) -> None:
    page = client.get("/en/festivals?year=2024&month=4").text
    link = re.search(r'href="(/en/plan\?[^"]*den-hung[^"]*)"', page)
    assert link is not None
    builder = client.get(link.group(1).replace("&amp;", "&")).text
    assert 'value="2024-04-18"' in builder
    assert re.search(r'id="include"[^>]*value="den-hung"', builder)
    festivals_box = re.search(r'<input[^>]*id="festivals"[^>]*>', builder)
    assert festivals_box is not None and "checked" in festivals_box.group(0)


def test_bad_year_or_month_is_a_clear_400(client: FlaskClient) -> None:
    bad_year = client.get("/en/festivals?year=1700")
    assert bad_year.status_code == 400 and "year" in bad_year.text
    bad_month = client.get("/festivals?month=13")
    assert bad_month.status_code == 400 and "month" in bad_month.text
    assert client.get("/festivals/1700.ics").status_code == 404


def test_ics_feed_reads_back_with_icalendar(client: FlaskClient) -> None:
    response = client.get("/en/festivals/2024.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    gio_to = events["gio-to-hung-vuong-2024-04-18@tourroute"]
    assert gio_to.decoded("dtstart") == dt.date(2024, 4, 18)
    assert gio_to.decoded("dtend") == dt.date(2024, 4, 19)
    assert "Hùng" in str(gio_to["summary"]) and "Hùng" in str(gio_to["location"])
    page_count = len(_starts(client.get("/en/festivals?year=2024").text))
    assert len(events) == page_count
    vi = icalendar.Calendar.from_ical(client.get("/festivals/2024.ics").data)
    names = {str(e["summary"]) for e in vi.walk("VEVENT")}
    assert "Hội Lim" in names
