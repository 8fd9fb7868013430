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

from tourroute.core.domain import parse_hhmm
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


def _author_account(email: str | None) -> Any:
    """The account imported drafts belong to: the one named, else the first admin; or None."""
    from sqlalchemy import select

    from tourroute.extensions import db
    from tourroute.models import User

    query = select(User).where(User.role_name == "admin").order_by(User.id)
    if email:
        query = select(User).where(User.email == email.strip().lower())
    return db.session.scalar(query)


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
    from tourroute.services.seed import SEED_STEPS, seed_database

    directory = data_dir or Path(current_app.config["DATA_DIR"])
    with click.progressbar(
        length=len(SEED_STEPS), label="seeding", file=sys.stderr, item_show_func=lambda s: s
    ) as bar:
        report = seed_database(directory, progress=lambda step: bar.update(1, step))
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
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@with_appcontext
@_fail_cleanly
def travel_time(origin: str, destination: str, as_json: bool, lang: str) -> None:
    """Driving time between two places (slugs) on the road graph, worded as on the trip page."""
    from tourroute.core.network import travel_summary
    from tourroute.core.words import words
    from tourroute.services.travel import travel_matrix

    matrix = travel_matrix()
    summary = travel_summary(matrix, origin, destination)
    if as_json:
        _echo_json(summary)
        return
    click.echo(words(lang).drive(matrix.leg(origin, destination)))


@click.command("plan")
@click.option("--theme", default="dat-to-tra-xanh-quan-ho", show_default=True)
@click.option("--start", default="ha-noi", show_default=True, help="Start place slug.")
@click.option("--end", default=None, help="End place slug (default: back to the start).")
@click.option("--date", "start_date", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--days", type=int, default=3, show_default=True)
@click.option("--pace", type=click.Choice(["relaxed", "normal", "packed"]), default="normal")
@click.option("--start-time", default="08:00", show_default=True, help="Daily start, HH:MM.")
@click.option("--include", multiple=True, help="Place slug that must be visited (repeatable).")
@click.option("--exclude", multiple=True, help="Place slug to leave out (repeatable).")
@click.option("--favour", multiple=True, help="Place kind to favour (repeatable).")
@click.option("--festivals", "with_festivals", is_flag=True, help="Require festivals on the way.")
@click.option("--seed", "rng_seed", type=int, default=0, show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the itinerary object.")
@with_appcontext
@_fail_cleanly
def plan(
    theme: str,
    start: str,
    end: str | None,
    start_date: Any,
    days: int,
    pace: str,
    start_time: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    favour: tuple[str, ...],
    with_festivals: bool,
    rng_seed: int,
    lang: str,
    as_json: bool,
) -> None:
    """Plan a themed multi-day trip and print it."""
    from tourroute.core.domain import TripRequest
    from tourroute.core.export.text import itinerary_to_text
    from tourroute.core.serialize import itinerary_to_dict
    from tourroute.services.planning import plan as plan_trip

    request = TripRequest(
        start_date=start_date.date(),
        days=days,
        start=start,
        end=end,
        theme=theme or None,
        pace=pace,
        day_start_min=_minutes(start_time),
        favour_kinds=favour,
        include=include,
        exclude=exclude,
        festivals=with_festivals,
        seed=rng_seed,
    )
    itinerary = plan_trip(request)
    if as_json:
        _echo_json(itinerary_to_dict(itinerary, lang=lang))
    else:
        click.echo(itinerary_to_text(itinerary, lang=lang))


def _minutes(text: str) -> int:
    try:
        return parse_hhmm(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not HH:MM", param_hint="--start-time") from None


@click.command("bench-optw")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--routes", type=click.IntRange(1, 10), default=1, show_default=True)
@click.option("--seconds", type=click.FloatRange(0.01, 3600), default=2.0, show_default=True)
@click.option("--seed", "rng_seed", type=int, default=0, show_default=True)
def bench_optw(file: Path, routes: int, seconds: float, rng_seed: int) -> None:
    """Solve a standard OPTW/TOPTW instance FILE and print the JSON result."""
    from tourroute.core.planner.optw_solve import run_instance

    if not file.exists():
        raise click.ClickException(
            f"{file} not found: the benchmark instances live in ../shared/bench/optw/ "
            "(Righini & Salani's and Montemanni & Gambardella's OPTW sets, distributed with the "
            "KU Leuven orienteering benchmark collection)"
        )
    try:
        result = run_instance(file, routes=routes, seconds=seconds, seed=rng_seed)
    except TourRouteError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(json.dumps(result))


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

    from tourroute.extensions import db
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
    author = _author_account(author_email)
    if author is None:
        raise click.ClickException("no such author account (create an admin first)")
    drafts = apply_import(author, report, province=province)
    db.session.commit()
    click.echo(f"{len(drafts)} place(s) added as drafts awaiting review")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@_fail_cleanly
def backup(file: Path) -> None:
    """Write every table to FILE (JSON; gzip when it ends in .gz)."""
    from tourroute.services import backup as backups

    counts = backups.backup(file)
    click.echo(f"{sum(counts.values())} rows of {len(counts)} tables written to {file}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing every row.")
@with_appcontext
@_fail_cleanly
def restore(file: Path, yes: bool) -> None:
    """Replace every row of the database with FILE's (all or nothing)."""
    from tourroute.extensions import db
    from tourroute.services import backup as backups

    if not yes:
        click.confirm("Replace every row of the database with the backup?", abort=True)
    counts = backups.restore(file)
    db.session.commit()
    click.echo(f"{sum(counts.values())} rows of {len(counts)} tables restored from {file}")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Run queued plans (needs TOURROUTE_REDIS_URL); start as many as plans may run at once."""
    from tourroute import jobs

    try:
        jobs.work(current_app._get_current_object(), burst=burst)  # type: ignore[attr-defined]
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc


def register(app: Flask) -> None:
    from tourroute.cli_catalogue import COMMANDS as CATALOGUE_COMMANDS

    for command in (
        worker,
        backup,
        restore,
        init_db,
        seed,
        export_places,
        festivals,
        import_boundaries,
        travel_time,
        plan,
        bench_optw,
        create_user,
        import_places,
        *CATALOGUE_COMMANDS,
    ):
        app.cli.add_command(command)
