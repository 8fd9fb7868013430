"""Leaflet and MarkerCluster served by the app itself, straight from their installed wheels.

The maps must work with no network but the tile server, and no third-party JavaScript is
committed to the repository: the XStatic packages ship the files, and this blueprint serves
them under a versioned path (``/assets/leaflet-1.9.3/leaflet.js``) that can be cached forever.
"""

from __future__ import annotations

from types import ModuleType

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from flask import Blueprint, Flask, Response, abort, send_from_directory, url_for

from tourroute import mapview

ONE_YEAR_S = 365 * 24 * 3600


def _folder(package: ModuleType) -> str:
    return f"{package.NAME}-{package.VERSION}"


LEAFLET = xstatic.pkg.leaflet
MARKERCLUSTER = xstatic.pkg.leaflet_markercluster
PACKAGES: dict[str, ModuleType] = {_folder(p): p for p in (LEAFLET, MARKERCLUSTER)}

bp = Blueprint("assets", __name__, url_prefix="/assets")


@bp.get("/<folder>/<path:filename>")
def asset(folder: str, filename: str) -> Response:
    package = PACKAGES.get(folder)
    if package is None:
        abort(404)
    # send_from_directory refuses paths that leave the package's data folder.
    return send_from_directory(package.BASE_DIR, filename, max_age=ONE_YEAR_S)


def leaflet_asset(filename: str) -> str:
    """URL of a file of the served Leaflet, for pages that use Leaflet without folium."""
    return url_for("assets.asset", folder=_folder(LEAFLET), filename=filename)


def register(app: Flask) -> None:
    """Serve the packages and point folium's class-level asset lists at them."""
    app.register_blueprint(bp)
    app.add_template_global(leaflet_asset)
    mapview.use_local_assets(
        leaflet_url=f"{bp.url_prefix}/{_folder(LEAFLET)}",
        markercluster_url=f"{bp.url_prefix}/{_folder(MARKERCLUSTER)}",
    )
