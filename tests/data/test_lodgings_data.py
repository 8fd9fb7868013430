"""The named hotels and homestays: each row sourced and tied to an overnight area, and (the aim of
issue #11) at least two of them for every area a plan can sleep in."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tourroute.core.datafiles import read_lodgings, read_places

DATA = Path(__file__).resolve().parents[2] / "data"
MINIMUM_PER_AREA = 2


def lodging_areas() -> set[str]:
    return {p.slug for p in read_places(DATA) if p.kind == "lodging"}


def test_every_named_lodging_belongs_to_an_overnight_area() -> None:
    areas = lodging_areas()
    strays = [(r.slug, r.area) for r in read_lodgings(DATA) if r.area not in areas]
    assert strays == []


def test_no_area_lists_the_same_name_twice() -> None:
    names = Counter((r.area, r.name.casefold()) for r in read_lodgings(DATA))
    assert [key for key, count in names.items() if count > 1] == []


@pytest.mark.xfail(
    strict=True,
    reason="issue #11: named places found for 3 of the 20 overnight areas so far "
    "(data/README.md lists what is missing); strict, so it fails once the data is complete "
    "and this marker must go",
)
def test_every_overnight_area_has_at_least_two_named_places() -> None:
    counts = Counter(r.area for r in read_lodgings(DATA))
    short = sorted(a for a in lodging_areas() if counts[a] < MINIMUM_PER_AREA)
    assert short == []
