"""Matching OpenStreetMap objects to catalogue places, for curators to confirm.

A match needs two things: a name that agrees once accents are folded ("Den Hung" is "Đền Hùng";
"Khu di tích lịch sử Đền Hùng" contains "Đền Hùng"), and a point within :data:`MATCH_RADIUS_KM`
of the place's stored point, which for most places is its commune's centroid. Anything less
certain is reported as ambiguous rather than guessed: the result only ever becomes a draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from tourroute.core.geo import haversine_km
from tourroute.core.osm_extract import OsmFeature
from tourroute.core.text import fold

#: "Within the place's commune or a few km": a commune-centroid point can be this far from the
#: place; 2025 communes have a median radius of about 3 km here (see data/README.md).
MATCH_RADIUS_KM = 5.0
#: Tags copied into the draft when present (``contact:*`` spellings are read as the plain ones).
KEPT_TAGS: tuple[str, ...] = ("opening_hours", "website", "phone")
#: A name shorter than this many words must match whole, not as part of a longer name, so that
#: "Chùa" or "Đình" alone never matches.
MIN_PART_WORDS = 2
#: Where a catalogue name splits into alternatives: "Chùa Dâu (Diên Ứng tự)", "A / B", "A – B".
_ALTERNATIVES = re.compile(r"[()\[\],;:/]| – | - ")


@dataclass(frozen=True, slots=True)
class CataloguePlace:
    """What matching needs to know about a place of the catalogue."""

    slug: str
    names: tuple[str, ...]
    lat: float
    lon: float


class Candidate(TypedDict):
    osm_id: str
    lat: float
    lon: float
    distance_km: float
    tags: dict[str, str]


class Match(TypedDict):
    slug: str
    lat: float
    lon: float
    osm_id: str
    distance_km: float
    tags: dict[str, str]


class Ambiguous(TypedDict):
    slug: str
    candidates: list[Candidate]


class MatchReport(TypedDict):
    """What ``tourroute import-osm --json`` prints."""

    matched: list[Match]
    ambiguous: list[Ambiguous]
    unmatched: int


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Folded whole names, and the parts of "A (B)", "A / B", "A – B" as alternatives."""

    whole: frozenset[str]
    parts: frozenset[str]


def name_keys(names: Iterable[str]) -> NameKeys:
    """The folded forms of ``names`` that matching compares."""
    whole = {fold(name) for name in names}
    parts = {fold(part) for name in names for part in _ALTERNATIVES.split(name)}
    return NameKeys(whole=frozenset(whole - {""}), parts=frozenset(parts - whole - {""}))


#: How well two names agree: the same name, or one held in the other as whole words.
SAME_NAME, PART_OF_NAME = 0, 1


def name_agreement(ours: NameKeys, theirs: NameKeys) -> int | None:
    """:data:`SAME_NAME` when two whole names are equal; :data:`PART_OF_NAME` when an
    alternative agrees, or one name holds the other as whole words (see MIN_PART_WORDS)."""
    if ours.whole & theirs.whole:
        return SAME_NAME
    mine, yours = ours.whole | ours.parts, theirs.whole | theirs.parts
    if mine & yours:
        return PART_OF_NAME
    for a in mine:
        for b in yours:
            short, long = sorted((a, b), key=len)
            if len(short.split()) >= MIN_PART_WORDS and f" {short} " in f" {long} ":
                return PART_OF_NAME
    return None


def kept_tags(tags: dict[str, str]) -> dict[str, str]:
    """The tags a draft takes over, ``contact:website`` read as ``website``."""
    kept = {}
    for key in KEPT_TAGS:
        value = tags.get(key) or tags.get(f"contact:{key}")
        if value:
            kept[key] = value
    return kept


def match_features(places: Sequence[CataloguePlace], features: Sequence[OsmFeature]) -> MatchReport:
    """Pair each place with the one OSM object that names it nearby, if there is exactly one.

    The same name beats a name held in a longer one ("Hồ Đại Lải" is the lake, not the "Khu
    nghỉ dưỡng ven hồ Đại Lải" resorts). A place that two objects could be, or an object that
    could be two places, equally well, is ambiguous; ``unmatched`` counts the named objects
    that matched no place at all.
    """
    keys = {p.slug: name_keys(p.names) for p in places}
    found: dict[str, list[tuple[OsmFeature, float]]] = {p.slug: [] for p in places}
    claimed: dict[str, int] = {}
    unmatched = 0
    for feature in features:
        feature_keys = name_keys(feature.names)
        hits: dict[int, list[tuple[str, float]]] = {}
        for place in places:
            distance_km = haversine_km(place.lat, place.lon, feature.lat, feature.lon)
            agreement = name_agreement(keys[place.slug], feature_keys)
            if distance_km <= MATCH_RADIUS_KM and agreement is not None:
                hits.setdefault(agreement, []).append((place.slug, distance_km))
        best = hits[min(hits)] if hits else []
        for slug, distance_km in best:
            found[slug].append((feature, distance_km))
        claimed[feature.osm_id] = len(best)
        unmatched += not best
    report = MatchReport(matched=[], ambiguous=[], unmatched=unmatched)
    for place in places:
        hits_here = sorted(found[place.slug], key=lambda hit: hit[1])
        if not hits_here:
            continue
        if len(hits_here) == 1 and claimed[hits_here[0][0].osm_id] == 1:
            feature, distance_km = hits_here[0]
            report["matched"].append(
                Match(
                    slug=place.slug,
                    lat=round(feature.lat, 7),
                    lon=round(feature.lon, 7),
                    osm_id=feature.osm_id,
                    distance_km=round(distance_km, 3),
                    tags=kept_tags(feature.tags),
                )
            )
        else:
            report["ambiguous"].append(
                Ambiguous(
                    slug=place.slug,
                    candidates=[
                        Candidate(
                            osm_id=f.osm_id,
                            lat=round(f.lat, 7),
                            lon=round(f.lon, 7),
                            distance_km=round(d, 3),
                            tags=kept_tags(f.tags),
                        )
                        for f, d in hits_here
                    ],
                )
            )
    return report
