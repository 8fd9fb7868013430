"""Security headers on every response (the Content-Security-Policy lives in ``security.py``).

* ``X-Content-Type-Options: nosniff`` — a served file is never reinterpreted as script;
* ``Referrer-Policy`` — other sites learn our origin at most, never paths or queries;
* ``X-Frame-Options: DENY`` — no page is framed (clickjacking); CSP ``frame-ancestors``
  says the same to newer browsers;
* ``Cache-Control: no-store`` on pages shown to a signed-in person, so a shared computer's
  cache never keeps drafts or the user list.
"""

from __future__ import annotations

from flask import Flask, Response
from flask_login import current_user

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_user and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
