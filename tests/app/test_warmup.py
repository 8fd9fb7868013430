"""The master process fills the caches its workers fork with, and survives a missing database."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import _make_app
from tourroute.services import travel
from tourroute.services.warmup import warm


def test_warm_fills_the_caches_and_leaves_no_connection_open(app: Flask) -> None:
    travel._matrices.clear()
    travel._places.clear()
    warm(app)
    assert travel._places and travel._matrices
    with app.app_context():
        from tourroute.extensions import db

        assert db.engine.pool.checkedout() == 0


def test_a_database_that_is_not_there_only_costs_the_warm_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = _make_app(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}")
    with caplog.at_level(logging.WARNING, logger="tourroute.services.warmup"):
        warm(missing)
    assert "caches not warmed" in caplog.text
