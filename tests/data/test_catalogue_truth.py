"""The catalogue says no more than its sources do ("Keep it true", issue #11).

These tests read the shipped files directly, so a curator's edit that overstates a point, names a
commune that no longer exists or loses a hotel fails here with the row it is on.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tourroute.core.datafiles import PlaceRecord, read_places

DATA = Path(__file__).resolve().parents[2] / "data"

#: What an ``exact`` point may be read from: an encyclopaedia infobox (or a named mirror of one),
#: Wikidata, OpenStreetMap, or an official page.
AUTHORITATIVE = re.compile(r"wikipedia|wikidata|openstreetmap|\.gov\.vn", re.IGNORECASE)
#: Words that mark a second-hand point; such a point is ``approximate`` at best.
SECONDARY = re.compile(
    r"github|unverified|secondary|student|app\b|embed|planning (file|table)|as tabulated",
    re.IGNORECASE,
)


@cache
def places() -> tuple[PlaceRecord, ...]:
    return tuple(read_places(DATA))


def test_no_exact_point_from_a_secondary_source() -> None:
    wrong = [
        f"{p.file}:{p.line} {p.slug}: {p.coord_source[:80]}"
        for p in places()
        if p.precision == "exact"
        and (not AUTHORITATIVE.search(p.coord_source) or SECONDARY.search(p.coord_source))
    ]
    assert wrong == []


def test_second_hand_points_keep_their_source() -> None:
    approximate = [p for p in places() if p.precision == "approximate"]
    assert approximate, "the demoted app-dump and map-embed points are approximate"
    assert all(p.coord_source for p in approximate)
