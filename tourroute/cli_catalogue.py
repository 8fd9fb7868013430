"""``tourroute data-report`` and ``tourroute import-osm``: the catalogue's upkeep commands.

They live beside :mod:`tourroute.cli` (which registers them) so that the data department's
commands are read and changed in one place.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from tourroute.cli import _author_account, _echo_json, _fail_cleanly
from tourroute.core.completeness import FIELDS


@click.command("data-report")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
@_fail_cleanly
def data_report_command(as_json: bool) -> None:
    """Per province: places with an exact point, known hours and tickets, a sourced visit
    length and a 2025 commune; then what each place still lacks (the curators' work queue)."""
    from tourroute.extensions import db
    from tourroute.services.data_report import data_report

    report = data_report(db.session())
    if as_json:
        _echo_json(report)
        return
    click.echo(f"{'province':<12} {'places':>6} " + " ".join(f"{f:>16}" for f in FIELDS))
    for code, counts in report["provinces"].items():
        cells = " ".join(f"{counts[f]:>16}" for f in FIELDS)  # type: ignore[literal-required]
        click.echo(f"{code:<12} {counts['places']:>6} {cells}")
    click.echo(f"\n{len(report['missing'])} place(s) lack something:")
    for entry in report["missing"]:
        click.echo(f"  {entry['slug']}: {', '.join(entry['fields'])}")


@click.command("import-osm")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--province", default=None, help="Match only the places of this province.")
@click.option("--author", "author_email", default=None, help="Account the drafts belong to.")
@click.option("--dry-run", is_flag=True, help="Only report the matches; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@with_appcontext
@_fail_cleanly
def import_osm_command(
    file: Path, province: str | None, author_email: str | None, dry_run: bool, as_json: bool
) -> None:
    """Match an OpenStreetMap extract (.osm or .osm.pbf) to the catalogue by name and place;
    each match becomes a draft (point, opening hours, website, phone) for curators to review."""
    from tourroute.extensions import db
    from tourroute.services.osm_import import import_osm

    author = None if dry_run else _author_account(author_email)
    report, drafts, left_out = import_osm(
        db.session(), file, province=province, author=author, dry_run=dry_run
    )
    db.session.commit()
    for slug, reason in left_out.items():
        click.echo(f"{slug}: not drafted: {reason}", err=True)
    if as_json:
        _echo_json(report)
        return
    for match in report["matched"]:
        click.echo(f"{match['slug']}: {match['osm_id']} ({match['distance_km']:.2f} km away)")
    for entry in report["ambiguous"]:
        ids = ", ".join(c["osm_id"] for c in entry["candidates"])
        click.echo(f"{entry['slug']}: ambiguous between {ids}")
    click.echo(
        f"{len(report['matched'])} matched, {len(report['ambiguous'])} ambiguous, "
        f"{report['unmatched']} named OSM object(s) matched no place; "
        + ("dry run, nothing written" if dry_run else f"{len(drafts)} draft(s) submitted")
    )


COMMANDS = (data_report_command, import_osm_command)
