"""Messages the core produces for people, kept translatable without importing Flask.

The core writes English templates marked with :func:`N_` (a standard gettext keyword, so
``pybabel extract`` collects them) and keeps the parameters apart; the web layer translates
the template into the user's language and fills it in, the command line prints the English.
"""

from __future__ import annotations

from collections.abc import Mapping

from tourroute.core.errors import DataError

Params = Mapping[str, str | int | float]


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated where it is shown."""
    return message


def fill(template: str, params: Params) -> str:
    return template % dict(params) if params else template


class TranslatableError(DataError):
    """A DataError whose message can be shown in the user's language."""

    def __init__(self, template: str, *, field: str | None = None, **params: str | int) -> None:
        super().__init__(fill(template, params), field=field)
        self.template = template
        self.params: Params = params
