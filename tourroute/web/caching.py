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

from flask import Response, g, jsonify, make_response, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from tourroute import jobs, metrics
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


def _may_queue() -> bool:
    accept = request.accept_mimetypes
    browser = accept.best == "text/html" or accept["text/html"] > accept["application/json"]
    return not browser and not jobs.is_worker_fetch(request.headers)


def _rendering() -> Response:
    response = jsonify(status="rendering", location=request.url)
    response.status_code = 202
    response.headers["Location"] = request.url
    response.headers["Cache-Control"] = "no-store"
    g.retry_after_s = 1
    return response


def keep_retry_after(response: Response) -> Response:
    """Our own ``Retry-After`` (a 202's "ask again in a second") over the rate limiter's, which
    it sets on every answer to when its window resets; the factory runs this after it."""
    if "retry_after_s" in g:
        response.headers["Retry-After"] = str(g.retry_after_s)
    return response


def cached(
    kind: str,
    *,
    max_age_s: int = 0,
    vary: tuple[str, ...] = (),
    durable: bool = False,
    queued: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Cache a public GET view. ``max_age_s`` lets browsers reuse it without asking (for what
    never changes, such as a saved trip's exports); 0 means they revalidate each time, which
    a 304 makes cheap. ``vary`` names request headers the answer depends on; ``durable``
    keeps it on disk when there is no Redis. ``queued`` renders a miss in a job worker when
    one listens: the answer is ``202`` with ``Location`` (this URL) and ``Retry-After`` until
    the entry is there — except for a browser following a link (``Accept: text/html``), which
    is rendered at once, as it would not poll."""

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
                entry = response_cache.lookup(kind, key, durable=durable)
                if entry is None and queued and _may_queue():
                    state = jobs.submit(
                        f"render-{etag}",
                        jobs.fetch_in_worker,
                        request.script_root + request.full_path,
                        {
                            name: request.headers[name]
                            for name in ("Accept-Language", *vary)
                            if name in request.headers
                        },
                    )
                    if state in ("queued", "started", "deferred", "scheduled"):
                        return _rendering()
                metrics.cache_lookup(kind, hit=entry is not None)
                if entry is None:
                    entry = _render(view, args, kwargs)
                    if entry is None:
                        return g.pop("uncached_response")
                    response_cache.store(kind, key, entry, durable=durable)
                response = Response(_personalised(entry.body), headers=list(entry.headers))
            response.set_etag(etag)
            response.headers["Cache-Control"] = control
            for name in ("Accept-Language", *vary):
                response.vary.add(name)
            return response

        return wrapper

    return decorator
