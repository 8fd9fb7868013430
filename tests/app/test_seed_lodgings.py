"""Seeding the named lodgings: all of them, once, each under a lodging place of the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tourroute.core import datafiles
from tourroute.core.errors import DataError
from tourroute.extensions import db
from tourroute.models import Lodging
from tourroute.services.seed import seed_database

DATA = Path(__file__).resolve().parents[2] / "data"


def test_the_seed_loads_every_lodging_once_under_its_area(app: Flask) -> None:
    expected = {r.slug: r for r in datafiles.read_lodgings(DATA)}
    with app.app_context():
        rows = {row.slug: row for row in db.session.scalars(select(Lodging))}
        assert set(rows) == set(expected)
        for slug, row in rows.items():
            assert row.area.slug == expected[slug].area
            assert row.area.kind == "lodging"
            assert row.checked.isoformat() == expected[slug].checked
        assert seed_database(DATA).added.get("lodgings", 0) == 0


@pytest.mark.parametrize("area", ["no-such-place", "den-hung"])
def test_a_lodging_outside_an_overnight_area_stops_the_seed(
    empty_app: Flask, tmp_path: Path, area: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "lodgings.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            f"ghost,{area},Ghost Inn,hotel,Nowhere,0210 000 0000,,https://x.org,2026-12-02\n"
        )
    with empty_app.app_context(), pytest.raises(DataError, match=f"names '{area}', not a lodging"):
        seed_database(data)
