"""Pins that share a point, spread on screen so that none hides another.

Many places share one coordinate (a village's communal house and its pagoda carry the commune
centre), so their pins would sit exactly on top of each other. Each pin keeps its true position
and is drawn a small fixed distance away from it on screen, on a circle around the shared
point: the same offsets at every zoom, on every web map and in the PDF's route map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Points equal to this many decimals (about 1 m) count as the same point.
SAME_POINT_DECIMALS = 5


def spread_offsets(
    points: Sequence[tuple[float, float]], *, spacing: float
) -> list[tuple[float, float]]:
    """Screen offsets ``(dx, dy)`` (y downwards) for each ``(lat, lon)``, in ``spacing``'s unit.

    A point alone gets ``(0, 0)``. The ``n`` pins at one point go round a circle whose radius
    puts neighbours ``spacing`` apart, in the order given, starting on the left (two pins sit
    side by side) and going clockwise.
    """
    groups: dict[tuple[float, float], list[int]] = {}
    for index, (lat, lon) in enumerate(points):
        key = (round(lat, SAME_POINT_DECIMALS), round(lon, SAME_POINT_DECIMALS))
        groups.setdefault(key, []).append(index)
    offsets = [(0.0, 0.0)] * len(points)
    for members in groups.values():
        count = len(members)
        if count == 1:
            continue
        radius = spacing / (2 * math.sin(math.pi / count))
        for order, index in enumerate(members):
            angle = math.pi + 2 * math.pi * order / count
            offsets[index] = (radius * math.cos(angle), radius * math.sin(angle))
    return offsets
