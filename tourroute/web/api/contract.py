"""One declaration per API operation: :func:`operation` checks the request against its models,
hands the view the checked values, and records what the OpenAPI document says about it.

    @bp.get("/places")
    @operation(N_("Published places"), ok=(200, PlacePage, N_("One page of places.")),
               query=PlacesQuery)
    def places(query: PlacesQuery) -> dict[str, Any]: ...

The view receives ``query=``, ``body=`` and ``headers=`` as declared; a path model only checks
the path values, which the view receives as Flask passes them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ValidationError

from tourroute.core.messages import N_
from tourroute.web.inputs import field_errors, invalid, json_body, parse_json, parse_query

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Files:
    """A response that is a file in one of ``media_types``."""

    media_types: tuple[str, ...]


@dataclass(frozen=True)
class Operation:
    summary: str
    ok: tuple[int, type[BaseModel] | Files, str]
    errors: tuple[int, ...]
    description: str | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    path: type[BaseModel] | None
    headers: type[BaseModel] | None
    secured: bool


def _checked_path(model: type[BaseModel], values: dict[str, Any]) -> None:
    try:
        model.model_validate(values)
    except ValidationError as error:
        required = N_("This parameter is required.")
        raise invalid(field_errors(model, error, required=required)) from None


def _checked_headers(model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(dict(request.headers.items()), by_alias=True)
    except ValidationError as error:
        required = N_("This header is required.")
        raise invalid(field_errors(model, error, required=required)) from None


def operation(
    summary: str,
    *,
    ok: tuple[int, type[BaseModel] | Files, str],
    errors: tuple[int, ...] = (400, 429),
    description: str | None = None,
    query: type[BaseModel] | None = None,
    body: type[BaseModel] | None = None,
    path: type[BaseModel] | None = None,
    headers: type[BaseModel] | None = None,
    secured: bool = False,
) -> Callable[[F], F]:
    """Check the request against the models, then call the view with the checked values.

    ``summary`` and ``description`` are msgids (``N_``), translated in the document; a body
    adds 413 and 415 to ``errors``, a bearer token (``secured``) adds 401 and 403.
    """
    extra: tuple[int, ...] = (413, 415) if body is not None else ()
    extra += (401, 403) if secured else ()
    declared = Operation(
        summary=summary,
        ok=ok,
        errors=tuple(sorted({*errors, *extra})),
        description=description,
        query=query,
        body=body,
        path=path,
        headers=headers,
        secured=secured,
    )

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def checked(**path_values: Any) -> Any:
            if path is not None:
                _checked_path(path, path_values)
            values: dict[str, Any] = {}
            if query is not None:
                values["query"] = parse_query(query)
            if headers is not None:
                values["headers"] = _checked_headers(headers)
            if body is not None:
                values["body"] = parse_json(body, json_body())
            return view(**path_values, **values)

        checked.__operation__ = declared  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate


def operation_of(view: Callable[..., Any]) -> Operation | None:
    """The declaration of ``view``, through any decorators wrapped around it."""
    current: Any = view
    while current is not None:
        found = getattr(current, "__operation__", None)
        if isinstance(found, Operation):
            return found
        current = getattr(current, "__wrapped__", None)
    return None
