"""Distances on the Earth and point-in-province tests.

Everything takes and returns WGS84 degrees (``lat``, ``lon``) and kilometres. Distances are
great-circle (haversine) distances: at the scale of three provinces they are within 0.5 % of
the ellipsoidal distance, far below the uncertainty of a commune-level coordinate.

Province tests accept the mapping ``code -> geometry`` produced by
:mod:`tourroute.core.boundaries`. Geometries are prepared in place on first use (shapely keeps
the prepared index on the object), so checking every place of a catalogue costs microseconds
per point.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import shapely
from shapely.ops import nearest_points

#: Mean Earth radius (IUGG), the usual sphere for haversine distances.
EARTH_RADIUS_KM = 6371.0088

FloatArray = npt.NDArray[np.float64]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    return float(haversine_km_array(lat1, lon1, np.asarray(lat2), np.asarray(lon2)))


def haversine_km_array(
    lat: float, lon: float, lats: npt.ArrayLike, lons: npt.ArrayLike
) -> FloatArray:
    """Distances from one point to many, in kilometres, as one numpy array.

    Vectorised so that snapping a place to the nearest of tens of thousands of road nodes is a
    single pass rather than a Python loop.
    """
    phi1 = np.radians(lat)
    phi2 = np.radians(np.asarray(lats, dtype=np.float64))
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lons, dtype=np.float64) - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result


def nearest_point(
    lat: float, lon: float, lats: npt.ArrayLike, lons: npt.ArrayLike
) -> tuple[int, float]:
    """Index of the candidate nearest to ``(lat, lon)`` and its distance in kilometres.

    Ties go to the lowest index, so snapping is reproducible.

    Raises
    ------
    ValueError
        When there are no candidates: there is nothing sensible to snap to.
    """
    distances_km = haversine_km_array(lat, lon, lats, lons)
    if distances_km.size == 0:
        raise ValueError("nearest_point needs at least one candidate point")
    index = int(np.argmin(distances_km))
    return index, float(distances_km[index])


def _prepared(geometry: shapely.Geometry) -> shapely.Geometry:
    if not shapely.is_prepared(geometry):
        shapely.prepare(geometry)
    return geometry


def contains(boundaries: Mapping[str, shapely.Geometry], code: str, lat: float, lon: float) -> bool:
    """Whether the point lies in province ``code`` (a point on its border counts as inside).

    Raises
    ------
    KeyError
        When ``boundaries`` has no province ``code``.
    """
    return bool(shapely.intersects_xy(_prepared(boundaries[code]), lon, lat))


def province_of(lat: float, lon: float, boundaries: Mapping[str, shapely.Geometry]) -> str | None:
    """Code of the province holding the point, or None when it lies in none of them.

    A point exactly on a shared border goes to the first matching code in ``boundaries``'
    order, so the answer never depends on chance.
    """
    for code, geometry in boundaries.items():
        if shapely.intersects_xy(_prepared(geometry), lon, lat):
            return code
    return None


def distance_outside_km(
    boundaries: Mapping[str, shapely.Geometry], code: str, lat: float, lon: float
) -> float:
    """How far the point lies outside province ``code``, in kilometres; 0.0 when inside.

    Curation uses it to tell a point that is clearly in the wrong province from one a few
    hundred metres over an approximate border. The nearest border point is found in degrees
    and the gap measured with haversine, which is exact enough for margins of a few kilometres.
    """
    geometry = boundaries[code]
    if contains(boundaries, code, lat, lon):
        return 0.0
    on_border, _ = nearest_points(shapely.boundary(geometry), shapely.Point(lon, lat))
    return haversine_km(lat, lon, on_border.y, on_border.x)
