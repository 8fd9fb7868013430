"""The catalogue's completeness, read from the database by the one rule in ``core.completeness``.

``tourroute data-report``, ``/curate/data``, the insights' completeness table and the
``/curate/places`` missing-facts filter all read places through :data:`FACT_COLUMNS` and judge
them with :class:`~tourroute.core.completeness.PlaceFacts`, so a department's work queue reads
the same wherever it is looked at.
"""

from __future__ import annotations

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from tourroute.core.completeness import DataReport, PlaceFacts, completeness
from tourroute.models import Place

#: The columns :class:`PlaceFacts` is built from, in its fields' order (``PlaceFacts(*row)``).
FACT_COLUMNS = (
    Place.slug,
    Place.province_code,
    Place.kind,
    Place.precision,
    Place.opening_hours,
    Place.ticket_adult_vnd,
    Place.visit_source,
    Place.commune_2025,
)


def facts_query() -> Select[str, str, str, str, str, int | None, str, str]:
    """Every place's facts (any status); callers add their own filters and order."""
    return select(*FACT_COLUMNS)


def place_facts(row: Row[str, str, str, str, str, int | None, str, str]) -> PlaceFacts:
    """One row of :func:`facts_query` as the completeness rule reads it."""
    return PlaceFacts(*row)


def data_report(session: Session, *, province: str | None = None) -> DataReport:
    """Counts per province and every published place's missing facts (one province if given)."""
    query = facts_query().where(Place.status == "published")
    if province is not None:
        query = query.where(Place.province_code == province)
    report = completeness(place_facts(row) for row in session.execute(query))
    if province is not None:
        report["provinces"] = {k: v for k, v in report["provinces"].items() if k == province}
    return report
