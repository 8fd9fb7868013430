"""The shared view for the three provinces' departments: tables of counts, a server-drawn
chart beside each, and each table as CSV. Aggregates only (see ``services.insights``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tourroute import labels
from tourroute.core.charts import bar_chart_svg
from tourroute.core.insights import Table
from tourroute.services import catalogue, insights
from tourroute.web import current_locale

bp = Blueprint("insights", __name__, url_prefix="/insights")

TITLES = {
    "weeks": _l("Trips planned and packages saved by agencies, per week"),
    "themes": _l("Trips by theme"),
    "stages": _l("Visits by stage of each theme"),
    "provinces": _l("Visits by province"),
    "places": _l("Most planned places"),
    "left_out": _l("Places most often left out, and why"),
    "completeness": _l("Data completeness per province (published places)"),
}
COLUMNS = {
    "week": _l("Week"),
    "trips": _l("Trips planned"),
    "packages": _l("Packages saved"),
    "theme": _l("Theme"),
    "stage": _l("Stage"),
    "province": _l("Province"),
    "visits": _l("Visits"),
    "place": _l("Place"),
    "reason": _l("Reason"),
    "times": _l("Times"),
    "places": _l("Places"),
    **labels.DATA_FACT_LABELS,
}
#: The column each table's chart draws (the weekly table: trips; completeness: none).
CHARTED = {"weeks": 1, "themes": 1, "stages": 2, "provinces": 1, "places": 1, "left_out": 2}


@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    chart: Markup | None


def _labeller(tables: list[Table], lang: str) -> Callable[[str, str], str]:
    """``label(column, value)``: names in the page's language for the codes a table holds."""
    provinces = {p.code: p.name_en if lang == "en" else p.name_vi for p in catalogue.provinces()}
    themes, stages = {}, {}
    for theme in catalogue.themes():
        themes[theme.slug] = theme.name_en if lang == "en" else theme.name_vi
        for stage in theme.stages:
            stages[stage.key] = stage.name_en if lang == "en" else stage.name_vi
    slugs = {str(row[0]) for t in tables if t.key in ("places", "left_out") for row in t.rows}
    places = insights.place_names(slugs, lang=lang)
    reasons = labels.LEFT_OUT_LABELS
    lookups: dict[str, Callable[[str], str]] = {
        "province": lambda v: provinces.get(v, v),
        "theme": lambda v: themes.get(v, v) if v else str(_("No theme")),
        "stage": lambda v: stages.get(v, v),
        "place": lambda v: places.get(v, v),
        "reason": lambda v: str(reasons.get(v, v)),
    }
    return lambda column, value: lookups.get(column, str)(value)


def _shown(tables: list[Table]) -> list[ShownTable]:
    label = _labeller(tables, current_locale())
    shown = []
    for table in tables:
        rows = [
            [label(column, str(value)) for column, value in zip(table.columns, row, strict=True)]
            for row in table.rows
        ]
        title = str(TITLES[table.key])
        charted = CHARTED.get(table.key)
        chart = None
        if charted is not None and table.rows:
            bars = [
                (" · ".join(r[: min(charted, 2)]), float(raw[charted]))
                for r, raw in zip(rows, table.rows, strict=True)
            ]
            chart = Markup(bar_chart_svg(bars, title=title))
        shown.append(
            ShownTable(table.key, title, [str(COLUMNS[c]) for c in table.columns], rows, chart)
        )
    return shown


@bp.get("/")
def overview() -> str:
    return render_template("insights.html", tables=_shown(insights.tables()))


@bp.get("/<key>.csv")
def table_csv(key: str) -> Response:
    """One table as CSV (UTF-8 with BOM, so spreadsheets read the Vietnamese letters)."""
    found = [t for t in _shown(insights.tables()) if t.key == key]
    if not found:
        abort(404)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(found[0].columns)
    writer.writerows(found[0].rows)
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="insights-{key}.csv"'},
    )
