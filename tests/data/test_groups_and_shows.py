"""The planner's own data: site groups, show offers, planning rules and the days themes need."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tourroute.core import datafiles
from tourroute.core.domain import PACE_FACTORS, VISIT_KINDS
from tourroute.core.errors import DataError
from tourroute.core.geo import haversine_km

DATA = Path(__file__).resolve().parents[2] / "data"


def _places() -> dict[str, datafiles.PlaceRecord]:
    return {p.slug: p for p in datafiles.read_places(DATA)}


def test_every_group_names_known_visitable_places_once() -> None:
    places = _places()
    seen: set[str] = set()
    for record in datafiles.read_groups(DATA):
        for slug in record.group.members:
            assert slug in places, (record.group.slug, slug)
            assert places[slug].kind in VISIT_KINDS
            assert slug not in seen, f"{slug} is in two groups"
            seen.add(slug)
        assert record.source


#: Two sights closer than this are one stop to a traveller: they must be one site group.
SAME_STOP_KM = 0.05


def test_no_two_sights_within_50_m_unless_one_group() -> None:
    """Otherwise a plan could show two stops "0 min" apart at one pin (issue #11, Keep it true).

    Sights are the places a plan visits (``VISIT_KINDS``: lodging areas and gateways are not).
    """
    sights = [p for p in _places().values() if p.kind in VISIT_KINDS]
    group_of = {m: r.group.slug for r in datafiles.read_groups(DATA) for m in r.group.members}
    close = [
        f"{a.slug} – {b.slug}: {haversine_km(a.lat, a.lon, b.lat, b.lon) * 1000:.0f} m"
        for i, a in enumerate(sights)
        for b in sights[i + 1 :]
        if haversine_km(a.lat, a.lon, b.lat, b.lon) < SAME_STOP_KM
        and (group_of.get(a.slug) is None or group_of.get(a.slug) != group_of.get(b.slug))
    ]
    assert close == []


def test_every_show_is_at_a_known_place_with_a_source() -> None:
    places = _places()
    records = datafiles.read_show_records(DATA)
    assert records
    for record in records:
        assert record.venue in places
        assert record.source.startswith("http")
        offer = datafiles.show_offer(record)
        assert offer.by_arrangement == (record.hours == datafiles.BY_ARRANGEMENT)
        assert offer.duration_min > 0


def test_planning_rules_cover_every_pace_and_keep_the_first_visit_whole() -> None:
    rules = datafiles.read_plan_rules(DATA)
    assert set(rules.max_sights_per_day) == set(PACE_FACTORS)
    assert rules.same_kind_day_factors[0] == rules.same_kind_trip_factors[0] == 1.0
    assert list(rules.same_kind_day_factors) == sorted(rules.same_kind_day_factors, reverse=True)
    assert rules.evening_window[0] < rules.evening_window[1]


def test_every_theme_states_the_days_it_needs() -> None:
    assert all(t.days >= 1 for t in datafiles.read_themes(DATA))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    for name in ("groups.csv", "shows.csv", "planning.json"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def test_a_group_of_one_is_refused(broken: Path) -> None:
    (broken / "groups.csv").write_text(
        "slug,name_vi,name_en,members,source\ng,G,G,den-hung,https://example.org\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"groups\.csv:2: a group needs at least two members"):
        datafiles.read_groups(broken)


def test_a_show_with_bad_hours_names_its_line(broken: Path) -> None:
    text = (broken / "shows.csv").read_text(encoding="utf-8").replace("by arrangement", "Zz", 1)
    (broken / "shows.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"shows\.csv:2: hours"):
        datafiles.read_show_records(broken)


def test_planning_rules_without_a_pace_are_refused(broken: Path) -> None:
    text = (broken / "planning.json").read_text(encoding="utf-8").replace('"packed": 6', '"x": 6')
    (broken / "planning.json").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"planning\.json"):
        datafiles.read_plan_rules(broken)
