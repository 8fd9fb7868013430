"""A traveller's edit of their own trip, as a change to its stops day by day.

The edit only rearranges slugs; timing and every check are the fixed-order re-timing's job
(``core.planner.fixed_order``), the same one agencies' packages go through.
"""

from __future__ import annotations

from collections.abc import Sequence

from tourroute.core.domain import DayPlan, Stop
from tourroute.core.errors import InvalidRequestError
from tourroute.core.programme import continues

ACTIONS: tuple[str, ...] = ("up", "down", "remove", "add")


def edit_units(day: DayPlan) -> list[tuple[Stop, tuple[str, ...]]]:
    """The day's stops as the traveller edits them: each with the slugs it stands for, the parts
    of a site group seen around lunch joined into one (as the programme numbers them)."""
    units: list[tuple[Stop, tuple[str, ...]]] = []
    previous: Stop | None = None
    for stop in day.stops:
        if units and continues(previous, stop):
            first, slugs = units[-1]
            units[-1] = (first, slugs + stop.slugs)
        else:
            units.append((stop, stop.slugs))
        previous = stop
    return units


def apply_edit(
    days: Sequence[Sequence[Sequence[str]]], *, action: str, day: int, slug: str
) -> list[list[str]]:
    """The places of each day after one edit.

    ``days`` lists each day's stops, a stop being the slugs it visits: one place, or every member
    of a site group. A stop moves as a whole, so moving a group's pin never splits the group (the
    re-timer would visit the members apart, which no guide would do). ``slug`` names a stop by
    any of its places.

    ``up``/``down`` move the stop one place earlier or later; from the first stop of a day
    ``up`` moves it to the end of the day before, from the last ``down`` to the start of the
    next day. ``remove`` drops it; ``add`` appends ``slug`` to ``day``.

    Raises
    ------
    InvalidRequestError
        An unknown action, a day outside the trip, ``slug`` not on ``day`` (or, to add,
        already in the trip), or a move past the first or last day.
    """
    new = [[tuple(stop) for stop in stops] for stops in days]
    if action not in ACTIONS:
        raise InvalidRequestError(f"unknown edit {action!r}", field="action")
    if not 0 <= day < len(new):
        raise InvalidRequestError(f"the trip has no day {day + 1}", field="day")
    if action == "add":
        if any(slug in stop for stops in new for stop in stops):
            raise InvalidRequestError(f"{slug!r} is already in the trip", field="slug")
        new[day].append((slug,))
        return _flat(new)
    position = next((i for i, stop in enumerate(new[day]) if slug in stop), None)
    if position is None:
        raise InvalidRequestError(f"{slug!r} is not on day {day + 1}", field="slug")
    moved = new[day].pop(position)
    if action == "up" and position > 0:
        new[day].insert(position - 1, moved)
    elif action == "up" and day > 0:
        new[day - 1].append(moved)
    elif action == "down" and position < len(days[day]) - 1:
        new[day].insert(position + 1, moved)
    elif action == "down" and day < len(new) - 1:
        new[day + 1].insert(0, moved)
    elif action != "remove":
        raise InvalidRequestError(f"{slug!r} cannot move further", field="action")
    return _flat(new)


def _flat(days: list[list[tuple[str, ...]]]) -> list[list[str]]:
    return [[slug for stop in stops for slug in stop] for stops in days]
