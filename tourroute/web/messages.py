"""Showing the core's translatable messages in the user's language."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext

from tourroute.core.messages import TranslatableError
from tourroute.core.place_validation import Problem


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
