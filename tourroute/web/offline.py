"""Installable and offline: the web app manifest and the service worker, per language.

Each language has its own worker under its own prefix (``/sw.js`` and ``/en/sw.js``), so a
worker's scope is exactly that language's pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from tourroute.web import current_locale

bp = Blueprint("offline", __name__)

THEME_COLOUR = "#1f6f50"


@bp.get("/manifest.webmanifest")
def manifest() -> Response:
    root = f"{request.script_root}/"
    body: dict[str, Any] = {
        "name": _("TourRoute – Phú Thọ, Thái Nguyên, Bắc Ninh"),
        "short_name": _("TourRoute"),
        "description": _("Plan a trip across Phú Thọ, Thái Nguyên and Bắc Ninh."),
        "lang": current_locale(),
        "start_url": root,
        "scope": root,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": url_for("static", filename=f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in (192, 512)
        ]
        + [
            {
                "src": url_for("static", filename="icons/icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            }
        ],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker() -> Response:
    """The worker script, never cached by the browser so that a new version takes over."""
    script = Path(current_app.static_folder or "static", "js", "sw.js").read_bytes()
    response = Response(script, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
