"""Create calls that a client may safely retry: the first answer per ``Idempotency-Key``.

A client that lost its connection cannot know whether its trip or package was saved; sending
the same key again answers what the first call answered, and creates nothing more. The stored
answer is written in the same transaction as what it describes, so both are saved or neither
is; two calls racing with one key collide on the primary key and the loser answers the winner's
result. Keys expire after ``TTL``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from tourroute.extensions import db
from tourroute.models import IdempotentResponse

TTL = dt.timedelta(hours=24)


class KeyReused(Exception):
    """The key was first sent with a different request body."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    location: str


def fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def stored_answer(scope: str, key: str, request_sha256: str) -> Answer | None:
    """The first answer given to ``key`` in ``scope``, or None if there is none (or it expired).

    Raises
    ------
    KeyReused
        When the key came first with another body: answering that would hide a mistake.
    """
    row = db.session.get(IdempotentResponse, (scope, key), populate_existing=True)
    if row is None or _aware(row.created_at) < _now() - TTL:
        return None
    if row.request_sha256 != request_sha256:
        raise KeyReused(key)
    return Answer(status=row.status, body=row.body, location=row.location)


def remember(scope: str, key: str, request_sha256: str, answer: Answer) -> Answer:
    """Keep ``answer`` for ``key``; if another call with the key got there first, roll this
    request's writes back and return that call's answer instead."""
    db.session.execute(
        delete(IdempotentResponse).where(
            IdempotentResponse.scope == scope,
            IdempotentResponse.key == key,
            IdempotentResponse.created_at < _now() - TTL,
        )
    )
    row = IdempotentResponse(
        scope=scope,
        key=key,
        request_sha256=request_sha256,
        status=answer.status,
        body=answer.body,
        location=answer.location,
    )
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        first = stored_answer(scope, key, request_sha256)
        if first is None:
            raise
        return first
    return answer
