"""Response headers that make injected markup inert: a Content-Security-Policy with a nonce.

Every response gets a fresh nonce (``g.csp_nonce``, ``csp_nonce`` in templates); only scripts
and styles that carry it, or come from our own origin, run. There is no ``unsafe-inline`` and
no ``unsafe-eval``, so a name that slipped through escaping still could not execute. Map tiles
are the one thing loaded from elsewhere, from the host of ``TILE_URL``. The other security
headers are set in ``headers.py``.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g


def csp_nonce() -> str:
    """This request's nonce, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    nonce: str = g.csp_nonce
    return nonce


def tile_source(tile_url: str) -> str:
    """The CSP source for a tile URL template; ``{s}`` subdomains become a wildcard."""
    parts = urlsplit(tile_url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}" if parts.netloc else ""


def content_security_policy(nonce: str, *, tile_url: str) -> str:
    nonce_source = f"'nonce-{nonce}'"
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {nonce_source}",
        "style-src": f"'self' {nonce_source}",
        "img-src": f"'self' data: {tile_source(tile_url)}".strip(),
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _add_policy(response: Response) -> Response:
    if response.status_code == 304:
        # The browser keeps the page it has, whose scripts carry the nonce of its own policy;
        # a 304's headers replace the stored ones, so a new nonce here would block them.
        return response
    tile_url = current_app.config["TILE_URL"]
    response.headers.setdefault(
        "Content-Security-Policy", content_security_policy(csp_nonce(), tile_url=tile_url)
    )
    return response


def register(app: Flask) -> None:
    app.after_request(_add_policy)
    app.context_processor(lambda: {"csp_nonce": csp_nonce()})
