"""The ``Idempotency-Key`` request header on create calls (``POST``), for clients that retry.

A call with a key answers, the second time, exactly what it answered the first time (status,
body and ``Location``) without doing the work again; the same key with another body is a 422.
Calls without the header behave as before. Keys are per account and per path, so clients never
see each other's answers. The header is declared once (:class:`IdempotencyHeaders`), for the
contract to check and document: ``@operation(..., headers=IdempotencyHeaders)`` above
``@idempotent``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import request
from pydantic import BaseModel, Field

from tourroute.core.messages import N_
from tourroute.services import idempotency
from tourroute.web.access import current_actor
from tourroute.web.api.locale import _
from tourroute.web.inputs import InvalidInput

HEADER = "Idempotency-Key"


class IdempotencyHeaders(BaseModel):
    idempotency_key: str | None = Field(
        None,
        alias="Idempotency-Key",
        max_length=200,  # an empty header counts as none (the contract drops it)
        description=N_(
            "Any unique string (e.g. a UUID) of at most 200 characters: sending the same key "
            "again answers the first result instead of creating another."
        ),
    )


Created = tuple[dict[str, Any], int, dict[str, str]]


def _scope() -> str:
    return f"{current_actor().user_id or '-'} {request.path}"[:100]


def idempotent(view: Callable[..., Created]) -> Callable[..., Created]:
    """Answer a repeated ``Idempotency-Key`` with the first answer; store new answers."""

    @functools.wraps(view)
    def wrapper(*args: Any, headers: IdempotencyHeaders, **kwargs: Any) -> Created:
        key = headers.idempotency_key  # checked by the contract (``@operation(headers=…)``)
        if key is None:
            return view(*args, **kwargs)
        scope, digest = _scope(), idempotency.fingerprint(request.get_data())
        try:
            answer = idempotency.stored_answer(scope, key, digest)
            if answer is None:
                body, status, sent = view(*args, **kwargs)
                if status >= 300:
                    return body, status, sent
                first = idempotency.Answer(status, body, sent.get("Location", ""))
                answer = idempotency.remember(scope, key, digest, first)
        except idempotency.KeyReused:
            raise InvalidInput(
                422, _("This Idempotency-Key was used with a different request body.")
            ) from None
        return answer.body, answer.status, {"Location": answer.location} if answer.location else {}

    return wrapper
