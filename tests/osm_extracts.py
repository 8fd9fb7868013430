"""Small OpenStreetMap extracts written at test time with pyosmium (none is committed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import osmium
from osmium.osm.mutable import Node, Way

#: ``(name or tags, lat, lon)`` for a node; for a way, a list of ``(lat, lon)`` corners.
NodeSpec = tuple[dict[str, str], float, float]
WaySpec = tuple[dict[str, str], Sequence[tuple[float, float]]]


def write_extract(path: Path, nodes: Sequence[NodeSpec], ways: Sequence[WaySpec] = ()) -> Path:
    """Write an ``.osm`` (XML) or ``.osm.pbf`` file, by ``path``'s suffix, and return it."""
    writer = osmium.SimpleWriter(str(path), overwrite=True)
    next_id = 1
    try:
        for tags, lat, lon in nodes:
            writer.add_node(Node(id=next_id, location=(lon, lat), tags=tags, version=1))
            next_id += 1
        for way_number, (tags, corners) in enumerate(ways, start=1):
            refs = []
            for lat, lon in corners:
                writer.add_node(Node(id=next_id, location=(lon, lat), tags={}, version=1))
                refs.append(next_id)
                next_id += 1
            writer.add_way(Way(id=way_number, nodes=[*refs, refs[0]], tags=tags, version=1))
    finally:
        writer.close()
    return path
