"""The Vietnamese lunar calendar against dates published in Vietnam, and its own invariants.

Every published date below names where it was read. Sources:

[HOL]  python-holidays, tests/countries/test_vietnam.py (vacanza/holidays, commit 8890983e),
       the Vietnamese public-holiday dates (Tết, Giỗ Tổ Hùng Vương) that project checks against.
[KT]   https://kientruc2014.com/vietnam/cau-tra-loi-nhanh-chong-what-year-is-it-in-vietnam.html
       (restating Hồ Ngọc Đức's calendar notes): Tết 2007, 2030 and 2053 in Vietnam and China.
[VCCI] https://vccinews.com/news/7877/.html (29/9/2006): Tết 2007 is 17 February in Vietnam;
       calendars copied from China's printed 18 February.
[OA]   https://www.oreateai.com/blog/1985-lunar-new-year: Tết 1985 was 21 January in Vietnam and
       20 February in China.
[ALO]  https://alokhoai.com/nam-2023-co-nhuan-khong/: Tết 2024 is 10 February 2024.
[VNS]  https://www.vietnamsite.nl/signtiger.htm: Tết 2022 is 1 February.
[GD]   https://giadinh.suckhoedoisong.vn/mung-1-tet-binh-ngo-2026-roi-vao-ngay-may-duong-lich-can-lam-gi-tranh-gi-de-ca-nam-thuan-loi-172260128161922473.htm:
       Tết 2026 is Tuesday 17 February 2026.
[TN]   https://thanhnien.vn/hom-nay-dau-thang-12-theo-lich-am-co-gi-thu-vi-may-ngay-nua-den-tet-185251130092258546.htm
       (1/12/2025): that day is 12/10 Ất Tỵ; 1/1/2026 is 13/11 Ất Tỵ; Bính Ngọ has no leap
       month and runs from 17/2/2026 to 5/2/2027.
[VIL]  https://pypi.org/project/vi-lunaire/ (holiday table for 2025): Tết 29/1/2025,
       Nguyên Tiêu (15/1) 12/2/2025, Vu Lan (15/7, after the leap 6th month) 6/9/2025.
[LVS]  https://lichvansu.info/files/amp/lich-am/ngay-gio-to-hung-vuong-nam-2024-duoc-nghi-may-ngay-blog49.html:
       Giỗ Tổ 2024 is Thursday 18/4/2024.
[CDT]  https://cafedautu.vn/ngay-gio-to-hung-vuong-duoc-to-chuc-o-dau-tag/: Giỗ Tổ 2021 is 21/4.
[MTDT] https://www.moitruongvadothi.vn/le-hoi-lim-xuan-giap-thin-2024-duoc-to-chuc-vao-2-ngay-21-222-a155293.html:
       Hội Lim 2024 on 21–22/2/2024 (12–13 tháng Giêng Giáp Thìn).
[VNEWS] https://vnews.gov.vn/video/giu-gin-lan-dieu-quan-ho-qua-le-hoi-lim-68678.htm (2/2/2023):
       that day is 12 tháng Giêng, the opening of Hội Lim 2023.
[VTB]  http://vietnamtravelblogs.com/sculture-food/lim-festival-bac-ninh.php: Hội Lim (13/1) on
       22/2/2013, 12/2/2014, 3/3/2015 and 20/2/2016.
[WI]   https://wiindi.net/nam-nhuan-la-gi-nam-2020-co-phai-la-nam-nhuan-aid1708.html: leap months
       2014→9, 2017→6, 2020→4, 2023→2, 2025→6, 2028→5, 2031→3.
[SM]   https://scimyst.com/schedule-sai-gon-cleaning-organization-7165 (national calendar
       department): the new moon fell at 23:05 Vietnam time on 25/6/2006, so that day opens a
       month in Vietnam but not in China.
[SL]   http://www.singaporeanlifestyle.com/traditional-chinese-culture/year-2033-the-unusual-leap-month/
       and http://blog.chinaunix.net/uid-384521-id-2411627.html: under the solstice rule 2033 has a
       leap 11th month, so Tết 2034 is the third new moon after the solstice (Chinese sources;
       the rule is the one Vietnam uses).
"""

import datetime as dt
import random
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tourroute.core.domain import DateRule, Festival, FestivalDates
from tourroute.core.errors import DataError
from tourroute.core.lunar import (
    LunarDate,
    festivals_in_year,
    lunar_month_length,
    to_lunar,
    to_solar,
)

TET = {
    1985: dt.date(1985, 1, 21),  # [OA]
    1997: dt.date(1997, 2, 7),  # [HOL]
    2007: dt.date(2007, 2, 17),  # [KT], [VCCI]
    2008: dt.date(2008, 2, 7),  # [HOL] …
    2009: dt.date(2009, 1, 26),
    2010: dt.date(2010, 2, 14),
    2011: dt.date(2011, 2, 3),
    2012: dt.date(2012, 1, 23),
    2013: dt.date(2013, 2, 10),
    2014: dt.date(2014, 1, 31),
    2015: dt.date(2015, 2, 19),
    2016: dt.date(2016, 2, 8),
    2017: dt.date(2017, 1, 28),
    2018: dt.date(2018, 2, 16),
    2019: dt.date(2019, 2, 5),
    2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1),  # … [HOL], [VNS]
    2024: dt.date(2024, 2, 10),  # [ALO]
    2025: dt.date(2025, 1, 29),  # [VIL]
    2026: dt.date(2026, 2, 17),  # [GD], [TN]
    2027: dt.date(2027, 2, 6),  # [TN]: the day after Bính Ngọ ends
    2030: dt.date(2030, 2, 2),  # [KT]
    2053: dt.date(2053, 2, 18),  # [KT]
}

#: Where China's Tết (UTC+8) differs: [OA] for 1985, [KT] for the others.
TET_IN_CHINA = {
    1985: dt.date(1985, 2, 20),
    2007: dt.date(2007, 2, 18),
    2030: dt.date(2030, 2, 3),
    2053: dt.date(2053, 2, 19),
}

GIO_TO_HUNG_VUONG = {  # 10/3
    2020: dt.date(2020, 4, 2),  # [HOL] (a leap-4th-month year)
    2021: dt.date(2021, 4, 21),  # [HOL], [CDT]
    2022: dt.date(2022, 4, 10),  # [HOL]
    2024: dt.date(2024, 4, 18),  # [LVS]
}

HOI_LIM = {  # 13/1
    2013: dt.date(2013, 2, 22),  # [VTB] …
    2014: dt.date(2014, 2, 12),
    2015: dt.date(2015, 3, 3),
    2016: dt.date(2016, 2, 20),  # … [VTB]
    2024: dt.date(2024, 2, 22),  # [MTDT]
}

#: Other published lunar days: (lunar year, month, day) → solar date.
OTHER_DAYS = {
    (2023, 1, 12): dt.date(2023, 2, 2),  # [VNEWS]: Hội Lim opens
    (2024, 1, 12): dt.date(2024, 2, 21),  # [MTDT]
    (2025, 1, 15): dt.date(2025, 2, 12),  # [VIL]
    (2025, 7, 15): dt.date(2025, 9, 6),  # [VIL]: after the leap 6th month
    (2025, 10, 12): dt.date(2025, 12, 1),  # [TN]
    (2025, 11, 13): dt.date(2026, 1, 1),  # [TN]: lunar year 2025 reaches into solar 2026
}

LEAP_MONTHS = {2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5, 2031: 3}  # [WI]


@pytest.mark.parametrize(("year", "tet"), TET.items())
def test_tet_matches_published_dates(year: int, tet: dt.date) -> None:
    assert to_solar(year, 1, 1) == tet
    assert to_lunar(tet) == LunarDate(year, 1, 1, leap=False)
    assert to_lunar(tet - dt.timedelta(days=1)).year == year - 1


@pytest.mark.parametrize(("year", "tet"), TET_IN_CHINA.items())
def test_china_differs_only_through_its_time_zone(year: int, tet: dt.date) -> None:
    assert to_solar(year, 1, 1, utc_offset_h=8) == tet
    assert to_solar(year, 1, 1) != tet


@pytest.mark.parametrize(("year", "day"), GIO_TO_HUNG_VUONG.items())
def test_gio_to_hung_vuong(year: int, day: dt.date) -> None:
    assert to_solar(year, 3, 10) == day
    assert to_lunar(day) == LunarDate(year, 3, 10)


@pytest.mark.parametrize(("year", "day"), HOI_LIM.items())
def test_hoi_lim(year: int, day: dt.date) -> None:
    assert to_solar(year, 1, 13) == day
    assert to_lunar(day) == LunarDate(year, 1, 13)


@pytest.mark.parametrize(("lunar", "solar"), OTHER_DAYS.items())
def test_other_published_days(lunar: tuple[int, int, int], solar: dt.date) -> None:
    assert to_solar(*lunar) == solar
    assert to_lunar(solar) == LunarDate(*lunar)


def test_new_moon_just_before_midnight_splits_the_two_calendars() -> None:
    # [SM]: 23:05 in Hanoi is 00:05 the next day in Beijing.
    assert to_lunar(dt.date(2006, 6, 25)).day == 1
    assert to_lunar(dt.date(2006, 6, 25), utc_offset_h=8).day != 1


@pytest.mark.parametrize(("year", "leap_month"), LEAP_MONTHS.items())
def test_leap_month_follows_the_regular_month(year: int, leap_month: int) -> None:
    regular_last = to_solar(year, leap_month, lunar_month_length(year, leap_month))
    leap_first = to_solar(year, leap_month, 1, leap=True)
    assert leap_first == regular_last + dt.timedelta(days=1)
    assert to_lunar(leap_first) == LunarDate(year, leap_month, 1, leap=True)
    assert to_solar(year, leap_month + 1, 1) == leap_first + dt.timedelta(
        days=lunar_month_length(year, leap_month, leap=True)
    )


@pytest.mark.parametrize("utc_offset_h", [7, 8])
def test_a_leap_eleventh_month_stays_in_the_old_year(utc_offset_h: int) -> None:
    # [SL]
    leap_11 = to_solar(2033, 11, 1, leap=True, utc_offset_h=utc_offset_h)
    assert leap_11 < dt.date(2033, 12, 31)
    tet = to_solar(2034, 1, 1, utc_offset_h=utc_offset_h)
    assert (tet - leap_11).days in (59, 60)  # leap 11th and 12th months lie between
    eve = to_lunar(tet - dt.timedelta(days=1), utc_offset_h=utc_offset_h)
    assert (eve.year, eve.month, eve.leap) == (2033, 12, False)


@pytest.mark.parametrize("year", [2021, 2022, 2024, 2026, 2027])
def test_years_without_a_leap_month_reject_one(year: int) -> None:
    for month in range(1, 13):
        with pytest.raises(DataError, match="no leap month"):
            to_solar(year, month, 1, leap=True)


def test_leap_years_have_thirteen_months_and_others_twelve() -> None:
    for year in range(2013, 2033):  # the span [WI] covers completely
        length_days = (to_solar(year + 1, 1, 1) - to_solar(year, 1, 1)).days
        if year in LEAP_MONTHS:
            assert 383 <= length_days <= 385
        else:
            assert 353 <= length_days <= 355, year


def test_missing_days_raise_data_error() -> None:
    short_month = next(m for m in range(1, 13) if lunar_month_length(2024, m) == 29)
    with pytest.raises(DataError, match="day 30 does not exist"):
        to_solar(2024, short_month, 30)
    with pytest.raises(DataError, match="month 13"):
        to_solar(2024, 13, 1)
    with pytest.raises(DataError):
        to_solar(2024, 1, 0)


def test_every_day_1900_2100_round_trips_and_runs_in_order() -> None:
    day = dt.date(1900, 1, 31)  # Tết 1900
    previous = to_lunar(day)
    assert (previous.month, previous.day) == (1, 1)
    while day < dt.date(2100, 12, 31):
        day += dt.timedelta(days=1)
        lunar = to_lunar(day)
        assert to_solar(lunar.year, lunar.month, lunar.day, leap=lunar.leap) == day
        if lunar.day == 1:
            assert previous.day in (29, 30)
        else:
            assert (lunar.year, lunar.month, lunar.leap) == (
                previous.year,
                previous.month,
                previous.leap,
            )
            assert lunar.day == previous.day + 1
        previous = lunar


@given(st.dates(min_value=dt.date(1800, 3, 1), max_value=dt.date(2199, 12, 31)))
def test_any_date_round_trips(day: dt.date) -> None:
    lunar = to_lunar(day)
    assert to_solar(lunar.year, lunar.month, lunar.day, leap=lunar.leap) == day


@pytest.mark.parametrize(
    "call",
    [
        lambda: to_lunar(dt.date(1800, 1, 20)),  # lunar 1799
        lambda: to_lunar(dt.date(2200, 12, 31)),
        lambda: to_lunar(dt.date(9999, 12, 31)),
        lambda: to_lunar(dt.date(1, 1, 1)),
        lambda: to_solar(1799, 12, 1),
        lambda: to_solar(2200, 1, 1),
    ],
)
def test_outside_the_trusted_years_raises_data_error(call: Callable[[], object]) -> None:
    with pytest.raises(DataError, match="1800–2199"):
        call()


def _festival(calendar: str, month: int, day: int, *, duration_days: int = 1) -> Festival:
    rule = DateRule(calendar=calendar, month=month, day=day)  # type: ignore[arg-type]
    return Festival(
        slug=f"{calendar}-{month}-{day}",
        name_vi="x",
        name_en="x",
        rule=rule,
        duration_days=duration_days,
        places=(),
    )


def _only(festival: Festival, year: int) -> FestivalDates:
    """The one occurrence of ``festival`` in solar ``year`` (a rule in lunar months 1–10 or a
    solar rule starts exactly once a year)."""
    [occurrence] = festivals_in_year([festival], year)
    return occurrence


def test_festivals_in_year_gives_published_dates() -> None:
    hoi_lim = _festival("lunar", 1, 13, duration_days=2)
    for year, day in HOI_LIM.items():
        resolved = _only(hoi_lim, year)
        assert (resolved.start, resolved.end) == (day, day + dt.timedelta(days=1))
    gio_to = _festival("lunar", 3, 10)
    for year, day in GIO_TO_HUNG_VUONG.items():
        assert _only(gio_to, year).start == day


def test_festival_in_a_leap_year_uses_the_regular_month() -> None:
    in_leap_month = _festival("lunar", 2, 10)
    assert _only(in_leap_month, 2023).start == to_solar(2023, 2, 10, leap=False)


def test_day_30_of_a_short_month_becomes_its_last_day() -> None:
    short_month = next(m for m in range(1, 11) if lunar_month_length(2024, m) == 29)
    resolved = _only(_festival("lunar", short_month, 30), 2024)
    assert resolved.start == to_solar(2024, short_month, 29)


def test_solar_festivals_and_29_february() -> None:
    assert _only(_festival("solar", 9, 2), 2025).start == dt.date(2025, 9, 2)
    assert _only(_festival("solar", 2, 29), 2024).start == dt.date(2024, 2, 29)
    assert _only(_festival("solar", 2, 29), 2025).start == dt.date(2025, 2, 28)
    with pytest.raises(DataError):
        festivals_in_year([_festival("solar", 4, 31)], 2025)


@pytest.mark.parametrize(
    ("rule", "match"),
    [
        (("lunar", 13, 1), "month 13"),
        (("lunar", 1, 31), "day 31"),
        (("solar", 0, 1), "month 0"),
        (("moon", 1, 1), "neither"),
    ],
)
def test_bad_rules_raise_data_error(rule: tuple[str, int, int], match: str) -> None:
    with pytest.raises(DataError, match=match):
        festivals_in_year([_festival(*rule)], 2025)


def test_zero_day_festival_is_rejected() -> None:
    with pytest.raises(DataError, match="lasts 0 days"):
        festivals_in_year([_festival("lunar", 1, 1, duration_days=0)], 2025)


def test_late_lunar_dates_start_in_the_solar_year_asked_for() -> None:
    late = _festival("lunar", 12, 1)
    counts = []
    for year in range(1990, 2060):
        starts = [fd.start for fd in festivals_in_year([late], year)]
        assert all(start.year == year for start in starts)
        counts.append(len(starts))
    # Twelve lunar months are 11 days short of a solar year, so over 70 years a date late in
    # the lunar year starts twice in some solar years and not at all in others.
    assert 0 in counts and 2 in counts
    in_range = [to_solar(y, 12, 1) for y in range(1989, 2060)]
    assert sum(counts) == sum(dt.date(1990, 1, 1) <= d <= dt.date(2059, 12, 31) for d in in_range)


def test_festivals_in_year_sorted_by_start() -> None:
    festivals = [
        _festival("solar", 9, 2),
        _festival("lunar", 3, 10),
        _festival("lunar", 1, 13, duration_days=2),
        _festival("lunar", 1, 1, duration_days=3),
    ]
    resolved = festivals_in_year(festivals, 2024)
    assert [fd.start for fd in resolved] == [
        dt.date(2024, 2, 10),
        dt.date(2024, 2, 22),
        dt.date(2024, 4, 18),
        dt.date(2024, 9, 2),
    ]
    assert resolved[0].end == dt.date(2024, 2, 12)


def test_random_lunar_dates_resolve_inside_their_lunar_year() -> None:
    rng = random.Random(7)
    for _ in range(200):
        year, month, day = rng.randint(1950, 2080), rng.randint(1, 10), rng.randint(1, 30)
        start = _only(_festival("lunar", month, day), year).start
        lunar = to_lunar(start)
        assert (lunar.year, lunar.month, lunar.leap) == (year, month, False)
        assert lunar.day == min(day, lunar_month_length(year, month))
