"""The words for what the planner tells a traveller by code: notes at the top of a trip, what a
re-plan changed, why a night is spent where it is, and a refused promise. One place, so the
trip page and the JSON API say the same thing in the same language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tourroute import labels
from tourroute.core.domain import Change, DayPlan, Itinerary, Note, hhmm
from tourroute.core.errors import InfeasibleError
from tourroute.core.serialize import itinerary_to_dict

CHANGE_LABELS = {
    "added": _l("Added"),
    "removed": _l("Removed"),
    "moved": _l("Moved"),
}
CHANGE_REASONS = {
    "asked": _l("at your request"),
    "no_longer_fits": _l("it no longer fit where it was"),
    "fills_free_time": _l("it fills the time that was freed"),
}
NIGHT_REASONS = {
    "next_first_stop": _l("closest to tomorrow's first stop"),
    "last_stop": _l("closest to today's last stop"),
    "only_feasible": _l("the only overnight area that keeps the plan within its limits"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    vi, en = pair
    return en if lang == "en" and en else vi


def note_text(note: Note, *, lang: str, trip_days: int, arrive_by_min: int | None = None) -> str:
    """One note in the reader's language."""
    if note.code == "theme_days":
        covers = ", ".join(_pick(pair, lang) for pair in note.covers) or _("none of its stages")
        return str(
            _(
                "This journey needs %(needs)d days; a %(days)d-day trip covers only: %(covers)s.",
                needs=note.needs or 0,
                days=trip_days,
                covers=covers,
            )
        )
    place = note.place.name(lang) if note.place is not None else ""
    day = (note.day or 0) + 1
    if note.code == "festival_crowds":
        text: str = _(
            "Day %(day)d: %(festival)s at %(place)s — expect crowds; the visit is planned longer.",
            day=day,
            festival=_pick(note.label, lang),
            place=place,
        )
        if arrive_by_min is not None:
            text += " " + _("Arrive by %(time)s if you can.", time=hhmm(arrive_by_min))
        return text
    if note.code == "festival_clash":
        return str(
            _(
                "Day %(day)d: %(festival)s at %(place)s is not in the plan — it falls on the same "
                "day as the other festivals planned, and one day cannot reach them all.",
                day=day,
                festival=_pick(note.label, lang),
                place=place,
            )
        )
    return str(
        _(
            "Day %(day)d: %(show)s at %(place)s is staged by arrangement — book ahead.",
            day=day,
            show=_pick(note.label, lang),
            place=place,
        )
    )


def change_text(change: Change) -> str:
    """Why one stop changed, as a short phrase."""
    return str(CHANGE_REASONS.get(change.reason, change.reason))


def night_reason(day: DayPlan) -> str | None:
    return None if day.lodging_reason is None else str(NIGHT_REASONS[day.lodging_reason])


def refusal_text(error: InfeasibleError, *, lang: str) -> str | None:
    """A refused promise, naming the place and the rule; None when the refusal names none."""
    if error.place is None:
        return None
    reason = labels.LEFT_OUT_LABELS.get(error.reason or "", _("it does not fit"))
    return str(
        _(
            "%(place)s cannot be kept in this trip: %(reason)s. Every day and every overnight "
            "area was tried.",
            place=_pick(error.place, lang),
            reason=str(reason).lower() if lang == "en" else str(reason),
        )
    )


def worded_itinerary(itinerary: Itinerary, *, lang: str) -> dict[str, Any]:
    """The itinerary's JSON with its notes, changes and night reasons worded in ``lang``: the one
    shape every API answer that carries an itinerary (a saved trip, an agency's package) uses."""
    from tourroute.services.planning import plan_rules  # loads the planner's rules when asked

    body = itinerary_to_dict(itinerary, lang=lang)
    arrive_by = plan_rules().festival_arrive_by_min
    days = itinerary.request.days
    for data, note in zip(body["notes"], itinerary.notes, strict=True):
        data["text"] = note_text(note, lang=lang, trip_days=days, arrive_by_min=arrive_by)
    for data, change in zip(body["changes"], itinerary.changes, strict=True):
        data["reason_text"] = change_text(change)
    for data, day in zip(body["days"], itinerary.days, strict=True):
        data["lodging_reason_text"] = night_reason(day)
    return body
