"""The thin web layer: blueprints parse input, call a service, render output."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, request
from flask_babel import get_locale
from sqlalchemy.exc import DBAPIError

from tourroute import i18n, labels
from tourroute.core.costs import format_money
from tourroute.core.export.events import event_notes, event_time, event_title
from tourroute.core.navigation import tel_uri
from tourroute.core.words import words
from tourroute.extensions import db
from tourroute.web import resilience
from tourroute.web.api.locale import api_locale, is_api_request


def current_locale() -> str:
    if is_api_request():
        return api_locale()
    return i18n.locale_from_script_root(request.script_root)


def _template_globals() -> dict[str, Any]:
    locale = str(get_locale() or i18n.DEFAULT_LOCALE)
    base_root = request.script_root
    for prefix in i18n.PREFIXED.values():
        if base_root.endswith(prefix):
            base_root = base_root[: -len(prefix)]
    query = request.query_string.decode("latin-1")
    return {
        "locale": locale,
        "switch_urls": {
            loc: i18n.switch_url(request.path, query, base_root=base_root, locale=loc)
            for loc in i18n.LOCALES
        },
        "localized": lambda obj, field: i18n.localized(obj, field, locale),
        "money": lambda amount_vnd: format_money(amount_vnd, lang=locale),
        "kind_labels": labels.KIND_LABELS,
        "lodging_kind_labels": labels.LODGING_KIND_LABELS,
        "tel_uri": tel_uri,
        "precision_labels": labels.PRECISION_LABELS,
        "heritage_labels": labels.HERITAGE_LABELS,
        "licence_labels": labels.LICENCE_LABELS,
        # A day programme (tourroute.core.programme) is shown through these, on every page.
        "words": words(locale),
        "event_time": event_time,
        "event_title": lambda event: event_title(event, words(locale)),
        "event_notes": lambda event: event_notes(event, words(locale), descriptions=False),
    }


def finish_transaction(response: Any) -> Any:
    """One commit per request, and only for a request that succeeded.

    The factory registers it before every other ``after_request`` hook, so it runs after them:
    the response is complete when the commit happens, and a saved write is never answered with
    an error (a failing commit is, and then nothing was saved)."""
    if response.status_code >= 400:
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except DBAPIError as error:
        db.session.rollback()
        if request.method in ("GET", "HEAD"):
            return response  # a read has nothing to lose; its answer stands
        return resilience.unavailable(error)
    return response


def register(app: Flask) -> None:
    from tourroute.web import (
        access,
        admin,
        agency,
        api,
        api_docs,
        assets,
        auth,
        catalogue_curation,
        curate_data,
        curation,
        errors,
        festivals,
        headers,
        inputs,
        insights,
        maps,
        offline,
        ops,
        pages,
        photos,
        request_log,
        resilience,
        search,
        security,
        shared,
        trips,
    )

    request_log.init_app(app)
    app.register_blueprint(ops.bp)
    inputs.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(maps.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(trips.bp)
    app.register_blueprint(festivals.bp)
    app.register_blueprint(offline.bp)
    assets.register(app)
    api.register(app)
    app.register_blueprint(api_docs.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(curation.bp)
    app.register_blueprint(curate_data.bp)
    app.register_blueprint(catalogue_curation.bp)
    app.register_blueprint(photos.bp)
    app.register_blueprint(insights.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(agency.bp)
    app.register_blueprint(shared.bp)
    errors.register(app)
    resilience.register(app)
    headers.init_app(app)
    security.register(app)
    app.context_processor(_template_globals)

    @app.before_request
    def _remember_locale() -> None:
        g.locale = current_locale()

    access.init_app(app)
