"""Login throttling per (account, address), shared by every worker.

The app runs several workers on several hosts, so failures are counted where all of them see
the same number: in Redis when ``REDIS_URL`` is set (atomic ``INCR`` with an expiry), else — or
while Redis does not answer — in the database's ``login_attempts`` table. The key is a hash, so
neither store learns addresses or e-mail addresses in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import delete

from tourroute import redis_store
from tourroute.extensions import db
from tourroute.models import LoginAttempt

#: Failed attempts allowed per account and address within one window.
MAX_FAILURES = 5
WINDOW_S = 15 * 60


def attempt_key(email: str, address: str) -> str:
    return hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()


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


def _redis_name(key: str) -> str:
    return f"tourroute:login:{key}"


def is_locked(key: str) -> bool:
    """Whether this account and address have used up their attempts for now."""
    failures = redis_store.attempt(lambda client: int(client.get(_redis_name(key)) or 0))
    if failures is None:
        failures = _db_failures(key)
    return failures >= MAX_FAILURES


def _redis_count(client: Any, key: str) -> bool:
    with client.pipeline() as pipe:
        pipe.incr(_redis_name(key))
        pipe.expire(_redis_name(key), WINDOW_S, nx=True)
        pipe.execute()
    return True


def record_failure(key: str) -> None:
    """Count one failed attempt, committed at once.

    A failed login answers with an error status, and the request boundary rolls back
    everything an erroneous request did — except this count, which must stick.
    """
    if redis_store.attempt(lambda client: _redis_count(client, key)):
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
    """Forget the failures after a successful login, wherever an outage may have put them."""
    redis_store.attempt(lambda client: client.delete(_redis_name(key)))
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
