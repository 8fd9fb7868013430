"""Schemathesis runs our own OpenAPI document against the app: generated requests (valid and
not) must never get a server error, and every response must match the documented status codes,
content types, headers and schemas, and requests that break the schema must be refused (4xx).

One default check is left out: "schema-valid data is accepted". A schema cannot say which place
slugs, province codes or theme slugs exist, nor which dates the lunar calendar covers, so
schema-valid values can still be unknown ones, which the API rightly answers with a 400 naming
the field.

The document is read once from an app without data (it needs none); each generated request is
sent to the seeded ``app`` fixture. (``schemathesis.pytest.from_fixture`` would be the natural
way, but it relies on a pytest internal that pytest 9 removed.)
"""

from __future__ import annotations

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tourroute import create_app

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}),
)


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_matches_its_openapi_document(case: schemathesis.Case, app: Flask) -> None:
    app.config["API_RATE_LIMIT"] = app.config["API_PLAN_RATE_LIMIT"] = "100000 per minute"
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance])
