"""The one Redis client, with bounded waits, and what everyone does while Redis is gone.

Redis only ever speeds things up or shares a count between workers, so it may never take the
site down with it: every call goes through :func:`attempt`, which gives up after the socket
timeout, logs one warning per outage and answers ``None`` so the caller computes locally. After
a failure Redis is left alone for ``REDIS_RETRY_S`` seconds (a frozen server would otherwise
cost every request its timeout), then tried again — when it answers, it is used again.

The client is made once per app in :func:`init_app`; the rate limiter shares its connection
pool, so there is one set of timeouts for the whole process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Flask, current_app

if TYPE_CHECKING:
    import redis

log = logging.getLogger(__name__)
T = TypeVar("T")
EXTENSION = "tourroute_redis"


@dataclass
class RedisGate:
    """A client and whether it answered last time; shared by the threads of one process."""

    client: redis.Redis
    retry_s: float
    down_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def available(self) -> bool:
        return time.monotonic() >= self.down_until

    def failed(self, error: Exception) -> None:
        with self.lock:
            if self.down_until == 0.0:
                log.warning("Redis unavailable, working without it: %s", error)
            self.down_until = time.monotonic() + self.retry_s

    def answered(self) -> None:
        if self.down_until != 0.0:
            with self.lock:
                if self.down_until != 0.0:
                    log.warning("Redis answers again; shared caches and limits use it")
                self.down_until = 0.0


def make_client(url: str, *, timeout_s: float | None) -> redis.Redis:
    """A client whose every connect and read gives up after ``timeout_s`` (None: never, for the
    job worker's blocking waits)."""
    import redis

    return redis.Redis.from_url(
        url,
        socket_timeout=timeout_s,
        socket_connect_timeout=timeout_s,
        retry_on_timeout=False,
        health_check_interval=30,
    )


def init_app(app: Flask) -> None:
    """Make the app's client when ``REDIS_URL`` is set, and point the rate limiter at it.

    Flask-Limiter falls back to per-process memory while its storage fails and returns to
    Redis once it answers (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``); sharing the pool gives it
    the same timeouts.
    """
    url = app.config.get("REDIS_URL")
    if not url:
        return
    client = make_client(url, timeout_s=float(app.config["REDIS_TIMEOUT_S"]))
    app.extensions[EXTENSION] = RedisGate(client, retry_s=float(app.config["REDIS_RETRY_S"]))
    app.config["RATELIMIT_STORAGE_URI"] = url
    app.config["RATELIMIT_STORAGE_OPTIONS"] = {"connection_pool": client.connection_pool}
    app.config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = True
    app.config["RATELIMIT_SWALLOW_ERRORS"] = True


def configured() -> bool:
    return EXTENSION in current_app.extensions


def attempt(operation: Callable[[redis.Redis], T]) -> T | None:
    """``operation(client)``, or ``None`` when Redis is not configured, resting or failing."""
    gate: RedisGate | None = current_app.extensions.get(EXTENSION)
    if gate is None or not gate.available():
        return None
    import redis

    try:
        result = operation(gate.client)
    except (redis.RedisError, OSError) as error:
        gate.failed(error)
        return None
    gate.answered()
    return result


def ping() -> bool | None:
    """Whether Redis answers now (``None`` when not configured); ignores the resting period."""
    gate: RedisGate | None = current_app.extensions.get(EXTENSION)
    if gate is None:
        return None
    import redis

    try:
        ok = bool(gate.client.ping())
    except (redis.RedisError, OSError) as error:
        gate.failed(error)
        return False
    gate.answered()
    return ok


def get_bytes(key: str) -> bytes | None:
    value: Any = attempt(lambda client: client.get(key))
    return value if isinstance(value, bytes) else None


def set_bytes(key: str, value: bytes, *, ttl_s: int) -> None:
    attempt(lambda client: client.set(key, value, ex=ttl_s))
