"""The road graph and door-to-door travel between places.

The planner asks for thousands of travel times per plan, always between the same few hundred
places, so everything is computed up front: one Dijkstra per place over a small graph of
sourced road segments gives the minutes, kilometres, drawn path and road numbers for every pair.
The result (:class:`TravelMatrix`) depends only on the road files, the place coordinates and the
scenario, which together make its ``fingerprint``: the app computes it once per data version and
keeps it (it pickles).

Places are not on the roads: each one is joined to its nearest road nodes by an *access edge*
whose length is the straight line times :data:`ACCESS_WINDING`, driven at the speed of a local
road. Access edges only start or end a trip; a route never passes through another place.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, TypedDict

import networkx as nx

from tourroute.core.domain import Leg, Place
from tourroute.core.errors import DataError, UnknownPlaceError
from tourroute.core.road_data import STATUSES, TERRAINS, RoadNetwork

#: Which roads exist: ``open`` (today), ``under_construction`` (also roads being built),
#: ``planned`` (also roads only decided, such as most of Ring Road 5).
Scenario = Literal["open", "under_construction", "planned"]

#: Ratio of road length to straight-line length for the last stretch between a road node and a
#: place. The median ratio measured on the national-road geometry we could check is 1.18 on flat
#: and 1.25 on hilly ground (see data/roads/README.md); small roads wind more, hence 1.3.
ACCESS_WINDING = 1.3
#: How many nearest road nodes a place is joined to, so that it can be left in either direction.
ATTACH_NODES = 2
#: Two places closer than this are also joined directly by a local road, so that a walk across a
#: village is not routed through the district town.
DIRECT_MAX_KM = 8.0
#: The label given to access edges and direct links in ``roads``.
LOCAL_ROAD = "local road"

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lat, lon)`` points in kilometres."""
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def scenario_statuses(scenario: Scenario) -> tuple[str, ...]:
    """Segment statuses a scenario drives on."""
    if scenario not in STATUSES:
        raise DataError(f"unknown scenario {scenario!r}; use one of {', '.join(STATUSES)}")
    return STATUSES[: STATUSES.index(scenario) + 1]


def build_road_graph(network: RoadNetwork, *, scenario: Scenario = "open") -> nx.Graph:
    """An undirected graph of road nodes; edges carry ``minutes``, ``km`` and ``label``.

    Where several roads join the same two nodes (an expressway beside the old national road),
    the edge keeps the quickest one.
    """
    statuses = scenario_statuses(scenario)
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes)
    for seg in network.segments:
        if seg.status not in statuses:
            continue
        minutes = seg.length_km / network.speed_kph(seg.road_class, seg.terrain) * 60.0
        a, b = seg.from_node, seg.to_node
        if graph.has_edge(a, b) and graph[a][b]["minutes"] <= minutes:
            continue
        graph.add_edge(a, b, minutes=minutes, km=seg.length_km, label=seg.label, segment=seg.id)
    return graph


@dataclass(frozen=True, slots=True)
class Access:
    """The drive between a place and one road node."""

    node: str
    km: float
    minutes: float


def node_terrain(network: RoadNetwork) -> dict[str, str]:
    """The roughest terrain among the segments at each node: the ground its access roads cross."""
    terrain: dict[str, str] = {}
    for seg in network.segments:
        for end in (seg.from_node, seg.to_node):
            terrain[end] = max(terrain.get(end, TERRAINS[0]), seg.terrain, key=TERRAINS.index)
    return terrain


def access_edges(
    network: RoadNetwork,
    point: tuple[float, float],
    *,
    terrain: dict[str, str] | None = None,
    count: int = ATTACH_NODES,
) -> tuple[Access, ...]:
    """The access edges from ``point`` to its ``count`` nearest road nodes."""
    terrain = terrain if terrain is not None else node_terrain(network)
    ranked = sorted(network.nodes.values(), key=lambda n: haversine_km(point, (n.lat, n.lon)))
    edges = []
    for node in ranked[:count]:
        km = haversine_km(point, (node.lat, node.lon)) * ACCESS_WINDING
        speed_kph = network.speed_kph("local", terrain.get(node.id, "flat"))
        edges.append(Access(node=node.id, km=km, minutes=km / speed_kph * 60.0))
    return tuple(edges)


def _labels(graph: nx.Graph, nodes: Sequence[str]) -> tuple[str, ...]:
    """Road labels along a node path, each run of one road named once."""
    labels: list[str] = []
    for u, v in pairwise(nodes):
        label = graph[u][v]["label"]
        if not labels or labels[-1] != label:
            labels.append(label)
    return tuple(labels)


def travel_between_nodes(
    network: RoadNetwork,
    a: str,
    b: str,
    *,
    scenario: Scenario = "open",
    graph: nx.Graph | None = None,
) -> Leg:
    """The quickest drive between two road nodes (used to check against published distances).

    Raises
    ------
    UnknownPlaceError
        When ``a`` or ``b`` is not a road node.
    DataError
        When no road joins them in this scenario.
    """
    for node_id in (a, b):
        if node_id not in network.nodes:
            raise UnknownPlaceError(f"no road node {node_id!r} in nodes.csv", field="node")
    graph = graph if graph is not None else build_road_graph(network, scenario=scenario)
    try:
        minutes, nodes = nx.single_source_dijkstra(graph, a, b, weight="minutes")
    except nx.NetworkXNoPath:
        raise DataError(f"no road joins {a!r} and {b!r} in scenario {scenario!r}") from None
    km = sum(graph[u][v]["km"] for u, v in pairwise(nodes))
    path = tuple((network.nodes[n].lat, network.nodes[n].lon) for n in nodes)
    return Leg(minutes=float(minutes), km=float(km), path=path, roads=_labels(graph, nodes))


def travel_matrix_fingerprint(
    network: RoadNetwork, places: Iterable[Place], *, scenario: Scenario = "open"
) -> str:
    """The cache key of a matrix: road files, scenario, and every place's slug and coordinate."""
    digest = hashlib.sha256(f"{network.fingerprint}|{scenario}".encode())
    for place in sorted(places, key=lambda p: p.slug):
        digest.update(f"|{place.slug}:{place.lat:.6f},{place.lon:.6f}".encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class TravelMatrix:
    """Travel between every pair of places; implements :class:`~tourroute.core.domain.TravelTimes`.

    Plain dictionaries and tuples only, so that it pickles and loads quickly.
    """

    fingerprint: str
    scenario: str
    legs: dict[str, dict[str, Leg]]

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(self.legs)

    def leg(self, origin: str, destination: str) -> Leg:
        try:
            row = self.legs[origin]
        except KeyError:
            raise UnknownPlaceError(f"unknown place {origin!r}", field="origin") from None
        try:
            return row[destination]
        except KeyError:
            raise UnknownPlaceError(f"unknown place {destination!r}", field="destination") from None

    def minutes(self, origin: str, destination: str) -> float:
        return self.leg(origin, destination).minutes

    def km(self, origin: str, destination: str) -> float:
        return self.leg(origin, destination).km

    def path(self, origin: str, destination: str) -> Sequence[tuple[float, float]]:
        return self.leg(origin, destination).path

    def roads(self, origin: str, destination: str) -> Sequence[str]:
        return self.leg(origin, destination).roads


def compute_travel_matrix(
    network: RoadNetwork, places: Sequence[Place], *, scenario: Scenario = "open"
) -> TravelMatrix:
    """Travel between all pairs of ``places`` with one Dijkstra (on minutes) per place.

    ``km`` is measured along the quickest path. Two places within :data:`DIRECT_MAX_KM` of each
    other may instead use a direct local road when that is quicker.

    Raises
    ------
    DataError
        When two places share a slug, or a place cannot reach another in this scenario.
    """
    slugs = [p.slug for p in places]
    if len(set(slugs)) != len(slugs):
        raise DataError("two places share a slug; slugs must be unique", field="slug")
    graph = build_road_graph(network, scenario=scenario)
    terrain = node_terrain(network)
    access = {p.slug: access_edges(network, (p.lat, p.lon), terrain=terrain) for p in places}
    legs: dict[str, dict[str, Leg]] = {}
    for origin in places:
        source = ("place", origin.slug)
        for edge in access[origin.slug]:
            graph.add_edge(source, edge.node, minutes=edge.minutes, km=edge.km, label=LOCAL_ROAD)
        dist, paths = nx.single_source_dijkstra(graph, source, weight="minutes")
        legs[origin.slug] = {
            dest.slug: _leg(network, graph, origin, dest, dist, paths, access, terrain)
            for dest in places
        }
        graph.remove_node(source)
    return TravelMatrix(
        fingerprint=travel_matrix_fingerprint(network, places, scenario=scenario),
        scenario=scenario,
        legs=legs,
    )


def _leg(
    network: RoadNetwork,
    graph: nx.Graph,
    origin: Place,
    dest: Place,
    dist: dict[object, float],
    paths: dict[object, list[object]],
    access: dict[str, tuple[Access, ...]],
    terrain: dict[str, str],
) -> Leg:
    """One cell of the matrix, from the Dijkstra tree rooted at ``origin``."""
    here, there = (origin.lat, origin.lon), (dest.lat, dest.lon)
    if origin.slug == dest.slug:
        return Leg(minutes=0.0, km=0.0, path=(here,), roads=())
    reachable = [a for a in access[dest.slug] if a.node in dist]
    if not reachable:
        raise DataError(f"no road from {origin.slug!r} reaches {dest.slug!r}")
    last = min(reachable, key=lambda a: dist[a.node] + a.minutes)
    minutes = dist[last.node] + last.minutes
    direct_km = haversine_km(here, there) * ACCESS_WINDING
    if haversine_km(here, there) <= DIRECT_MAX_KM:
        ground = max(
            (terrain.get(access[p.slug][0].node, "flat") for p in (origin, dest)),
            key=TERRAINS.index,
        )
        direct_min = direct_km / network.speed_kph("local", ground) * 60.0
        if direct_min < minutes:
            return Leg(minutes=direct_min, km=direct_km, path=(here, there), roads=(LOCAL_ROAD,))
    nodes = paths[last.node]
    road_nodes = [str(n) for n in nodes[1:]]
    km = sum(graph[u][v]["km"] for u, v in pairwise(nodes)) + last.km
    path = (here, *((network.nodes[n].lat, network.nodes[n].lon) for n in road_nodes), there)
    roads = _labels(graph, road_nodes) or (LOCAL_ROAD,)
    return Leg(minutes=float(minutes), km=float(km), path=path, roads=roads)


class TravelSummary(TypedDict):
    """What ``tourroute travel-time FROM TO --json`` prints."""

    minutes: int
    km: float
    roads: list[str]


def travel_summary(matrix: TravelMatrix, origin: str, destination: str) -> TravelSummary:
    """Minutes (whole), kilometres (one decimal) and road numbers between two place slugs.

    Raises
    ------
    UnknownPlaceError
        When either slug names no place in the matrix.
    """
    leg = matrix.leg(origin, destination)
    return TravelSummary(minutes=round(leg.minutes), km=round(leg.km, 1), roads=list(leg.roads))
