"""What a re-plan changed: every place added, removed or moved, each with its reason.

A re-plan should change as little as it can (the search prefers to keep stops where they were);
this names what did change so the trip page and the API can say so first, and offer "put back"
for each place that went.
"""

from __future__ import annotations

from collections.abc import Collection

from tourroute.core.domain import Change, Itinerary, Place


def _days_of(it: Itinerary) -> dict[str, tuple[int, Place]]:
    return {
        member.slug: (index, member)
        for index, day in enumerate(it.days)
        for stop in day.stops
        for member in stop.members or (stop.place,)
    }


def diff(before: Itinerary, after: Itinerary, *, asked: Collection[str]) -> tuple[Change, ...]:
    """Changes from ``before`` to ``after``; ``asked`` are the slugs the traveller acted on."""
    old, new = _days_of(before), _days_of(after)
    changes: list[Change] = []
    for slug, (day, place) in old.items():
        reason = "asked" if slug in asked else "no_longer_fits"
        if slug not in new:
            changes.append(Change(place=place, change="removed", reason=reason, from_day=day))
        elif new[slug][0] != day:
            changes.append(
                Change(place=place, change="moved", reason=reason, day=new[slug][0], from_day=day)
            )
    for slug, (day, place) in new.items():
        if slug not in old:
            reason = "asked" if slug in asked else "fills_free_time"
            changes.append(Change(place=place, change="added", reason=reason, day=day))
    return tuple(changes)
