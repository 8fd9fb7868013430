"""TourRoute: bilingual tourism route planning for Phú Thọ, Thái Nguyên and Bắc Ninh.

Flask is imported inside the factory so that ``tourroute.core`` stays importable, and testable,
without the web framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tourroute.config import PROJECT_ROOT, load_config

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build an app: configuration from the environment, then ``config`` overrides on top."""
    from tourroute import cli, extensions, i18n, redis_store, web
    from tourroute.web.caching import keep_retry_after
    from tourroute.web.resilience import TourRouteFlask

    app = TourRouteFlask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.update(load_config(instance_path=instance))
    if config:
        app.config.update(config)

    extensions.db.init_app(app)
    # Registered first so that it runs last: the commit follows everything else a response
    # needs (rate-limit headers, security headers), so nothing can fail after it.
    app.after_request(web.finish_transaction)
    app.after_request(keep_retry_after)
    extensions.migrate.init_app(
        app,
        extensions.db,
        directory=str(Path(__file__).parent / "migrations"),
        render_as_batch=True,
    )
    extensions.babel.init_app(app, locale_selector=web.current_locale)
    extensions.csrf.init_app(app)
    redis_store.init_app(app)
    extensions.limiter.init_app(app)
    web.register(app)
    cli.register(app)
    app.wsgi_app = i18n.LanguagePrefixMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    if app.config["PROXY_FIX"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, so the language prefix and the rate limiter see the client's address.
        trusted = app.config["PROXY_FIX"]
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted
        )
    return app
