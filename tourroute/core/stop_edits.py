"""Hand edits of a plan's stop order, as plain lists of slugs per day.

The package editor (and its no-JavaScript forms) describes one change at a time — move a stop,
remove it, add a place, add or drop a day; these functions turn that into the full order, which
the fixed-order re-timing (:func:`tourroute.core.planner.fixed_order.retime_itinerary`) then
times and checks. They never schedule anything themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from tourroute.core.messages import N_, TranslatableError

DaySlugs = list[list[str]]


class StopEditError(TranslatableError):
    """The edit names a day or stop the plan does not have (a stale or altered form)."""


def _copy(days: Sequence[Sequence[str]]) -> DaySlugs:
    return [list(day) for day in days]


def _check_day(days: Sequence[Sequence[str]], day: int) -> None:
    if not 0 <= day < len(days):
        raise StopEditError(N_("There is no day %(number)d."), field="day", number=day + 1)


def moved(days: Sequence[Sequence[str]], slug: str, *, to_day: int, to_index: int) -> DaySlugs:
    """``slug`` taken from wherever it is and put at ``to_index`` of day ``to_day``.

    ``to_index`` is counted in the target day *without* the moved stop, and clipped to it.
    """
    _check_day(days, to_day)
    result = _copy(days)
    for stops in result:
        if slug in stops:
            stops.remove(slug)
            break
    else:
        raise StopEditError(N_("This place is not in the plan."), field="slug")
    target = result[to_day]
    target.insert(max(0, min(to_index, len(target))), slug)
    return result


def removed(days: Sequence[Sequence[str]], slug: str) -> DaySlugs:
    """Every day without ``slug``."""
    if not any(slug in day for day in days):
        raise StopEditError(N_("This place is not in the plan."), field="slug")
    return [[s for s in day if s != slug] for day in days]


def added(days: Sequence[Sequence[str]], slug: str, *, day: int) -> DaySlugs:
    """``slug`` appended to day ``day``, or moved there if it is already in the plan."""
    _check_day(days, day)
    if any(slug in stops for stops in days):
        return moved(days, slug, to_day=day, to_index=len(days[day]))
    result = _copy(days)
    result[day].append(slug)
    return result


def with_day_added(days: Sequence[Sequence[str]]) -> DaySlugs:
    """One more, empty, day at the end."""
    return [*_copy(days), []]


def with_last_day_dropped(days: Sequence[Sequence[str]]) -> DaySlugs:
    """The plan without its last day; refused when it has stops or is the only day."""
    if len(days) < 2:
        raise StopEditError(N_("A plan needs at least one day."), field="day")
    if days[-1]:
        raise StopEditError(N_("Move or remove the last day's stops first."), field="day")
    return _copy(days[:-1])
