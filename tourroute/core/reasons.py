"""Why a place was left out, in the reader's language.

The planner (``tourroute.core.planner.explain``) records each reason as a code and details as
:class:`~tourroute.core.domain.ReasonDetail` values naming days, dates and limits; this module
holds their msgids and turns them into sentences with place names and formatted times, so no
page, document or API answer shows a slug, a code or an English fragment in Vietnamese.
"""

from __future__ import annotations

import datetime as dt

from tourroute.core.domain import DetailValue, LeftOut, ReasonDetail, hhmm
from tourroute.core.hours import format_opening_hours
from tourroute.core.words import N_, Words

#: Each sentence a detail can be, by code (the code is what the API and stored trips keep).
SENTENCES: dict[str, str] = {
    "closed_on": N_("It is closed on %(dates)s (%(hours)s)."),
    "no_room": N_("Its opening hours leave no room for the visit on the trip's days."),
    "could_fit": N_("It could fit on %(when)s, but places worth more filled the days."),
    "breaks_order": N_("Visiting it would break the theme's order of stages (%(stage)s)."),
    "out_of_hours": N_("The route cannot reach it within its hours (%(hours)s) on %(when)s."),
    "driving_limit": N_("It would take %(when)s past %(minutes)d minutes of driving."),
    "day_too_long": N_("On %(when)s the day would end after %(time)s."),
    "festival": N_("A festival falls on the trip's days."),
    "festival_clash": N_(
        "Its festival falls on the same day as other festivals in the plan, and one day "
        "cannot reach them all."
    ),
    "stage_short": N_("The stage %(stage)s has %(count)d of its %(needed)d places."),
    "excluded": N_("Left out at your request."),
}


def detail(code: str, **values: DetailValue) -> ReasonDetail:
    """A detail sentence of :data:`SENTENCES`; ``day`` is 1-based, ``time`` minutes of the day."""
    if code not in SENTENCES:
        raise KeyError(f"no reason sentence {code!r}")
    return ReasonDetail(code, tuple(values.items()))


def _value(key: str, value: DetailValue, w: Words) -> object:
    if isinstance(value, dt.date):
        return w.short_date(value)
    if isinstance(value, tuple):
        return ", ".join(w.short_date(d) for d in value)
    if key == "time" and isinstance(value, int):
        return hhmm(value)
    return value


def detail_text(item: LeftOut, part: ReasonDetail, w: Words) -> str:
    values = {key: _value(key, value, w) for key, value in part.values}
    if "day" in values:
        when = w.gettext("day %(num)d", num=values.pop("day"))
        if "date" in values:
            when = f"{when} ({values.pop('date')})"
        values["when"] = when
    if "stage_vi" in values:
        values["stage"] = values.pop("stage_en" if w.lang == "en" else "stage_vi")
        values.pop("stage_en", None)
    values["hours"] = format_opening_hours(item.place.hours, w.lang)
    return w.gettext(SENTENCES[part.code], **values)


def left_out_text(item: LeftOut, w: Words) -> str:
    """``Too much driving for one day: it would take day 2 (Sat 25/04) past 300 minutes …``."""
    text = w.reason(item.reason)
    details = " ".join(detail_text(item, part, w) for part in item.detail)
    return f"{text}. {details}" if details else f"{text}."
