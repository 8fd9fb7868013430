"""Login throttling per (account, address), shared by every worker.

The app runs several workers on several hosts, so failures are counted where all of them see
the same number: in Redis when ``REDIS_URL`` is set (atomic ``INCR`` with an expiry), else in
the database's ``login_attempts`` table. The key is a hash, so neither store learns addresses
or e-mail addresses in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from flask import current_app
from sqlalchemy import delete

from tourroute.extensions import db
from tourroute.models import LoginAttempt

#: Failed attempts allowed per account and address within one window.
MAX_FAILURES = 5
WINDOW_S = 15 * 60


def attempt_key(email: str, address: str) -> str:
    return hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()


def _redis() -> Any:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    clients = current_app.extensions.setdefault("tourroute_redis", {})
    if url not in clients:
        import redis

        clients[url] = redis.Redis.from_url(url)
    return clients[url]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _db_failures(key: str) -> int:
    row = db.session.get(LoginAttempt, key)
    if row is None or aware(row.window_start) < _now() - dt.timedelta(seconds=WINDOW_S):
        return 0
    return row.failures


def is_locked(key: str) -> bool:
    """Whether this account and address have used up their attempts for now."""
    client = _redis()
    if client is not None:
        return int(client.get(f"tourroute:login:{key}") or 0) >= MAX_FAILURES
    return _db_failures(key) >= MAX_FAILURES


def record_failure(key: str) -> None:
    """Count one failed attempt, committed at once.

    A failed login answers with an error status, and the request boundary rolls back
    everything an erroneous request did — except this count, which must stick.
    """
    client = _redis()
    if client is not None:
        name = f"tourroute:login:{key}"
        with client.pipeline() as pipe:
            pipe.incr(name)
            pipe.expire(name, WINDOW_S, nx=True)
            pipe.execute()
        return
    row = db.session.get(LoginAttempt, key)
    if row is None:
        db.session.add(LoginAttempt(key=key, failures=1, window_start=_now()))
    elif aware(row.window_start) < _now() - dt.timedelta(seconds=WINDOW_S):
        row.failures, row.window_start = 1, _now()
    else:
        row.failures += 1
    db.session.commit()


def clear(key: str) -> None:
    """Forget the failures after a successful login."""
    client = _redis()
    if client is not None:
        client.delete(f"tourroute:login:{key}")
        return
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
