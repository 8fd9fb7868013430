"""Polygons of the three provinces and of Hà Nội, the gateway city.

The repository carries no boundary geometry of anyone else's. Two ways lead to polygons:

* :func:`derive_approximate_boundaries` builds them at setup time from the commune and ward
  centroids shipped in the PyPI package ``vietnamadminunits`` (read in place, never copied):
  every centroid in Vietnam gets its Voronoi cell, and the cells are dissolved by province.
  Borders land half-way between neighbouring communes of different provinces, a few
  kilometres from the true line at worst, which is why such polygons are marked approximate.
* :func:`load_boundary_file` reads an official file a deployer supplies, with either the 34
  provinces of 2025 or the 63 older ones, which it dissolves through ``old_to_new.csv``.

Either result is stored and served as the FeatureCollection of :func:`boundaries_to_geojson`.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import numpy.typing as npt
import shapely

from tourroute.core.admin_units import dataset_rows
from tourroute.core.domain import ALL_PROVINCES
from tourroute.core.errors import DataError
from tourroute.core.words import words

#: Province code -> polygon, as every function here returns and :mod:`tourroute.core.geo` takes.
Boundaries = dict[str, shapely.Geometry]

#: Province codes and shapely geometries travel in numpy object arrays.
ObjectArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]

OLD_TO_NEW_CSV = Path(__file__).resolve().parents[2] / "data" / "boundaries" / "old_to_new.csv"

_PACKAGE = "vietnamadminunits"
_PACKAGE_VERSION = "1.0.4"
APPROXIMATE_SOURCE = (
    f"Derived from commune/ward centroids in the PyPI package {_PACKAGE}=={_PACKAGE_VERSION} "
    "(dataset.db, tables admin_units and admin_units_legacy; coordinates partly from the "
    "Google Geocoding API and sapnhap.bando.com.vn per its README): Voronoi cells dissolved "
    "by province. Approximate: borders may be off by a few kilometres."
)

#: Both the 2025 units and the ~10,000 pre-2025 ones (mapped to their 2025 province) are used:
#: the denser the centroids, the closer the Voronoi borders follow the real ones.
_CENTROID_QUERIES = (
    "SELECT provinceShort, wardLat, wardLon FROM admin_units WHERE wardLat IS NOT NULL",
    "SELECT province, wardLat, wardLon FROM admin_units_legacy WHERE wardLat IS NOT NULL",
)

#: Voronoi cells are computed on a plane where one unit is one kilometre near this latitude,
#: the middle of the region, so that "half-way between two centroids" means half-way on the
#: ground rather than in degrees.
_PLANE_LAT_DEG = 21.0
_KM_PER_DEG_LAT = math.pi * 6371.0088 / 180
_KM_PER_DEG_LON = _KM_PER_DEG_LAT * math.cos(math.radians(_PLANE_LAT_DEG))

#: No cell reaches further than this from its own centroid. It stands in for the coast and the
#: national border, where a cell has no neighbour to stop it; real communes are far smaller.
_MAX_CELL_RADIUS_KM = 25.0

#: Vertices closer than this to the straight line between their neighbours are dropped.
_SIMPLIFY_KM = 0.1

#: Coordinates are stored to 5 decimals of a degree, about 1 m, far finer than the borders.
_GRID_DEG = 1e-5

#: Holes smaller than this left by dissolving old provinces are slivers between their
#: slightly mismatched borders, not real enclaves.
_SLIVER_KM2 = 0.5

#: Columns tried first, in this order, when looking for the province name in a file.
_NAME_PROPERTIES = ("ten_tinh", "NAME_1", "name", "Name", "NAME", "province", "tinh")


def province_key(name: str) -> str:
    """A spelling-proof key for a province name.

    ``Hoà Bình``, ``Hòa Bình``, ``Tỉnh Hòa Bình`` and ``Hoa Binh`` all give ``hoabinh``:
    datasets disagree on tone-mark placement, on the ``Tỉnh``/``Thành phố``/``TP`` prefix and
    on diacritics, but never on the letters.
    """
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().strip()
    text = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", text)
    return re.sub(r"[^a-z]", "", text)


def load_old_to_new(path: Path = OLD_TO_NEW_CSV) -> dict[str, str]:
    """Map :func:`province_key` of every known province name to its 2025 province code.

    Raises
    ------
    DataError
        When two rows give one name different codes.
    """
    mapping: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            key, code = province_key(row["old_name"]), row["new_code"].strip()
            if mapping.setdefault(key, code) != code:
                raise DataError(
                    f"{path}:{line}: {row['old_name']!r} maps to {code!r}, "
                    f"but an earlier row maps it to {mapping[key]!r}"
                )
    return mapping


def _read_centroids(
    mapping: Mapping[str, str],
) -> tuple[ObjectArray, FloatArray, FloatArray]:
    """Province codes, latitudes and longitudes of every centroid in the package's dataset."""
    rows = [row for query in _CENTROID_QUERIES for row in dataset_rows(query)]
    unknown = sorted({name for name, _, _ in rows if province_key(name) not in mapping})
    if unknown:
        raise DataError(f"{_PACKAGE} names provinces that old_to_new.csv lacks: {unknown}")
    codes = np.array([mapping[province_key(name)] for name, _, _ in rows], dtype=np.object_)
    lats = np.array([lat for _, lat, _ in rows], dtype=np.float64)
    lons = np.array([lon for _, _, lon in rows], dtype=np.float64)
    return codes, lats, lons


def _unique_points(
    codes: ObjectArray, xs: FloatArray, ys: FloatArray
) -> tuple[ObjectArray, FloatArray, FloatArray]:
    """Keep one centroid per location; drop locations claimed by two provinces.

    The two tables share many centroids, and a Voronoi diagram has one cell per location.
    """
    keys = np.round(np.column_stack([xs, ys]), 6)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    claims: dict[int, set[str]] = {}
    for group, code in zip(inverse.tolist(), codes.tolist(), strict=True):
        claims.setdefault(group, set()).add(code)
    keep = np.array([len(claims[g]) == 1 for g in range(len(first))])
    chosen = first[keep]
    return codes[chosen], xs[chosen], ys[chosen]


def _voronoi_cells(xs: FloatArray, ys: FloatArray) -> ObjectArray:
    """The Voronoi cell of every point, in the points' order, capped to a disk around it."""
    points: ObjectArray = np.asarray(shapely.points(xs, ys))
    margin = 2 * _MAX_CELL_RADIUS_KM
    frame = shapely.box(xs.min() - margin, ys.min() - margin, xs.max() + margin, ys.max() + margin)
    diagram = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame)
    cells = shapely.get_parts(diagram)
    cell_index, point_index = shapely.STRtree(points).query(cells, predicate="contains")
    ordered = np.empty(len(points), dtype=np.object_)
    ordered[point_index] = cells[cell_index]
    return np.asarray(shapely.intersection(ordered, shapely.buffer(points, _MAX_CELL_RADIUS_KM)))


def _isolated(codes: ObjectArray, cells: ObjectArray) -> npt.NDArray[np.bool_]:
    """Mask of cells none of whose neighbours share their province.

    Such a cell is a centroid lying inside another province, almost always a geocoding slip;
    kept, it would punch a hole in one province and add an island to another.
    """
    left, right = shapely.STRtree(cells).query(cells, predicate="intersects")
    same = (codes[left] == codes[right]) & (left != right)
    has_twin = np.zeros(len(cells), dtype=bool)
    has_twin[left[same]] = True
    return ~has_twin


def _to_plane(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: xy * [_KM_PER_DEG_LON, _KM_PER_DEG_LAT])


def _to_degrees(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: xy / [_KM_PER_DEG_LON, _KM_PER_DEG_LAT])


def derive_approximate_boundaries() -> Boundaries:
    """Approximate polygons of ``ALL_PROVINCES`` from the centroids in ``vietnamadminunits``.

    The cells of all of Vietnam's centroids are built, not only ours, so that each border
    with a neighbouring province falls between real communes on both sides. Deterministic:
    the same package and GEOS versions always give the same polygons.

    Raises
    ------
    DataError
        When the package's data no longer matches ``old_to_new.csv``.
    """
    codes, lats, lons = _read_centroids(load_old_to_new())
    codes, xs, ys = _unique_points(codes, lons * _KM_PER_DEG_LON, lats * _KM_PER_DEG_LAT)
    isolated = _isolated(codes, _voronoi_cells(xs, ys))
    codes, xs, ys = codes[~isolated], xs[~isolated], ys[~isolated]
    cells = _voronoi_cells(xs, ys)
    provinces = [shapely.union_all(cells[codes == code]) for code in ALL_PROVINCES]
    simplified = shapely.coverage_simplify(np.asarray(provinces), _SIMPLIFY_KM)
    return {
        code: _on_grid(_to_degrees(geometry))
        for code, geometry in zip(ALL_PROVINCES, simplified, strict=True)
    }


def _on_grid(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.set_precision(geometry, _GRID_DEG)


def _without_slivers(geometry: shapely.Geometry) -> shapely.Geometry:
    """Fill holes too small to be real, measured on the kilometre plane.

    Lines and points that repairing invalid input can leave behind are dropped too.
    """
    polygons = []
    for part in shapely.get_parts(shapely.get_parts(geometry)):
        if not isinstance(part, shapely.Polygon):
            continue
        kept = [
            ring
            for ring in part.interiors
            if shapely.area(_to_plane(shapely.Polygon(ring))) >= _SLIVER_KM2
        ]
        polygons.append(shapely.Polygon(part.exterior, kept))
    return shapely.union_all(polygons)


def _name_property(
    frame: geopandas.GeoDataFrame, mapping: Mapping[str, str], name_property: str | None
) -> str:
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    if name_property is not None:
        if name_property not in columns:
            raise DataError(
                f"The boundary file has no property {name_property!r}; it has {columns}",
                field="name_property",
            )
        return name_property
    preferred = sorted(columns, key=lambda c: (*_NAME_PROPERTIES, c).index(c))

    def matches(column: str) -> int:
        values = frame[column].dropna()
        return sum(isinstance(v, str) and province_key(v) in mapping for v in values)

    best = max(preferred, key=matches, default=None)
    if best is None or matches(best) == 0:
        raise DataError(
            f"No property of the boundary file holds province names; it has {columns}. "
            "Pass name_property to say which one does.",
            field="name_property",
        )
    return best


def load_boundary_file(path: Path, *, name_property: str | None = None) -> Boundaries:
    """Polygons of ``ALL_PROVINCES`` from a file of the 34 new or the 63 old provinces.

    Any format GDAL reads works (GeoJSON, TopoJSON, GeoPackage, shapefile). Features are
    matched to provinces by name through ``old_to_new.csv``, so old provinces are dissolved
    into their 2025 province. ``name_property`` names the property holding the province
    name; by default the property whose values match the most known names is used.

    Raises
    ------
    DataError
        When the file cannot be read, holds no province names, or lacks one of the provinces.
    """
    try:
        frame = geopandas.read_file(path)
    except Exception as exc:  # pyogrio raises several unrelated types for unreadable files
        raise DataError(f"Cannot read boundary file {path}: {exc}") from exc
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    min_lon, min_lat, max_lon, max_lat = frame.total_bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise DataError(
            f"Boundary file {path} has coordinates beyond the range of degrees; save it in "
            "WGS84 (EPSG:4326) or declare the coordinate reference system it uses"
        )
    mapping = load_old_to_new()
    column = _name_property(frame, mapping, name_property)
    codes = [mapping.get(province_key(v)) if isinstance(v, str) else None for v in frame[column]]
    geometries = shapely.make_valid(frame.geometry.to_numpy())
    boundaries: Boundaries = {}
    for code in ALL_PROVINCES:
        parts = [g for g, c in zip(geometries, codes, strict=True) if c == code]
        if parts:
            boundaries[code] = _without_slivers(shapely.union_all(parts))
    missing = [c for c in ALL_PROVINCES if c not in boundaries]
    if missing:
        raise DataError(
            f"Boundary file {path} lacks provinces {missing} "
            f"(read names from property {column!r}); see {OLD_TO_NEW_CSV.name} for the names "
            "that are recognised."
        )
    return boundaries


def boundaries_to_geojson(
    boundaries: Mapping[str, shapely.Geometry], *, approximate: bool, source: str
) -> dict[str, Any]:
    """The FeatureCollection that is stored and served, one feature per province."""
    features = []
    for code, geometry in boundaries.items():
        name_vi, name_en = words("vi").province(code), words("en").province(code)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "approximate": approximate,
                    "source": source,
                },
                "geometry": json.loads(shapely.to_geojson(_on_grid(geometry))),
            }
        )
    return {"type": "FeatureCollection", "features": features}
