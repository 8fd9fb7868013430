"""The public JSON API, version 1, under ``/api/v1``.

Thin views over the services; each declares its input and output once (``contract``,
``schemas``, ``responses``), from which the OpenAPI document (``openapi``) is generated. Errors
are problem details (``problems``); the language comes from ``lang`` or ``Accept-Language``
(``locale``). Agency endpoints, which need an account, live in their own blueprint.

Every endpoint shares one per-client rate limit (``API_RATE_LIMIT``); planning, which costs
seconds of CPU, has a second, tighter one (``API_PLAN_RATE_LIMIT``). The API is exempt from
CSRF protection: it never authenticates by cookie, so a forged cross-site request could only do
what any anonymous client may do anyway.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app

from tourroute.core.errors import TourRouteError
from tourroute.extensions import csrf, limiter
from tourroute.web.api.locale import API_PREFIX
from tourroute.web.api.problems import from_core_error, problem_response
from tourroute.web.inputs import parse_query


def _api_limit() -> str:
    return str(current_app.config["API_RATE_LIMIT"])


def _plan_limit() -> str:
    return str(current_app.config["API_PLAN_RATE_LIMIT"])


#: Decorates the planning view with the tighter limit, on top of the shared one.
plan_limit = limiter.limit(_plan_limit, override_defaults=False)


def _check_lang() -> None:
    """An unsupported ``lang`` is refused rather than silently answered in Vietnamese."""
    from tourroute.web.api.schemas import LangQuery

    parse_query(LangQuery)


def _core_error(error: TourRouteError) -> Response:
    return problem_response(from_core_error(error))


def api_blueprint(name: str, url_prefix: str) -> Blueprint:
    """A blueprint with what every API blueprint shares: the rate limit, no CSRF (no cookie
    authentication), the ``lang`` check and core errors as problem details."""
    blueprint = Blueprint(name, __name__, url_prefix=url_prefix)
    limiter.shared_limit(_api_limit, scope="api")(blueprint)
    csrf.exempt(blueprint)
    blueprint.before_request(_check_lang)
    blueprint.register_error_handler(TourRouteError, _core_error)
    return blueprint


bp = api_blueprint("api", API_PREFIX)


def register(app: Flask) -> None:
    """Register both API blueprints; importing the view modules puts their routes on ``bp``
    (here, not at import time, so that the views may import ``bp`` without a cycle)."""
    from tourroute.web.api import agency, catalogue, itineraries, openapi  # noqa: F401

    app.register_blueprint(bp)
    app.register_blueprint(agency.bp)
