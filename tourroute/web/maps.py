"""The catalogue map page, and the helpers every page with a map uses: tiles, embed, place_url."""

from __future__ import annotations

import folium
from flask import Blueprint, current_app, render_template, url_for

from tourroute import mapview
from tourroute.core.domain import KINDS
from tourroute.services import catalogue, geography, travel
from tourroute.web import current_locale
from tourroute.web.caching import cached
from tourroute.web.fields import Kind, ProvinceCode
from tourroute.web.inputs import Query, parse_query
from tourroute.web.security import csp_nonce

bp = Blueprint("maps", __name__)

#: Marker clustering needs the tile layer's maximum zoom; OpenStreetMap's is 19.
TILE_MAX_ZOOM = 19


def tiles() -> mapview.TileSpec:
    """The configured tile server."""
    config = current_app.config
    return mapview.TileSpec(
        url=config["TILE_URL"], attribution=config["TILE_ATTRIBUTION"], max_zoom=TILE_MAX_ZOOM
    )


def embed(m: folium.Map) -> mapview.MapParts:
    """``m`` split for a template, its scripts and styles carrying this request's nonce."""
    return mapview.render_parts(m, nonce=csp_nonce())


def place_url(slug: str) -> str:
    return url_for("pages.place", slug=slug)


class MapQuery(Query):
    """The kinds and provinces to show (``?kind=tea&kind=xoan``); none given shows all."""

    kind: list[Kind] = []
    province: list[ProvinceCode] = []


@bp.get("/map")
@cached("map")
def catalogue_map() -> str:
    chosen = parse_query(MapQuery)
    provinces = catalogue.provinces()
    codes = [p.code for p in provinces]
    boundaries = geography.map_boundaries()
    m = mapview.catalogue_map(
        travel.published_places(),
        boundaries,
        lang=current_locale(),
        tiles=tiles(),
        place_url=place_url,
        filter_form_id="map-filter",
    )
    return render_template(
        "map.html",
        map=embed(m),
        kinds=KINDS,
        provinces=provinces,
        chosen_kinds=chosen.kind or KINDS,
        chosen_provinces=chosen.province or codes,
        approximate=any(f["properties"]["approximate"] for f in boundaries["features"]),
    )
