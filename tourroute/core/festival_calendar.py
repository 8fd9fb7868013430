"""The festival calendar a traveller reads: a year's festivals with both calendars' dates.

Festivals are fixed in the lunar calendar but trips are booked in solar dates, so each entry
carries both. The crowd note is derived, never guessed: a festival day that falls on a
weekend or a public holiday draws the most visitors, which is what a traveller needs to know
when choosing days; the data holds no visitor counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tourroute.core.domain import FestivalDates
from tourroute.core.lunar import LunarDate, to_lunar

#: Saturday and Sunday, ``date.weekday()`` numbering.
WEEKEND = frozenset({5, 6})


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One festival occurrence as the calendar page and the ICS feed show it."""

    dates: FestivalDates
    lunar_start: LunarDate
    lunar_end: LunarDate
    #: The festival's days that fall on a Saturday or Sunday.
    weekend_days: tuple[dt.date, ...]

    @property
    def duration_days(self) -> int:
        return (self.dates.end - self.dates.start).days + 1


def days_of(dates: FestivalDates) -> list[dt.date]:
    """Every solar day the festival runs, first to last."""
    count = (dates.end - dates.start).days + 1
    return [dates.start + dt.timedelta(days=n) for n in range(count)]


def touches_month(dates: FestivalDates, month: int) -> bool:
    """Whether any day of the festival falls in solar ``month`` (a festival may span two)."""
    return any(day.month == month for day in days_of(dates))


def calendar_entries(
    occurrences: Sequence[FestivalDates], *, month: int | None = None
) -> list[CalendarEntry]:
    """The occurrences as calendar entries in date order, only those in ``month`` if given."""
    chosen = [d for d in occurrences if month is None or touches_month(d, month)]
    return [
        CalendarEntry(
            dates=d,
            lunar_start=to_lunar(d.start),
            lunar_end=to_lunar(d.end),
            weekend_days=tuple(day for day in days_of(d) if day.weekday() in WEEKEND),
        )
        for d in sorted(chosen, key=lambda d: (d.start, d.festival.slug))
    ]
