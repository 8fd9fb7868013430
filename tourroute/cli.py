"""The ``tourroute`` command: set-up, data and planning commands for operators and scripts.

Every command that prints data takes ``--json``; failures print one line to stderr and exit
with status 1 (``click.ClickException``), so scripts can rely on the exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from tourroute.core.errors import TourRouteError

F = TypeVar("F", bound=Callable[..., Any])


def _fail_cleanly(func: F) -> F:
    """Turn the core's and the database's errors into one-line messages and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        from tourroute.extensions import db

        try:
            return func(*args, **kwargs)
        except TourRouteError as exc:
            db.session.rollback()
            raise click.ClickException(exc.message) from exc
        except SQLAlchemyError as exc:
            db.session.rollback()
            first_line = str(exc).splitlines()[0]
            raise click.ClickException(f"database error: {first_line}") from exc

    return wrapper  # type: ignore[return-value]


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _create_app() -> Flask:
    from tourroute import create_app

    return create_app()


main = FlaskGroup(
    name="tourroute",
    create_app=_create_app,
    help="TourRoute: plan tourism routes across Phú Thọ, Thái Nguyên and Bắc Ninh.",
)
"""The console script; it finds the commands below on the app's own CLI group."""


@click.command("init-db")
@with_appcontext
@_fail_cleanly
def init_db() -> None:
    """Create the database schema, or upgrade it to the latest migration."""
    from flask_migrate import upgrade

    upgrade()
    click.echo("database schema is up to date")


@click.command("seed")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
@_fail_cleanly
def seed(data_dir: Path | None, as_json: bool) -> None:
    """Load everything under data/ that the database does not have yet (idempotent)."""
    from tourroute.extensions import db
    from tourroute.services.seed import seed_database

    report = seed_database(data_dir or Path(current_app.config["DATA_DIR"]))
    db.session.commit()
    if as_json:
        _echo_json({"added": report.added, "kept": report.kept})
        return
    for table in sorted(set(report.added) | set(report.kept)):
        added, kept = report.added.get(table, 0), report.kept.get(table, 0)
        click.echo(f"{table}: {added} added, {kept} already there")


@click.command("export-places")
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson"]), required=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write; standard output when omitted.",
)
@with_appcontext
@_fail_cleanly
def export_places(fmt: str, output: Path | None) -> None:
    """Export every published place as CSV or GeoJSON."""
    from tourroute.services.place_export import places_csv, places_geojson

    text = places_csv() if fmt == "csv" else json.dumps(places_geojson(), ensure_ascii=False)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "curator", "agency"]), required=True)
@click.option("--province", default=None, help="The province a curator curates.")
@with_appcontext
@_fail_cleanly
def create_user(email: str, role: str, province: str | None) -> None:
    """Create an account; the password is read from standard input (first line)."""
    from tourroute.extensions import db
    from tourroute.services.accounts import create_user as create

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    user = create(email, password, role=role, province=province)
    db.session.commit()
    click.echo(f"created {user.email} ({role}{', ' + province if province else ''})")


@click.command("import-places")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--province", required=True, help="The province every place must lie in.")
@click.option("--author", "author_email", default=None, help="Account the drafts belong to.")
@click.option("--dry-run", is_flag=True, help="Only list the problems; write nothing.")
@with_appcontext
@_fail_cleanly
def import_places(file: Path, province: str, author_email: str | None, dry_run: bool) -> None:
    """Check a CSV or GeoJSON file of places and add them as drafts awaiting review.

    All or nothing: when any row has a problem, every problem is listed and nothing is added.
    """
    from sqlalchemy import select

    from tourroute.extensions import db
    from tourroute.models import User
    from tourroute.services.place_import import apply_import, preview_import

    report = preview_import(file.read_bytes(), filename=file.name, province=province, locale="en")
    label = "line" if report.format == "csv" else "feature"
    for row in report.rows:
        for problem in row.errors:
            click.echo(f"{label} {row.number}: {problem.field}: {problem.message}", err=True)
        for problem in row.warnings:
            click.echo(f"{label} {row.number}: warning: {problem.message}", err=True)
    if not report.ok:
        raise click.ClickException(f"{report.error_count} problem(s); nothing was imported")
    if dry_run:
        click.echo(f"{len(report.rows)} place(s) would be imported (dry run, nothing written)")
        return
    query = select(User).where(User.role_name == "admin").order_by(User.id)
    if author_email:
        query = select(User).where(User.email == author_email.strip().lower())
    author = db.session.scalar(query)
    if author is None:
        raise click.ClickException("no such author account (create an admin first)")
    drafts = apply_import(author, report, province=province)
    db.session.commit()
    click.echo(f"{len(drafts)} place(s) added as drafts awaiting review")


def register(app: Flask) -> None:
    for command in (init_db, seed, export_places, create_user, import_places):
        app.cli.add_command(command)
