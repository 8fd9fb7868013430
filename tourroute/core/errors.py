"""One small family of exceptions for the core.

Each carries a message that tells the caller what is wrong and, where it helps, what to do;
``field`` names the input at fault so the web layer can show the error next to it.
"""

from __future__ import annotations


class TourRouteError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class DataError(TourRouteError):
    """A data file or record is malformed or contradicts itself."""


class UnknownPlaceError(TourRouteError):
    """A slug names no known place."""


class InvalidRequestError(TourRouteError):
    """A trip request cannot be planned as asked (0 days, end before start, …)."""


class InfeasibleError(TourRouteError):
    """A request is well-formed but no plan can satisfy it (a must-include that can never fit).

    ``place`` names the place (both names, Vietnamese first) and ``reason`` the rule that
    keeps it out (a ``LeftOutReason`` code), when the refusal is about one place.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        place: tuple[str, str] | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.place = place
        self.reason = reason
