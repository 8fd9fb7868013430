"""A live app in a thread and headless Chromium driving it.

The app serves a seeded SQLite database (plus one place with a hostile name) on 127.0.0.1.
Every request the browser makes is recorded; tile requests are refused, as if no tile server
were reachable, and any other request leaving 127.0.0.1 is refused and reported.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from tourroute import create_app
from tourroute.extensions import db
from tourroute.web import access

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TILE_HOST = "tile.openstreetmap.org"
HOSTILE_SLUG = "hostile-name"
HOSTILE_NAME = "<img src=x onerror=alert(1)> ${alert(2)} `x` \\` </script><script>alert(3)</script>"
ARTIFACTS = ROOT / "test-artifacts"
#: A page that only this test app has: the sample itinerary's trip map, as the trip page will
#: embed it.
TRIP_PAGE = """{% extends "base.html" %}
{% from "_map.html" import map_head, map_script with context %}
{% block head %}{{ map_head(map) }}{% endblock %}
{% block content %}<div class="map-frame map-frame--large">{{ map.body|safe }}</div>{% endblock %}
{% block scripts %}{{ map_script(map) }}{% endblock %}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (scripts/ensure-test-tools.sh)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


def _trip_map_page() -> str:
    from flask import render_template_string

    from tests.core.export.sample_itinerary import ITINERARY
    from tourroute import mapview
    from tourroute.web import current_locale, maps

    m = mapview.trip_map(ITINERARY, lang=current_locale(), tiles=maps.tiles())
    return render_template_string(TRIP_PAGE, map=maps.embed(m))


CURATOR_EMAIL = "curator.bn@example.org"
CURATOR_PASSWORD = "browser-test-password-1"
AGENCY_EMAIL = "agency@example.org"
AGENCY_PASSWORD = "browser-test-password-2"
#: The agency's one package: a day in Phú Thọ with two visits (the editor's starting point).
PACKAGE_TITLE = "Đất Tổ trong ngày"
PACKAGE_STOPS = [["bao-tang-hung-vuong", "den-hung"]]


def _agency_with_a_package() -> None:
    from tests.conftest import save_one_day_trip
    from tourroute.services import packages
    from tourroute.services.accounts import create_user

    agency = create_user(AGENCY_EMAIL, AGENCY_PASSWORD, role="agency")
    package = packages.create_from_trip(agency, save_one_day_trip(), lang="vi")
    assert package is not None
    package.title = PACKAGE_TITLE
    packages.edit_stops(agency, package, PACKAGE_STOPS)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("browser") / "browser.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "browser-test-secret",
            "DATA_DIR": str(ROOT / "data"),
            "TILE_URL": f"https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png",
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from tourroute.core.text import fold
        from tourroute.models import Place
        from tourroute.services.seed import seed_database

        upgrade()
        seed_database(ROOT / "data")
        db.session.add(
            Place(
                slug=HOSTILE_SLUG,
                name_vi=HOSTILE_NAME,
                name_en=HOSTILE_NAME,
                kind="craft_village",
                province_code="bac-ninh",
                lat=21.1234,
                lon=106.2345,
                precision="commune",
                coord_source="browser test fixture",
                search_text=fold(HOSTILE_NAME),
            )
        )
        from tourroute.services.accounts import create_user

        create_user(CURATOR_EMAIL, CURATOR_PASSWORD, role="curator", province="bac-ninh")
        _agency_with_a_package()
        db.session.commit()
    app.add_url_rule("/test/trip-map", view_func=_trip_map_page)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(access.ROUTE_ACTIONS, "_trip_map_page", "public.read")
        with serving(app) as url:
            yield url


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` served on a spare loopback port in a thread; its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """What the page did: every request URL, refused foreign ones, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _is_tile(url: str) -> bool:
    return urlsplit(url).hostname == TILE_HOST


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


def open_page(
    browser: object,
    live_server: str,
    traffic: Traffic,
    *,
    width: int,
    height: int,
    service_workers: str = "allow",
):
    """A fresh browser page on the live server, recording into ``traffic``.

    The route below does not see a service worker's own requests; a test of what a click does
    passes ``service_workers="block"`` so the offline worker cannot fetch the file first."""
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": width, "height": height},
        service_workers=service_workers,
    )

    def route(route: object) -> None:
        url = route.request.url
        traffic.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
            return
        (traffic.tiles if _is_tile(url) else traffic.foreign).append(url)
        route.abort()

    def console(message: object) -> None:
        source = (message.location or {}).get("url", "")
        if message.type == "error" and not _is_tile(source):
            traffic.console_errors.append(message.text)

    def dialog(dialog: object) -> None:
        traffic.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", console)
    page.on("pageerror", lambda error: traffic.console_errors.append(str(error)))
    page.on("dialog", dialog)
    return context, page


@pytest.fixture
def page(browser: object, live_server: str, traffic: Traffic) -> Iterator[object]:
    context, page = open_page(browser, live_server, traffic, width=1366, height=900)
    yield page
    context.close()
