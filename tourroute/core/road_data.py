"""The road data files (``data/roads/``) read into plain values, checked row by row.

Every later step trusts these values, so the loader refuses anything it cannot vouch for: a
segment between unknown nodes, a length without a source, a class or terrain without a speed.
Each refusal names the file, the line and the field, because the files are edited by hand.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tourroute.core.domain import PRECISIONS
from tourroute.core.errors import DataError

ROAD_CLASSES: tuple[str, ...] = ("expressway", "national", "provincial", "local")
TERRAINS: tuple[str, ...] = ("flat", "hilly", "mountain")
#: Ordered from built to merely decided; a scenario includes every status up to its own.
STATUSES: tuple[str, ...] = ("open", "under_construction", "planned")

NODE_COLUMNS = ("id", "name", "lat", "lon", "precision", "coord_source")
SEGMENT_COLUMNS = (
    "id",
    "from",
    "to",
    "road_ref",
    "road_name",
    "class",
    "length_km",
    "length_source",
    "terrain",
    "status",
    "opening_expected",
    "status_source",
)
SPEED_COLUMNS = ("class", "terrain", "speed_kph", "source")
PUBLISHED_COLUMNS = ("from_node", "to_node", "km", "minutes", "source", "note")

#: The files that define the network; their bytes make up its fingerprint.
NETWORK_FILES = ("nodes.csv", "segments.csv", "speeds.csv")


@dataclass(frozen=True, slots=True)
class RoadNode:
    """A town, junction or interchange; interchanges are represented by the town they serve."""

    id: str
    name: str
    lat: float
    lon: float
    precision: str
    coord_source: str


@dataclass(frozen=True, slots=True)
class RoadSegment:
    """A stretch of one road between two nodes, usable in both directions."""

    id: str
    from_node: str
    to_node: str
    road_ref: str
    road_name: str
    road_class: str
    length_km: float
    length_source: str
    terrain: str
    status: str
    opening_expected: str
    status_source: str

    @property
    def label(self) -> str:
        """What a traveller reads on the signs: the road number, else the road's name."""
        return self.road_ref or self.road_name


@dataclass(frozen=True, slots=True)
class PublishedDistance:
    """A road distance and/or driving time a source gives between two nodes."""

    from_node: str
    to_node: str
    km: float | None
    minutes: float | None
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class RoadNetwork:
    """The road data as loaded; ``fingerprint`` changes whenever any of its files does."""

    nodes: Mapping[str, RoadNode]
    segments: tuple[RoadSegment, ...]
    speeds_kph: Mapping[tuple[str, str], float]
    fingerprint: str

    def speed_kph(self, road_class: str, terrain: str) -> float:
        return self.speeds_kph[(road_class, terrain)]

    def node(self, node_id: str) -> RoadNode:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise DataError(f"no road node {node_id!r} in nodes.csv", field="node") from None


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise DataError(f"{path} is missing; the road data lives in data/roads/")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise DataError(f"{path.name}: header must be {','.join(columns)}")
        yield from enumerate(reader, start=2)


def _number(value: str, where: str, column: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise DataError(f"{where}: {column} {value!r} is not a number", field=column) from None


def _one_of(value: str, allowed: tuple[str, ...], where: str, column: str) -> str:
    if value not in allowed:
        raise DataError(
            f"{where}: {column} {value!r} is not one of {', '.join(allowed)}", field=column
        )
    return value


def _sourced(value: str, where: str, column: str) -> str:
    """A source is a URL, or a ``computed:`` note saying how the number was derived."""
    if not value.startswith(("http://", "https://", "computed:")):
        raise DataError(
            f"{where}: {column} must be a URL or 'computed:…', got {value!r}", field=column
        )
    return value


def read_nodes(path: Path) -> dict[str, RoadNode]:
    nodes: dict[str, RoadNode] = {}
    for line, row in _rows(path, NODE_COLUMNS):
        where = f"{path.name} line {line}"
        node_id = row["id"].strip()
        if not node_id or node_id in nodes:
            raise DataError(f"{where}: id {node_id!r} is empty or repeated", field="id")
        lat = _number(row["lat"], where, "lat")
        lon = _number(row["lon"], where, "lon")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"{where}: ({lat}, {lon}) is not a WGS84 coordinate", field="lat")
        if not row["coord_source"].strip():
            raise DataError(f"{where}: coord_source is empty", field="coord_source")
        nodes[node_id] = RoadNode(
            id=node_id,
            name=row["name"],
            lat=lat,
            lon=lon,
            precision=_one_of(row["precision"], PRECISIONS, where, "precision"),
            coord_source=row["coord_source"],
        )
    return nodes


def read_segments(path: Path, nodes: Mapping[str, RoadNode]) -> tuple[RoadSegment, ...]:
    segments: list[RoadSegment] = []
    seen: set[str] = set()
    for line, row in _rows(path, SEGMENT_COLUMNS):
        where = f"{path.name} line {line}"
        if not row["id"] or row["id"] in seen:
            raise DataError(f"{where}: id {row['id']!r} is empty or repeated", field="id")
        seen.add(row["id"])
        for end in ("from", "to"):
            if row[end] not in nodes:
                raise DataError(f"{where}: {end} node {row[end]!r} is not in nodes.csv", field=end)
        if row["from"] == row["to"]:
            raise DataError(f"{where}: a segment must join two different nodes", field="to")
        length_km = _number(row["length_km"], where, "length_km")
        if length_km <= 0:
            raise DataError(f"{where}: length_km must be positive", field="length_km")
        if not (row["road_ref"] or row["road_name"]):
            raise DataError(f"{where}: give a road_ref or a road_name", field="road_name")
        status = _one_of(row["status"], STATUSES, where, "status")
        if status != "open" or row["status_source"]:
            _sourced(row["status_source"], where, "status_source")
        segments.append(
            RoadSegment(
                id=row["id"],
                from_node=row["from"],
                to_node=row["to"],
                road_ref=row["road_ref"],
                road_name=row["road_name"],
                road_class=_one_of(row["class"], ROAD_CLASSES, where, "class"),
                length_km=length_km,
                length_source=_sourced(row["length_source"], where, "length_source"),
                terrain=_one_of(row["terrain"], TERRAINS, where, "terrain"),
                status=status,
                opening_expected=row["opening_expected"],
                status_source=row["status_source"],
            )
        )
    return tuple(segments)


def read_speeds(path: Path) -> dict[tuple[str, str], float]:
    speeds: dict[tuple[str, str], float] = {}
    for line, row in _rows(path, SPEED_COLUMNS):
        where = f"{path.name} line {line}"
        key = (
            _one_of(row["class"], ROAD_CLASSES, where, "class"),
            _one_of(row["terrain"], TERRAINS, where, "terrain"),
        )
        speed_kph = _number(row["speed_kph"], where, "speed_kph")
        if key in speeds or not 0 < speed_kph <= 120:
            raise DataError(
                f"{where}: speed for {key} is repeated or not in (0, 120]", field="speed_kph"
            )
        if not row["source"].strip():
            raise DataError(
                f"{where}: source is empty (write 'estimate' if it is one)", field="source"
            )
        speeds[key] = speed_kph
    missing = [f"{c}/{t}" for c in ROAD_CLASSES for t in TERRAINS if (c, t) not in speeds]
    if missing:
        raise DataError(f"{path.name}: no speed for {', '.join(missing)}", field="speed_kph")
    return speeds


def read_published_distances(
    path: Path, nodes: Mapping[str, RoadNode], places: Collection[str] = ()
) -> list[PublishedDistance]:
    """Published figures the network is checked against; never used to build it.

    An end is a road node or, for a figure that names a sight ("Phúc Yên – Đại Lải lake"), the
    slug of a place in ``places``, measured from the place's own point.
    """
    published: list[PublishedDistance] = []
    for line, row in _rows(path, PUBLISHED_COLUMNS):
        where = f"{path.name} line {line}"
        for end in ("from_node", "to_node"):
            if row[end] not in nodes and row[end] not in places:
                raise DataError(
                    f"{where}: {end} {row[end]!r} is neither in nodes.csv nor a place", field=end
                )
        km = _number(row["km"], where, "km") if row["km"] else None
        minutes = _number(row["minutes"], where, "minutes") if row["minutes"] else None
        if km is None and minutes is None:
            raise DataError(f"{where}: give km, minutes or both", field="km")
        published.append(
            PublishedDistance(
                from_node=row["from_node"],
                to_node=row["to_node"],
                km=km,
                minutes=minutes,
                source=_sourced(row["source"], where, "source"),
                note=row["note"],
            )
        )
    return published


def load_road_network(data_dir: Path) -> RoadNetwork:
    """Read ``nodes.csv``, ``segments.csv`` and ``speeds.csv`` from ``data_dir``.

    Raises
    ------
    DataError
        When a file is missing or a row is malformed; the message names file, line and field.
    """
    nodes = read_nodes(data_dir / "nodes.csv")
    segments = read_segments(data_dir / "segments.csv", nodes)
    speeds = read_speeds(data_dir / "speeds.csv")
    digest = hashlib.sha256()
    for name in NETWORK_FILES:
        digest.update((data_dir / name).read_bytes())
    return RoadNetwork(
        nodes=nodes, segments=segments, speeds_kph=speeds, fingerprint=digest.hexdigest()
    )
