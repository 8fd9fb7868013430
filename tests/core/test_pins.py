"""Spreading pins that share a point."""

import itertools
import math

import pytest

from tourroute.core.pins import spread_offsets


def test_a_point_alone_stays_put() -> None:
    assert spread_offsets([(21.0, 105.0), (21.1, 105.0)], spacing=30) == [(0, 0), (0, 0)]


@pytest.mark.parametrize("count", [2, 3, 5, 8])
def test_pins_at_one_point_are_at_least_spacing_apart(count: int) -> None:
    points = [(21.3, 105.4)] * count + [(21.0, 106.0)]
    offsets = spread_offsets(points, spacing=30)
    assert offsets[-1] == (0, 0)
    shared = offsets[:-1]
    for a, b in itertools.combinations(shared, 2):
        assert math.dist(a, b) >= 30 - 1e-9
    centre = (sum(x for x, _ in shared) / count, sum(y for _, y in shared) / count)
    assert math.dist(centre, (0, 0)) < 1e-9, "the group stays centred on its true point"


def test_two_pins_sit_side_by_side_and_rounding_noise_is_the_same_point() -> None:
    left, right = spread_offsets([(21.12345, 105.5), (21.123451, 105.5)], spacing=20)
    assert left == pytest.approx((-10, 0)) and right == pytest.approx((10, 0))
