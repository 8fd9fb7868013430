"""What the planner says by code, worded in each language from the catalogues."""

from __future__ import annotations

import pytest

from tests.core.export.sample_itinerary import make_place
from tourroute.core.domain import Change, Note
from tourroute.core.errors import InfeasibleError
from tourroute.core.reasons import change_label, change_text, note_text, refusal_text
from tourroute.core.words import words

TEMPLE = make_place("den-hung", name_vi="Đền Hùng", name_en="Hùng Kings' Temple")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Ngày 2: Lễ hội Đền Hùng tại Đền Hùng"),
        ("en", "Day 2: Hùng Kings' Temple Festival at Hùng Kings' Temple — expect crowds"),
    ],
)
def test_a_festival_note_names_the_day_festival_and_place(lang: str, expected: str) -> None:
    note = Note(
        "festival_crowds",
        day=1,
        place=TEMPLE,
        label=("Lễ hội Đền Hùng", "Hùng Kings' Temple Festival"),
    )
    text = note_text(note, words(lang), trip_days=3, arrive_by_min=7 * 60 + 30)
    assert text.startswith(expected) and "07:30" in text


def test_changes_and_refusals_read_in_vietnamese_without_english() -> None:
    w = words("vi")
    change = Change(TEMPLE, "removed", "asked", day=0)
    assert (change_label(change, w), change_text(change, w)) == ("Đã bỏ", "theo yêu cầu của bạn")
    error = InfeasibleError("x", place=("Đền Hùng", "Hùng Kings' Temple"), reason="driving_limit")
    text = refusal_text(error, w)
    assert text is not None and text.startswith("Đền Hùng không thể giữ trong chuyến đi này")
    assert "Too much" not in text and "Hùng Kings'" not in text
    assert refusal_text(InfeasibleError("x"), w) is None
