"""A site group as one visit: the members a trip can see, their summed length and shared hours.

The four Xoan guilds of Kim Đức stand on one point; visiting them as four stops "0 min apart"
is not a plan a guide would sell. The planner therefore sees a group as one place: the first
member's point and slug (so the pin and the travel matrix stay the first member's), the
members' visit lengths added up, and only the hours every member with known hours is open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from tourroute.core.domain import OpeningHours, Place, TimeWindow

Windows = tuple[TimeWindow, ...]


def _overlap(a: Windows, b: Windows) -> Windows:
    spans = []
    for x in a:
        for y in b:
            lo, hi = max(x.open_min, y.open_min), min(x.close_min, y.close_min)
            if lo < hi:
                spans.append(TimeWindow(lo, hi))
    return tuple(sorted(spans, key=lambda w: w.open_min))


def shared_hours(members: Sequence[Place]) -> OpeningHours:
    """Hours when every member whose hours are known is open; unknown if none are known."""
    known = [m.hours for m in members if m.hours.known]
    if not known:
        return members[0].hours
    weekly = known[0].weekly
    for hours in known[1:]:
        weekly = tuple(_overlap(a, b) for a, b in zip(weekly, hours.weekly, strict=True))
    return OpeningHours(weekly=weekly, known=True, text="; ".join(h.text for h in known))


def group_visit(members: Sequence[Place]) -> Place:
    """The place the planner schedules for a visit of all ``members`` (at least two)."""
    first = members[0]
    return dataclasses.replace(
        first,
        visit_min=sum(m.visit_min for m in members),
        hours=shared_hours(members),
        interest=max(m.interest for m in members),
    )
