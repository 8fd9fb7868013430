"""Travel times between published places, computed once per data version and shared.

The matrix depends only on the road files and the places' positions, so its fingerprint is the
cache key: each worker keeps the matrix in memory, and when Redis is configured the first worker
to compute it stores it there for every other worker and host (while Redis is away, each worker
computes its own).
"""

from __future__ import annotations

import pickle
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourroute import redis_store
from tourroute.core.domain import Place
from tourroute.core.network import (
    TravelMatrix,
    compute_travel_matrix,
    road_scenario,
    travel_matrix_fingerprint,
)
from tourroute.core.road_data import RoadNetwork, load_road_network
from tourroute.extensions import db
from tourroute.models import Place as PlaceRow
from tourroute.services import catalogue, convert

_matrices: dict[str, TravelMatrix] = {}
REDIS_KEY = "tourroute:travel-matrix:{fingerprint}"


@cache
def _road_network(roads_dir: Path) -> RoadNetwork:
    return load_road_network(roads_dir)


def road_network() -> RoadNetwork:
    return _road_network(Path(current_app.config["DATA_DIR"]) / "roads")


_places: dict[str, list[Place]] = {}


def published_places() -> list[Place]:
    """The published catalogue as core values, rebuilt only when the catalogue changed.

    Planning asks for it on every request; one cheap aggregate query decides whether the
    ~200 rows must be loaded and converted again.
    """
    version = catalogue.data_version()
    cached = _places.get(version)
    if cached is None:
        rows = db.session.scalars(
            select(PlaceRow)
            .where(PlaceRow.status == "published")
            .options(selectinload(PlaceRow.tags))
            .order_by(PlaceRow.slug)
        )
        cached = [convert.place(row) for row in rows]
        _places.clear()
        _places[version] = cached
    return list(cached)


def _redis_get(fingerprint: str) -> TravelMatrix | None:
    blob = redis_store.get_bytes(REDIS_KEY.format(fingerprint=fingerprint))
    if blob is None:
        return None
    matrix = pickle.loads(blob)  # our own cache, written below
    return matrix if isinstance(matrix, TravelMatrix) else None


def _redis_put(fingerprint: str, matrix: TravelMatrix) -> None:
    key = REDIS_KEY.format(fingerprint=fingerprint)
    redis_store.set_bytes(key, pickle.dumps(matrix), ttl_s=7 * 24 * 3600)


def travel_matrix(places: list[Place] | None = None, *, scenario: str = "today") -> TravelMatrix:
    """The matrix for the current published places (or ``places``), from the nearest cache.

    ``scenario`` is the traveller's choice of roads (``today`` or ``ring-road-5-complete``); a
    worker keeps one matrix per scenario, for the current data version only.
    """
    network = road_network()
    places = published_places() if places is None else places
    roads = road_scenario(scenario)
    fingerprint = travel_matrix_fingerprint(network, places, scenario=roads)
    matrix = _matrices.get(fingerprint)
    if matrix is None:
        matrix = _redis_get(fingerprint)
        if matrix is None:
            matrix = compute_travel_matrix(network, places, scenario=roads)
            _redis_put(fingerprint, matrix)
        for key in [k for k, m in _matrices.items() if m.scenario == roads]:
            del _matrices[key]  # an older data version of this scenario
        _matrices[fingerprint] = matrix
    return matrix


def nearest_by_drive(slug: str, *, limit: int, max_minutes: float) -> list[tuple[Place, float]]:
    """Published places at most ``max_minutes`` of driving from ``slug``, quickest first.

    Empty when ``slug`` is not a published place (a draft has no row in the matrix).
    """
    places = published_places()
    matrix = travel_matrix(places)
    if slug not in matrix.slugs:
        return []
    by_slug = {p.slug: p for p in places}
    row = matrix.minutes_matrix[matrix.slugs.index(slug)]
    near = sorted(
        (float(minutes), other)
        for other, minutes in zip(matrix.slugs, row, strict=True)
        if other != slug and other in by_slug and minutes <= max_minutes
    )
    return [(by_slug[other], minutes) for minutes, other in near[:limit]]
