"""Checking a theme, one of its stages or a festival as a curator typed it.

Like :mod:`tourroute.core.place_validation`, everything is text in and text out (the form,
the draft and the revision all hold the same canonical text), and problems are returned with
English templates marked for translation, so a form shows every one next to its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tourroute.core.datafiles import FESTIVAL_COLUMNS, TAGS
from tourroute.core.domain import KINDS
from tourroute.core.messages import N_
from tourroute.core.place_validation import Problem, text_problems

#: The fields each subject's form edits. A stage's provinces and position are the theme's
#: shape, not the stage's content: they change only with the theme (an admin's task).
FIELDS: Mapping[str, tuple[str, ...]] = {
    "theme": ("name_vi", "name_en", "description_vi", "description_en", "ordered"),
    "stage": ("name_vi", "name_en", "kinds", "tags", "min_places"),
    # A festival's places are linked from each place's own form, not from here.
    "festival": tuple(c for c in FESTIVAL_COLUMNS if c not in ("slug", "places")),
}
_REQUIRED = ("name_vi", "name_en")
#: Most places a stage may demand: more than any province offers of one kind makes a theme
#: that can never be planned.
MAX_MIN_PLACES = 10
MAX_FESTIVAL_DAYS = 30


@dataclass(frozen=True)
class CheckedFields:
    fields: dict[str, str]
    errors: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def _whole(fields: dict[str, str], name: str, low: int, high: int, problems: list[Problem]) -> None:
    raw = fields[name]
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        problems.append(
            Problem(
                name,
                N_("Enter a whole number from %(low)s to %(high)s."),
                {"low": str(low), "high": str(high)},
            )
        )
        return
    fields[name] = str(int(raw))


def _codes(
    fields: dict[str, str], name: str, allowed: tuple[str, ...], problems: list[Problem]
) -> None:
    """A space-separated list of codes, each one known; kept sorted and without repeats."""
    codes = sorted(set(fields[name].replace(",", " ").replace(";", " ").split()))
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        problems.append(
            Problem(
                name,
                N_("Unknown code “%(code)s”: use %(allowed)s."),
                {"code": unknown[0], "allowed": ", ".join(allowed)},
            )
        )
    fields[name] = " ".join(codes)


def check(subject: str, raw: Mapping[str, str]) -> CheckedFields:
    """The cleaned fields of ``subject`` ("theme", "stage" or "festival") and their problems."""
    fields = {name: str(raw.get(name, "") or "").strip() for name in FIELDS[subject]}
    problems = text_problems(fields)
    problems += [
        Problem(name, N_("This field is required.")) for name in _REQUIRED if not fields[name]
    ]
    if subject == "theme":
        fields["ordered"] = "1" if fields["ordered"] in ("1", "on", "true") else "0"
    elif subject == "stage":
        _codes(fields, "kinds", KINDS, problems)
        _codes(fields, "tags", TAGS, problems)
        _whole(fields, "min_places", 0, MAX_MIN_PLACES, problems)
    else:
        if fields["calendar"] not in ("lunar", "solar"):
            problems.append(Problem("calendar", N_("Choose the lunar or the solar calendar.")))
        _whole(fields, "month", 1, 12, problems)
        _whole(fields, "day", 1, 30 if fields["calendar"] == "lunar" else 31, problems)
        _whole(fields, "duration_days", 1, MAX_FESTIVAL_DAYS, problems)
        if not fields["source"]:
            problems.append(
                Problem("source", N_("Name the source of this fact (a URL or a named dataset)."))
            )
    return CheckedFields(fields, tuple(problems))
