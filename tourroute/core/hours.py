"""Opening hours: the data files' notation in, weekly windows out, and back to text.

The notation is the small OpenStreetMap-like subset fixed in ``DATA_CONTRACT.md``:

* ``unknown`` — no source gives the hours;
* ``24/7`` — always open;
* rules separated by ``;``, each ``DAYS TIMES`` or ``DAYS off``. DAYS is a ``,`` list of day
  codes (``Mo`` … ``Su``) or ranges (``Mo-Fr``; a range may wrap past Sunday, ``Fr-Mo``);
  TIMES is a ``,`` list of ``HH:MM-HH:MM`` windows, closing at most ``24:00``.

A later rule replaces what earlier rules said for the days it names, and a day no rule names is
closed, as in OpenStreetMap. Within a day, windows are sorted and overlapping or touching
windows merged, so two notations that mean the same hours parse to the same value.

``unknown`` parses to ``known=False`` with every day open around the clock: the planner
intersects that with the traveller's own day (daylight) and tells the user the hours are
unknown, instead of ruling the place out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from babel.dates import get_day_names

from tourroute.core.domain import OpeningHours, TimeWindow, hhmm
from tourroute.core.errors import DataError
from tourroute.core.messages import N_
from tourroute.core.words import words

UNKNOWN = "unknown"
ALWAYS = "24/7"
DAY_CODES: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MINUTES_PER_DAY = 24 * 60

_WHOLE_DAY = (TimeWindow(0, MINUTES_PER_DAY),)
#: How each language names weekdays in a line of hours: "Thứ Hai" in full, "Mon" short.
_DAY_WIDTH: dict[str, Literal["wide", "abbreviated"]] = {"vi": "wide", "en": "abbreviated"}
UNKNOWN_HOURS = N_("Opening hours unknown")
ALWAYS_OPEN = N_("Open 24 hours, every day")
CLOSED = N_("closed")

# Words and numbers are taken whole so that an error names "Mon" or "7:00", not one letter.
_TOKEN = re.compile(
    r"(?P<word>[A-Za-z]+)|(?P<number>\d+(?::\d+)?)|(?P<punct>[-,;])|(?P<space>\s+)|(?P<other>.)",
    re.ASCII,
)
_TIME = re.compile(r"(\d\d):(\d\d)", re.ASCII)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "day", "off", "time", "-", ",", ";" or "end"
    text: str
    column: int  # 1-based, for messages


class HoursError(DataError):
    """An opening-hours text that does not parse; ``token`` and ``column`` say where, so a
    form can say so in its own language (the message is English, for files and logs)."""

    def __init__(self, message: str, *, token: str, column: int) -> None:
        super().__init__(message, field="opening_hours")
        self.token = token
        self.column = column


class _Cursor:
    """Walks the tokens of one notation; every complaint names the token and its column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [*_tokenize(text), _Token("end", "end of text", len(text) + 1)]
        self.index = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self, kind: str, expected: str) -> _Token:
        token = self.peek()
        if token.kind != kind:
            raise self.error(token, f"expected {expected}")
        self.index += 1
        return token

    def error(self, token: _Token, problem: str) -> HoursError:
        shown = token.text if token.kind == "end" else repr(token.text)
        return HoursError(
            f"opening hours {self.text!r}: {problem}, found {shown} at column {token.column}",
            token="" if token.kind == "end" else token.text,
            column=token.column,
        )


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup or "other", match.group()
        column = match.start() + 1
        if kind == "space":
            continue
        if kind == "word" and value in DAY_CODES:
            tokens.append(_Token("day", value, column))
        elif kind == "word" and value == "off":
            tokens.append(_Token("off", value, column))
        elif kind == "number":
            tokens.append(_Token("time", value, column))
        elif kind == "punct":
            tokens.append(_Token(value, value, column))
        else:
            what = "unknown word" if kind == "word" else "unexpected character"
            raise HoursError(
                f"opening hours {text!r}: {what} {value!r} at column {column}; "
                f"use day codes {', '.join(DAY_CODES)}, HH:MM-HH:MM times or 'off'",
                token=value,
                column=column,
            )
    return tokens


def _parse_days(cursor: _Cursor) -> list[int]:
    days: list[int] = []
    while True:
        first = DAY_CODES.index(cursor.take("day", "a day code such as Mo").text)
        last = first
        if cursor.peek().kind == "-":
            cursor.index += 1
            last = DAY_CODES.index(cursor.take("day", "a day code after '-'").text)
        days.extend((first + n) % 7 for n in range((last - first) % 7 + 1))
        if cursor.peek().kind != ",":
            return days
        cursor.index += 1


def _minutes(cursor: _Cursor, token: _Token, *, closing: bool) -> int:
    match = _TIME.fullmatch(token.text)
    if match is None:
        raise cursor.error(token, "expected a time written HH:MM")
    hours, minutes = int(match.group(1)), int(match.group(2))
    value = hours * 60 + minutes
    if minutes > 59 or value > MINUTES_PER_DAY or (value == MINUTES_PER_DAY and not closing):
        raise cursor.error(token, "expected a time from 00:00 to 24:00 (24:00 only to close)")
    return value


def _parse_windows(cursor: _Cursor) -> tuple[TimeWindow, ...]:
    windows: list[TimeWindow] = []
    while True:
        open_token = cursor.take("time", "an opening time HH:MM or 'off'")
        open_min = _minutes(cursor, open_token, closing=False)
        cursor.take("-", "'-' between opening and closing time")
        close_token = cursor.take("time", "a closing time HH:MM")
        close_min = _minutes(cursor, close_token, closing=True)
        if close_min <= open_min:
            raise cursor.error(
                close_token, "expected a closing time after the opening time (no overnight hours)"
            )
        windows.append(TimeWindow(open_min, close_min))
        if cursor.peek().kind != ",":
            return _merged(windows)
        cursor.index += 1


def _merged(windows: list[TimeWindow]) -> tuple[TimeWindow, ...]:
    """Sorted windows with overlapping or touching ones joined."""
    merged: list[TimeWindow] = []
    for window in sorted(windows, key=lambda w: w.open_min):
        if merged and window.open_min <= merged[-1].close_min:
            last = merged.pop()
            window = TimeWindow(last.open_min, max(last.close_min, window.close_min))
        merged.append(window)
    return tuple(merged)


def parse_opening_hours(text: str) -> OpeningHours:
    """Parse the data files' notation; raises DataError naming the bad token and its column."""
    notation = text.strip()
    if notation == UNKNOWN:
        return OpeningHours(weekly=(_WHOLE_DAY,) * 7, known=False, text=text)
    if notation == ALWAYS:
        return OpeningHours(weekly=(_WHOLE_DAY,) * 7, known=True, text=text)
    cursor = _Cursor(text)
    weekly: list[tuple[TimeWindow, ...]] = [()] * 7
    while True:
        days = _parse_days(cursor)
        if cursor.peek().kind == "off":
            cursor.index += 1
            windows: tuple[TimeWindow, ...] = ()
        else:
            windows = _parse_windows(cursor)
        for day in days:
            weekly[day] = windows
        token = cursor.peek()
        if token.kind == "end":
            return OpeningHours(weekly=tuple(weekly), known=True, text=text)
        cursor.take(";", "';' between rules")


def _runs(hours: OpeningHours) -> list[tuple[int, int, tuple[TimeWindow, ...]]]:
    """Consecutive days (Monday first) with the same windows, as (first, last, windows)."""
    runs: list[tuple[int, int, tuple[TimeWindow, ...]]] = []
    for day, windows in enumerate(hours.weekly):
        if runs and runs[-1][2] == windows:
            runs[-1] = (runs[-1][0], day, windows)
        else:
            runs.append((day, day, windows))
    return runs


def canonical_opening_hours(hours: OpeningHours) -> str:
    """The notation for ``hours`` in one standard spelling, e.g. ``Mo off; Tu-Su 08:00-17:00``.

    Parsing the result gives back the same weekly windows, so it can be stored in place of a
    hand-written notation.
    """
    if not hours.known:
        return UNKNOWN
    if all(windows == _WHOLE_DAY for windows in hours.weekly):
        return ALWAYS
    rules = []
    for first, last, windows in _runs(hours):
        days = DAY_CODES[first] if first == last else f"{DAY_CODES[first]}-{DAY_CODES[last]}"
        times = ",".join(f"{hhmm(w.open_min)}-{hhmm(w.close_min)}" for w in windows) or "off"
        rules.append(f"{days} {times}")
    return "; ".join(rules)


def format_opening_hours(hours: OpeningHours, lang: str) -> str:
    """Hours for people to read: ``lang`` "en" gives English, anything else Vietnamese.

    ``Thứ Hai đóng cửa; Thứ Ba–Chủ Nhật 08:00–11:30, 13:30–17:00`` /
    ``Mon closed; Tue–Sun 08:00–11:30, 13:30–17:00``.
    """
    w = words(lang)
    days = get_day_names(_DAY_WIDTH[w.lang], locale=w.lang)
    names = [days[i] for i in range(7)]  # Babel counts from Monday, as DAY_CODES does
    if not hours.known:
        return w.gettext(UNKNOWN_HOURS)
    if all(windows == _WHOLE_DAY for windows in hours.weekly):
        return w.gettext(ALWAYS_OPEN)
    parts = []
    for first, last, windows in _runs(hours):
        span = names[first] if first == last else f"{names[first]}–{names[last]}"
        times = ", ".join(f"{hhmm(s.open_min)}–{hhmm(s.close_min)}" for s in windows)
        parts.append(f"{span} {times or w.gettext(CLOSED)}")
    return "; ".join(parts)
