from tests.core.export.sample_itinerary import ITINERARY
from tourroute.core.export.text import itinerary_to_text


def test_text_lists_days_in_order_with_lunch_in_its_place() -> None:
    text = itinerary_to_text(ITINERARY, lang="en")
    lines = text.splitlines()
    assert lines[0].startswith("Day 1 — Saturday, 25/04/2026")
    day1 = lines[: lines.index("")]
    order = [
        next(i for i, line in enumerate(day1) if needle in line)
        for needle in ("08:00", "09:35–12:05", "Lunch", "13:30–15:00", "Night: Việt Trì city")
    ]
    assert order == sorted(order), day1
    assert "95 minutes · 88.3 km · Expressway CT.05, National Road 2" in text
    assert "End: Hanoi (Hoàn Kiếm Lake)" in text
    # The reason is said in words, with the day and its date, never as a code.
    assert "day_too_long" not in text
    assert (
        "No day had enough time left. On day 2 (Sun 26/04) the day would end after 18:00." in text
    )


def test_text_in_vietnamese() -> None:
    text = itinerary_to_text(ITINERARY, lang="vi")
    assert text.startswith("Ngày 1 — Thứ Bảy, 25/04/2026")
    assert "Ăn trưa" in text and "Nghỉ đêm: TP Việt Trì" in text
    assert "95 phút · 88.3 km · Cao tốc CT.05, Quốc lộ 2" in text
    assert "Vào ngày 2 (Thứ 7 26/04)" not in text  # 26/04/2026 is a Sunday
    assert "Vào ngày 2 (CN 26/04), ngày đi sẽ kết thúc sau 18:00." in text
