"""Showing the core's translatable messages in the user's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext

from tourroute.core.messages import TranslatableError
from tourroute.core.place_validation import Problem
from tourroute.core.planner.validate import RuleProblem
from tourroute.labels import KIND_LABELS


def problem_text(problem: Problem) -> str:
    return str(gettext(problem.template, **problem.params))


def error_text(error: TranslatableError) -> str:
    return str(gettext(error.template, **error.params))


def by_field(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Messages grouped by the field they belong next to."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(problem.field, []).append(problem_text(problem))
    return grouped


#: Parameters of the validator's problems that hold a place's slug, shown by its name.
_PLACE_PARAMS = ("place", "other")


def rule_problem_text(problem: RuleProblem, *, names: Mapping[str, str]) -> str:
    """A broken planning rule in the user's language, places named (``names``: slug → name)."""
    params: dict[str, str | int] = dict(problem.params)
    for key in _PLACE_PARAMS:
        if key in params:
            params[key] = names.get(str(params[key]), str(params[key]))
    if "kind" in params:
        params["kind"] = str(KIND_LABELS.get(str(params["kind"]), params["kind"]))
    return str(gettext(problem.template, **params))
