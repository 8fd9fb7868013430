"""Locales and the URL scheme that carries them.

Vietnamese is the default and lives at the bare paths (``/places``); English lives under
``/en`` (``/en/places``). The prefix is moved from ``PATH_INFO`` to ``SCRIPT_NAME`` by a tiny
WSGI middleware, so Flask's ``url_for`` prefixes every link it builds during an English request
by itself and the language survives navigation without a cookie or per-view code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"
PREFIXED = {"en": "/en"}

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class LanguagePrefixMiddleware:
    """Strip ``/en`` from the path and record it as the script root."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path: str = environ.get("PATH_INFO", "")
        for prefix in PREFIXED.values():
            if path == prefix or path.startswith(prefix + "/"):
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
                environ["PATH_INFO"] = path[len(prefix) :] or "/"
                break
        return self.app(environ, start_response)


def locale_from_script_root(script_root: str) -> str:
    for locale, prefix in PREFIXED.items():
        if script_root.endswith(prefix):
            return locale
    return DEFAULT_LOCALE


def switch_url(path: str, query: str, *, base_root: str, locale: str) -> str:
    """The same page in ``locale``: ``path`` is relative to the app (no language prefix)."""
    url = base_root + PREFIXED.get(locale, "") + path
    return f"{url}?{query}" if query else url


def localized(obj: Any, field: str, locale: str) -> tuple[str, bool]:
    """``obj.<field>_<locale>``, falling back to the other language.

    Returns the text and whether it is a fallback, so pages can mark text shown in the
    other language instead of silently mixing languages.
    """
    value = getattr(obj, f"{field}_{locale}", "") or ""
    if value:
        return value, False
    for other in LOCALES:
        if other != locale:
            fallback = getattr(obj, f"{field}_{other}", "") or ""
            if fallback:
                return fallback, True
    return "", False
