from tests.core.export.sample_itinerary import ITINERARY
from tourroute.core.export.text import itinerary_to_text


def test_text_lists_days_in_order_with_lunch_in_its_place() -> None:
    text = itinerary_to_text(ITINERARY, lang="en")
    lines = text.splitlines()
    assert lines[0].startswith("Day 1 — Saturday, 25/04/2026")
    day1 = lines[: lines.index("")]
    order = [
        next(i for i, line in enumerate(day1) if needle in line)
        for needle in ("09:35–12:05", "12:15  Lunch", "13:30–15:00", "Overnight")
    ]
    assert order == sorted(order), day1
    assert "Drive: 95 min, 88.3 km via CT.05, QL2" in text
    assert "End of the trip" in text
    assert "day_too_long" in text


def test_text_in_vietnamese() -> None:
    text = itinerary_to_text(ITINERARY, lang="vi")
    assert text.startswith("Ngày 1 — Thứ Bảy, 25/04/2026")
    assert "Ăn trưa" in text and "Nghỉ đêm" in text
