"""Prometheus metrics: request counts and latencies per endpoint, plan durations, cache hits.

Counters live in ``prometheus_client``'s default registry, one per process; under gunicorn set
``PROMETHEUS_MULTIPROC_DIR`` (``gunicorn.conf.py`` does) so ``/metrics`` adds up every worker.
Recording is always on and costs microseconds; serving them is behind ``TOURROUTE_METRICS``.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "tourroute_requests_total", "Requests answered", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "tourroute_request_seconds",
    "Time from the request's arrival in the app to its response",
    ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PLAN_SECONDS = Histogram(
    "tourroute_plan_seconds",
    "Time the planner took for one trip",
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0),
)
CACHE = Counter("tourroute_cache_total", "Cache look-ups", ["cache", "result"])


def cache_lookup(cache: str, *, hit: bool) -> None:
    CACHE.labels(cache=cache, result="hit" if hit else "miss").inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, of every worker when running multi-process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
