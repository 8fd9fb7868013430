"""The JSON of an itinerary with everything the planner said worded for its reader.

One shape for every answer that carries an itinerary — a saved trip in the API, an agency's
package in the API and in its JSON export — so a note or a night's reason reads the same
wherever a client meets it.
"""

from __future__ import annotations

from typing import Any

from tourroute.core.domain import Itinerary
from tourroute.core.reasons import change_text, night_reason, note_text
from tourroute.core.serialize import itinerary_to_dict
from tourroute.core.words import words


def worded_itinerary(itinerary: Itinerary, *, lang: str) -> dict[str, Any]:
    """:func:`itinerary_to_dict` plus ``text`` of each note, ``reason_text`` of each change and
    ``lodging_reason_text`` of each day, in ``lang``."""
    from tourroute.services.planning import plan_rules  # loads the planner's rules when asked

    w = words(lang)
    body = itinerary_to_dict(itinerary, lang=lang)
    arrive_by = plan_rules().festival_arrive_by_min
    days = itinerary.request.days
    for data, note in zip(body["notes"], itinerary.notes, strict=True):
        data["text"] = note_text(note, w, trip_days=days, arrive_by_min=arrive_by)
    for data, change in zip(body["changes"], itinerary.changes, strict=True):
        data["reason_text"] = change_text(change, w)
    for data, day in zip(body["days"], itinerary.days, strict=True):
        data["lodging_reason_text"] = night_reason(day, w)
    return body
