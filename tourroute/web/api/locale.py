"""The language of an API response.

A JSON client has no language prefix to click, so it may say which language it wants in the
``lang`` query parameter or body field; otherwise the ``/en`` prefix and then its
``Accept-Language`` header decide, and Vietnamese is the default.
"""

from __future__ import annotations

from flask import request
from flask_babel import get_locale, gettext
from werkzeug.exceptions import HTTPException

from tourroute import i18n

#: Every path of the JSON API starts with this.
API_PREFIX = "/api/v1"


def _(message: str, **variables: object) -> str:
    """``gettext`` typed as returning text (Flask-Babel leaves it untyped)."""
    return str(gettext(message, **variables))


def response_lang() -> str:
    """The language this response is in (chosen once per request by :func:`api_locale`)."""
    return str(get_locale())


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def _body_lang() -> object:
    if not request.is_json:
        return None
    try:
        body = request.get_json(silent=True)
    except HTTPException:  # a body over the size limit: its own error reports it
        return None
    return body.get("lang") if isinstance(body, dict) else None


def api_locale() -> str:
    for requested in (request.args.get("lang"), _body_lang()):
        if requested in i18n.LOCALES:
            return str(requested)
    if request.script_root.endswith(i18n.PREFIXED["en"]):
        return "en"
    return request.accept_languages.best_match(i18n.LOCALES) or i18n.DEFAULT_LOCALE
