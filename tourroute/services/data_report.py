"""The catalogue's completeness report, from the published places in the database.

The ``curation`` insights page and ``tourroute data-report`` both call :func:`data_report`, so
a department's work queue reads the same wherever it is looked at.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tourroute.core.completeness import DataReport, PlaceFacts, completeness
from tourroute.models import Place


def data_report(session: Session, *, province: str | None = None) -> DataReport:
    """Counts per province and every published place's missing facts (one province if given)."""
    query = select(Place).where(Place.status == "published")
    if province is not None:
        query = query.where(Place.province_code == province)
    report = completeness(
        PlaceFacts(
            slug=row.slug,
            province=row.province_code,
            kind=row.kind,
            precision=row.precision,
            opening_hours=row.opening_hours,
            ticket_adult_vnd=row.ticket_adult_vnd,
            visit_source=row.visit_source,
            commune_2025=row.commune_2025,
        )
        for row in session.scalars(query)
    )
    if province is not None:
        report["provinces"] = {k: v for k, v in report["provinces"].items() if k == province}
    return report
