"""Named objects of an OpenStreetMap extract (``.osm`` or ``.osm.pbf``), read with pyosmium.

Only what matching a catalogue place needs is kept: the object's id, its names, one point (a
node's location, or the mean of a way's node locations) and its tags. Relations are skipped:
the tourist sights of the region are mapped as nodes or closed ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import osmium
import osmium.filter

from tourroute.core.errors import DataError

#: Tags that may carry a name of the object, in the order they are tried.
NAME_TAGS: tuple[str, ...] = ("name", "name:vi", "name:en", "official_name", "alt_name", "old_name")


@dataclass(frozen=True, slots=True)
class OsmFeature:
    """One named node or way; ``osm_id`` is ``node/<id>`` or ``way/<id>``."""

    osm_id: str
    names: tuple[str, ...]
    lat: float
    lon: float
    tags: dict[str, str] = field(default_factory=dict)


def read_osm_features(path: Path) -> list[OsmFeature]:
    """Every named node and way of the extract at ``path``.

    Raises
    ------
    DataError
        When the file cannot be read as an OpenStreetMap extract.
    """
    features: list[OsmFeature] = []
    try:
        processor = (
            osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()
            .with_filter(osmium.filter.KeyFilter(*NAME_TAGS))
        )
        for obj in processor:
            if isinstance(obj, osmium.osm.Node):
                points = [(obj.location.lat, obj.location.lon)]
                osm_id = f"node/{obj.id}"
            elif isinstance(obj, osmium.osm.Way):
                points = [(n.lat, n.lon) for n in obj.nodes if n.location.valid()]
                osm_id = f"way/{obj.id}"
                if len(points) > 1 and points[0] == points[-1]:
                    points = points[:-1]  # a closed way repeats its first node
            else:
                continue
            tags = {tag.k: tag.v for tag in obj.tags}
            names = tuple(dict.fromkeys(tags[k] for k in NAME_TAGS if tags.get(k)))
            if not points:
                continue
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            features.append(OsmFeature(osm_id=osm_id, names=names, lat=lat, lon=lon, tags=tags))
    except RuntimeError as exc:
        raise DataError(f"{path.name}: not a readable OpenStreetMap extract ({exc})") from exc
    return features
