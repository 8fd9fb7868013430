"""The Vietnamese lunar calendar (âm lịch) and the solar dates of festivals.

Vietnamese festivals such as Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month) move every
solar year, so the planner needs them as solar dates. The calendar is astronomical:

* a month starts on the local day that holds the new moon (sóc);
* the 11th month is the one holding the winter solstice;
* a span from one 11th month to the next with 13 new moons has a leap month: the first month
  after the 11th in which the sun reaches no major solar term (trung khí, a multiple of 30° of
  solar longitude). It takes the number of the month before it.

"Local" matters: Vietnam has computed its calendar for UTC+7 since 1968, China for UTC+8, and a
new moon shortly before midnight in Hanoi falls on the next day in Beijing. That is why Tết fell
on different days in the two countries in 1985 and 2007, and will in 2030.

The new moon and the sun's longitude come from the short series in Jean Meeus' *Astronomical
Algorithms* that Hồ Ngọc Đức uses for his published Vietnamese calendar
(https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_vn.html). He notes that these short
series are less precise than full ephemerides, so a new moon within minutes of midnight could
land on the wrong day; every published date in our tests agrees with them. They are only used
for 1800–2199. The code here is our own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tourroute.core.domain import Festival, FestivalDates
from tourroute.core.errors import DataError

#: Hours ahead of UTC that the Vietnamese calendar is computed for.
VIETNAM_UTC_OFFSET_H = 7

#: Lunar years the astronomical series is trusted for.
FIRST_YEAR = 1800
LAST_YEAR = 2199

#: Julian day number of 1 January 1 (proleptic Gregorian) minus its ``date.toordinal()``.
_JDN_MINUS_ORDINAL = 1_721_425
#: Mean length of a lunation, days.
_SYNODIC_MONTH_DAYS = 29.530588853
#: Julian date of the mean new moon numbered 0 in the series (6 January 1900).
_NEW_MOON_EPOCH_JD = 2_415_020.75933
#: The winter solstice is at 270° of solar longitude: the 9th 30° sector, counting from 0.
_SOLSTICE_SECTOR = 9

_RAD = math.pi / 180.0


@dataclass(frozen=True, slots=True)
class LunarDate:
    """A date in the Vietnamese lunar calendar; ``leap`` marks a day of a leap month."""

    year: int
    month: int
    day: int
    leap: bool = False


def _new_moon_jd(k: int) -> float:
    """Julian date (UT) of new moon number ``k`` counted from January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    mean = (
        _NEW_MOON_EPOCH_JD
        + _SYNODIC_MONTH_DAYS * k
        + 0.0001178 * t2
        - 0.000000155 * t3
        + 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _RAD)
    )
    sun_anomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _RAD
    moon_anomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _RAD
    moon_latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _RAD
    m, mp, f = sun_anomaly, moon_anomaly, 2 * moon_latitude
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(m)
        + 0.0021 * math.sin(2 * m)
        - 0.4068 * math.sin(mp)
        + 0.0161 * math.sin(2 * mp)
        - 0.0004 * math.sin(3 * mp)
        + 0.0104 * math.sin(f)
        - 0.0051 * math.sin(m + mp)
        - 0.0074 * math.sin(m - mp)
        + 0.0004 * math.sin(f + m)
        - 0.0004 * math.sin(f - m)
        - 0.0006 * math.sin(f + mp)
        + 0.0010 * math.sin(f - mp)
        + 0.0005 * math.sin(m + 2 * mp)
    )
    # Ephemeris time runs ahead of universal time by delta-T (days, polynomial in centuries).
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return mean + correction - delta_t


def _sun_longitude_deg(jd: float) -> float:
    """Apparent-enough solar longitude in degrees, ``[0, 360)``, at Julian date ``jd`` (UT)."""
    t = (jd - 2_451_545.0) / 36_525
    t2 = t * t
    anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _RAD
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000290 * math.sin(3 * anomaly)
    )
    return (mean_longitude + centre) % 360.0


def _jdn(day: dt.date) -> int:
    return day.toordinal() + _JDN_MINUS_ORDINAL


def _date_of_jdn(jdn: int) -> dt.date:
    return dt.date.fromordinal(jdn - _JDN_MINUS_ORDINAL)


def _new_moon_day(k: int, utc_offset_h: int) -> int:
    """Julian day number of the local civil day holding new moon ``k``."""
    return math.floor(_new_moon_jd(k) + 0.5 + utc_offset_h / 24)


def _sun_sector_at_start(jdn: int, utc_offset_h: int) -> int:
    """Which 30° sector the sun is in at local midnight starting day ``jdn`` (0 = spring equinox).

    A month contains a major solar term exactly when this changes between its first day and the
    first day of the next month.
    """
    local_midnight_jd = jdn - 0.5 - utc_offset_h / 24
    return int(_sun_longitude_deg(local_midnight_jd) // 30)


def _lunation_near(jdn: int) -> int:
    """The number of the mean new moon at or just before day ``jdn``."""
    return math.floor((jdn - _NEW_MOON_EPOCH_JD) / _SYNODIC_MONTH_DAYS)


def _eleventh_month_k(solar_year: int, utc_offset_h: int) -> int:
    """The lunation that starts the 11th month, the month holding the December solstice."""
    k = _lunation_near(_jdn(dt.date(solar_year, 12, 31)))
    # k starts the month around 31 December; if the sun is already past 270° when it starts,
    # the solstice fell in the month before.
    if _sun_sector_at_start(_new_moon_day(k, utc_offset_h), utc_offset_h) >= _SOLSTICE_SECTOR:
        k -= 1
    return k


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DataError(
            f"the lunar calendar is computed for {FIRST_YEAR}–{LAST_YEAR} only, not {year}",
            field="year",
        )


@dataclass(frozen=True, slots=True)
class _Month:
    lunar_year: int
    number: int
    leap: bool
    first_jdn: int
    #: Julian day number of the first day of the following month.
    end_jdn: int


@lru_cache(maxsize=512)
def _months_between_solstices(solar_year: int, utc_offset_h: int) -> tuple[_Month, ...]:
    """The months from the 11th month of ``solar_year - 1`` up to, not including, the next 11th.

    That span holds the 11th and 12th months of lunar year ``solar_year - 1`` and months 1–10
    of lunar year ``solar_year``, with a leap month among them when it has 13 new moons.
    """
    k_first = _eleventh_month_k(solar_year - 1, utc_offset_h)
    k_next = _eleventh_month_k(solar_year, utc_offset_h)
    starts = [_new_moon_day(k, utc_offset_h) for k in range(k_first, k_next + 1)]
    leap_index = None
    if len(starts) == 14:  # 13 months, so one of them is a leap month
        sectors = [_sun_sector_at_start(jdn, utc_offset_h) for jdn in starts]
        leap_index = next(i for i in range(1, 13) if sectors[i] == sectors[i + 1])
    months: list[_Month] = []
    number = 10
    lunar_year = solar_year - 1
    for i, (first, end) in enumerate(pairwise(starts)):
        leap = i == leap_index
        if not leap:
            number = number % 12 + 1
            if number == 1:
                lunar_year = solar_year
        months.append(_Month(lunar_year, number, leap, first, end))
    return tuple(months)


def to_lunar(day: dt.date, *, utc_offset_h: int = VIETNAM_UTC_OFFSET_H) -> LunarDate:
    """The lunar date of solar ``day``.

    Raises DataError when the lunar year falls outside ``FIRST_YEAR``–``LAST_YEAR``.
    ``utc_offset_h`` is there to show where Vietnam and China differ (pass 8 for China's
    calendar as these formulas give it); keep the default for anything shown to users.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR + 1:  # lunar year LAST_YEAR ends in LAST_YEAR + 1
        _check_year(day.year)
    jdn = _jdn(day)
    span_year = day.year
    if jdn >= _new_moon_day(_eleventh_month_k(day.year, utc_offset_h), utc_offset_h):
        span_year += 1
    months = _months_between_solstices(span_year, utc_offset_h)
    month = next(m for m in reversed(months) if m.first_jdn <= jdn)
    _check_year(month.lunar_year)
    return LunarDate(month.lunar_year, month.number, jdn - month.first_jdn + 1, month.leap)


def _find_month(year: int, month: int, leap: bool, utc_offset_h: int) -> _Month:
    _check_year(year)
    if not 1 <= month <= 12:
        raise DataError(f"lunar month {month} does not exist; months are 1–12", field="month")
    # Months 11 and 12 of a lunar year open the span that ends at the next solstice.
    span_year = year + 1 if month >= 11 else year
    for candidate in _months_between_solstices(span_year, utc_offset_h):
        if (candidate.lunar_year, candidate.number, candidate.leap) == (year, month, leap):
            return candidate
    raise DataError(f"lunar year {year} has no leap month {month}", field="month")


def lunar_month_length(
    year: int, month: int, *, leap: bool = False, utc_offset_h: int = VIETNAM_UTC_OFFSET_H
) -> int:
    """29 or 30: how many days the lunar month has in that lunar year."""
    found = _find_month(year, month, leap, utc_offset_h)
    return found.end_jdn - found.first_jdn


def to_solar(
    year: int,
    month: int,
    day: int,
    *,
    leap: bool = False,
    utc_offset_h: int = VIETNAM_UTC_OFFSET_H,
) -> dt.date:
    """The solar date of a lunar date.

    Raises DataError for a date that does not exist: a month outside 1–12, a leap month the
    year does not have, or day 30 of a 29-day month; and for a year outside
    ``FIRST_YEAR``–``LAST_YEAR``.
    """
    found = _find_month(year, month, leap, utc_offset_h)
    length = found.end_jdn - found.first_jdn
    if not 1 <= day <= length:
        kind = "leap month" if leap else "month"
        raise DataError(
            f"lunar {kind} {month} of {year} has {length} days, so day {day} does not exist",
            field="day",
        )
    return _date_of_jdn(found.first_jdn + day - 1)


def _lunar_start(rule_month: int, rule_day: int, lunar_year: int) -> dt.date:
    """A festival's start in one lunar year; day 30 of a 29-day month becomes day 29.

    Festivals always follow the regular month, never the leap month of the same number.
    """
    length = lunar_month_length(lunar_year, rule_month)
    return to_solar(lunar_year, rule_month, min(rule_day, length))


def _solar_start(rule_month: int, rule_day: int, year: int) -> dt.date:
    """A solar rule's start; 29 February becomes 28 February in common years."""
    if not 1 <= rule_month <= 12:
        raise DataError(f"solar month {rule_month} does not exist", field="month")
    last_day = calendar.monthrange(year, rule_month)[1]
    longest = 29 if rule_month == 2 else last_day
    if not 1 <= rule_day <= longest:
        raise DataError(f"solar date {rule_day}/{rule_month} does not exist", field="day")
    return dt.date(year, rule_month, min(rule_day, last_day))


def _occurrence(festival: Festival, start: dt.date) -> FestivalDates:
    if festival.duration_days < 1:
        raise DataError(
            f"festival {festival.slug!r} lasts {festival.duration_days} days; it must be ≥ 1",
            field="duration_days",
        )
    end = start + dt.timedelta(days=festival.duration_days - 1)
    return FestivalDates(festival=festival, start=start, end=end)


def _starts_in_year(festival: Festival, year: int) -> list[dt.date]:
    """Every start of ``festival`` that falls in solar ``year`` (0, 1 or 2 of them).

    A lunar date in lunar year Y falls in solar year Y or, late in months 11–12, in Y + 1, so the
    lunar years ``year - 1`` and ``year`` hold every candidate.
    """
    rule = festival.rule
    if rule.calendar == "solar":
        return [_solar_start(rule.month, rule.day, year)]
    if rule.calendar != "lunar":
        raise DataError(
            f"calendar {rule.calendar!r} is neither 'lunar' nor 'solar'", field="calendar"
        )
    if not 1 <= rule.day <= 30:
        raise DataError(f"lunar day {rule.day} does not exist; days are 1–30", field="day")
    candidates = (_lunar_start(rule.month, rule.day, y) for y in (year - 1, year))
    return [start for start in candidates if start.year == year]


def festivals_in_year(fs: Sequence[Festival], year: int) -> list[FestivalDates]:
    """Every occurrence of the festivals that starts in solar ``year``, sorted by start."""
    found = [_occurrence(f, start) for f in fs for start in _starts_in_year(f, year)]
    return sorted(found, key=lambda fd: (fd.start, fd.festival.slug))
