"""What a load balancer and an operator ask: is the process alive, can it serve, how is it doing.

* ``/healthz`` — the process answers; touches nothing else, so a slow database never gets a
  healthy worker restarted;
* ``/readyz`` — the database answers and its schema is at the latest migration; Redis answers
  when configured. Redis down is *degraded* but still ready (the app works without it);
* ``/metrics`` — Prometheus text, only when ``TOURROUTE_METRICS`` is on (404 otherwise).

None of them is rate-limited: probes come often and from one address.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app

from tourroute import metrics, redis_store
from tourroute.extensions import limiter
from tourroute.services import health

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@bp.get("/readyz")
@limiter.exempt
def readyz() -> tuple[dict[str, Any], int]:
    database = health.database_state()
    redis_ok = redis_store.ping()
    checks = {
        "database": database,
        "redis": "not configured" if redis_ok is None else ("ok" if redis_ok else "unavailable"),
    }
    ready = database == "ok"
    status = "ok" if ready and redis_ok is not False else ("degraded" if ready else "unavailable")
    return {"status": status, "checks": checks}, 200 if ready else 503


@bp.get("/metrics")
@limiter.exempt
def prometheus_metrics() -> Response:
    if not current_app.config["METRICS"]:
        abort(404)
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)
