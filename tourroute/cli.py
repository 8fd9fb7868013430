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


@click.command("festivals")
@click.option("--year", type=click.IntRange(1900, 2100), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi")
@with_appcontext
@_fail_cleanly
def festivals(year: int, as_json: bool, lang: str) -> None:
    """List the festivals of YEAR with their solar dates."""
    from tourroute.services.festivals import festival_dates_to_dict, festivals_for_year

    found = festivals_for_year(year)
    if as_json:
        _echo_json([festival_dates_to_dict(f) for f in found])
        return
    for item in found:
        name = (item.festival.name_en if lang == "en" else "") or item.festival.name_vi
        places = ", ".join(item.festival.places)
        click.echo(f"{item.start.isoformat()} – {item.end.isoformat()}  {name}  ({places})")


@click.command("import-boundaries")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name-property", default=None, help="Property holding the province name.")
@with_appcontext
@_fail_cleanly
def import_boundaries(file: Path, name_property: str | None) -> None:
    """Replace the approximate province polygons with an official boundary FILE.

    FILE holds either the 34 provinces of 2025 or the 63 older ones (dissolved into the new
    ones through data/boundaries/old_to_new.csv), in any format GDAL reads (GeoJSON, TopoJSON).
    """
    from tourroute.core.boundaries import load_boundary_file
    from tourroute.extensions import db
    from tourroute.services.geography import store_boundaries

    boundaries = load_boundary_file(file, name_property=name_property)
    codes = store_boundaries(
        boundaries, approximate=False, source=f"official boundary file {file.name}"
    )
    db.session.commit()
    click.echo(f"imported boundaries for {', '.join(codes)}")


@click.command("travel-time")
@click.argument("origin")
@click.argument("destination")
@click.option("--json", "as_json", is_flag=True, help='Print {"minutes", "km", "roads"}.')
@with_appcontext
@_fail_cleanly
def travel_time(origin: str, destination: str, as_json: bool) -> None:
    """Driving time between two places (slugs) on the road graph."""
    from tourroute.core.network import travel_summary
    from tourroute.services.travel import travel_matrix

    summary = travel_summary(travel_matrix(), origin, destination)
    if as_json:
        _echo_json(summary)
        return
    roads = ", ".join(summary["roads"]) or "local roads"
    click.echo(f"{summary['minutes']} min, {summary['km']} km via {roads}")


def register(app: Flask) -> None:
    for command in (init_db, seed, export_places, festivals, import_boundaries, travel_time):
        app.cli.add_command(command)
