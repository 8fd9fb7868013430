"""Configuration: one documented class, values from ``TOURROUTE_*`` environment variables.

Reading the environment in one place means a deployment is described completely by its
environment (twelve-factor), and tests can build an app from a plain mapping instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: Placeholder used in development; production refuses to start with it.
DEV_SECRET_KEY = "dev-only-not-secret"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says which variable to fix."""


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


#: name -> (default, converter, description). The README's configuration table mirrors this.
SETTINGS: dict[str, tuple[Any, Any, str]] = {
    "ENV": ("development", str, "`production` enforces a real secret key and secure cookies"),
    "SECRET_KEY": (DEV_SECRET_KEY, str, "signs sessions and CSRF tokens; required in production"),
    "DATABASE_URL": (None, str, "SQLAlchemy URL; default SQLite file in the instance folder"),
    "REDIS_URL": (None, str, "Redis for rate limits and shared caches; memory when unset"),
    "REDIS_TIMEOUT_S": (0.5, float, "seconds a Redis connect or reply may take at most"),
    "REDIS_RETRY_S": (5.0, float, "seconds Redis is left alone after it failed, then tried again"),
    "DB_CONNECT_TIMEOUT_S": (5, int, "seconds a new PostgreSQL connection may take"),
    "DB_STATEMENT_TIMEOUT_MS": (15000, int, "longest a PostgreSQL statement may run"),
    "DB_LOCK_TIMEOUT_MS": (3000, int, "longest a PostgreSQL statement may wait for a lock"),
    "PROXY_FIX": (0, int, "reverse proxies in front whose X-Forwarded-* headers are trusted"),
    "METRICS": (False, _flag, "serve Prometheus metrics at /metrics"),
    "DATA_DIR": (str(PROJECT_ROOT / "data"), str, "folder with the seed data files"),
    "PORT": (5000, int, "port `make run` serves on"),
    "TILE_URL": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        str,
        "map tile URL template",
    ),
    "TILE_ATTRIBUTION": (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        str,
        "attribution shown with the tiles",
    ),
    "MAX_CONTENT_LENGTH": (4 * 1024 * 1024, int, "largest request body in bytes"),
    "PAGE_SIZE": (24, int, "places per page in lists"),
    "API_RATE_LIMIT": (
        "60 per minute",
        str,
        "requests one client may make to the JSON API (a Flask-Limiter rate string)",
    ),
    "API_PLAN_RATE_LIMIT": (
        "10 per minute",
        str,
        "itineraries one client may plan through the JSON API, on top of the general limit",
    ),
}


def engine_options(database_url: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Pool options: a pooled connection is tested before use (a restarted server or a killed
    backend leaves dead ones behind), and on PostgreSQL every wait is bounded, so a held lock or
    a runaway query costs one request an error instead of holding a worker indefinitely."""
    options: dict[str, Any] = {"pool_pre_ping": True}
    if database_url.startswith("postgresql"):
        from sqlalchemy.engine import make_url

        # Server options given in the URL (``?options=-csearch_path%3D…``) are kept.
        in_url = make_url(database_url).query.get("options", "")
        bounds = (
            f"-c statement_timeout={values['DB_STATEMENT_TIMEOUT_MS']} "
            f"-c lock_timeout={values['DB_LOCK_TIMEOUT_MS']}"
        )
        options["connect_args"] = {
            "connect_timeout": values["DB_CONNECT_TIMEOUT_S"],
            "options": " ".join(
                filter(None, [*([in_url] if isinstance(in_url, str) else in_url), bounds])
            ),
        }
    return options


def load_config(environ: Mapping[str, str] | None = None, *, instance_path: Path) -> dict[str, Any]:
    """Build the Flask config from ``TOURROUTE_*`` variables (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, (default, convert, _doc) in SETTINGS.items():
        raw = env.get(f"TOURROUTE_{name}")
        if raw is None:
            values[name] = default
            continue
        try:
            values[name] = convert(raw)
        except ValueError as exc:
            raise ConfigError(f"TOURROUTE_{name}={raw!r} is not a valid value: {exc}") from exc
    production = values["ENV"] == "production"
    if production and (values["SECRET_KEY"] == DEV_SECRET_KEY or len(values["SECRET_KEY"]) < 32):
        raise ConfigError(
            "TOURROUTE_SECRET_KEY must be set to a random string of at least 32 characters "
            "in production (e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    database_url = values.pop("DATABASE_URL") or f"sqlite:///{instance_path / 'tourroute.sqlite'}"
    secure_cookies = production or _flag(env.get("TOURROUTE_SECURE_COOKIES", ""))
    return {
        **values,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url, values),
        # The __Host- prefix makes browsers refuse the cookie unless it is Secure, has Path=/
        # and no Domain, so no subdomain or plain-http page can plant or overwrite it. Browsers
        # drop Secure cookies set over plain http (Chromium accepts them from localhost but not
        # always from 127.0.0.1, and the Werkzeug test client sends them only to https URLs),
        # so local http development uses an unprefixed, non-Secure cookie instead.
        "SESSION_COOKIE_NAME": "__Host-tourroute" if secure_cookies else "tourroute",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_PATH": "/",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "WTF_CSRF_TIME_LIMIT": None,
        # Counters move to Redis when it is configured (``tourroute.redis_store``), so every
        # worker shares one limit.
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": "tourroute",
        "RATELIMIT_HEADERS_ENABLED": True,
    }
