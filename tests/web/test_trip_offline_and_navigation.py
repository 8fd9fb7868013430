"""Navigation links on the trip page, the web app manifest, the service worker and /trips."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient


def test_every_stop_and_night_has_map_links_and_the_day_a_route(
    client: FlaskClient, saved_trip: str
) -> None:
    page = client.get(f"/en/trips/{saved_trip}").text
    nav = page[page.index('class="trip-navigation"') :]
    nav = nav[: nav.index("</section>")]
    assert re.findall(r'<li data-slug="([^"]+)">', nav) == ["den-hung", "viet-tri-centre"]
    geo = re.findall(r'href="(geo:[^"]+)"', nav)
    assert len(geo) == 2 and re.fullmatch(
        r"geo:21\.\d+,10[56]\.\d+\?q=21\.\d+,10[56]\.\d+\(.+\)", geo[0]
    )
    osm = re.findall(r'href="(https://www.openstreetmap.org/[^"]+)"', nav)
    assert len(osm) == 2 and "mlat=21." in osm[0]
    directions = re.search(r'class="directions" href="([^"]+)"', nav)
    assert directions is not None
    query = parse_qs(urlsplit(directions.group(1).replace("&amp;", "&")).query)
    assert query["travelmode"] == ["driving"] and len(query["waypoints"][0].split("|")) == 1
    assert query["origin"][0].startswith("21.") and query["destination"][0].startswith("21.")


def test_manifest_per_language_with_local_icons(client: FlaskClient) -> None:
    vi = client.get("/manifest.webmanifest")
    en = client.get("/en/manifest.webmanifest")
    assert vi.mimetype == "application/manifest+json"
    assert (vi.get_json()["start_url"], en.get_json()["start_url"]) == ("/", "/en/")
    assert en.get_json()["lang"] == "en" and "Plan a trip" in en.get_json()["description"]
    for icon in en.get_json()["icons"]:
        with client.get(icon["src"]) as response:
            assert response.status_code == 200
    assert 'rel="manifest" href="/en/manifest.webmanifest"' in client.get("/en/").text


def test_service_worker_is_served_uncached_under_each_language(client: FlaskClient) -> None:
    for prefix in ("", "/en"):
        with client.get(f"{prefix}/sw.js") as worker:
            assert worker.status_code == 200 and "javascript" in worker.mimetype
            assert worker.headers["Cache-Control"] == "no-cache"
            assert "no-store" in worker.text  # never stores pages marked no-store
    page = client.get("/en/places").text
    assert 'data-worker="/en/sw.js" data-scope="/en/"' in page


def test_my_trips_page_keeps_nothing_on_the_server(client: FlaskClient, saved_trip: str) -> None:
    page = client.get("/en/trips").text
    assert 'id="my-trips"' in page and saved_trip not in page
    assert 'data-trip-url="/en/trips/TRIP_ID"' in page
    trip = client.get(f"/en/trips/{saved_trip}").text
    assert f'id="trip-record" hidden data-id="{saved_trip}"' in trip
    assert 'href="/en/trips"' in trip  # in the navigation
