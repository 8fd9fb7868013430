"""The API's documentation page: the OpenAPI document rendered on the server, in both languages.

It needs no script or stylesheet from elsewhere, so it works offline and behind strict policies.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from tourroute.web.api.openapi import openapi_document
from tourroute.web.api.problems import TYPE_BASE, problem_types

bp = Blueprint("api_docs", __name__)

METHODS = ("get", "post", "put", "patch", "delete")


@bp.get("/api/docs")
def docs() -> str:
    document = openapi_document()
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]
    return render_template(
        "api_docs.html",
        document=document,
        operations=operations,
        problems=problem_types(),
        type_base=TYPE_BASE,
    )
