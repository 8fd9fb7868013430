"""A small synthetic region for trip tests: places on a grid, crow-flies travel times.

The coordinates and hours are made up for the tests (the real places and road network live in
``data/`` and ``tourroute.core.network``); travel is the great-circle distance with a detour
factor at a fixed speed, enough to give the planner a consistent geometry.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tourroute.core.domain import OpeningHours, Place, Theme, ThemeStage, TimeWindow

DETOUR = 1.3
SPEED_KPH = 45.0


@dataclass(frozen=True)
class CrowFlies:
    places: Mapping[str, Place]

    def km(self, origin: str, destination: str) -> float:
        a, b = self.places[origin], self.places[destination]
        lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
        dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
        h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
        return 2 * 6371.0 * math.asin(math.sqrt(h)) * DETOUR

    def minutes(self, origin: str, destination: str) -> float:
        return self.km(origin, destination) / SPEED_KPH * 60

    def path(self, origin: str, destination: str) -> Sequence[tuple[float, float]]:
        a, b = self.places[origin], self.places[destination]
        return ((a.lat, a.lon), (b.lat, b.lon))

    def roads(self, origin: str, destination: str) -> Sequence[str]:
        return ("test-road",)


def hours(
    spans: Sequence[tuple[int, int]] = ((7 * 60 + 30, 17 * 60),),
    *,
    closed: Sequence[int] = (),
    known: bool = True,
) -> OpeningHours:
    day = tuple(TimeWindow(a, b) for a, b in spans)
    weekly = tuple(() if i in closed else day for i in range(7))
    return OpeningHours(weekly=weekly, known=known, text="test hours")


def place(
    slug: str,
    kind: str,
    province: str,
    lat: float,
    lon: float,
    *,
    interest: float = 5.0,
    visit_min: int = 60,
    opening: OpeningHours | None = None,
) -> Place:
    return Place(
        slug=slug,
        name_vi=slug,
        name_en=slug,
        kind=kind,
        province=province,
        lat=lat,
        lon=lon,
        precision="exact",
        visit_min=visit_min,
        hours=opening or hours(),
        interest=interest,
    )


def region() -> dict[str, Place]:
    """Three provinces in a row west to east, a gateway between, a lodging in each province."""
    rows = [
        place("gate", "gateway", "ha-noi", 21.00, 105.60, opening=hours(((0, 24 * 60),))),
        place("pt-temple", "heritage", "phu-tho", 21.30, 105.20, interest=9),
        place("pt-xoan", "xoan", "phu-tho", 21.32, 105.25, interest=7),
        place("pt-museum", "museum", "phu-tho", 21.28, 105.15, interest=4),
        place("pt-shrine", "heritage", "phu-tho", 21.25, 105.30, interest=3),
        place("tn-tea", "tea", "thai-nguyen", 21.60, 105.80, interest=8),
        place("tn-hill", "tea", "thai-nguyen", 21.65, 105.75, interest=6),
        place("tn-farm", "tea", "thai-nguyen", 21.55, 105.85, interest=3),
        place("bn-quanho", "quan_ho", "bac-ninh", 21.20, 106.05, interest=9),
        place("bn-village", "quan_ho", "bac-ninh", 21.18, 106.10, interest=6),
        place("bn-pagoda", "quan_ho", "bac-ninh", 21.22, 106.00, interest=4),
        place("pt-hotel", "lodging", "phu-tho", 21.31, 105.22, opening=hours(((0, 1440),))),
        place("tn-hotel", "lodging", "thai-nguyen", 21.59, 105.82, opening=hours(((0, 1440),))),
        place("bn-hotel", "lodging", "bac-ninh", 21.19, 106.06, opening=hours(((0, 1440),))),
    ]
    return {p.slug: p for p in rows}


def flagship() -> Theme:
    return Theme(
        slug="flagship",
        name_vi="flagship",
        name_en="flagship",
        stages=(
            ThemeStage("pt", "pt", "Phu Tho", provinces=("phu-tho",)),
            ThemeStage("tn", "tn", "Thai Nguyen", provinces=("thai-nguyen",), kinds=("tea",)),
            ThemeStage("bn", "bn", "Bac Ninh", provinces=("bac-ninh",), kinds=("quan_ho",)),
        ),
    )
