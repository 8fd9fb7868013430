"""The one input layer of pages and API: query strings and JSON bodies checked by pydantic models.

A request's parameters are declared once, as a pydantic model (``Query`` for query strings,
``Body`` for JSON bodies); the same model checks the input here and, for the API, writes the
OpenAPI document (``tourroute.web.api.openapi``). A bad value is a 400 naming each field at fault
in the request's language, never a 500: pydantic's error types are mapped to our own translated
messages by :func:`field_errors`, and values that no database column could hold (a NUL byte, an
integer past 32 bits, JSON nested past any real use) are refused before any view sees them.

Declaring a field is one line, for example ``travellers: WholeNumber(1, 40) = 2``.
"""

from __future__ import annotations

import json
import math
import re
import typing
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from annotated_types import Ge, GroupedMetadata, Le, MaxLen
from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError, core_schema
from werkzeug.exceptions import HTTPException, NotFound

from tourroute.core.messages import N_

M = TypeVar("M", bound=BaseModel)

#: The widest integer every database column of ours holds (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1
#: A search text longer than this is refused: the catalogue's longest name is far shorter.
MAX_QUERY_CHARS = 100
#: Deeper JSON is refused before the standard parser recurses into it.
MAX_JSON_DEPTH = 64


def _(message: str, **variables: object) -> str:
    """``gettext`` typed as returning text (Flask-Babel leaves it untyped)."""
    return str(gettext(message, **variables))


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class InvalidInput(HTTPException):
    """Input refused on purpose, with messages already in the caller's language.

    Pages show it as an error page listing each field; the API as a problem document.
    """

    def __init__(self, status: int, detail: str, errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(description=detail)
        self.code = status
        self.errors = errors


def invalid(errors: list[FieldError] | tuple[FieldError, ...]) -> InvalidInput:
    """A 400 naming each field at fault; the detail repeats the first message."""
    return InvalidInput(400, errors[0].message, tuple(errors))


def invalid_field(field: str, message: str) -> InvalidInput:
    return invalid([FieldError(field, message)])


# --- Declaring fields --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: ``Annotated`` hashes its metadata
class Says:
    """What to tell the user about any fault of the field it annotates (a msgid and its values)."""

    message: str
    variables: Mapping[str, object] = field(default_factory=dict)

    def says(self) -> str:
        return _(self.message, **self.variables)


def undocumented_docstring(schema: dict[str, Any]) -> None:
    """Keep a model's docstring (written for developers, in English) out of its schema."""
    schema.pop("description", None)


class Query(BaseModel):
    """A query string: unknown parameters are ignored, values arrive as text and are converted."""

    model_config = ConfigDict(extra="ignore", frozen=True, json_schema_extra=undocumented_docstring)


class Body(BaseModel):
    """A JSON object: an unknown field is an error, and no type is coerced (``"2"`` is no 2)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=undocumented_docstring
    )


@dataclass(frozen=True)
class Whole(GroupedMetadata):
    """``Annotated[int, Whole(1, 7)]``: an integer in ``minimum..maximum``, and a message saying
    so."""

    minimum: int
    maximum: int

    def __iter__(self) -> Iterator[object]:
        yield Ge(self.minimum)
        yield Le(self.maximum)

    def says(self) -> str:
        return _(
            "Give a whole number from %(minimum)d to %(maximum)d.",
            minimum=self.minimum,
            maximum=self.maximum,
        )


@dataclass(frozen=True)
class Chars(GroupedMetadata):
    """``Annotated[str, Chars(200)]``: text of at most ``maximum`` characters."""

    maximum: int

    def __iter__(self) -> Iterator[object]:
        yield MaxLen(self.maximum)

    def says(self) -> str:
        return _("Give text of at most %(count)d characters.", count=self.maximum)


@dataclass(frozen=True)
class OneOf:
    """``Annotated[str, OneOf(values)]``: one of ``values``, or of what a callable returns now
    (codes and slugs in the data). A fixed set is listed in the document as an enum."""

    values: tuple[str, ...] | Callable[[], Collection[str]]

    def allowed(self) -> Collection[str]:
        return self.values if isinstance(self.values, tuple) else self.values()

    def check(self, value: str) -> str:
        allowed = self.allowed()
        if value not in allowed:
            raise refuse(_("Choose one of: %(allowed)s.", allowed=", ".join(sorted(allowed))))
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        document = dict(handler(schema))
        if isinstance(self.values, tuple):
            document["enum"] = list(self.values)
        return document


HHMM = Annotated[
    str,
    Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Says(N_("Give a time of day as HH:MM (24-hour clock).")),
]

#: Words to look for in names, capped as the search page caps them.
SearchText = Annotated[
    str,
    MaxLen(MAX_QUERY_CHARS),
    Says(N_("The search text is too long (at most %(num)d characters)."), {"num": MAX_QUERY_CHARS}),
]


def minutes_of(text: str) -> int:
    """Minutes after midnight of an ``HH:MM`` already checked by :data:`HHMM`."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def refuse(message: str, *, field: str | None = None) -> PydanticCustomError:
    """Raise this from a validator: ``message`` (already translated) is what the user reads.

    From a model validator (a rule across fields), ``field`` names the field to blame.
    """
    return PydanticCustomError("tourroute", "{message}", {"message": message, "field": field})


# --- Reading the request -----------------------------------------------------------------------


def _is_list(info: FieldInfo) -> bool:
    return typing.get_origin(info.annotation) in (list, tuple, set, frozenset)


def query_input(model: type[BaseModel], args: Any) -> dict[str, object]:
    """The query string as the model's input: stripped text, blanks absent, lists for lists.

    An empty value means "not given", as an HTML form's "any" option sends it; a repeated key
    counts once unless the field is a list.
    """
    values: dict[str, object] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_list(info):
            items = [v.strip() for v in args.getlist(key) if v.strip()]
            if items:
                values[key] = items
        else:
            value = (args.get(key) or "").strip()
            if value:
                values[key] = value
    return values


def parse_query(model: type[M]) -> M:
    """The request's query string checked by ``model``; a 400 naming each bad parameter."""
    try:
        return model.model_validate(query_input(model, request.args))
    except ValidationError as error:
        required = N_("This parameter is required.")
        raise invalid(field_errors(model, error, required=required)) from None


def parse_json(model: type[M], data: object) -> M:
    """A decoded JSON value checked by ``model``; a 400 naming each bad field."""
    if not isinstance(data, dict):
        raise invalid_field("body", _("The body must be a JSON object."))
    try:
        return model.model_validate_json(json.dumps(data))
    except ValidationError as error:
        required = N_("This field is required.")
        raise invalid(field_errors(model, error, required=required)) from None


def json_body() -> object:
    """The request's JSON body; a 415 or 400 otherwise."""
    if not request.is_json:
        raise InvalidInput(
            415, _("Send the request body as JSON (Content-Type: application/json).")
        )
    data = request.get_json(silent=True)
    if data is None:
        raise invalid_field("body", _("The body is not valid JSON."))
    return data


# --- Pydantic's errors in our words ------------------------------------------------------------


def _field_info(model: type[BaseModel], loc: tuple[int | str, ...]) -> FieldInfo | None:
    """The declaration of the field at ``loc``, through nested models; list indices skipped."""
    info: FieldInfo | None = None
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not isinstance(fields, dict) or part not in fields:
            by_alias = {f.alias: f for f in (fields or {}).values() if f.alias}
            if part not in by_alias:
                return info
            info = by_alias[part]
        else:
            info = fields[part]
        current = _model_in(info.annotation)
    return info


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _literals(annotation: Any) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return [v for arg in typing.get_args(annotation) for v in _literals(arg)]


def _metadata(info: FieldInfo | None) -> list[object]:
    """Every annotation of a field, also those inside ``X | None`` and ``list[X]``."""
    if info is None:
        return []
    found: list[object] = list(info.metadata)
    pending = [info.annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is Annotated:
            found.extend(getattr(annotation, "__metadata__", ()))
        pending.extend(a for a in typing.get_args(annotation) if not isinstance(a, str | int))
    return found


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _type_message(error: ErrorDetails) -> str | None:
    """What to say when the value is of the wrong type altogether."""
    kind = error["type"]
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("Give a whole number.")
    if kind.startswith("bool"):
        return _("Give true or false.")
    if kind == "string_type":
        return _("Give text.")
    if kind.startswith("date"):
        raw = error.get("input")
        if isinstance(raw, str) and _ISO_DATE.fullmatch(raw):
            return _("This date does not exist.")
        return _("Give a date as YYYY-MM-DD.")
    if kind == "list_type":
        return _("Give a list.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("Give a JSON object.")
    return None


def _message(error: ErrorDetails, info: FieldInfo | None, required: str) -> str:
    kind = error["type"]
    if kind == "missing":
        return _(required)
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "tourroute":
        return error["msg"]
    wrong_type = _type_message(error)
    if wrong_type is not None:
        return wrong_type
    says = next((m for m in _metadata(info) if hasattr(m, "says")), None)
    if says is not None:
        return str(says.says())
    return _("This value is not valid.")


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def field_errors(
    model: type[BaseModel], error: ValidationError, *, required: str
) -> list[FieldError]:
    """One error per field at fault (the first fault of each), in the request's language."""
    found: dict[str, FieldError] = {}
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        if detail["type"] == "tourroute" and detail.get("ctx", {}).get("field"):
            loc = (*loc, detail["ctx"]["field"])
        name = _field_name(tuple(p for p in loc if not isinstance(p, int)) or loc)
        if name not in found:
            found[name] = FieldError(name, _message(detail, _field_info(model, loc), required))
    return list(found.values())


# --- Values no column can hold -----------------------------------------------------------------


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text}")
    return value


def _no_constant(text: str) -> float:
    raise ValueError(f"not JSON: {text}")


class BoundedJSONProvider(DefaultJSONProvider):
    """Standard JSON only, read safely: nesting deeper than :data:`MAX_JSON_DEPTH` is invalid
    JSON instead of overflowing the interpreter's stack (a RecursionError is no ValueError), and
    so are ``Infinity``, ``NaN`` and numbers too large for a float, which no field can use."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
        if _depth(text) > MAX_JSON_DEPTH:
            raise ValueError("JSON nested too deeply")
        kwargs.setdefault("parse_constant", _no_constant)
        kwargs.setdefault("parse_float", _finite)
        return super().loads(s, **kwargs)


def _depth(text: str) -> int:
    """How deep brackets nest in ``text`` (brackets inside strings counted too: conservative)."""
    deepest = depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path, str(key)
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, path)


def _request_texts() -> Iterator[tuple[str, str]]:
    yield from ((name, str(value)) for name, value in (request.view_args or {}).items())
    for source in (request.args, request.form):
        for name, values in source.lists():
            yield name, name
            yield from ((name, value) for value in values)
    if request.is_json and request.content_length is not None:
        yield from _texts(request.get_json(silent=True), "")


def refuse_unstorable_input() -> None:
    """Before any view: an id no integer column holds names nothing (404), and no text may
    carry a NUL, which no PostgreSQL text column can store (400)."""
    if any(isinstance(v, int) and v > MAX_ID for v in (request.view_args or {}).values()):
        raise NotFound()
    for name, value in _request_texts():
        if "\x00" in value:
            raise invalid_field(
                name or "body", _("This text contains a NUL character, which is not allowed.")
            )


def init_app(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    app.before_request(refuse_unstorable_input)
