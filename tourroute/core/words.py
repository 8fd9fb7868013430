"""The words the core writes, read from the same gettext catalogues as the pages.

Exports, planner reasons and road descriptions are written in the core, which knows nothing of
Flask; they used to come from dictionaries of their own and drifted from the pages (a temple was
"Temple, pagoda or communal house" on the web and "Spiritual" in the PDF). Here every word is a
msgid of ``translations/*/LC_MESSAGES/messages.po``, read with :mod:`babel.support` for the
language the caller passes in, and dates and weekday names come from Babel's locale data.

Tables declared at import time mark their msgids with :func:`N_` (extracted by ``pybabel``)
and are translated when shown; the web layer wraps the same msgids in ``lazy_gettext``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable
from pathlib import Path

from babel.dates import format_date
from babel.support import NullTranslations, Translations

from tourroute.core.domain import Leg
from tourroute.core.messages import N_

CATALOGUES = Path(__file__).resolve().parents[2] / "translations"
#: Vietnamese and English forms of the roads known by name rather than number (data/roads).
ROAD_NAMES_CSV = Path(__file__).resolve().parents[2] / "data" / "roads" / "road_names.csv"
LANGS: tuple[str, ...] = ("vi", "en")


KIND_NAMES: dict[str, str] = {
    "heritage": N_("Historic site"),
    "spiritual": N_("Temple, pagoda or communal house"),
    "tea": N_("Tea area"),
    "quan_ho": N_("Quan họ singing"),
    "xoan": N_("Xoan singing"),
    "museum": N_("Museum"),
    "nature": N_("Nature"),
    "craft_village": N_("Craft village"),
    "gateway": N_("Gateway"),
    "lodging": N_("Overnight area"),
}

#: What a named place to stay is (``Lodging.kind``).
LODGING_KIND_NAMES: dict[str, str] = {
    "hotel": N_("Hotel"),
    "homestay": N_("Homestay"),
    "resort": N_("Resort"),
}

PRECISION_NAMES: dict[str, str] = {
    "exact": N_("Exact location"),
    "approximate": N_("Approximate location (unverified point)"),
    "village": N_("Approximate location (village or town)"),
    "commune": N_("Approximate location (commune centre)"),
}

HERITAGE_NAMES: dict[str, str] = {
    "special_national": N_("Special national relic"),
    "national": N_("National relic"),
    "provincial": N_("Provincial relic"),
}

#: Why the planner left a place out (``LeftOut.reason``).
REASON_NAMES: dict[str, str] = {
    "closed_that_day": N_("Closed on the day it could be visited"),
    "window_missed": N_("Its opening hours did not fit the day's route"),
    "day_too_long": N_("No day had enough time left"),
    "driving_limit": N_("Too much driving for one day"),
    "stage_order": N_("Out of the theme's order of stages"),
    "excluded": N_("You asked to leave it out"),
    "not_selected": N_("Other places were worth more on this route"),
}

PACE_NAMES: dict[str, str] = {
    "relaxed": N_("Relaxed"),
    "normal": N_("Normal"),
    "packed": N_("Packed"),
}

#: The one table of province names; Vietnamese is the msgid, English its translation.
PROVINCE_NAMES: dict[str, str] = {
    "phu-tho": N_("Phú Thọ"),
    "thai-nguyen": N_("Thái Nguyên"),
    "bac-ninh": N_("Bắc Ninh"),
    "ha-noi": N_("Hà Nội"),
}

#: Road numbers as signs write them, and how each kind of number reads in full.
_ROAD_REF = re.compile(r"(QL|CT|VĐ|ĐT|TL)\.?\s*(\S+)")
_ROAD_KINDS: dict[str, str] = {
    "QL": N_("National Road %(number)s"),
    "CT": N_("Expressway CT.%(number)s"),
    "VĐ": N_("Ring Road %(number)s"),
    "ĐT": N_("Provincial Road %(number)s"),
    "TL": N_("Provincial Road %(number)s"),
}
#: What every document is called.
TOUR_PROGRAMME = N_("Tour programme")
#: The agency's own document, with the build-up of the price.
COST_SHEET = N_("Internal cost sheet")
DRIVING = N_("Driving")
#: What the road network says for a drive on no numbered or named road.
LOCAL_ROAD = N_("local road")


@functools.cache
def road_names() -> dict[str, tuple[str, str]]:
    """``road_name`` of ``segments.csv`` -> its ``(Vietnamese, English)`` forms."""
    with ROAD_NAMES_CSV.open(encoding="utf-8", newline="") as fh:
        return {row["road_name"]: (row["name_vi"], row["name_en"]) for row in csv.DictReader(fh)}


class Words:
    """The catalogue of one language, with the formats every rendering shares."""

    def __init__(self, lang: str, catalogue: NullTranslations) -> None:
        self.lang = lang
        self._catalogue = catalogue

    def gettext(self, msgid: str, **values: object) -> str:
        text = self._catalogue.gettext(msgid)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: object) -> str:
        """Like Flask-Babel's: ``num`` is also a value of the message."""
        return self._catalogue.ngettext(singular, plural, num) % {"num": num, **values}

    def day(self, number: int) -> str:
        """``Day 2`` / ``Ngày 2``."""
        return self.gettext("Day %(num)d", num=number)

    def kind(self, kind: str) -> str:
        return self.gettext(KIND_NAMES[kind]) if kind in KIND_NAMES else kind

    def province(self, code: str) -> str:
        return self.gettext(PROVINCE_NAMES[code]) if code in PROVINCE_NAMES else code

    def reason(self, code: str) -> str:
        return self.gettext(REASON_NAMES.get(code, REASON_NAMES["not_selected"]))

    def long_date(self, day: dt.date) -> str:
        """``Thứ Bảy, 25/04/2026`` or ``Saturday, 25/04/2026``: day first, as both expect."""
        return format_date(day, "EEEE, dd/MM/yyyy", locale=self.lang)

    def short_date(self, day: dt.date) -> str:
        """``Thứ 7 25/04`` or ``Sat 25/04``."""
        return format_date(day, "EEE dd/MM", locale=self.lang)

    def weekday(self, day: dt.date) -> str:
        return format_date(day, "EEEE", locale=self.lang)

    def month(self, day: dt.date) -> str:
        return format_date(day, "LLLL", locale=self.lang)

    def minutes(self, minutes: float) -> str:
        return self.ngettext("%(num)d minute", "%(num)d minutes", round(minutes))

    def duration(self, minutes: float) -> str:
        """``45 minutes`` or ``2 h 05 min``."""
        whole = round(minutes)
        if whole < 60:
            return self.minutes(whole)
        return self.gettext("%(hours)d h %(minutes)02d min", hours=whole // 60, minutes=whole % 60)

    def road(self, label: str) -> str:
        """A road of a leg as a reader says it: ``National Road 3`` / ``Quốc lộ 3``."""
        if label == LOCAL_ROAD:
            return self.gettext(LOCAL_ROAD)
        match = _ROAD_REF.fullmatch(label)
        if match is None:
            name_vi, name_en = road_names().get(label, (label, label))
            return name_en if self.lang == "en" else name_vi
        return self.gettext(_ROAD_KINDS[match.group(1)], number=match.group(2))

    def roads(self, roads: Iterable[str]) -> str:
        return ", ".join(self.road(r) for r in roads)

    def drive(self, leg: Leg) -> str:
        """``25 minutes · 18.4 km · National Road 2``: what a drive takes and where it goes."""
        parts = [self.minutes(leg.minutes), f"{leg.km:.1f} km"]
        if leg.roads:
            parts.append(self.roads(leg.roads))
        return " · ".join(parts)


def words(lang: str) -> Words:
    """The words of ``lang``; any language but English is Vietnamese, the site's default."""
    return _words(lang if lang in LANGS else LANGS[0])


@functools.cache
def _words(lang: str) -> Words:
    return Words(lang, Translations.load(str(CATALOGUES), [lang]))
