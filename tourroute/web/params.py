"""Parsing query parameters: a bad value is a 400 naming the parameter, never a 500."""

from __future__ import annotations

from collections.abc import Collection

from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest


def choice_arg(name: str, allowed: Collection[str]) -> str | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if value not in allowed:
        raise BadRequest(
            _(
                "Parameter “%(name)s”: “%(value)s” is not one of: %(allowed)s",
                name=name,
                value=value,
                allowed=", ".join(sorted(allowed)),
            )
        )
    return value


def positive_int_arg(name: str, *, default: int, maximum: int = 10_000, minimum: int = 1) -> int:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise BadRequest(
            _(
                "Parameter “%(name)s” must be a whole number from %(minimum)d to %(maximum)d.",
                name=name,
                minimum=minimum,
                maximum=maximum,
            )
        )
    return int(raw)


def choices_arg(name: str, allowed: Collection[str]) -> list[str]:
    """Every value of a repeated parameter (``?kind=tea&kind=xoan``); empty when absent."""
    values = [v.strip() for v in request.args.getlist(name) if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise BadRequest(
            _(
                "Parameter “%(name)s”: “%(value)s” is not one of: %(allowed)s",
                name=name,
                value=unknown[0],
                allowed=", ".join(sorted(allowed)),
            )
        )
    return values
