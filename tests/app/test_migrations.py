"""The Alembic migrations build exactly the schema the models declare, on every backend: a
model changed without a migration (or a migration that drifted) fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

from tourroute.extensions import db


def test_the_migrations_and_the_models_agree(empty_app: Flask) -> None:
    with empty_app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
