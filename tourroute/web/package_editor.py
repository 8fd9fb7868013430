"""What the package editor shows: the stops of each day and, for a refused edit, every problem.

The views in :mod:`tourroute.web.agency` parse the forms and call the services; this module
only shapes what the template needs, so the page, the drag-and-drop script and the plain
forms all read one description of the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.planner.validate import RuleProblem
from tourroute.web.messages import rule_problem_text


@dataclass(frozen=True)
class Refusal:
    """One reason an edit was refused, in the page's language; ``day`` is its index or None."""

    day: int | None
    text: str

    @property
    def headline(self) -> str:
        """The text with its day in front, for the list at the top of the page."""
        if self.day is None:
            return self.text
        return str(_("Day %(number)d: %(problem)s", number=self.day + 1, problem=self.text))


def refusals(problems: Sequence[RuleProblem], *, names: Mapping[str, str]) -> list[Refusal]:
    return [Refusal(p.day, rule_problem_text(p, names=names)) for p in problems]


@dataclass(frozen=True)
class EditorStop:
    slug: str
    name: str
    arrive: str
    depart: str


@dataclass(frozen=True)
class EditorDay:
    index: int
    date: dt.date
    stops: tuple[EditorStop, ...]
    refusals: tuple[Refusal, ...]

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def slugs(self) -> str:
        """The day's stops as the full-order form sends them (the script rewrites this)."""
        return ",".join(s.slug for s in self.stops)


def editor_days(it: Itinerary, *, lang: str, refused: Sequence[Refusal] = ()) -> list[EditorDay]:
    return [
        EditorDay(
            index=index,
            date=day.date,
            stops=tuple(
                EditorStop(s.place.slug, s.place.name(lang), hhmm(s.arrive_min), hhmm(s.depart_min))
                for s in day.stops
            ),
            refusals=tuple(r for r in refused if r.day == index),
        )
        for index, day in enumerate(it.days)
    ]


def time_of_day(text: str) -> int | None:
    """Minutes after midnight of an ``HH:MM`` the agency typed, or None if it is not one."""
    try:
        time = dt.time.fromisoformat(text.strip())
    except ValueError:
        return None
    if len(text.strip()) != 5 or time.second or time.microsecond:
        return None
    return time.hour * 60 + time.minute
