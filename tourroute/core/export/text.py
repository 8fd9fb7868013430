"""The itinerary as plain text, for the terminal (``tourroute plan``) and e-mails."""

from __future__ import annotations

from tourroute.core.domain import Itinerary
from tourroute.core.export.events import event_notes, event_time, event_title
from tourroute.core.programme import itinerary_programme
from tourroute.core.reasons import left_out_text
from tourroute.core.words import DRIVING, words


def itinerary_to_text(it: Itinerary, *, lang: str) -> str:
    w = words(lang)
    lines: list[str] = []
    for day in itinerary_programme(it):
        lines.append(f"{w.day(day.number)} — {w.long_date(day.date)}")
        for event in day.events:
            lines.append(f"  {event_time(event):<11}  {event_title(event, w)}")
            lines.extend(
                f"  {'':<11}    {note}" for note in event_notes(event, w, descriptions=False)
            )
        lines.append("")
    totals = it.totals
    lines.append(f"{w.gettext(DRIVING)}: {w.duration(totals.drive_min)} · {totals.drive_km:.1f} km")
    for item in it.left_out:
        lines.append(f"- {item.place.name(lang)} — {left_out_text(item, w)}")
    return "\n".join(lines)
