"""Counting planned trips: weeks, themes, stages, provinces, places and what was left out;
and the server-drawn chart, whose labels cannot inject markup."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from tourroute.core.charts import bar_chart_svg
from tourroute.core.insights import TripRecord, Visit, all_tables, iso_week

MON = dt.date(2026, 11, 23)
TRIPS = [
    TripRecord(
        MON,
        "joint",
        (Visit("den-hung", "phu-tho", "dat-to"), Visit("tan-cuong", "thai-nguyen", "tra-xanh")),
        (("hoi-lim", "closed_that_day"),),
    ),
    TripRecord(
        MON + dt.timedelta(days=2),
        "joint",
        (Visit("den-hung", "phu-tho", "dat-to"),),
        (("hoi-lim", "closed_that_day"), ("tan-cuong", "day_too_long")),
    ),
    TripRecord(MON + dt.timedelta(days=7), None, (Visit("chua-dau", "bac-ninh", None),)),
]


def test_tables_count_what_the_trips_hold() -> None:
    weeks, themes, stages, provinces, places, left = all_tables(TRIPS, [MON, MON])
    assert weeks.rows == (("2026-W48", 2, 2), ("2026-W49", 1, 0))
    assert themes.rows == (("joint", 2), ("", 1))
    assert stages.rows == (("joint", "dat-to", 2), ("joint", "tra-xanh", 1))
    assert provinces.rows == (("phu-tho", 2), ("bac-ninh", 1), ("thai-nguyen", 1))
    assert places.rows[0] == ("den-hung", 2)
    assert left.rows == (("hoi-lim", "closed_that_day", 2), ("tan-cuong", "day_too_long", 1))


def test_iso_weeks_cross_the_new_year() -> None:
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"


def test_chart_is_valid_svg_with_escaped_labels() -> None:
    svg = bar_chart_svg([("<script>x</script>", 3), ("Đền Hùng & co", 1)], title='a "b"')
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "<script>" not in svg
    bars = [e for e in root.iter() if e.tag.endswith("rect")]
    assert float(bars[0].get("width")) > float(bars[1].get("width"))
    texts = [e.text for e in root.iter() if e.tag.endswith("text")]
    assert "<script>x</script>" in texts and "Đền Hùng & co" in texts
    assert bar_chart_svg([], title="empty").startswith("<svg")
