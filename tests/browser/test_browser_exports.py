"""A saved trip's download while the job worker renders it: the page says the file is being
prepared, polls, and offers it once ready — with real Redis, a real ``tourroute worker``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Traffic, open_page, serving

from tests import servers
from tourroute import create_app
from tourroute.extensions import db

pytestmark = pytest.mark.browser

PLAN = {"start_date": "2026-04-25", "days": 1}
#: Planning and the first rendering run in the worker, which loads the catalogue first.
READY_TIMEOUT_MS = 120_000


@pytest.fixture
def queued_server(tmp_path: Path) -> Iterator[str]:
    """A live app on its own Redis with a job worker listening, so an export not rendered yet
    is answered 202 until the worker has rendered it."""
    redis_server = servers.RedisServer(tmp_path)
    redis_server.start()
    database_url = f"sqlite:///{tmp_path / 'queued.sqlite'}"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "browser-test-secret",
            "DATA_DIR": str(ROOT / "data"),
            "REDIS_URL": redis_server.url,
            "API_RATE_LIMIT": "1000 per minute",  # polling counts
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from tourroute.services.seed import seed_database

        upgrade()
        seed_database(ROOT / "data")
        db.session.commit()
    try:
        with (
            servers.job_worker(
                database_url=database_url, redis_url=redis_server.url, data_dir=str(ROOT / "data")
            ),
            serving(app) as url,
        ):
            yield url
    finally:
        with app.app_context():
            db.engine.dispose()
        redis_server.stop()


def test_a_queued_download_is_announced_polled_and_offered(
    browser: object, queued_server: str, traffic: Traffic
) -> None:
    # The offline worker keeps a trip's downloads: it would fetch (and so queue and render) the
    # file before the click this test is about.
    context, page = open_page(
        browser, queued_server, traffic, width=1366, height=900, service_workers="block"
    )
    try:
        trip = page.request.post("/api/v1/itineraries", data=PLAN)
        assert trip.status == 201, trip.text()
        page.goto(f"/en/trips/{trip.json()['id']}")
        exports = page.locator("ul.exports")
        exports.get_by_role("link", name="GPX", exact=True).click()
        status = exports.locator(".export-status")
        status.get_by_text("The GPX file is being prepared…").wait_for()
        ready = status.get_by_role("link", name="Download")
        ready.wait_for(timeout=READY_TIMEOUT_MS)
        assert "The GPX file is ready:" in status.inner_text()
        with page.expect_download() as download:
            ready.click()
        assert download.value.suggested_filename.endswith("-en.gpx")
        assert Path(download.value.path()).read_bytes().startswith(b"<?xml")
        with page.expect_download() as again:  # once there, the first link downloads at once
            exports.get_by_role("link", name="GPX", exact=True).click()
        assert again.value.suggested_filename.endswith("-en.gpx")
        assert traffic.console_errors == [], "console errors or CSP violations"
    finally:
        context.close()
