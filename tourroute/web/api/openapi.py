"""The OpenAPI 3.1 document, generated: every API route of the URL map with its declared
:class:`~tourroute.web.api.contract.Operation`, the request models that check the input and the
response models, in the caller's language. Nothing here is written by hand twice; the docs page
(``tourroute.web.api_docs``) renders this same document as HTML.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, request
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from tourroute.core.messages import N_
from tourroute.web.api import bp
from tourroute.web.api.contract import Files, Operation, operation_of
from tourroute.web.api.locale import API_PREFIX, _
from tourroute.web.api.problems import MEDIA_TYPE, problem_types
from tourroute.web.api.responses import Problem
from tourroute.web.api.schemas import LangQuery

Schema = dict[str, Any]
METHODS = ("get", "post", "put", "patch", "delete")
_REF = "#/components/schemas/{model}"
_RULE_VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>")


def _text(message: str) -> str:
    """A msgid of the document in the caller's language, with the configured limits filled in."""
    config = current_app.config
    return _(
        message,
        limit=config["API_RATE_LIMIT"],
        plan_limit=config["API_PLAN_RATE_LIMIT"],
        size=config["PAGE_SIZE"],
    )


def _localized(schema: Any) -> Any:
    """``schema`` without pydantic's English titles, its descriptions translated."""
    if isinstance(schema, list):
        return [_localized(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: Schema = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str):
            result[key] = _text(value)
        elif key == "properties" and isinstance(value, dict):
            result[key] = {name: _localized(prop) for name, prop in value.items()}
        else:
            result[key] = _localized(value)
    return result


def _models(operations: list[Operation]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [Problem]
    for op in operations:
        status_model = op.ok[1]
        for model in (op.body, status_model if not isinstance(status_model, Files) else None):
            if model is not None and model not in found:
                found.append(model)
    return found


def _without_null(schema: Schema) -> Schema:
    """An optional parameter's schema: a query string has no null, only an absent parameter."""
    options = [o for o in schema.get("anyOf", ()) if o != {"type": "null"}]
    if len(options) == 1 and len(schema["anyOf"]) == 2:
        rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
        return {**options[0], **rest}
    return schema


def _parameters(model: type[BaseModel] | None, where: str) -> list[Schema]:
    if model is None:
        return []
    properties = model.model_json_schema(ref_template=_REF)["properties"]
    parameters = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        schema = _without_null(dict(properties[key]))
        description = schema.pop("description", None)
        parameter: Schema = {
            "name": key,
            "in": where,
            "required": where == "path" or info.is_required(),
            "schema": _localized(schema),
        }
        if description:
            parameter["description"] = _text(description)
        parameters.append(parameter)
    return parameters


def _path_parameters(rule: str, model: type[BaseModel] | None) -> list[Schema]:
    declared = {p["name"]: p for p in _parameters(model, "path")}
    parameters = []
    for converter, name in _RULE_VARIABLE.findall(rule):
        schema: Schema = (
            {"type": "integer", "minimum": 0} if converter == "int" else {"type": "string"}
        )
        parameters.append(
            declared.get(name, {"name": name, "in": "path", "required": True, "schema": schema})
        )
    return parameters


def _ok_response(op: Operation) -> tuple[str, Schema]:
    status, shape, description = op.ok
    if isinstance(shape, Files):
        content = {m: {"schema": {"type": "string", "format": "binary"}} for m in shape.media_types}
    else:
        content = {"application/json": {"schema": {"$ref": _REF.format(model=shape.__name__)}}}
    return str(status), {"description": _text(description), "content": content}


def _operation_document(rule: str, op: Operation) -> Schema:
    ok_status, ok = _ok_response(op)
    document: Schema = {
        "summary": _text(op.summary),
        "parameters": [
            *_path_parameters(rule, op.path),
            *_parameters(op.query, "query"),
            *_parameters(op.headers, "header"),
            {"$ref": "#/components/parameters/lang"},
            {"$ref": "#/components/parameters/Accept-Language"},
        ],
        "responses": {
            ok_status: ok,
            **{str(code): {"$ref": f"#/components/responses/{code}"} for code in op.errors},
        },
    }
    if op.description:
        document["description"] = _text(op.description)
    if op.body is not None:
        document["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": _REF.format(model=op.body.__name__)}}
            },
        }
    if op.secured:
        document["security"] = [{"bearerAuth": []}]
    return document


def _routes() -> list[tuple[str, str, Operation]]:
    """(OpenAPI path, method, declaration) of every declared API route."""
    routes = []
    for rule in current_app.url_map.iter_rules():
        op = operation_of(current_app.view_functions[rule.endpoint])
        if op is None or not rule.rule.startswith(API_PREFIX + "/"):
            continue
        for method in sorted(rule.methods or ()):
            if method.lower() in METHODS:
                routes.append((rule.rule, method.lower(), op))
    return routes


def openapi_document() -> dict[str, Any]:
    """The whole document, for the current request's language and configuration."""
    routes = _routes()
    paths: dict[str, Schema] = {}
    for rule, method, op in routes:
        path = _RULE_VARIABLE.sub(r"{\2}", rule.removeprefix(API_PREFIX))
        paths.setdefault(path, {})[method] = _operation_document(rule, op)
    models = _models([op for _rule, _method, op in routes])
    _keys, definitions = models_json_schema(
        [(m, "validation" if m in _bodies(routes) else "serialization") for m in models],
        ref_template=_REF,
    )
    types = problem_types()
    problem = {"$ref": _REF.format(model="Problem")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("TourRoute public API"),
            "version": "1",
            "description": _text(
                N_(
                    "Places, themes, festivals and travel times across Phú Thọ, Thái Nguyên and "
                    "Bắc Ninh, and itineraries planned across them. Responses are in Vietnamese "
                    "unless the “lang” parameter (or body field), the /en prefix or "
                    "Accept-Language asks for English. Errors are problem details (RFC 9457) "
                    "naming each field at fault. Each client may make %(limit)s requests; more "
                    "get a 429 problem."
                )
            ),
        },
        "servers": [{"url": request.script_root + API_PREFIX}],
        "paths": paths,
        "components": {
            "schemas": _localized(definitions.get("$defs", {})),
            "responses": {
                str(status): {"description": title, "content": {MEDIA_TYPE: {"schema": problem}}}
                for status, (_slug, title, _detail) in types.items()
                if status in (400, 401, 403, 404, 413, 415, 422, 429)
            },
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": _("An API token created on the agency's settings page."),
                }
            },
            "parameters": {
                "lang": _parameters(LangQuery, "query")[0],
                "Accept-Language": {
                    "name": "Accept-Language",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": _("Used when “lang” is not given."),
                },
            },
        },
    }


def _bodies(routes: list[tuple[str, str, Operation]]) -> set[type[BaseModel]]:
    return {op.body for _rule, _method, op in routes if op.body is not None}


@bp.get("/openapi.json")
def openapi_json() -> dict[str, Any]:
    return openapi_document()
