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

from tourroute.core.export.events import event_time
from tourroute.core.planner.validate import RuleProblem
from tourroute.core.programme import VISIT_EVENTS, DayProgramme
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
    #: ``09:10–10:40``, as every document prints the visit.
    time: str


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


def editor_days(
    programme: Sequence[DayProgramme], *, lang: str, refused: Sequence[Refusal] = ()
) -> list[EditorDay]:
    """The days as the editor lists them: the programme's visits, with their programme times."""
    return [
        EditorDay(
            index=day.number - 1,
            date=day.date,
            stops=tuple(
                EditorStop(place.slug, place.name(lang), event_time(event))
                for event in day.events
                if event.kind in VISIT_EVENTS
                # a group visit lists its members, so each can be moved or dropped
                for place in (event.members or (event.place,))
            ),
            refusals=tuple(r for r in refused if r.day == day.number - 1),
        )
        for day in programme
    ]
