"""Riding out database faults: a request whose connection died is run again once.

``pool_pre_ping`` (``config.engine_options``) catches most dead pooled connections before use;
this catches the rest — a backend terminated in the middle of a request. Such a request is
retried once on a fresh connection when nothing it did can have been committed: reads always,
and writes too while no commit ran during the request (the transaction died with the
connection, so running it again cannot save anything twice). A database that stays unreachable
or a bounded wait that ran out (lock or statement timeout) is a 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, has_app_context, make_response, render_template
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from werkzeug.exceptions import ServiceUnavailable

from tourroute.extensions import db
from tourroute.jobs import JobUnavailable
from tourroute.web.api.locale import is_api_request
from tourroute.web.api.problems import problem_response

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5


@event.listens_for(Session, "after_commit")
def _note_commit(_session: Session) -> None:
    if has_app_context():
        g.committed = True


class TourRouteFlask(Flask):
    """Flask whose view dispatch survives one dropped database connection."""

    def dispatch_request(self) -> Any:
        try:
            return super().dispatch_request()
        except DBAPIError as error:
            if not error.connection_invalidated or g.get("committed") or g.get("retried"):
                raise
            g.retried = True
            log.warning("database connection lost; running the request again: %s", error.orig)
            db.session.rollback()
            return super().dispatch_request()


def unavailable(error: Exception) -> Any:
    """A 503 with ``Retry-After``: the database is away or a bounded wait ran out."""
    log.warning("database unavailable or wait exceeded: %s", error)
    db.session.rollback()
    if is_api_request():
        response = problem_response(ServiceUnavailable(_("Try again in a few seconds.")))
    else:
        page = render_template(
            "error.html",
            code=503,
            title=_("Service briefly unavailable"),
            detail=_("Try again in a few seconds."),
        )
        response = make_response(page, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def register(app: Flask) -> None:
    app.register_error_handler(OperationalError, unavailable)
    app.register_error_handler(JobUnavailable, unavailable)
