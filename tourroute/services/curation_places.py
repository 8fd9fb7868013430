"""The curator's list of places: every place of a province, published or not, with the facts
it still lacks, so a department can see what to fix and open it for editing.

The "missing" tests are SQL conditions defined once here; the list filter and the insights'
completeness table both count with them, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import selectinload

from tourroute.core.text import fold
from tourroute.extensions import db
from tourroute.models import Place
from tourroute.services.catalogue import PlacePage

#: Fact -> condition true when the place lacks it. Unknown hours and tickets are written as
#: "unknown" and NULL in the data (never guessed); a point is exact or it is not.
MISSING: Mapping[str, ColumnElement[bool]] = {
    "hours": Place.opening_hours == "unknown",
    "ticket": Place.ticket_adult_vnd.is_(None),
    "point": Place.precision != "exact",
}


@dataclass(frozen=True)
class CuratedPage(PlacePage):
    """A page of places and, by slug, the facts each one lacks (keys of :data:`MISSING`)."""

    missing: Mapping[str, list[str]]


def list_places(
    *,
    province: str | None,
    q: str | None = None,
    kind: str | None = None,
    precision: str | None = None,
    missing: Sequence[str] = (),
    page: int = 1,
    per_page: int = 50,
) -> CuratedPage:
    """Places of ``province`` (None: all) matching the filters, by folded name.

    ``q`` matches every folded word against the names, as the public search does; ``missing``
    keeps places lacking *each* named fact (keys of :data:`MISSING`).
    """
    query = select(Place)
    if province:
        query = query.where(Place.province_code == province)
    if kind:
        query = query.where(Place.kind == kind)
    if precision:
        query = query.where(Place.precision == precision)
    for fact in missing:
        query = query.where(MISSING[fact])
    for word in fold(q or "").split():
        query = query.where(Place.search_text.contains(word, autoescape=True))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.execute(
        query.add_columns(*(condition.label(fact) for fact, condition in MISSING.items()))
        .options(selectinload(Place.province))
        .order_by(Place.province_code, Place.search_text, Place.slug)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return CuratedPage(
        items=[row[0] for row in rows],
        total=total,
        page=page,
        per_page=per_page,
        missing={row[0].slug: [f for f in MISSING if row._mapping[f]] for row in rows},
    )


def completeness_by_province() -> dict[str, dict[str, int]]:
    """``{province: {"places": n, "hours": missing, "ticket": missing, "point": missing}}``
    over published places."""
    columns = [
        func.count().label("places"),
        *(
            func.sum(func.cast(condition, db.Integer)).label(fact)
            for fact, condition in MISSING.items()
        ),
    ]
    rows = db.session.execute(
        select(Place.province_code, *columns)
        .where(Place.status == "published")
        .group_by(Place.province_code)
        .order_by(Place.province_code)
    )
    return {
        row.province_code: {"places": row.places, **{f: int(getattr(row, f) or 0) for f in MISSING}}
        for row in rows
    }
