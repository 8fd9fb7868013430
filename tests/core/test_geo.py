import math

import numpy as np
import pytest
import shapely

from tourroute.core.geo import (
    EARTH_RADIUS_KM,
    contains,
    distance_outside_km,
    haversine_km,
    haversine_km_array,
    nearest_point,
    province_of,
)

ONE_DEGREE_OF_ARC_KM = 2 * math.pi * EARTH_RADIUS_KM / 360


@pytest.fixture
def two_squares() -> dict[str, shapely.Geometry]:
    """Two unit squares side by side, sharing the meridian 106°E."""
    return {
        "west": shapely.box(105.0, 21.0, 106.0, 22.0),
        "east": shapely.box(106.0, 21.0, 107.0, 22.0),
    }


def test_haversine_is_zero_for_one_point() -> None:
    assert haversine_km(21.3, 105.4, 21.3, 105.4) == 0.0


@pytest.mark.parametrize(
    ("lat1", "lon1", "lat2", "lon2", "arc_deg"),
    [
        (21.0, 105.0, 22.0, 105.0, 1.0),  # along a meridian
        (0.0, 100.0, 0.0, 190.0, 90.0),  # along the equator
        (90.0, 0.0, -90.0, 0.0, 180.0),  # pole to pole
    ],
)
def test_haversine_measures_arcs_of_a_great_circle(
    lat1: float, lon1: float, lat2: float, lon2: float, arc_deg: float
) -> None:
    assert haversine_km(lat1, lon1, lat2, lon2) == pytest.approx(arc_deg * ONE_DEGREE_OF_ARC_KM)


def test_haversine_shrinks_longitude_with_latitude() -> None:
    along_parallel = haversine_km(21.0, 105.0, 21.0, 106.0)
    assert along_parallel == pytest.approx(ONE_DEGREE_OF_ARC_KM * math.cos(math.radians(21)), 1e-3)


def test_haversine_is_symmetric() -> None:
    forth = haversine_km(21.32, 105.40, 21.18, 106.07)
    back = haversine_km(21.18, 106.07, 21.32, 105.40)
    assert forth == pytest.approx(back)


def test_array_form_agrees_with_scalar_form() -> None:
    lats, lons = [21.0, 21.5, 20.8], [105.8, 106.1, 105.2]
    expected = [haversine_km(21.2, 105.6, la, lo) for la, lo in zip(lats, lons, strict=True)]
    assert haversine_km_array(21.2, 105.6, lats, lons) == pytest.approx(expected)


def test_nearest_point_returns_index_and_distance() -> None:
    lats, lons = np.array([21.0, 21.5, 21.11]), np.array([105.0, 105.5, 105.0])
    index, km = nearest_point(21.1, 105.0, lats, lons)
    assert index == 2
    assert km == pytest.approx(haversine_km(21.1, 105.0, 21.11, 105.0))


def test_nearest_point_breaks_ties_by_lowest_index() -> None:
    assert nearest_point(21.0, 105.0, [21.1, 20.9], [105.0, 105.0])[0] == 0


def test_nearest_point_refuses_no_candidates() -> None:
    with pytest.raises(ValueError, match="at least one"):
        nearest_point(21.0, 105.0, [], [])


def test_contains_tells_inside_from_outside(two_squares: dict[str, shapely.Geometry]) -> None:
    assert contains(two_squares, "west", 21.5, 105.5)
    assert not contains(two_squares, "west", 21.5, 106.5)


def test_contains_counts_the_border_as_inside(two_squares: dict[str, shapely.Geometry]) -> None:
    assert contains(two_squares, "west", 21.5, 106.0)
    assert contains(two_squares, "east", 21.5, 106.0)


def test_contains_needs_a_known_code(two_squares: dict[str, shapely.Geometry]) -> None:
    with pytest.raises(KeyError):
        contains(two_squares, "north", 21.5, 105.5)


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [(21.5, 105.5, "west"), (21.5, 106.5, "east"), (21.5, 106.0, "west"), (23.0, 105.5, None)],
)
def test_province_of(
    two_squares: dict[str, shapely.Geometry], lat: float, lon: float, expected: str | None
) -> None:
    assert province_of(lat, lon, two_squares) == expected


def test_distance_outside_is_zero_inside(two_squares: dict[str, shapely.Geometry]) -> None:
    assert distance_outside_km(two_squares, "west", 21.5, 105.5) == 0.0


def test_distance_outside_measures_the_gap_to_the_border(
    two_squares: dict[str, shapely.Geometry],
) -> None:
    km = distance_outside_km(two_squares, "west", 22.1, 105.5)
    assert km == pytest.approx(0.1 * ONE_DEGREE_OF_ARC_KM, rel=1e-3)
