"""Spotting likely duplicate places: close together and similarly named.

Used by the data validation tests (100 m) and by curation (200 m) so that both apply the same
judgement. Distinct places legitimately share a commune-centroid coordinate (three Xoan guilds in
one commune), so distance alone is not enough: the names must also look alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from tourroute.core.geo import haversine_km
from tourroute.core.text import fold

#: Names whose folded forms are at least this similar (difflib ratio) count as alike.
SIMILAR_RATIO = 0.8


@dataclass(frozen=True)
class Located:
    key: str
    name: str
    lat: float
    lon: float


def names_alike(first: str, second: str) -> bool:
    """Alike when nearly the same text, or when every word of one appears in the other."""
    a, b = fold(first), fold(second)
    if not a or not b:
        return False
    if SequenceMatcher(None, a, b).ratio() >= SIMILAR_RATIO:
        return True
    shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
    return shorter <= longer


def likely_duplicates(
    candidate: Located, others: Sequence[Located], *, radius_km: float
) -> list[Located]:
    """Places within ``radius_km`` of ``candidate`` whose names look alike (itself excluded)."""
    return [
        other
        for other in others
        if other.key != candidate.key
        and haversine_km(candidate.lat, candidate.lon, other.lat, other.lon) <= radius_km
        and names_alike(candidate.name, other.name)
    ]
