"""Seeding site groups and shows: all of them, once, each checked against the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from tourroute.core import datafiles
from tourroute.core.errors import DataError
from tourroute.extensions import db
from tourroute.models import ShowOffer, SiteGroup, Theme
from tourroute.services import planning
from tourroute.services.seed import seed_database

DATA = Path(__file__).resolve().parents[2] / "data"


def test_the_seed_loads_groups_shows_and_theme_days_once(app: Flask) -> None:
    with app.app_context():
        count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(SiteGroup) == len(datafiles.read_groups(DATA))
        assert count(ShowOffer) == len(datafiles.read_show_records(DATA))
        report = seed_database(DATA)
        assert report.added.get("groups", 0) == report.added.get("shows", 0) == 0
        groups = planning.site_groups()
        assert groups["phuong-xoan-kim-duc"].members[0] == "mieu-lai-len"
        offers = {o.slug: o for o in planning.show_offers()}
        assert offers["hat-xoan-mieu-lai-len"].venue == "mieu-lai-len"
        flagship = db.session.get(Theme, "dat-to-tra-xanh-quan-ho")
        assert flagship is not None and flagship.days == 3


def test_a_group_naming_an_unknown_place_stops_the_seed(empty_app: Flask, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with (data / "groups.csv").open("a", encoding="utf-8") as handle:
        handle.write("ghost,Ma,Ghost,den-hung;no-such-place,https://example.org\n")
    with empty_app.app_context(), pytest.raises(DataError, match="no-such-place"):
        seed_database(data)
