from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tourroute.core.domain import OpeningHours, TimeWindow
from tourroute.core.errors import DataError
from tourroute.core.hours import (
    DAY_CODES,
    canonical_opening_hours,
    format_opening_hours,
    parse_opening_hours,
)

WHOLE_DAY = (TimeWindow(0, 1440),)


def w(open_hhmm: str, close_hhmm: str) -> TimeWindow:
    def minutes(text: str) -> int:
        hours, mins = text.split(":")
        return int(hours) * 60 + int(mins)

    return TimeWindow(minutes(open_hhmm), minutes(close_hhmm))


def test_every_day_same_window() -> None:
    hours = parse_opening_hours("Mo-Su 07:00-17:30")
    assert hours.known
    assert hours.weekly == ((w("07:00", "17:30"),),) * 7
    assert hours.text == "Mo-Su 07:00-17:30"


def test_later_rule_overrides_and_monday_closed() -> None:
    hours = parse_opening_hours("Mo-Su 08:00-11:30,13:30-17:00; Mo off")
    assert hours.weekly[0] == ()
    assert hours.weekly[1:] == ((w("08:00", "11:30"), w("13:30", "17:00")),) * 6


def test_days_no_rule_names_are_closed() -> None:
    hours = parse_opening_hours("Tu-Su 08:00-17:00")
    assert hours.weekly[0] == ()
    assert all(day == (w("08:00", "17:00"),) for day in hours.weekly[1:])


def test_lists_and_wrapping_ranges() -> None:
    hours = parse_opening_hours("Sa,Su 06:00-18:00; Fr-Mo 09:00-10:00")
    assert [bool(day) for day in hours.weekly] == [True, False, False, False, True, True, True]
    assert hours.weekly[5] == (w("09:00", "10:00"),)


def test_windows_sorted_and_merged() -> None:
    hours = parse_opening_hours("Mo 13:00-17:00,08:00-12:00,11:00-12:30,17:00-18:00")
    assert hours.weekly[0] == (w("08:00", "12:30"), w("13:00", "18:00"))


def test_unknown_is_open_all_day_but_flagged() -> None:
    hours = parse_opening_hours("unknown")
    assert not hours.known
    assert hours.weekly == (WHOLE_DAY,) * 7


def test_always_open() -> None:
    hours = parse_opening_hours(" 24/7 ")
    assert hours.known
    assert hours.weekly == (WHOLE_DAY,) * 7
    assert parse_opening_hours("Mo-Su 00:00-24:00").weekly == hours.weekly


@pytest.mark.parametrize(
    ("text", "bad_token", "column"),
    [
        ("Mon-Su 07:00-17:30", "'Mon'", 1),
        ("Mo-Su 7:00-17:30", "'7:00'", 7),
        ("Mo-Su 07:00-25:00", "'25:00'", 13),
        ("Mo-Su 07:60-17:00", "'07:60'", 7),
        ("Mo-Su 24:00-24:00", "'24:00'", 7),
        ("Mo-Su 17:00-07:00", "'07:00'", 13),
        ("Mo-Su 07:00", "end of text", 12),
        ("Mo-Su", "end of text", 6),
        ("", "end of text", 1),
        ("Mo-Su 07:00-17:30;", "end of text", 19),
        ("Mo-Su 07:00-17:30 Tu off", "'Tu'", 19),
        ("Mo-Su 07:00-17:30; closed", "'closed'", 20),
        ("Mo–Su 07:00-17:30", "'–'", 3),
        ("Mo-Su 07:00-17:30|Tu off", "'|'", 18),
        ("Mo- 07:00-17:30", "'07:00'", 5),
    ],
)
def test_errors_name_token_and_column(text: str, bad_token: str, column: int) -> None:
    with pytest.raises(DataError, match=f"{bad_token} at column {column}") as caught:
        parse_opening_hours(text)
    assert caught.value.field == "opening_hours"


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("Mo-Su 07:00-17:30", "Thứ Hai–Chủ Nhật 07:00–17:30", "Mon–Sun 07:00–17:30"),
        (
            "Tu-Su 08:00-11:30,13:30-17:00; Mo off",
            "Thứ Hai đóng cửa; Thứ Ba–Chủ Nhật 08:00–11:30, 13:30–17:00",
            "Mon closed; Tue–Sun 08:00–11:30, 13:30–17:00",
        ),
        (
            "Mo-Fr 08:00-17:00; Sa 08:00-12:00",
            "Thứ Hai–Thứ Sáu 08:00–17:00; Thứ Bảy 08:00–12:00; Chủ Nhật đóng cửa",
            "Mon–Fri 08:00–17:00; Sat 08:00–12:00; Sun closed",
        ),
        ("24/7", "Mở cửa cả ngày, mọi ngày trong tuần", "Open 24 hours, every day"),
        ("unknown", "Chưa rõ giờ mở cửa", "Opening hours unknown"),
        ("Mo-Su off", "Thứ Hai–Chủ Nhật đóng cửa", "Mon–Sun closed"),
    ],
)
def test_format_for_people(text: str, vi: str, en: str) -> None:
    hours = parse_opening_hours(text)
    assert format_opening_hours(hours, "vi") == vi
    assert format_opening_hours(hours, "en") == en


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Tu-Su 08:00-11:30,13:30-17:00; Mo off", "Mo off; Tu-Su 08:00-11:30,13:30-17:00"),
        ("Sa,Su 06:00-18:00;Mo-Fr   08:00-17:00", "Mo-Fr 08:00-17:00; Sa-Su 06:00-18:00"),
        ("Mo-Su 00:00-24:00", "24/7"),
        ("unknown", "unknown"),
    ],
)
def test_canonical_spelling(text: str, canonical: str) -> None:
    assert canonical_opening_hours(parse_opening_hours(text)) == canonical


# --- property-based: valid rule sets, and garbage -------------------------------------------


@st.composite
def day_spec(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A day code or range, with the days it names (Monday = 0)."""
    first = draw(st.integers(0, 6))
    if draw(st.booleans()):
        return DAY_CODES[first], [first]
    last = draw(st.integers(0, 6))
    days = [(first + n) % 7 for n in range((last - first) % 7 + 1)]
    return f"{DAY_CODES[first]}-{DAY_CODES[last]}", days


@st.composite
def window_spec(draw: st.DrawFn) -> tuple[int, int]:
    open_min = draw(st.integers(0, 1439))
    return open_min, draw(st.integers(open_min + 1, 1440))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def rule_set(draw: st.DrawFn) -> tuple[str, list[set[int]]]:
    """A valid notation and, minute by minute, when it says each day is open."""
    open_minutes: list[set[int]] = [set() for _ in range(7)]
    rules = []
    for _ in range(draw(st.integers(1, 4))):
        specs = draw(st.lists(day_spec(), min_size=1, max_size=3))
        windows = draw(st.lists(window_spec(), max_size=3))
        times = ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in windows) or "off"
        rules.append(f"{','.join(text for text, _ in specs)} {times}")
        minutes = {m for a, b in windows for m in range(a, b)}
        for _, days in specs:
            for day in days:
                open_minutes[day] = minutes
    return "; ".join(rules), open_minutes


def _open_minutes(hours: OpeningHours) -> list[set[int]]:
    return [{m for win in day for m in range(win.open_min, win.close_min)} for day in hours.weekly]


@given(rule_set())
def test_parse_means_what_the_rules_say(case: tuple[str, list[set[int]]]) -> None:
    text, expected = case
    hours = parse_opening_hours(text)
    assert hours.known
    assert _open_minutes(hours) == expected
    for day in hours.weekly:
        for before, after in pairwise(day):
            assert before.close_min < after.open_min  # sorted, apart, not even touching


@given(rule_set())
def test_canonical_text_parses_back_to_the_same_hours(case: tuple[str, list[set[int]]]) -> None:
    hours = parse_opening_hours(case[0])
    canonical = canonical_opening_hours(hours)
    again = parse_opening_hours(canonical)
    assert (again.weekly, again.known) == (hours.weekly, hours.known)
    assert canonical_opening_hours(again) == canonical
    for lang in ("vi", "en"):
        assert format_opening_hours(again, lang) == format_opening_hours(hours, lang)


_GRAMMAR_PIECES = st.sampled_from(
    [*DAY_CODES, "off", "-", ",", ";", " ", "; ", "08:00", "24:00", "7:5", "99:99", "x", "24/7"]
)


@given(st.one_of(st.text(), st.lists(_GRAMMAR_PIECES, max_size=12).map("".join)))
def test_garbage_raises_only_data_error(text: str) -> None:
    try:
        hours = parse_opening_hours(text)
    except DataError:
        return
    assert len(hours.weekly) == 7
    assert parse_opening_hours(canonical_opening_hours(hours)).weekly == hours.weekly
