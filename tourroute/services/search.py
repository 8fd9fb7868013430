"""Finding places by name, whatever the accents and case the traveller typed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.domain import VISIT_KINDS
from tourroute.core.text import fold, match_rank, query_kind
from tourroute.extensions import db
from tourroute.models import Place


def search_places(query: str, *, limit: int) -> list[Place]:
    """Published places whose name (either language) holds every word of ``query``.

    The database narrows the candidates on the folded ``search_text`` column; ranking happens
    here. A query that names a kind ("tea", "chùa") lists that kind first; then come better
    matches on each name separately, so a whole-word match beats a prefix and a prefix beats
    a substring (ranked on ``search_text``, both names together, too). At equal rank sights
    come before gateways and overnight areas, then the more interesting place, then the name.
    """
    folded = fold(query)
    words = folded.split()
    if not words:
        return []
    kind = query_kind(folded)
    rows = db.session.scalars(
        select(Place)
        .where(
            Place.status == "published",
            *(Place.search_text.contains(word, autoescape=True) for word in words),
        )
        .options(selectinload(Place.province))
    ).all()
    ranked = []
    for row in rows:
        rank = match_rank(folded, (fold(row.name_vi), fold(row.name_en), row.search_text))
        if rank is not None:
            key = (row.kind != kind, rank, row.kind not in VISIT_KINDS, -row.interest)
            ranked.append((key, fold(row.name_vi), row))
    ranked.sort(key=lambda item: item[:2])
    return [item[2] for item in ranked[:limit]]
