"""Heavy work in a bounded pool apart from the web workers: an RQ queue on the app's Redis.

Two kinds of work go there: plans (:func:`run` waits for the result) and exports not rendered
yet (:func:`submit` queues them; the API answers 202 until the cache has them). Planning costs
a CPU for up to a second; inside a web worker it starves every read that shares the process.
With ``TOURROUTE_REDIS_URL`` set and at least one ``tourroute worker`` running, the work runs
in those workers — as many jobs at once as there are workers, the bound — and web threads
only wait. Without Redis, without a live worker, or while Redis is away, the work runs in the
request as before, so ``make run`` stays one command.

Why RQ rather than Celery: it needs only the Redis the app already runs, a job is a plain
function, and one command runs a worker; Celery's brokers, result backends and beat would be
configuration nobody here needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask

from tourroute import redis_store
from tourroute.core.errors import TourRouteError

T = TypeVar("T")
QUEUE = "tourroute-plans"
WAIT_S = 60
POLL_S = 0.02
_worker_app: Flask | None = None


class JobUnavailable(Exception):
    """The queued job did not finish in time; the caller may try again."""


def _queue() -> Any | None:
    """The queue when Redis answers and some worker listens on it, else None."""
    if not redis_store.configured():
        return None
    from rq import Queue, Worker

    def listening(client: Any) -> Any | None:
        queue = Queue(QUEUE, connection=client)
        return queue if Worker.count(connection=client, queue=queue) else None

    return redis_store.attempt(listening)


def in_worker(func: Callable[..., T], *args: Any) -> tuple[str, T | TourRouteError]:
    """Run ``func`` in the worker's app, committing what it wrote; the core's errors are
    returned (not raised) so the web request can answer them exactly as if it had run inline."""
    assert _worker_app is not None, "run by `tourroute worker` only"
    from tourroute.extensions import db

    with _worker_app.app_context():
        try:
            value = func(*args)
            db.session.commit()
            return "ok", value
        except TourRouteError as error:
            db.session.rollback()
            return "error", error
        finally:
            db.session.remove()


def run(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in a worker when one listens, else here; raises what ``func`` raises."""
    queue = _queue()
    if queue is None:
        return func(*args)
    job = redis_store.attempt(
        lambda _client: queue.enqueue_call(
            in_worker, args=(func, *args), timeout=WAIT_S, result_ttl=60, failure_ttl=600
        )
    )
    if job is None:
        return func(*args)
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        status = redis_store.attempt(lambda _client: job.get_status(refresh=True))
        if status is not None and status.value == "finished":
            outcome, value = job.return_value()
            if outcome == "error":
                raise value
            return value  # type: ignore[no-any-return]
        if status is not None and status.value in ("failed", "stopped", "canceled"):
            break
        time.sleep(POLL_S)
    raise JobUnavailable(job.id)


def submit(job_id: str, func: Callable[..., Any], *args: Any) -> str | None:
    """Queue ``func(*args)`` once under ``job_id``; its state (``queued``, ``started``,
    ``finished`` …) or None when no worker listens (the caller then does the work itself)."""
    queue = _queue()
    if queue is None:
        return None
    from rq.job import Job

    def enqueue(client: Any) -> str:
        if Job.exists(job_id, connection=client):
            return str(Job.fetch(job_id, connection=client).get_status().value)
        queue.enqueue_call(
            func, args=args, job_id=job_id, timeout=WAIT_S, result_ttl=60, failure_ttl=60
        )
        return "queued"

    state: str | None = redis_store.attempt(enqueue)
    return state


#: Set on requests the worker makes to itself, so they render instead of queueing again.
RENDER_HEADER = "X-TourRoute-Render"


def fetch_in_worker(url: str, headers: dict[str, str]) -> int:
    """GET ``url`` through the worker's app, as a visitor would: the view renders it and the
    response cache keeps it for the web workers. Its status, for the job's record."""
    assert _worker_app is not None, "run by `tourroute worker` only"
    client = _worker_app.test_client()
    return client.get(url, headers={**headers, RENDER_HEADER: "1"}).status_code


def is_worker_fetch(headers: Any) -> bool:
    return _worker_app is not None and headers.get(RENDER_HEADER) == "1"


def work(app: Flask, *, burst: bool = False) -> None:
    """Serve the queue until stopped (or, with ``burst``, until it is empty)."""
    global _worker_app
    from rq import Queue, SimpleWorker

    url = app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("set TOURROUTE_REDIS_URL: the queue lives in Redis")
    # Blocking waits for jobs: no socket timeout here, unlike the web's client.
    client = redis_store.make_client(url, timeout_s=None)
    _worker_app = app
    # SimpleWorker runs jobs in its own process, so the matrix and catalogue stay cached.
    SimpleWorker([Queue(QUEUE, connection=client)], connection=client).work(burst=burst)
