"""Whether the database can serve this version of the app: reachable, schema up to date."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import SQLAlchemyError

from tourroute.extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


@cache
def _head_revisions() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return set(ScriptDirectory.from_config(config).get_heads())


def database_state() -> str:
    """``ok``, ``unreachable`` or ``migrations pending`` (run ``tourroute init-db``)."""
    try:
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError:
        return "unreachable"
    return "ok" if current == _head_revisions() else "migrations pending"
