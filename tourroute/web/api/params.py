"""Query parameters of the API: a bad value is a 400 problem naming the parameter."""

from __future__ import annotations

from collections.abc import Collection

from flask import request

from tourroute.web.api.locale import _
from tourroute.web.api.problems import invalid_field

TRUE = ("1", "true", "yes")
FALSE = ("0", "false", "no")


def text_arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value or None


def required_text_arg(name: str) -> str:
    value = text_arg(name)
    if value is None:
        raise invalid_field(name, _("This parameter is required."))
    return value


def choice_arg(name: str, allowed: Collection[str]) -> str | None:
    """The value, None when the parameter is absent; an empty value is not one of ``allowed``."""
    if name not in request.args:
        return None
    value = request.args[name].strip()
    if value not in allowed:
        raise invalid_field(
            name, _("Choose one of: %(allowed)s.", allowed=", ".join(sorted(allowed)))
        )
    return value


def int_arg(name: str, *, minimum: int, maximum: int) -> int | None:
    value = text_arg(name)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not minimum <= int(value) <= maximum:
        raise invalid_field(
            name,
            _(
                "Give a whole number from %(minimum)d to %(maximum)d.",
                minimum=minimum,
                maximum=maximum,
            ),
        )
    return int(value)


def flag_arg(name: str) -> bool:
    value = (text_arg(name) or "0").lower()
    if value not in TRUE + FALSE:
        raise invalid_field(name, _("Give 1 or 0 (true or false)."))
    return value in TRUE
