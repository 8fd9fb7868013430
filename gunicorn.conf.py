"""Gunicorn settings for production: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Every value can be overridden on the command line (``--workers 4``) or by ``GUNICORN_CMD_ARGS``.

* ``gthread`` workers: each worker serves ``threads`` connections at once, and a connection is
  only handed to a thread once the client has sent something, so a client that sends its
  headers slowly ties up one thread, never a whole worker (with ``sync`` workers two such
  clients held the whole site). Behind a buffering proxy (nginx) this matters less, but the
  app does not rely on one.
* ``timeout``: a worker that stops answering its heartbeat for that long is killed and
  replaced; the request-level waits are bounded lower down (PostgreSQL statement and lock
  timeouts, Redis socket timeouts), so this is the last resort.
* ``graceful_timeout``: on ``SIGTERM`` or a ``SIGHUP`` reload, workers finish the requests in
  hand for up to this long before they are stopped — restarts lose no request.
* ``max_requests`` (with jitter so workers do not restart together): bounds any slow leak.
* ``preload_app``: the app (and the road network it loads) is imported once in the master and
  shared copy-on-write; workers start in milliseconds.
"""

import os
import shutil
import tempfile

bind = os.environ.get("TOURROUTE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("TOURROUTE_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("TOURROUTE_THREADS", "8"))
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
preload_app = True
# Gunicorn's control socket is per user by default; several servers on one host would share it.
control_socket_disable = True
accesslog = None  # the app logs one JSON line per request (tourroute.web.request_log)
# Gunicorn merges this over its own logging set-up, whose loggers use these handler names.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"level": "WARNING", "handlers": ["console"]},
    "loggers": {
        "tourroute": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
    },
}

# Metrics of all workers in one place (tourroute.metrics); set before the app is imported.
_metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="tourroute-metrics-")
)


def on_starting(server):
    """Start the counters from zero: files of a previous run's workers would be added in."""
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    os.makedirs(_metrics_dir, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
