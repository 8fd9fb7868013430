import csv
import pickle
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from tourroute.core.domain import OpeningHours, Place
from tourroute.core.errors import DataError, UnknownPlaceError
from tourroute.core.network import (
    ACCESS_WINDING,
    LOCAL_ROAD,
    access_edges,
    build_road_graph,
    compute_travel_matrix,
    haversine_km,
    load_road_network,
    travel_between,
    travel_between_nodes,
    travel_matrix_fingerprint,
    travel_summary,
)

ROOT = Path(__file__).resolve().parents[2]
ROADS = ROOT / "data" / "roads"
GATEWAYS = ROOT / "data" / "places" / "gateways.csv"

NODES = """\
id,name,lat,lon,precision,coord_source
a,A,21.0,105.0,village,GeoNames 1
b,B,21.0,105.2,village,GeoNames 2
c,C,21.2,105.2,village,GeoNames 3
d,D,21.2,105.0,village,GeoNames 4
"""
SEGMENT_HEADER = (
    "id,from,to,road_ref,road_name,class,length_km,length_source,terrain,status,"
    "opening_expected,status_source\n"
)
SEGMENTS = SEGMENT_HEADER + (
    "s1,a,b,QL1,,national,25,https://example.org/1,flat,open,,\n"
    "s2,b,c,QL2,,national,25,https://example.org/2,flat,open,,\n"
    "s3,c,d,QL3,,national,25,computed:haversine*1.2,hilly,open,,\n"
    "s4,a,b,CT.1,,expressway,25,https://example.org/4,flat,open,,\n"
    "s5,a,c,VĐ5,,expressway,30,https://example.org/5,flat,planned,,https://example.org/plan\n"
)
SPEEDS = "class,terrain,speed_kph,source\n" + "".join(
    f"{c},{t},{speed},estimate\n"
    for c, speed in (("expressway", 80), ("national", 50), ("provincial", 40), ("local", 30))
    for t in ("flat", "hilly", "mountain")
)


def write_network(directory: Path, **files: str) -> Path:
    contents = {"nodes": NODES, "segments": SEGMENTS, "speeds": SPEEDS} | files
    for name, text in contents.items():
        (directory / f"{name}.csv").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_network(tmp_path)


@pytest.fixture
def make_place() -> Callable[..., Place]:
    def make(slug: str, lat: float, lon: float, **overrides: object) -> Place:
        fields: dict[str, object] = {
            "slug": slug,
            "name_vi": slug,
            "name_en": slug,
            "kind": "heritage",
            "province": "phu-tho",
            "lat": lat,
            "lon": lon,
            "precision": "exact",
            "visit_min": 60,
            "hours": OpeningHours(weekly=((),) * 7, known=False, text="unknown"),
            "interest": 5.0,
        } | overrides
        return Place(**fields)  # type: ignore[arg-type]

    return make


@pytest.fixture
def gateways(make_place: Callable[..., Place]) -> list[Place]:
    with GATEWAYS.open(encoding="utf-8", newline="") as fh:
        return [
            make_place(r["slug"], float(r["lat"]), float(r["lon"]), kind="gateway")
            for r in csv.DictReader(fh)
        ]


def test_haversine_matches_a_degree_of_latitude() -> None:
    assert haversine_km((21.0, 105.0), (22.0, 105.0)) == pytest.approx(111.19, abs=0.01)
    assert haversine_km((21.0, 105.0), (21.0, 105.0)) == 0


def test_graph_keeps_the_quicker_of_two_parallel_roads(tiny: Path) -> None:
    graph = build_road_graph(load_road_network(tiny))
    assert graph["a"]["b"]["label"] == "CT.1"
    assert graph["a"]["b"]["minutes"] == pytest.approx(25 / 80 * 60)


def test_planned_road_is_used_only_in_the_planned_scenario(tiny: Path) -> None:
    network = load_road_network(tiny)
    today = travel_between_nodes(network, "a", "c")
    planned = travel_between_nodes(network, "a", "c", scenario="planned")
    assert "VĐ5" not in today.roads
    assert planned.roads == ("VĐ5",)
    assert planned.minutes < today.minutes
    assert not build_road_graph(network, scenario="under_construction").has_edge("a", "c")


def test_node_travel_sums_lengths_along_the_quickest_path(tiny: Path) -> None:
    leg = travel_between_nodes(load_road_network(tiny), "a", "d")
    assert leg.roads == ("CT.1", "QL2", "QL3")
    assert leg.km == pytest.approx(75)
    assert leg.minutes == pytest.approx(25 / 80 * 60 + 25 / 50 * 60 + 25 / 50 * 60)
    assert leg.path[0] == (21.0, 105.0) and leg.path[-1] == (21.2, 105.0)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"segments": SEGMENT_HEADER + "s1,a,z,QL1,,national,5,computed:x,flat,open,,\n"}, "'z'"),
        ({"segments": SEGMENT_HEADER + "s1,a,b,QL1,,highway,5,computed:x,flat,open,,\n"}, "class"),
        ({"segments": SEGMENT_HEADER + "s1,a,b,QL1,,national,5,a guess,flat,open,,\n"}, "URL"),
        (
            {"segments": SEGMENT_HEADER + "s1,a,b,QL1,,national,-5,computed:x,flat,open,,\n"},
            "positive",
        ),
        (
            {"segments": SEGMENT_HEADER + "s1,a,b,QL1,,national,5,computed:x,flat,planned,,\n"},
            "status",
        ),
        ({"nodes": NODES.replace("21.2,105.0", "north,105.0")}, "lat"),
        ({"nodes": NODES.replace("GeoNames 4", "")}, "coord_source"),
        ({"speeds": SPEEDS.replace("local,mountain,30,estimate\n", "")}, "local/mountain"),
        ({"speeds": SPEEDS.replace("class,terrain", "kind,terrain")}, "header"),
    ],
)
def test_bad_rows_are_refused_with_a_clear_message(
    tmp_path: Path, files: dict[str, str], message: str
) -> None:
    with pytest.raises(DataError, match=message):
        load_road_network(write_network(tmp_path, **files))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"nodes\.csv"):
        load_road_network(tmp_path)


def test_fingerprint_follows_the_files(tiny: Path, tmp_path: Path) -> None:
    before = load_road_network(tiny).fingerprint
    assert load_road_network(tiny).fingerprint == before
    (tiny / "speeds.csv").write_text(SPEEDS.replace("national,flat,50", "national,flat,55"))
    assert load_road_network(tiny).fingerprint != before


def test_access_edges_join_the_nearest_nodes_at_local_speed(tiny: Path) -> None:
    network = load_road_network(tiny)
    point = (21.01, 105.03)
    edges = access_edges(network, point)
    assert [e.node for e in edges] == ["a", "b"]
    km = haversine_km(point, (21.0, 105.0)) * ACCESS_WINDING
    assert edges[0].km == pytest.approx(km)
    assert edges[0].minutes == pytest.approx(km / 30 * 60)


def test_matrix_goes_door_to_door(tiny: Path, make_place: Callable[..., Place]) -> None:
    network = load_road_network(tiny)
    here, there = make_place("here", 21.01, 105.0), make_place("there", 21.19, 105.0)
    matrix = compute_travel_matrix(network, [here, there])
    leg = matrix.leg("here", "there")
    road = travel_between_nodes(network, "a", "d")
    access_min = 2 * haversine_km((21.01, 105.0), (21.0, 105.0)) * ACCESS_WINDING / 30 * 60
    assert leg.minutes == pytest.approx(road.minutes + access_min)
    assert leg.km == pytest.approx(road.km + access_min / 60 * 30)
    assert matrix.path("here", "there")[0] == (21.01, 105.0)
    assert matrix.path("here", "there")[-1] == (21.19, 105.0)
    assert matrix.roads("here", "there") == road.roads
    assert matrix.minutes("there", "here") == pytest.approx(leg.minutes)
    assert matrix.minutes("here", "here") == 0


def test_close_places_use_a_direct_local_road(tiny: Path, make_place: Callable[..., Place]) -> None:
    # Both sit between b and c, 4.4 km apart; via a node they would drive more than twice that.
    one, two = make_place("one", 21.08, 105.2), make_place("two", 21.12, 105.2)
    matrix = compute_travel_matrix(load_road_network(tiny), [one, two])
    assert matrix.roads("one", "two") == (LOCAL_ROAD,)
    assert matrix.km("one", "two") == pytest.approx(
        haversine_km((21.08, 105.2), (21.12, 105.2)) * ACCESS_WINDING
    )


def test_unknown_slugs_and_nodes_are_refused(tiny: Path, make_place: Callable[..., Place]) -> None:
    network = load_road_network(tiny)
    matrix = compute_travel_matrix(network, [make_place("here", 21.0, 105.0)])
    with pytest.raises(UnknownPlaceError, match="nowhere"):
        matrix.minutes("here", "nowhere")
    with pytest.raises(UnknownPlaceError, match="nowhere"):
        travel_summary(matrix, "nowhere", "here")
    with pytest.raises(UnknownPlaceError, match="atlantis"):
        travel_between_nodes(network, "a", "atlantis")


def test_repeated_slugs_are_refused(tiny: Path, make_place: Callable[..., Place]) -> None:
    twice = [make_place("x", 21.0, 105.0), make_place("x", 21.1, 105.0)]
    with pytest.raises(DataError, match="slug"):
        compute_travel_matrix(load_road_network(tiny), twice)


def test_matrix_pickles_and_its_fingerprint_tracks_places(
    tiny: Path, make_place: Callable[..., Place]
) -> None:
    network = load_road_network(tiny)
    places = [make_place("here", 21.0, 105.0), make_place("there", 21.2, 105.0)]
    matrix = compute_travel_matrix(network, places)
    again = pickle.loads(pickle.dumps(matrix))
    for a in ("here", "there"):
        for b in ("here", "there"):
            assert again.leg(a, b) == matrix.leg(a, b)
    assert matrix.fingerprint == travel_matrix_fingerprint(network, reversed(places))
    moved = [places[0], make_place("there", 21.2, 105.01)]
    assert travel_matrix_fingerprint(network, moved) != matrix.fingerprint
    assert travel_matrix_fingerprint(network, places, scenario="planned") != matrix.fingerprint


def test_travel_summary_is_what_the_cli_prints(
    tiny: Path, make_place: Callable[..., Place]
) -> None:
    places = [make_place("here", 21.0, 105.0), make_place("there", 21.2, 105.0)]
    summary = travel_summary(
        compute_travel_matrix(load_road_network(tiny), places), "here", "there"
    )
    assert set(summary) == {"minutes", "km", "roads"}
    assert isinstance(summary["minutes"], int)
    assert summary["roads"] == ["CT.1", "QL2", "QL3"]


# The real road data


def test_every_road_node_is_reachable_from_the_ha_noi_gateway(gateways: list[Place]) -> None:
    network = load_road_network(ROADS)
    ha_noi = next(p for p in gateways if p.slug == "ha-noi")
    start = access_edges(network, (ha_noi.lat, ha_noi.lon))[0].node
    reached = nx.node_connected_component(build_road_graph(network), start)
    assert sorted(set(network.nodes) - reached) == []


def test_real_ring_road_5_plans_are_not_driven_by_default() -> None:
    network = load_road_network(ROADS)
    by_id = {s.id: s for s in network.segments}
    graph = build_road_graph(network)
    assert {by_id[d["segment"]].status for *_, d in graph.edges(data=True)} == {"open"}
    planned = [s for s in network.segments if s.road_ref == "VĐ5" and s.status == "planned"]
    shortcuts = []
    for seg in planned:
        today = travel_between_nodes(network, seg.from_node, seg.to_node, graph=graph)
        future = travel_between_nodes(network, seg.from_node, seg.to_node, scenario="planned")
        assert future.minutes <= today.minutes
        if future.roads == ("VĐ5",) and future.minutes < today.minutes:
            shortcuts.append(seg.id)
    assert shortcuts, "no planned Ring Road 5 section would change a route"


def test_gateways_travel_both_ways(gateways: list[Place]) -> None:
    matrix = compute_travel_matrix(load_road_network(ROADS), gateways)
    assert (
        0
        < matrix.minutes("ha-noi", "noi-bai")
        == pytest.approx(matrix.minutes("noi-bai", "ha-noi"))
    )
    assert matrix.path("ha-noi", "noi-bai")[0] == (21.02889, 105.8525)


def test_a_point_is_measured_from_itself_as_the_matrix_measures_a_place(
    tiny: Path, make_place: Callable[..., Place]
) -> None:
    network = load_road_network(tiny)
    here, there = make_place("here", 21.01, 105.0), make_place("there", 21.19, 105.0)
    matrix = compute_travel_matrix(network, [here, there])
    leg = travel_between(network, (21.01, 105.0), (21.19, 105.0))
    assert leg.minutes == pytest.approx(matrix.minutes("here", "there"))
    assert leg.km == pytest.approx(matrix.km("here", "there"))
    assert leg.path[0] == (21.01, 105.0) and leg.path[-1] == (21.19, 105.0)
    from_node = travel_between(network, "a", (21.19, 105.0))
    assert from_node.km < leg.km
