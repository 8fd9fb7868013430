"""The request of a re-plan: the old request with the traveller's removals, locks, moves and
put-backs applied. The pages and the API both re-plan through it, so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from tourroute.core.domain import Itinerary, LockedStop, TripRequest
from tourroute.core.errors import InvalidRequestError


@dataclass(frozen=True)
class Edits:
    """What the traveller asked of a re-plan (days 0-based)."""

    remove: tuple[str, ...] = ()
    lock: tuple[LockedStop, ...] = ()
    move: tuple[LockedStop, ...] = ()
    put_back: tuple[str, ...] = ()

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(
            (*self.remove, *self.put_back, *(x.slug for x in (*self.lock, *self.move)))
        )


def planned_slugs(it: Itinerary) -> set[str]:
    """Every place the trip visits, site-group members included."""
    return {m.slug for d in it.days for s in d.stops for m in s.members or (s.place,)}


def _locked_on(old: TripRequest, stops: Sequence[LockedStop]) -> TripRequest:
    slugs = {s.slug for s in stops}
    others = tuple(lock for lock in old.locked if lock.slug not in slugs)
    return dataclasses.replace(old, locked=(*others, *stops))


def edited_request(it: Itinerary, edits: Edits) -> TripRequest:
    """``it``'s request with ``edits`` applied; raises when an edit names what it cannot.

    Removing, locking or moving needs a place the trip visits; putting back needs one it left
    out or was told to exclude; a day must be one of the trip's.
    """
    old = it.request
    visited = planned_slugs(it)
    for field, slugs in (
        ("remove", edits.remove),
        ("lock", [x.slug for x in edits.lock]),
        ("move", [x.slug for x in edits.move]),
    ):
        for slug in slugs:
            if slug not in visited:
                raise InvalidRequestError(f"{slug} is not in this trip.", field=field)
    for field, stops in (("lock", edits.lock), ("move", edits.move)):
        for stop in stops:
            if not 0 <= stop.day < old.days:
                raise InvalidRequestError(
                    f"Day {stop.day + 1} is not a day of this {old.days}-day trip.", field=field
                )
    left = {o.place.slug for o in it.left_out} | set(old.exclude)
    for slug in edits.put_back:
        if slug not in left:
            raise InvalidRequestError(f"{slug} was not left out of this trip.", field="put_back")
    removed = set(edits.remove)
    request = dataclasses.replace(
        old,
        locked=tuple(lock for lock in old.locked if lock.slug not in removed),
        include=tuple(s for s in (*old.include, *edits.put_back) if s not in removed),
        exclude=tuple(
            s for s in dict.fromkeys((*old.exclude, *edits.remove)) if s not in edits.put_back
        ),
    )
    return _locked_on(request, (*edits.lock, *edits.move))
