"""The catalogue says no more than its sources do ("Keep it true", issue #11).

These tests read the shipped files directly, so a curator's edit that overstates a point, names a
commune that no longer exists or loses a hotel fails here with the row it is on.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tourroute.core import admin_units
from tourroute.core.datafiles import PlaceRecord, read_groups, read_places
from tourroute.core.geo import haversine_km

DATA = Path(__file__).resolve().parents[2] / "data"

#: What an ``exact`` point may be read from: an encyclopaedia infobox (or a named mirror of one),
#: Wikidata, OpenStreetMap, or an official page.
AUTHORITATIVE = re.compile(r"wikipedia|wikidata|openstreetmap|\.gov\.vn", re.IGNORECASE)
#: A point may lie this many "commune radii" (the radius of a disc with the commune's area) from
#: its 2025 commune's centroid: communes are not discs, and centroids are rough (data/README.md).
COMMUNE_RADII = 2.0
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


def test_every_commune_2025_is_a_2025_unit_of_its_province() -> None:
    wrong = [
        f"{p.file}:{p.line} {p.slug}: {p.commune_2025!r}"
        for p in places()
        if p.commune_2025 not in admin_units.units_2025(p.province) or not p.commune_2025_source
    ]
    assert wrong == []


def test_every_point_lies_near_its_2025_commune() -> None:
    far = []
    for p in places():
        unit = admin_units.units_2025(p.province)[p.commune_2025]
        limit_km = COMMUNE_RADII * math.sqrt(unit.area_km2 / math.pi)
        distance_km = haversine_km(p.lat, p.lon, unit.lat, unit.lon)
        if distance_km > limit_km:
            far.append(f"{p.slug}: {distance_km:.1f} km from {unit.name} (limit {limit_km:.1f})")
    assert far == []


@cache
def special_national_relics() -> tuple[dict[str, str], ...]:
    """The special national relics of the three provinces, each with its source (data/README.md)."""
    with (DATA / "special_national_relics.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def test_every_special_national_relic_is_in_the_catalogue() -> None:
    by_slug = {p.slug: p for p in places()}
    wrong = [
        f"{relic['name_vi']} ({slug})"
        for relic in special_national_relics()
        for slug in relic["places"].split(";")
        if slug not in by_slug
        or by_slug[slug].heritage != "special_national"
        or by_slug[slug].province != relic["province"]
        or not by_slug[slug].heritage_source
    ]
    assert wrong == []
    assert all(relic["source"].startswith("http") for relic in special_national_relics())


def test_no_place_claims_a_special_national_rank_the_list_does_not_hold() -> None:
    listed = {slug for relic in special_national_relics() for slug in relic["places"].split(";")}
    claimed = {p.slug for p in places() if p.heritage == "special_national"}
    assert sorted(claimed - listed) == []


@cache
def quan_ho_villages() -> tuple[dict[str, str], ...]:
    """The 49 original Quan họ villages as the national inventory lists them (data/README.md)."""
    with (DATA / "quan_ho_villages.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _quan_ho_names() -> dict[str, str]:
    """The name a traveller sees for each Quan họ place and each site group, by slug."""
    names = {p.slug: p.name_vi for p in places() if p.kind == "quan_ho" or "quan-ho" in p.tags}
    names.update({r.group.slug: r.group.name_vi for r in read_groups(DATA)})
    return names


def _unrepresented_villages() -> list[str]:
    names = _quan_ho_names()
    return [
        v["village"]
        for v in quan_ho_villages()
        if v["village"] not in names.get(v["represented_by"], "")
    ]


def test_the_quan_ho_village_list_is_the_inventorys_49() -> None:
    rows = quan_ho_villages()
    assert len({r["village"] for r in rows}) == len(rows) == 49
    assert Counter(r["old_province"] for r in rows) == {"Bắc Ninh": 44, "Bắc Giang": 5}
    assert all(r["source"].startswith("http") for r in rows)


def test_every_claimed_quan_ho_village_is_named_by_its_place_or_group() -> None:
    """A village the list says is represented must appear in that row's or group's own name."""
    claimed = {v["village"] for v in quan_ho_villages() if v["represented_by"]}
    assert claimed, "the list names the places that represent the villages"
    assert sorted(claimed & set(_unrepresented_villages())) == []


@pytest.mark.xfail(
    strict=True,
    reason="16 of the 49 villages are not located yet (data/README.md); drop the mark then",
)
def test_every_original_quan_ho_village_is_represented() -> None:
    assert _unrepresented_villages() == []
