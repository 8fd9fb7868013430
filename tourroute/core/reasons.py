"""What the planner tells a traveller by code, in the reader's language.

The planner records why a place was left out (``tourroute.core.planner.explain``: a code and
:class:`~tourroute.core.domain.ReasonDetail` values naming days, dates and limits), the notes
to read first, what a re-plan changed, why a night is spent where it is and why a promise was
refused. This module holds their msgids and turns them into sentences with place names and
formatted times, so no page, document or API answer shows a slug, a code or an English fragment
in Vietnamese, and the trip page, the JSON API and the package's JSON export say the same thing.
"""

from __future__ import annotations

import datetime as dt

from tourroute.core.domain import Change, DayPlan, DetailValue, LeftOut, Note, ReasonDetail, hhmm
from tourroute.core.errors import InfeasibleError
from tourroute.core.hours import format_opening_hours
from tourroute.core.messages import N_
from tourroute.core.words import REASON_NAMES, Words

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


#: How a re-plan changed a stop (``Change.change``).
CHANGE_NAMES: dict[str, str] = {
    "added": N_("Added"),
    "removed": N_("Removed"),
    "moved": N_("Moved"),
}
#: Why it changed (``Change.reason``).
CHANGE_REASON_NAMES: dict[str, str] = {
    "asked": N_("at your request"),
    "no_longer_fits": N_("it no longer fit where it was"),
    "fills_free_time": N_("it fills the time that was freed"),
}
#: Why a night is spent where it is (``DayPlan.lodging_reason``).
NIGHT_REASON_NAMES: dict[str, str] = {
    "next_first_stop": N_("closest to tomorrow's first stop"),
    "last_stop": N_("closest to today's last stop"),
    "only_feasible": N_("the only overnight area that keeps the plan within its limits"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    vi, en = pair
    return en if lang == "en" and en else vi


def note_text(note: Note, w: Words, *, trip_days: int, arrive_by_min: int | None = None) -> str:
    """One note to read before the days; ``arrive_by_min`` is the festival-day advice's time."""
    if note.code == "theme_days":
        covers = ", ".join(_pick(pair, w.lang) for pair in note.covers)
        return w.gettext(
            "This journey needs %(needs)d days; a %(days)d-day trip covers only: %(covers)s.",
            needs=note.needs or 0,
            days=trip_days,
            covers=covers or w.gettext("none of its stages"),
        )
    place = note.place.name(w.lang) if note.place is not None else ""
    day = (note.day or 0) + 1
    if note.code == "festival_crowds":
        text = w.gettext(
            "Day %(day)d: %(festival)s at %(place)s — expect crowds; the visit is planned longer.",
            day=day,
            festival=_pick(note.label, w.lang),
            place=place,
        )
        if arrive_by_min is not None:
            text += " " + w.gettext("Arrive by %(time)s if you can.", time=hhmm(arrive_by_min))
        return text
    return w.gettext(
        "Day %(day)d: %(show)s at %(place)s is staged by arrangement — book ahead.",
        day=day,
        show=_pick(note.label, w.lang),
        place=place,
    )


def change_label(change: Change, w: Words) -> str:
    """``Added``, ``Removed`` or ``Moved``."""
    return w.gettext(CHANGE_NAMES[change.change])


def change_text(change: Change, w: Words) -> str:
    """Why one stop changed, as a short phrase."""
    msgid = CHANGE_REASON_NAMES.get(change.reason)
    return w.gettext(msgid) if msgid is not None else change.reason


def night_reason(day: DayPlan, w: Words) -> str | None:
    """Why the night is spent there; None on the last day."""
    if day.lodging_reason is None:
        return None
    return w.gettext(NIGHT_REASON_NAMES[day.lodging_reason])


def refusal_text(error: InfeasibleError, w: Words) -> str | None:
    """A refused promise, naming the place and the rule; None when the refusal names none."""
    if error.place is None:
        return None
    known = error.reason in REASON_NAMES
    reason = w.reason(error.reason or "") if known else w.gettext("it does not fit")
    return w.gettext(
        "%(place)s cannot be kept in this trip: %(reason)s. Every day and every overnight "
        "area was tried.",
        place=_pick(error.place, w.lang),
        reason=reason.lower() if w.lang == "en" else reason,
    )
