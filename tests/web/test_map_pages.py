"""The map pages: embedded maps, the catalogue filter, local assets and the CSP."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tourroute.web.security import content_security_policy, tile_source

MAX_PAGE_BYTES = 1_500_000


def _nonce(response) -> str:
    match = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert match
    return match.group(1)


def test_catalogue_map_page_embeds_the_map_under_the_csp(client: FlaskClient) -> None:
    response = client.get("/map")
    assert response.status_code == 200
    page = response.text
    nonce = _nonce(response)
    assert re.search(r'<div class="folium-map" id="map_[0-9a-f]+" ></div>', page)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert not re.search(r"<style\b(?![^>]*nonce=)", page)
    assert not re.search(r"\son[a-z]+\s*=", page), "no inline event handlers"
    assert len(response.data) < MAX_PAGE_BYTES
    assert "L.markerClusterGroup(" in page and "tr-province-label" in page


def test_catalogue_map_loads_nothing_from_elsewhere_but_tiles(
    app: Flask, client: FlaskClient
) -> None:
    page = client.get("/en/map").text.replace("\\u0026", "&")
    urls = set(re.findall(r"https?://[^\s\"'<>\\]+", page))
    attribution = set(re.findall(r'href="(https?://[^"]+)"', app.config["TILE_ATTRIBUTION"]))
    assert urls <= {app.config["TILE_URL"], *attribution}
    for asset in re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', page):
        local = ("/assets/", "/static/", "/manifest.webmanifest")  # the manifest: our own route
        assert asset.removeprefix("/en").startswith(local), asset


def test_filter_form_ticks_what_the_url_asks_for(client: FlaskClient) -> None:
    everything = client.get("/map").text
    assert len(re.findall(r'name="kind" value="[a-z_]+" checked', everything)) == 10
    tea = client.get("/map?kind=tea&province=thai-nguyen").text
    assert re.findall(r'name="kind" value="([a-z_]+)" checked', tea) == ["tea"]
    assert re.findall(r'name="province" value="([a-z-]+)" checked', tea) == ["thai-nguyen"]
    assert client.get("/map?kind=casino").status_code == 400


def test_place_page_lists_neighbours_by_driving_time(app, client: FlaskClient) -> None:
    from tourroute.services.planning import site_groups
    from tourroute.services.travel import travel_matrix

    with app.app_context():
        matrix = travel_matrix()
        site = next(g for g in site_groups().values() if "den-hung" in g.members)
    here = matrix.slugs.index("den-hung")
    minutes = {  # the site's other members are listed as the site, not as nearby places
        slug: float(m)
        for slug, m in zip(matrix.slugs, matrix.minutes_matrix[here], strict=True)
        if slug not in site.members
    }
    quickest = min(minutes, key=minutes.__getitem__)
    response = client.get("/en/places/den-hung")
    page = response.text
    assert '<div class="folium-map"' in page and "tr-here" in page
    assert "driving time" in page and "straight-line" not in page
    nearby = page.split('id="nearby-title"', 1)[1]
    listed = re.findall(r'href="/en/places/([a-z0-9-]+)">[^<]*</a>\s*<span class="meta">', nearby)
    assert listed[0] == quickest and 0 < len(listed) <= 8
    assert [minutes[s] for s in listed] == sorted(minutes[s] for s in listed)
    assert all(minutes[s] <= 60 for s in listed)
    assert f"{minutes[quickest]:.0f} minutes by road" in page or "1 minute by road" in page
    assert f'<script nonce="{_nonce(response)}">' in page


def test_assets_come_from_the_installed_packages(client: FlaskClient) -> None:
    with client.get("/assets/leaflet-1.9.3/leaflet.js") as leaflet:
        assert leaflet.status_code == 200 and "javascript" in leaflet.mimetype
        assert b"Leaflet 1.9.3" in leaflet.data[:200]
        assert leaflet.cache_control.max_age == 365 * 24 * 3600
    with client.get("/assets/leaflet_markercluster-1.4.1/leaflet.markercluster.js") as cluster:
        assert cluster.status_code == 200
    with client.get("/assets/leaflet-1.9.3/images/layers.png") as image:
        assert image.mimetype == "image/png"


@pytest.mark.parametrize(
    "path",
    [
        "/assets/leaflet-1.9.3/../__init__.py",
        "/assets/leaflet-1.9.3/%2e%2e/__init__.py",
        "/assets/leaflet-1.9.3//etc/passwd",
        "/assets/jquery-3.7.1/jquery.js",
        "/assets/leaflet-1.9.3/missing.js",
    ],
)
def test_assets_outside_the_packages_are_404(client: FlaskClient, path: str) -> None:
    with client.get(path, follow_redirects=True) as response:
        assert response.status_code == 404


def test_every_response_has_a_fresh_nonce_and_a_strict_policy(client: FlaskClient) -> None:
    first, second = client.get("/"), client.get("/places/khong-co")
    assert _nonce(first) != _nonce(second)
    policy = first.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy
    assert first.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_tile_source_for_the_policy(url: str, source: str) -> None:
    assert tile_source(url) == source
    assert content_security_policy("abc", tile_url=url).count("img-src 'self' data:") == 1
