"""HTTP caching of what every anonymous visitor sees alike: rendered once, revalidated cheaply.

``@cached(kind)`` keys a GET on the catalogue's data version, the language, the URL (with its
script root, so ``/en/...`` is its own entry) and what else the view varies on. The key is
known before the view runs, so it is also the ``ETag``: a matching ``If-None-Match`` is a 304
without rendering anything, and a miss in the browser is usually a hit in
:mod:`tourroute.services.response_cache`. Signed-in people (curators, agencies) bypass it: their
pages carry their name and are ``no-store`` (``headers.py``), and after they publish the data
version has changed anyway, so nobody is shown the page as it was.

Pages embed a per-response CSP nonce and, in forms, the visitor's CSRF token. A page is
therefore rendered with placeholders for both, stored so, and each response gets the real,
fresh values substituted — the nonce stays unique per response.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from flask import Response, g, make_response, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tourroute.services import catalogue, response_cache
from tourroute.web.security import csp_nonce

#: Placeholders, random per process so no page content can contain them by accident.
NONCE_MARK = f"nonce-{secrets.token_hex(12)}"
CSRF_MARK = f"csrf-{secrets.token_hex(12)}"
#: Headers of the view's response kept with the body.
KEPT = ("Content-Type", "Content-Disposition")


def _render(view: Callable[..., Any], args: Any, kwargs: Any) -> response_cache.Entry | None:
    """The view's 200 response with placeholders for the nonce and the CSRF token."""
    g.csp_nonce, g.csrf_token = NONCE_MARK, CSRF_MARK  # where csp_nonce/generate_csrf look
    try:
        response = make_response(view(*args, **kwargs))
    finally:
        g.pop("csp_nonce", None)
        g.pop("csrf_token", None)
    if response.status_code != 200:
        g.uncached_response = response
        return None
    headers = tuple((name, value) for name, value in response.headers if name in KEPT)
    return response_cache.Entry(response.get_data(), headers)


def _personalised(body: bytes) -> bytes:
    if NONCE_MARK.encode() in body:
        body = body.replace(NONCE_MARK.encode(), csp_nonce().encode())
    if CSRF_MARK.encode() in body:
        body = body.replace(CSRF_MARK.encode(), generate_csrf().encode())
    return body


def cached(
    kind: str,
    *,
    max_age_s: int = 0,
    vary: tuple[str, ...] = (),
    durable: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Cache a public GET view. ``max_age_s`` lets browsers reuse it without asking (for what
    never changes, such as a saved trip's exports); 0 means they revalidate each time, which
    a 304 makes cheap. ``vary`` names request headers the answer depends on; ``durable``
    keeps it on disk when there is no Redis."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if current_user.is_authenticated:
                return view(*args, **kwargs)
            parts = [catalogue.data_version(), str(get_locale()), request.script_root]
            parts += [request.full_path, *(request.headers.get(name, "") for name in vary)]
            key = "|".join(parts)
            etag = hashlib.sha256(f"{response_cache.BUILD}|{kind}|{key}".encode()).hexdigest()
            etag = etag[:32]
            control = f"public, max-age={max_age_s}" if max_age_s else "no-cache"
            if request.if_none_match.contains(etag):
                response = Response(status=304)
            else:
                entry = response_cache.fetch(
                    kind, key, lambda: _render(view, args, kwargs), durable=durable
                )
                if entry is None:
                    return g.pop("uncached_response")
                response = Response(_personalised(entry.body), headers=list(entry.headers))
            response.set_etag(etag)
            response.headers["Cache-Control"] = control
            for name in ("Accept-Language", *vary):
                response.vary.add(name)
            return response

        return wrapper

    return decorator
