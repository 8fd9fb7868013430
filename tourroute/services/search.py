"""Finding places by name, whatever the accents and case the traveller typed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute.core.text import fold, match_rank
from tourroute.extensions import db
from tourroute.models import Place


def search_places(query: str, *, limit: int) -> list[Place]:
    """Published places whose name (either language) holds every word of ``query``.

    The database narrows the candidates on the folded ``search_text`` column; ranking happens
    here, on each name separately, so a whole-name or prefix match beats a match that spans the
    Vietnamese and English names (ranked on ``search_text``, both names together). Ties go to
    the more interesting place, then alphabetical.
    """
    folded = fold(query)
    words = folded.split()
    if not words:
        return []
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
            ranked.append((rank, -row.interest, fold(row.name_vi), row))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]
