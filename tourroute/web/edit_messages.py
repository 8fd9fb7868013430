"""Why a hand edit of a trip was refused, in the page's language, naming places and times.

The re-timing's problems carry a code and the facts (day, place, minutes of day); the English
text the core writes for logs and agencies is the fallback for codes a traveller cannot cause.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask_babel import gettext as _

from tourroute.core.domain import Place, hhmm
from tourroute.core.planner.validate import Problem


def _place(problem: Problem, places: Mapping[str, Place], lang: str) -> str:
    place = places.get(problem.slug or "")
    return place.name(lang) if place is not None else (problem.slug or "")


def _day(problem: Problem) -> int:
    return (problem.day or 0) + 1


_WORDING: dict[str, Callable[[Problem, str], str]] = {
    "hours": lambda p, name: _(
        "%(place)s would be visited %(start)s–%(end)s, outside its opening hours.",
        place=name,
        start=hhmm(p.times[0]),
        end=hhmm(p.times[1]),
    ),
    "day_end": lambda p, name: _(
        "Day %(day)d would end at %(end)s, after %(limit)s.",
        day=_day(p),
        end=hhmm(p.times[0]),
        limit=hhmm(p.times[1]),
    ),
    "driving": lambda p, name: _(
        "Day %(day)d would have %(minutes)d minutes of driving, more than %(limit)d.",
        day=_day(p),
        minutes=p.values[0],
        limit=p.values[1],
    ),
    "not_a_visit": lambda p, name: _(
        "%(place)s is where days start or end, not a place to visit.", place=name
    ),
    "twice": lambda p, name: _("%(place)s would be visited twice.", place=name),
    "no_lunch": lambda p, name: _(
        "Day %(day)d would leave no time for lunch between 11:00 and 13:30.", day=_day(p)
    ),
    "lunch_time": lambda p, name: _(
        "Day %(day)d would leave no time for lunch between 11:00 and 13:30.", day=_day(p)
    ),
}


def edit_reasons(
    problems: tuple[Problem, ...], places: Mapping[str, Place], lang: str
) -> list[str]:
    """One sentence per problem, the same problem said once."""
    reasons = [
        _WORDING[p.code](p, _place(p, places, lang)) if p.code in _WORDING else p.text
        for p in problems
    ]
    return list(dict.fromkeys(reasons))
