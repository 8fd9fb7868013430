"""``tourroute data-report`` and ``tourroute import-osm``: the catalogue's upkeep commands.

They live beside :mod:`tourroute.cli` (which registers them) so that the data department's
commands are read and changed in one place.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from tourroute.cli import _echo_json, _fail_cleanly
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


COMMANDS = (data_report_command,)
