"""The curator's list of places: every place of a province, published or not, with the facts
it still lacks, so a department can see what to fix and open it for editing.

What a place lacks is the completeness rule of ``core.completeness`` (the one ``data-report``,
``/curate/data`` and the insights count with), applied in Python to the filtered places' facts:
a province holds a few hundred places at most, so one narrow column query is enough.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.text import fold
from tourroute.extensions import db
from tourroute.models import Place
from tourroute.services.catalogue import PlacePage
from tourroute.services.data_report import facts_query, place_facts


@dataclass(frozen=True)
class CuratedPage(PlacePage):
    """A page of places and, by slug, the facts each one lacks (``core.completeness.FIELDS``)."""

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
    keeps places lacking *each* named fact (``core.completeness.FIELDS``).
    """
    query = facts_query()
    if province:
        query = query.where(Place.province_code == province)
    if kind:
        query = query.where(Place.kind == kind)
    if precision:
        query = query.where(Place.precision == precision)
    for word in fold(q or "").split():
        query = query.where(Place.search_text.contains(word, autoescape=True))
    gaps = {
        row.slug: place_facts(row).missing()
        for row in db.session.execute(
            query.order_by(Place.province_code, Place.search_text, Place.slug)
        )
    }
    wanted = set(missing)
    kept = [slug for slug, lacks in gaps.items() if wanted <= set(lacks)]
    shown = kept[(page - 1) * per_page : page * per_page]
    places = {
        place.slug: place
        for place in db.session.scalars(
            select(Place).where(Place.slug.in_(shown)).options(selectinload(Place.province))
        )
    }
    return CuratedPage(
        items=[places[slug] for slug in shown],
        total=len(kept),
        page=page,
        per_page=per_page,
        missing={slug: gaps[slug] for slug in shown},
    )
