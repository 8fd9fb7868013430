"""The shipped data keeps its promises: complete, valid, inside its provinces, resolvable."""

from __future__ import annotations

import os
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tourroute.core import boundaries as bnd
from tourroute.core import geo
from tourroute.core.datafiles import PlaceRecord, read_festivals, read_places, read_themes
from tourroute.core.domain import PROVINCES
from tourroute.core.duplicates import Located, likely_duplicates
from tourroute.core.hours import parse_opening_hours
from tourroute.core.lunar import festivals_in_year

DATA = Path(__file__).resolve().parents[2] / "data"
REFERENCE = Path(
    os.environ.get(
        "TOURROUTE_REFERENCE_DIR",
        Path(__file__).resolve().parents[3] / "shared" / "data" / "reference",
    )
)
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@cache
def places() -> tuple[PlaceRecord, ...]:
    return tuple(read_places(DATA))


def test_catalogue_size_and_coverage() -> None:
    by_province = Counter(p.province for p in places())
    assert len(places()) >= 180
    for province in PROVINCES:
        assert by_province[province] >= 50, province
        lodging = [p for p in places() if p.province == province and p.kind == "lodging"]
        assert len(lodging) >= 4, province
    kinds = Counter(p.kind for p in places())
    for kind in (
        "heritage",
        "spiritual",
        "tea",
        "quan_ho",
        "xoan",
        "museum",
        "nature",
        "craft_village",
        "gateway",
        "lodging",
    ):
        assert kinds[kind] >= 1, kind
    slugs = {p.slug for p in places()}
    assert {"ha-noi", "noi-bai"} <= slugs


def test_required_fields_and_slugs() -> None:
    import re

    for p in places():
        where = f"{p.file}:{p.line}"
        assert re.match(SLUG, p.slug), where
        assert p.name_vi and p.name_en, where
        assert p.description_vi and p.description_en, where
        assert p.coord_source, where
        assert 1 <= p.interest <= 10, where
        assert p.visit_min >= 0 and p.visit_source, where
        if p.opening_hours != "unknown" and p.kind not in ("lodging", "gateway"):
            assert p.hours_source, f"{where}: hours without a source"
        if p.ticket_adult_vnd is not None:
            assert p.ticket_source, f"{where}: ticket without a source"
        if p.heritage:
            assert p.heritage_source, f"{where}: heritage without a source"


def test_opening_hours_parse() -> None:
    for p in places():
        parse_opening_hours(p.opening_hours)


def test_no_two_places_within_100_m_with_similar_names() -> None:
    located = [Located(p.slug, p.name_vi, p.lat, p.lon) for p in places()]
    clashes = {
        tuple(sorted((a.key, b.key)))
        for a in located
        for b in likely_duplicates(a, located, radius_km=0.1)
    }
    assert clashes == set()


def _check_inside(boundaries: bnd.Boundaries, *, margin_km: float) -> list[str]:
    wrong = []
    for p in places():
        outside_km = geo.distance_outside_km(boundaries, p.province, p.lat, p.lon)
        if outside_km > margin_km:
            found = geo.province_of(p.lat, p.lon, boundaries)
            wrong.append(f"{p.slug}: {outside_km:.2f} km outside {p.province} (in {found})")
    return wrong


def test_every_place_lies_in_its_province_under_the_approximate_boundaries() -> None:
    # The derived polygons are approximate (IoU ≈ 0.94 with official ones): allow 2 km.
    assert _check_inside(bnd.derive_approximate_boundaries(), margin_km=2.0) == []


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference boundaries absent")
def test_every_place_lies_in_its_province_under_the_reference_boundaries() -> None:
    official = bnd.load_boundary_file(REFERENCE / "boundaries" / "vn_34_provinces_2025.geojson")
    assert _check_inside(official, margin_km=0.0) == []


def test_festivals_name_existing_places_and_resolve_every_year() -> None:
    festivals = read_festivals(DATA)
    assert len(festivals) >= 12
    slugs = {p.slug for p in places()}
    for f in festivals:
        assert f.places and set(f.places) <= slugs, f.slug
        assert f.source, f.slug
    for year in range(2024, 2036):
        resolved = festivals_in_year(festivals, year)
        assert {r.festival.slug for r in resolved} == {f.slug for f in festivals}, year
        for r in resolved:
            assert r.start.year == year and r.end >= r.start
    names = {f.slug for f in festivals}
    assert {"gio-to-hung-vuong", "hoi-lim"} <= names


def test_themes_refer_to_known_provinces_kinds_and_tags() -> None:
    from tourroute.core.datafiles import TAGS
    from tourroute.core.domain import ALL_PROVINCES, KINDS

    themes = read_themes(DATA)
    assert "dat-to-tra-xanh-quan-ho" in {t.slug for t in themes}
    for theme in themes:
        for stage in theme.stages:
            assert set(stage.provinces) <= set(ALL_PROVINCES)
            assert set(stage.kinds) <= set(KINDS)
            assert set(stage.tags) <= set(TAGS)
            admitted = [p for p in places() if p.province in stage.provinces or not stage.provinces]
            assert any(p.kind in stage.kinds or set(p.tags) & set(stage.tags) for p in admitted)


def test_every_place_is_reachable_from_ha_noi_on_the_road_graph() -> None:
    import math

    from tourroute.core.domain import OpeningHours
    from tourroute.core.domain import Place as PlaceValue
    from tourroute.core.network import compute_travel_matrix, load_road_network

    hours = OpeningHours(weekly=((),) * 7, known=False, text="unknown")
    values = [
        PlaceValue(
            slug=p.slug,
            name_vi=p.name_vi,
            name_en=p.name_en,
            kind=p.kind,
            province=p.province,
            lat=p.lat,
            lon=p.lon,
            precision=p.precision,
            visit_min=p.visit_min,
            hours=hours,
            interest=p.interest,
        )
        for p in places()
    ]
    matrix = compute_travel_matrix(load_road_network(DATA / "roads"), values)
    for p in values:
        minutes = matrix.minutes("ha-noi", p.slug)
        assert math.isfinite(minutes) and minutes < 8 * 60, p.slug
