"""How long province polygons take to build and to query, and how big they are stored.

Run from the repository root: ``PYTHONPATH=. python bench/bench_boundaries.py``. Reference
files are timed only when ``TOURROUTE_REFERENCE_DIR`` (default ``/work/shared/data/reference``)
holds them.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tourroute.core.boundaries import (
    APPROXIMATE_SOURCE,
    boundaries_to_geojson,
    derive_approximate_boundaries,
    load_boundary_file,
)
from tourroute.core.geo import contains, nearest_point, province_of

REFERENCE = Path(os.environ.get("TOURROUTE_REFERENCE_DIR", "/work/shared/data/reference"))
REPEATS = 3
QUERY_POINTS = 2000
ROAD_NODES = 50_000


def best_of(run: Callable[[], object]) -> float:
    """Fastest of a few runs in seconds: the least disturbed by other work on the machine."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    rows: list[tuple[str, str]] = []
    rows.append(
        ("derive_approximate_boundaries", f"{best_of(derive_approximate_boundaries):.2f} s")
    )
    derived = derive_approximate_boundaries()
    collection = boundaries_to_geojson(derived, approximate=True, source=APPROXIMATE_SOURCE)
    size_kib = len(json.dumps(collection, ensure_ascii=False).encode("utf-8")) / 1024
    rows.append(("approximate GeoJSON (4 provinces)", f"{size_kib:.1f} KiB"))
    for name in ("vn_34_provinces_2025.geojson", "vn_63_provinces_pre2025.topojson.json"):
        path = REFERENCE / "boundaries" / name
        if path.exists():
            rows.append(
                (
                    f"load_boundary_file({name})",
                    f"{best_of(lambda p=path: load_boundary_file(p)):.2f} s",
                )
            )
            official = boundaries_to_geojson(
                load_boundary_file(path), approximate=False, source=name
            )
            official_kib = len(json.dumps(official).encode("utf-8")) / 1024
            rows.append((f"  stored GeoJSON from {name}", f"{official_kib:.0f} KiB"))

    rng = np.random.default_rng(0)
    lats = rng.uniform(20.3, 22.7, QUERY_POINTS)
    lons = rng.uniform(104.8, 107.0, QUERY_POINTS)
    seconds = best_of(lambda: [province_of(a, o, derived) for a, o in zip(lats, lons, strict=True)])
    rows.append(("province_of per point", f"{seconds / QUERY_POINTS * 1e6:.1f} µs"))
    seconds = best_of(
        lambda: [contains(derived, "phu-tho", a, o) for a, o in zip(lats, lons, strict=True)]
    )
    rows.append(("contains per point", f"{seconds / QUERY_POINTS * 1e6:.1f} µs"))
    node_lats = rng.uniform(20.3, 22.7, ROAD_NODES)
    node_lons = rng.uniform(104.8, 107.0, ROAD_NODES)
    seconds = best_of(lambda: nearest_point(21.3, 105.4, node_lats, node_lons))
    rows.append((f"nearest_point among {ROAD_NODES:,} nodes", f"{seconds * 1e3:.2f} ms"))

    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value:>10}")


if __name__ == "__main__":
    main()
