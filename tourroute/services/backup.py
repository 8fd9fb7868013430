"""Backups that restore: every table to one JSON file and back, on SQLite and PostgreSQL alike.

A backup is the rows of every table of the schema (catalogue, festivals, drafts, revisions,
users, itineraries, packages, tokens, audit log …) as plain JSON, with the migration it was taken
at. Values are written by their Python type and read back by their column's type, so a file
taken from PostgreSQL restores into SQLite and the other way round. Restoring replaces
everything in one transaction — all of the backup or, on any error, nothing — and moves
PostgreSQL's id sequences past the restored ids, so new rows do not collide with them.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
from pathlib import Path
from typing import IO, Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Date, DateTime, Integer, LargeBinary, Table, delete, insert, text

from tourroute.core.errors import TourRouteError
from tourroute.extensions import db

FORMAT = "tourroute-backup"
VERSION = 1


class BackupError(TourRouteError):
    """The file is not a backup this version can restore."""


def _tables() -> list[Table]:
    return list(db.metadata.sorted_tables)  # parents before children


def _revision() -> list[str]:
    return sorted(MigrationContext.configure(db.session.connection()).get_current_heads())


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        moment = dt.datetime.fromisoformat(value)
        return (
            moment if moment.tzinfo or not column.type.timezone else moment.replace(tzinfo=dt.UTC)
        )
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value)
    return value


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def backup(path: Path) -> dict[str, int]:
    """Write every table to ``path`` (gzip when it ends in ``.gz``); rows per table."""
    tables: dict[str, dict[str, Any]] = {}
    for table in _tables():
        names = [column.name for column in table.columns]
        rows = db.session.execute(table.select().order_by(*table.primary_key.columns)).all()
        tables[table.name] = {
            "columns": names,
            "rows": [[_encode(value) for value in row] for row in rows],
        }
    document = {"format": FORMAT, "version": VERSION, "revision": _revision(), "tables": tables}
    with _open(path, "w") as out:
        json.dump(document, out, ensure_ascii=False)
    return {name: len(table["rows"]) for name, table in tables.items()}


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences that a restore does not move by itself."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                db.session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f'COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, '
                        "false) WHERE pg_get_serial_sequence("
                        f"'{table.name}', '{column.name}') IS NOT NULL"
                    )
                )


def restore(path: Path) -> dict[str, int]:
    """Replace every row of the database with the backup's; rows per table.

    Raises
    ------
    BackupError
        When the file is not a backup, or was taken at another migration (upgrade the
        database, or restore with the version of TourRoute that made it).
    """
    try:
        with _open(path, "r") as source:
            document = json.load(source)
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a readable backup: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is not a TourRoute backup")
    if document.get("revision") != _revision():
        raise BackupError(
            f"the backup is at migration {document.get('revision')}, the database at "
            f"{_revision()}: run `tourroute init-db` with the matching version first"
        )
    tables = _tables()
    for table in reversed(tables):
        db.session.execute(delete(table))
    counts: dict[str, int] = {}
    for table in tables:
        stored = document["tables"].get(table.name, {"columns": [], "rows": []})
        columns = [table.columns[name] for name in stored["columns"]]
        rows = [
            {
                column.name: _decode(column, value)
                for column, value in zip(columns, row, strict=True)
            }
            for row in stored["rows"]
        ]
        if rows:
            db.session.execute(insert(table), rows)
        counts[table.name] = len(rows)
    _reset_sequences()
    return counts
