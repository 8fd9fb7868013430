"""Public answers are rendered once per data version and revalidated with ETags; nobody sees
a page as it was before a publish; nonces and CSRF tokens stay fresh per response."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import place_in
from tourroute.extensions import db
from tourroute.models import Place, User
from tourroute.services import curation

NONCE = re.compile(r'nonce="([^"]+)"')


def test_map_is_revalidated_with_a_304_and_every_200_has_a_fresh_nonce(
    client: FlaskClient,
) -> None:
    first = client.get("/map")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    again = client.get("/map", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert "Content-Security-Policy" not in again.headers  # the cached page keeps its own
    second = client.get("/map")
    assert second.headers["ETag"] == etag
    nonces = [set(NONCE.findall(page.text)) for page in (first, second)]
    assert len(nonces[0]) == len(nonces[1]) == 1 and nonces[0] != nonces[1]
    for page, nonce in zip((first, second), nonces, strict=True):
        assert f"'nonce-{next(iter(nonce))}'" in page.headers["Content-Security-Policy"]


def test_english_and_vietnamese_pages_are_separate_entries(client: FlaskClient) -> None:
    vi, en = client.get("/places"), client.get("/en/places")
    assert vi.headers["ETag"] != en.headers["ETag"]
    assert 'lang="vi"' in vi.text and 'lang="en"' in en.text


def test_a_publish_changes_every_answer_at_once(
    app: Flask, client: FlaskClient, people: dict[str, int]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    before = {url: client.get(url) for url in ("/places?province=bac-ninh", "/api/v1/places")}
    assert all(slug in response.text for response in before.values())
    with app.app_context():
        place = db.session.scalar(db.select(Place).where(Place.slug == slug))
        curation.unpublish_place(db.session.get(User, people["curator"]), place)
        db.session.commit()
    for url, old in before.items():
        fresh = client.get(url, headers={"If-None-Match": old.headers["ETag"]})
        assert fresh.status_code == 200 and slug not in fresh.text


def test_signed_in_people_bypass_the_cache(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    anonymous = client.get("/map")
    login_as("curator")
    signed_in = client.get("/map", headers={"If-None-Match": anonymous.headers["ETag"]})
    assert signed_in.status_code == 200
    assert "ETag" not in signed_in.headers and signed_in.headers["Cache-Control"] == "no-store"


def test_each_visitor_gets_their_own_csrf_token_in_a_cached_trip_page(
    app: Flask, saved_trip: str
) -> None:
    pages = [app.test_client().get(f"/trips/{saved_trip}") for _ in range(2)]
    tokens = [re.findall(r'name="csrf_token" value="([^"]+)"', page.text) for page in pages]
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])
    assert pages[0].headers["ETag"] == pages[1].headers["ETag"]
    assert pages[0].headers["Cache-Control"] == "public, max-age=3600"


def test_exports_are_stored_once_and_served_with_a_long_cache_control(
    app: Flask, client: FlaskClient, saved_trip: str
) -> None:
    url = f"/api/v1/itineraries/{saved_trip}/export/gpx"
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first.data == second.data
    assert first.headers["Cache-Control"] == "public, max-age=86400"
    assert first.headers["Content-Disposition"] == second.headers["Content-Disposition"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    english = client.get(f"{url}?lang=en")
    assert english.headers["ETag"] != first.headers["ETag"]
    stored = list((Path(app.instance_path) / "cache").rglob("*"))
    assert any(path.is_file() for path in stored), "without Redis exports are kept on disk"


def test_errors_are_not_cached(client: FlaskClient) -> None:
    missing = client.get("/api/v1/places/no-such-place")
    assert missing.status_code == 404 and "ETag" not in missing.headers
