"""Fill the per-process caches before a preforking server starts its workers.

With gunicorn's ``preload_app`` the master imports the app once and forks the workers from it.
Loading what every plan and page keeps per process there too — the published places, the travel
matrix, the planner's rules and the PDF renderer's imports — makes every worker start
warm: the first ones and each one ``max_requests`` replaces. Otherwise each new worker spent
its first plan (about 0.8 s against 0.2 s warm) and its first PDF building them while requests
waited. A database that is not there yet only costs the warm start: the caches then
fill on first use, as before.
"""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from tourroute.extensions import db

log = logging.getLogger(__name__)


def warm(app: Flask) -> None:
    """Load the caches in this process, then close its database connections (a forked worker
    must not share them)."""
    from tourroute.core.export import pdf  # noqa: F401  # matplotlib: a second of imports
    from tourroute.services.planning import plan_rules
    from tourroute.services.travel import published_places, travel_matrix

    with app.app_context():
        try:
            travel_matrix(published_places())
            plan_rules()
        except SQLAlchemyError as error:
            log.warning("caches not warmed, the database did not answer: %s", error)
        finally:
            db.session.remove()
            db.engine.dispose()
