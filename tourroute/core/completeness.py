"""How complete the catalogue's facts are, per province: the curators' work queue.

A tourism department needs to know what to look up next — which places still have a
second-hand point, unknown hours or tickets, an estimated visit length or no 2025 address — so
the counts and the list of gaps come from one rule, here, for the command line and the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from tourroute.core.domain import PROVINCES, VISIT_KINDS

#: The facts counted, in the order the report lists them.
FIELDS: tuple[str, ...] = (
    "exact",
    "hours_known",
    "ticket_known",
    "duration_sourced",
    "commune_2025",
)
#: Facts that only a place one visits has: a lodging area has no ticket or visit length.
VISIT_ONLY: frozenset[str] = frozenset({"hours_known", "ticket_known", "duration_sourced"})


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What the report needs to know about one place."""

    slug: str
    province: str
    kind: str
    precision: str
    opening_hours: str
    ticket_adult_vnd: int | None
    visit_source: str
    commune_2025: str

    def has(self, fact: str) -> bool:
        """Whether the fact named ``fact`` (one of :data:`FIELDS`) is known from a source."""
        known = {
            "exact": self.precision == "exact",
            "hours_known": self.opening_hours not in ("", "unknown"),
            "ticket_known": self.ticket_adult_vnd is not None,
            "duration_sourced": self.visit_source not in ("", "estimate"),
            "commune_2025": bool(self.commune_2025),
        }
        return known[fact]

    def missing(self) -> list[str]:
        """The facts still to find, skipping those a lodging area or gateway cannot have."""
        visited = self.kind in VISIT_KINDS
        return [f for f in FIELDS if not self.has(f) and (visited or f not in VISIT_ONLY)]


class ProvinceCounts(TypedDict):
    places: int
    exact: int
    hours_known: int
    ticket_known: int
    duration_sourced: int
    commune_2025: int


class MissingFacts(TypedDict):
    slug: str
    fields: list[str]


class DataReport(TypedDict):
    """What ``tourroute data-report --json`` prints (the shape issue #11 gives)."""

    provinces: dict[str, ProvinceCounts]
    missing: list[MissingFacts]


def completeness(places: Iterable[PlaceFacts]) -> DataReport:
    """Counts per province (the three provinces only) and every place's missing facts."""
    provinces: dict[str, ProvinceCounts] = {
        code: ProvinceCounts(
            places=0,
            exact=0,
            hours_known=0,
            ticket_known=0,
            duration_sourced=0,
            commune_2025=0,
        )
        for code in PROVINCES
    }
    missing: list[MissingFacts] = []
    for place in sorted(places, key=lambda p: (p.province, p.slug)):
        if place.province not in provinces:
            continue
        counts = provinces[place.province]
        counts["places"] += 1
        for fact in FIELDS:
            if place.has(fact):
                counts[fact] += 1  # type: ignore[literal-required]
        if gaps := place.missing():
            missing.append(MissingFacts(slug=place.slug, fields=gaps))
    return DataReport(provinces=provinces, missing=missing)
