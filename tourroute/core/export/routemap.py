"""A static route map drawn from our own geometry, for print.

Drawn without map tiles on purpose: a printed programme must not depend on a tile server, its
terms of use or the network. Province outlines, when the caller has them, give the reader
enough context; the day lines and numbered stops carry the rest.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy
from shapely.geometry.base import BaseGeometry

from tourroute.core.domain import Itinerary
from tourroute.core.pins import spread_offsets
from tourroute.core.programme import day_points, itinerary_programme
from tourroute.core.words import words

#: One colour per day, repeating after eight days; chosen to stay apart when printed in grey.
DAY_COLOURS: tuple[str, ...] = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)
_PAD_FRACTION = 0.12
#: A stop's disc, in points, and the distance between the centres of spread-out discs.
_PIN_SIZE_PT = 15
_PIN_SPACING_PT = _PIN_SIZE_PT + 1


def _outline(ax: Axes, geometry: BaseGeometry) -> None:
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        exterior = getattr(polygon, "exterior", None)
        if exterior is None:
            continue
        xs, ys = exterior.xy
        ax.fill(xs, ys, facecolor="#f2efe6", edgecolor="#9a9a9a", linewidth=0.8, zorder=1)


def render_route_map(
    it: Itinerary,
    *,
    lang: str,
    boundaries: Sequence[BaseGeometry] = (),
    width_in: float = 7.0,
    height_in: float = 5.0,
    dpi: int = 150,
) -> bytes:
    """PNG bytes of every day's line and the stops numbered in trip order (1, 2, … across days).

    ``boundaries`` are shapely polygons in longitude/latitude (e.g. the three provinces); they
    are drawn as a light background and cropped to the route's extent.
    """
    figure = Figure(figsize=(width_in, height_in), dpi=dpi)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.02, 0.02, 0.96, 0.96))
    for geometry in boundaries:
        _outline(ax, geometry)

    lats: list[float] = []
    lons: list[float] = []
    numbered: list[tuple[int, float, float, str]] = []
    w = words(lang)
    for day in itinerary_programme(it):
        colour = DAY_COLOURS[(day.number - 1) % len(DAY_COLOURS)]
        points = day_points(day)
        ys = [p[0] for p in points]
        xs = [p[1] for p in points]
        lats.extend(ys)
        lons.extend(xs)
        ax.plot(
            xs,
            ys,
            color=colour,
            linewidth=2.4,
            zorder=3,
            label=w.day(day.number),
        )
        for place in (day.day.origin, day.day.lodging):
            ax.plot(place.lon, place.lat, marker="s", markersize=7, color="#333333", zorder=4)
        for event in day.stops():
            numbered.append((event.number, event.place.lat, event.place.lon, colour))

    # Stops at one point are spread apart, in points, as the web maps do in pixels.
    offsets = spread_offsets([(lat, lon) for _n, lat, lon, _c in numbered], spacing=_PIN_SPACING_PT)
    for (text, lat, lon, colour), (dx, dy) in zip(numbered, offsets, strict=True):
        shifted = offset_copy(ax.transData, fig=figure, x=dx, y=-dy, units="points")
        ax.plot(
            lon,
            lat,
            marker="o",
            markersize=_PIN_SIZE_PT,
            markerfacecolor=colour,
            markeredgecolor="white",
            markeredgewidth=1.5,
            zorder=5,
            transform=shifted,
        )
        ax.text(
            lon,
            lat,
            str(text),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color="white",
            zorder=6,
            transform=shifted,
        )

    if lats:
        pad_lat = max((max(lats) - min(lats)) * _PAD_FRACTION, 0.05)
        pad_lon = max((max(lons) - min(lons)) * _PAD_FRACTION, 0.05)
        ax.set_xlim(min(lons) - pad_lon, max(lons) + pad_lon)
        ax.set_ylim(min(lats) - pad_lat, max(lats) + pad_lat)
        # Equal ground distances in both directions at this latitude.
        ax.set_aspect(1 / math.cos(math.radians(sum(lats) / len(lats))))
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("white")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
