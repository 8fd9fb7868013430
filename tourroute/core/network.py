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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, TypedDict

import networkx as nx
import numpy as np
import numpy.typing as npt

from tourroute.core import geo
from tourroute.core.domain import Leg, Place
from tourroute.core.errors import DataError, InvalidRequestError, UnknownPlaceError
from tourroute.core.road_data import STATUSES, TERRAINS, RoadNetwork, load_road_network
from tourroute.core.words import LOCAL_ROAD  # what ``roads`` says for a direct link

__all__ = [
    "Access",
    "Scenario",
    "TravelMatrix",
    "TravelSummary",
    "access_edges",
    "build_road_graph",
    "compute_travel_matrix",
    "haversine_km",
    "load_road_network",
    "road_scenario",
    "travel_between",
    "travel_between_nodes",
    "travel_matrix_fingerprint",
    "travel_summary",
]

#: Which roads exist: ``open`` (today), ``under_construction`` (also roads being built),
#: ``planned`` (also roads only decided, such as most of Ring Road 5), or
#: ``ring-road-5-complete`` (today's roads and every section of Ring Road 5, as the provinces'
#: 2026 agreement plans it, but no other road still being built).
Scenario = Literal["open", "under_construction", "planned", "ring-road-5-complete"]

#: Scenarios that complete one road on top of today's network: scenario -> that road's number.
ROAD_COMPLETED: dict[str, str] = {"ring-road-5-complete": "VĐ5"}

#: What a traveller chooses (``TripRequest.scenario``) -> the road scenario it drives on.
TRIP_SCENARIOS: dict[str, Scenario] = {
    "today": "open",
    "ring-road-5-complete": "ring-road-5-complete",
}

#: Ratio of road length to straight-line length for the last stretch between a road node and a
#: place. The median ratio measured on the national-road geometry we could check is 1.18 on flat
#: and 1.25 on hilly ground (see data/roads/README.md); small roads wind more, hence 1.3.
ACCESS_WINDING = 1.3
#: How many nearest road nodes a place is joined to, so that it can be left in either direction.
ATTACH_NODES = 2
#: Two places closer than this are also joined directly by a local road, so that a short hop
#: between neighbouring villages is not routed through the district town.
DIRECT_MAX_KM = 8.0


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lat, lon)`` points in kilometres."""
    return geo.haversine_km(a[0], a[1], b[0], b[1])


def scenario_statuses(scenario: Scenario) -> tuple[str, ...]:
    """Segment statuses a scenario drives on (whatever their road)."""
    if scenario in ROAD_COMPLETED:
        return STATUSES[:1]
    if scenario not in STATUSES:
        known = ", ".join((*STATUSES, *ROAD_COMPLETED))
        raise DataError(f"unknown scenario {scenario!r}; use one of {known}")
    return STATUSES[: STATUSES.index(scenario) + 1]


def road_scenario(trip_scenario: str) -> Scenario:
    """The road scenario of a traveller's choice; an error naming ``scenario`` if unknown."""
    if trip_scenario not in TRIP_SCENARIOS:
        known = ", ".join(TRIP_SCENARIOS)
        raise InvalidRequestError(
            f"unknown scenario {trip_scenario!r}; use one of {known}", field="scenario"
        )
    return TRIP_SCENARIOS[trip_scenario]


def build_road_graph(network: RoadNetwork, *, scenario: Scenario = "open") -> nx.Graph:
    """An undirected graph of road nodes; edges carry ``minutes``, ``km`` and ``label``.

    Where several roads join the same two nodes (an expressway beside the old national road),
    the edge keeps the quickest one.
    """
    statuses = scenario_statuses(scenario)
    completed = ROAD_COMPLETED.get(scenario)
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes)
    for seg in network.segments:
        if seg.status not in statuses and seg.road_ref != completed:
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


#: Where a drive starts or ends: a road node's id, or a place's own ``(lat, lon)``.
Endpoint = str | tuple[float, float]


def travel_between(
    network: RoadNetwork,
    a: Endpoint,
    b: Endpoint,
    *,
    scenario: Scenario = "open",
    graph: nx.Graph | None = None,
) -> Leg:
    """The quickest drive between two road nodes or points (checked against published figures).

    A point joins the roads by its own access edges (:func:`access_edges`), exactly as a place
    does in :func:`compute_travel_matrix`, so "Phúc Yên – Đại Lải lake" is measured to the lake.

    Raises
    ------
    UnknownPlaceError
        When ``a`` or ``b`` is a string that is not a road node.
    DataError
        When no road joins them in this scenario.
    """
    graph = (graph if graph is not None else build_road_graph(network, scenario=scenario)).copy()
    terrain = node_terrain(network)
    ends: list[str | tuple[str, str]] = []
    points: dict[object, tuple[float, float]] = {}
    for role, end in (("from", a), ("to", b)):
        if isinstance(end, str):
            if end not in network.nodes:
                raise UnknownPlaceError(f"no road node {end!r} in nodes.csv", field="node")
            ends.append(end)
            continue
        key = ("point", role)
        for edge in access_edges(network, end, terrain=terrain):
            graph.add_edge(key, edge.node, minutes=edge.minutes, km=edge.km, label=LOCAL_ROAD)
        points[key] = end
        ends.append(key)
    try:
        minutes, nodes = nx.single_source_dijkstra(graph, ends[0], ends[1], weight="minutes")
    except nx.NetworkXNoPath:
        raise DataError(f"no road joins {a!r} and {b!r} in scenario {scenario!r}") from None
    km = sum(graph[u][v]["km"] for u, v in pairwise(nodes))
    path = tuple(points.get(n) or (network.nodes[n].lat, network.nodes[n].lon) for n in nodes)
    return Leg(minutes=float(minutes), km=float(km), path=path, roads=_labels(graph, nodes))


#: The name callers that pass two node ids have always used.
travel_between_nodes = travel_between


def travel_matrix_fingerprint(
    network: RoadNetwork, places: Iterable[Place], *, scenario: Scenario = "open"
) -> str:
    """The cache key of a matrix: road files, scenario, and every place's slug and coordinate."""
    digest = hashlib.sha256(f"{network.fingerprint}|{scenario}".encode())
    for place in sorted(places, key=lambda p: p.slug):
        digest.update(f"|{place.slug}:{place.lat:.6f},{place.lon:.6f}".encode())
    return digest.hexdigest()


#: ``TravelMatrix.last_node`` value for a pair that drives no road node (same place, direct link).
NO_ROAD = -1


@dataclass(frozen=True, slots=True, eq=False)
class TravelMatrix:
    """Travel between every pair of places; implements :class:`~tourroute.core.domain.TravelTimes`.

    Minutes and kilometres are arrays indexed by place; a path is not stored but read back from
    each origin's shortest-path tree (``predecessor``) when asked for, which keeps the matrix
    small enough to pickle and load in a fraction of a second.

    Attributes
    ----------
    minutes_matrix, km_matrix
        ``[i, j]`` from place ``slugs[i]`` to place ``slugs[j]``.
    last_node
        ``[i, j]``: index in ``node_ids`` of the road node where the trip leaves the roads for
        place ``j``, or :data:`NO_ROAD`.
    predecessor
        ``[i, k]``: the road node before node ``k`` on the quickest way from place ``i``, or
        :data:`NO_ROAD` when ``k`` is where that place joins the roads.
    """

    fingerprint: str
    scenario: str
    slugs: tuple[str, ...]
    place_points: tuple[tuple[float, float], ...]
    node_ids: tuple[str, ...]
    node_points: tuple[tuple[float, float], ...]
    edge_labels: dict[tuple[int, int], str]
    minutes_matrix: npt.NDArray[np.float64]
    km_matrix: npt.NDArray[np.float64]
    last_node: npt.NDArray[np.int32]
    predecessor: npt.NDArray[np.int32]
    index: dict[str, int]

    def _pair(self, origin: str, destination: str) -> tuple[int, int]:
        for slug, role in ((origin, "origin"), (destination, "destination")):
            if slug not in self.index:
                raise UnknownPlaceError(f"unknown place {slug!r}", field=role)
        return self.index[origin], self.index[destination]

    def minutes(self, origin: str, destination: str) -> float:
        return float(self.minutes_matrix[self._pair(origin, destination)])

    def km(self, origin: str, destination: str) -> float:
        return float(self.km_matrix[self._pair(origin, destination)])

    def _road_nodes(self, i: int, j: int) -> list[int]:
        nodes: list[int] = []
        k = int(self.last_node[i, j])
        while k != NO_ROAD:
            nodes.append(k)
            k = int(self.predecessor[i, k])
        return nodes[::-1]

    def path(self, origin: str, destination: str) -> tuple[tuple[float, float], ...]:
        i, j = self._pair(origin, destination)
        if i == j:
            return (self.place_points[i],)
        inner = (self.node_points[k] for k in self._road_nodes(i, j))
        return (self.place_points[i], *inner, self.place_points[j])

    def roads(self, origin: str, destination: str) -> tuple[str, ...]:
        i, j = self._pair(origin, destination)
        if i == j:
            return ()
        labels: list[str] = []
        for u, v in pairwise(self._road_nodes(i, j)):
            label = self.edge_labels[(u, v)]
            if not labels or labels[-1] != label:
                labels.append(label)
        return tuple(labels) or (LOCAL_ROAD,)

    def leg(self, origin: str, destination: str) -> Leg:
        """Everything about one drive, as the itinerary stores it."""
        return Leg(
            minutes=self.minutes(origin, destination),
            km=self.km(origin, destination),
            path=self.path(origin, destination),
            roads=self.roads(origin, destination),
        )


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
    slugs = tuple(p.slug for p in places)
    if len(set(slugs)) != len(slugs):
        raise DataError("two places share a slug; slugs must be unique", field="slug")
    graph = build_road_graph(network, scenario=scenario)
    node_ids = tuple(network.nodes)
    node_index = {n: k for k, n in enumerate(node_ids)}
    terrain = node_terrain(network)
    access = [access_edges(network, (p.lat, p.lon), terrain=terrain) for p in places]
    n = len(places)
    minutes = np.zeros((n, n))
    km = np.zeros((n, n))
    last_node = np.full((n, n), NO_ROAD, dtype=np.int32)
    predecessor = np.full((n, len(node_ids)), NO_ROAD, dtype=np.int32)
    source = ("place",)
    for i, origin in enumerate(places):
        for edge in access[i]:
            graph.add_edge(source, edge.node, minutes=edge.minutes, km=edge.km)
        dist, paths = nx.single_source_dijkstra(graph, source, weight="minutes")
        graph.remove_node(source)
        km_to = {}
        for node, route in paths.items():
            if node == source:
                continue
            km_to[node] = sum(graph[u][v]["km"] for u, v in pairwise(route[1:]))
            km_to[node] += next(e.km for e in access[i] if e.node == route[1])
            if len(route) > 2:
                predecessor[i, node_index[node]] = node_index[route[-2]]
        for j, dest in enumerate(places):
            if i == j:
                continue
            reachable = [a for a in access[j] if a.node in dist]
            if not reachable:
                raise DataError(f"no road from {origin.slug!r} reaches {dest.slug!r}")
            last = min(reachable, key=lambda a: dist[a.node] + a.minutes)
            minutes[i, j] = dist[last.node] + last.minutes
            km[i, j] = km_to[last.node] + last.km
            last_node[i, j] = node_index[last.node]
            direct = _direct_link(network, origin, dest, (access[i], access[j]), terrain)
            if direct is not None and direct[0] < minutes[i, j]:
                minutes[i, j], km[i, j] = direct
                last_node[i, j] = NO_ROAD
    return TravelMatrix(
        fingerprint=travel_matrix_fingerprint(network, places, scenario=scenario),
        scenario=scenario,
        slugs=slugs,
        place_points=tuple((p.lat, p.lon) for p in places),
        node_ids=node_ids,
        node_points=tuple((network.nodes[k].lat, network.nodes[k].lon) for k in node_ids),
        edge_labels={
            (node_index[u], node_index[v]): d["label"]
            for a, b, d in graph.edges(data=True)
            for u, v in ((a, b), (b, a))
        },
        minutes_matrix=minutes,
        km_matrix=km,
        last_node=last_node,
        predecessor=predecessor,
        index={slug: i for i, slug in enumerate(slugs)},
    )


def _direct_link(
    network: RoadNetwork,
    origin: Place,
    dest: Place,
    access: tuple[tuple[Access, ...], tuple[Access, ...]],
    terrain: dict[str, str],
) -> tuple[float, float] | None:
    """``(minutes, km)`` of a local road straight between two close places, else None.

    It crosses the rougher of the two places' ground, so that it is the same both ways.
    """
    straight_km = haversine_km((origin.lat, origin.lon), (dest.lat, dest.lon))
    if straight_km > DIRECT_MAX_KM:
        return None
    ground = max((terrain.get(a[0].node, "flat") for a in access), key=TERRAINS.index)
    road_km = straight_km * ACCESS_WINDING
    return road_km / network.speed_kph("local", ground) * 60.0, road_km


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
