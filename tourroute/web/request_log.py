"""One structured log line per request, with a request id, and the request metrics.

The id comes from the ``X-Request-ID`` header when a proxy in front set a sane one (so its logs
and ours join up), else it is made here; it is sent back in ``X-Request-ID`` and shown on error
pages' logs, so a visitor's report can be matched to its line. Lines are JSON objects on the
``tourroute.request`` logger: easy to ship, grep and parse.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from tourroute import metrics

log = logging.getLogger("tourroute.request")
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id() -> str:
    """This request's id (made on first use, e.g. by an error handler before the hooks)."""
    if "request_id" not in g:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
    value: str = g.request_id
    return value


def _start() -> None:
    g.request_started = time.perf_counter()
    request_id()


def _finish(response: Response) -> Response:
    seconds = time.perf_counter() - g.get("request_started", time.perf_counter())
    endpoint = request.url_rule.rule if request.url_rule else "unmatched"
    response.headers["X-Request-ID"] = request_id()
    metrics.REQUESTS.labels(
        endpoint=endpoint, method=request.method, status=str(response.status_code)
    ).inc()
    metrics.LATENCY.labels(endpoint=endpoint).observe(seconds)
    log.info(
        json.dumps(
            {
                "request_id": request_id(),
                "method": request.method,
                "path": request.path,
                "endpoint": endpoint,
                "status": response.status_code,
                "ms": round(seconds * 1000, 1),
                "client": request.remote_addr,
            },
            ensure_ascii=False,
        )
    )
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
