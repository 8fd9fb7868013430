"""Maps as folium objects: an itinerary, the catalogue or one place in, a ``folium.Map`` out.

No Flask here: the web layer passes the language, the tile server and the URL of each place's
page, and embeds the result with :func:`render_parts` in its own templates, under a
Content-Security-Policy that allows no inline handler, no ``eval`` and only nonce'd scripts.

Three things shape the code:

* Every text that comes from our data (names, descriptions) goes through :func:`map_text`
  once. Folium and Leaflet put such text into JavaScript template literals and assign it with
  ``innerHTML``; :func:`map_text` makes it inert in both places.
* Colours live in ``static/css/map.css`` only: markers, lines and legend swatches carry a
  class (``tr-day-3``, ``tr-kind-tea``), so a day has the same colour everywhere.
* The catalogue holds hundreds of places, so its markers are one data array turned into
  markers by one JavaScript callback (``FastMarkerCluster``), not one Python object each.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import folium
import shapely
from branca.element import CssLink, Figure, JavascriptLink, MacroElement
from folium.plugins import FastMarkerCluster, MarkerCluster
from folium.template import Template

from tourroute.core.domain import PROVINCES, Itinerary, Place
from tourroute.core.export.events import event_time, event_title
from tourroute.core.pins import spread_offsets
from tourroute.core.programme import day_points, itinerary_programme
from tourroute.core.words import words

#: Day colours cycle through this many CSS classes (``tr-day-0`` … ``tr-day-7``).
DAY_COLOURS = 8

#: Marker sizes in CSS pixels (map.css draws them); every marker is centred on its place.
_PIN_PX = 28
_PLACE_PX = 16
#: Space kept between the outermost pin and the map's edge when a map fits its content: a pin
#: and a spread-out neighbour, plus a margin.
_FIT_PADDING_PX = 2 * _PIN_PX + 8

#: Centre-to-centre distance of spread-out pins: a pin's width and a hairline.
PIN_SPACING_PX = _PIN_PX + 2

_JS_TEMPLATE_SPECIALS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def map_text(text: str) -> str:
    """Make data text safe for every place a map puts it.

    HTML-escaping alone is not enough: folium writes tooltips into JavaScript template
    literals, where a backtick ends the literal, ``${…}`` runs code and a backslash escapes
    the next character. Those three become HTML character references too, so the result
    holds none of ``< > & " ' ` $ \\`` and reads as the original text once a browser parses
    it as HTML — in a template literal, a JSON string, or through ``innerHTML``.
    """
    return html.escape(text, quote=True).translate(_JS_TEMPLATE_SPECIALS)


@dataclass(frozen=True, slots=True)
class TileSpec:
    """The background tile server: URL template, attribution (trusted HTML) and its zoom limit.

    Marker clustering needs a maximum zoom, and the tile layer is where Leaflet finds it.
    """

    url: str
    attribution: str
    max_zoom: int = 19


@dataclass(frozen=True, slots=True)
class MapParts:
    """A rendered map, split for embedding in one of our pages.

    ``header`` goes in ``<head>`` (asset links, already carrying the nonce), ``body`` where the
    map belongs, and ``script`` inside a ``<script nonce=…>`` placed after ``body``.
    """

    header: str
    body: str
    script: str


class _Popup(MacroElement):
    """A popup from HTML we assembled out of :func:`map_text` pieces.

    folium's ``Popup`` parses its content with jQuery and wraps it in a ``style=""`` div, which
    the Content-Security-Policy refuses; Leaflet takes an HTML string directly.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup({{ this.content|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, content: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Popup"
        self.content = content


class _Legend(MacroElement):
    """A Leaflet control listing ``(text, swatch class)`` rows, built with ``textContent``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: "bottomleft"});
                legend.onAdd = function () {
                    var box = L.DomUtil.create("div", "tr-legend");
                    {{ this.rows|tojson }}.forEach(function (row) {
                        var line = L.DomUtil.create("div", "tr-legend-row", box);
                        L.DomUtil.create("span", "tr-swatch " + row[1], line);
                        line.appendChild(document.createTextNode(row[0]));
                    });
                    return box;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Legend"
        self.rows = [list(row) for row in rows]


class _ClusterFilter(MacroElement):
    """Show only the clustered places whose kind and province are ticked in a page form.

    The form is the page's own (server-rendered, translated, usable without JavaScript): one
    checkbox per kind named ``kind`` and one per province named ``province``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function () {
                var form = document.getElementById({{ this.form_id|tojson }});
                var cluster = {{ this.cluster.get_name() }};
                if (!form) { return; }
                var markers = cluster.getLayers();
                function ticked(name) {
                    var boxes = form.querySelectorAll("input[name='" + name + "']:checked");
                    return Array.prototype.map.call(boxes, function (box) { return box.value; });
                }
                function apply() {
                    var kinds = ticked("kind"), provinces = ticked("province");
                    cluster.clearLayers();
                    cluster.addLayers(markers.filter(function (marker) {
                        return kinds.indexOf(marker.options.kind) >= 0
                            && provinces.indexOf(marker.options.province) >= 0;
                    }));
                }
                form.addEventListener("change", apply);
                form.addEventListener("submit", function (event) {
                    event.preventDefault();
                    apply();
                });
                apply();
            })();
        {% endmacro %}
        """
    )

    def __init__(self, cluster: MarkerCluster, form_id: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ClusterFilter"
        self.cluster = cluster
        self.form_id = form_id


#: Turns one catalogue row ``[lat, lon, name, kind, province, url, kind label, dx, dy]`` into a
#: marker drawn ``(dx, dy)`` pixels from its point (``core.pins``).
#: Names and labels arrive already through :func:`map_text`, hence ``innerHTML`` is safe.
_PLACE_MARKER_JS = """function (row) {
    var marker = L.marker([row[0], row[1]], {
        icon: L.divIcon({
            className: "tr-place tr-kind-" + row[3],
            iconSize: [__PX__, __PX__],
            iconAnchor: [__PX__ / 2 - row[7], __PX__ / 2 - row[8]]
        }),
        kind: row[3],
        province: row[4]
    });
    marker.bindTooltip(row[2]);
    marker.bindPopup('<a class="tr-popup-title" href="' + row[5] + '">' + row[2] + "</a>"
        + '<span class="tr-popup-kind">' + row[6] + "</span>");
    return marker;
}""".replace("__PX__", str(_PLACE_PX))


def use_local_assets(*, leaflet_url: str, markercluster_url: str) -> None:
    """Point folium at our own copies of Leaflet and MarkerCluster instead of its CDNs.

    folium keeps its asset lists on the classes, so this is process-wide and belongs in the
    app factory. Only what these maps use is listed: no jQuery, Bootstrap, Font Awesome or
    awesome-markers (markers are ``L.divIcon``s styled by our CSS).
    """
    folium.Map.default_js = [("leaflet", f"{leaflet_url}/leaflet.js")]
    folium.Map.default_css = [("leaflet_css", f"{leaflet_url}/leaflet.css")]
    MarkerCluster.default_js = [
        ("markerclusterjs", f"{markercluster_url}/leaflet.markercluster.js")
    ]
    MarkerCluster.default_css = [
        ("markerclustercss", f"{markercluster_url}/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{markercluster_url}/MarkerCluster.Default.css"),
    ]


def _new_map(tiles: TileSpec, points: Sequence[tuple[float, float]]) -> folium.Map:
    """A map with our tile layer, showing ``points`` (at least one) as large as fits."""
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    south_west, north_east = (min(lats), min(lons)), (max(lats), max(lons))
    centre = ((south_west[0] + north_east[0]) / 2, (south_west[1] + north_east[1]) / 2)
    m = folium.Map(location=centre, zoom_start=9, tiles=None, control_scale=True, zoom_snap=0.5)
    folium.TileLayer(
        tiles=tiles.url, attr=tiles.attribution, max_zoom=tiles.max_zoom, control=False
    ).add_to(m)
    if south_west != north_east:
        m.fit_bounds([south_west, north_east], padding=(_FIT_PADDING_PX,) * 2, max_zoom=14)
    return m


def _anchor(size_px: int, offset: tuple[float, float]) -> tuple[int, int]:
    """The icon anchor that draws an icon ``offset`` pixels away from its true point."""
    return (round(size_px / 2 - offset[0]), round(size_px / 2 - offset[1]))


def _pin(text: str, css: str, offset: tuple[float, float] = (0.0, 0.0)) -> folium.DivIcon:
    return folium.DivIcon(
        html=f"<span>{text}</span>",
        class_name=f"tr-pin {css}",
        icon_size=(_PIN_PX, _PIN_PX),
        icon_anchor=_anchor(_PIN_PX, offset),
    )


def _add_marker(
    parent: Any, place: Place, *, icon: folium.DivIcon, tooltip: str, popup: str
) -> None:
    marker = folium.Marker((place.lat, place.lon), icon=icon, tooltip=folium.Tooltip(tooltip))
    marker.add_child(_Popup(popup))  # type: ignore[no-untyped-call]
    marker.add_to(parent)


def _popup_html(place: Place, lang: str, lines: Iterable[str]) -> str:
    parts = [
        f'<strong class="tr-popup-title">{map_text(place.name(lang))}</strong>',
        f'<span class="tr-popup-kind">{map_text(words(lang).kind(place.kind))}</span>',
        *(f"<span>{map_text(line)}</span>" for line in lines),
    ]
    return "".join(parts)


def trip_map(
    it: Itinerary,
    *,
    lang: str,
    tiles: TileSpec,
    boundaries_geojson: Mapping[str, Any] | None = None,
) -> folium.Map:
    """The itinerary drawn day by day, each day a layer that can be switched off.

    Stops are numbered in visiting order across the whole trip and coloured by day; the start,
    the nights and the end get their own icons, drawn once per place with every role listed.
    Pins at one point are spread apart (``core.pins``). The provinces' outlines, when given,
    let the map be read without tiles.
    """
    w = words(lang)
    programme = itinerary_programme(it)
    paths = [day_points(day) for day in programme]
    m = _new_map(tiles, [point for path in paths for point in path])
    if boundaries_geojson is not None:
        _add_boundaries(m, _in_region(boundaries_geojson), lang)
    roles: dict[str, list[str]] = {}
    endpoints: list[tuple[int, Place]] = []

    def endpoint(day_index: int, place: Place, line: str) -> None:
        if place.slug not in roles:
            roles[place.slug] = []
            endpoints.append((day_index, place))
        roles[place.slug].append(line)

    groups = []
    #: (layer, place, pin text, CSS classes, tooltip, popup), added once all are known.
    pins: list[tuple[Any, Place, str, str, str, str]] = []
    for d, (day, path) in enumerate(zip(programme, paths, strict=True)):
        colour = f"tr-day-{d % DAY_COLOURS}"
        name = f"{w.day(day.number)} · {w.long_date(day.date)}"
        group = folium.FeatureGroup(name=map_text(name)).add_to(m)
        groups.append(group)
        folium.PolyLine(  # type: ignore[no-untyped-call]
            path, weight=5, opacity=0.85, class_name=f"tr-line {colour}", tooltip=map_text(name)
        ).add_to(group)
        leave = day.events[0]
        if d == 0:
            endpoint(d, leave.place, f"{event_title(leave, w)} · {event_time(leave)}")
        for event in day.stops():
            lines = [name, event_time(event)]
            lines += [member.name(lang) for member in event.members if member != event.place]
            pins.append(
                (
                    group,
                    event.place,
                    str(event.number),
                    f"tr-stop {colour}",
                    map_text(event_title(event, w)),
                    _popup_html(event.place, lang, lines),
                )
            )
        night = day.events[-1]
        endpoint(d, night.place, f"{event_title(night, w)} · {event_time(night)}")

    for d, place in endpoints:
        role = "tr-gateway" if place.kind == "gateway" else "tr-lodging"
        pins.append(
            (
                groups[d],
                place,
                "",
                role,
                map_text(place.name(lang)),
                _popup_html(place, lang, roles[place.slug]),
            )
        )
    offsets = spread_offsets([(p[1].lat, p[1].lon) for p in pins], spacing=PIN_SPACING_PX)
    for (group, place, text, css, tooltip, popup), offset in zip(pins, offsets, strict=True):
        _add_marker(group, place, icon=_pin(text, css, offset), tooltip=tooltip, popup=popup)
    folium.LayerControl(collapsed=True).add_to(m)
    legend = [(w.day(d + 1), f"tr-day-{d % DAY_COLOURS}") for d in range(len(it.days))]
    legend += [(w.kind("lodging"), "tr-lodging"), (w.kind("gateway"), "tr-gateway")]
    m.add_child(_Legend(legend))
    return m


def _in_region(boundaries_geojson: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        feature
        for feature in boundaries_geojson.get("features", ())
        if feature.get("properties", {}).get("code") in PROVINCES
    ]


def _corners(features: Sequence[Mapping[str, Any]]) -> list[tuple[float, float]]:
    """South-west and north-east corners of each outline, so a map fits whole provinces."""
    corners: list[tuple[float, float]] = []
    for feature in features:
        west, south, east, north = shapely.geometry.shape(feature["geometry"]).bounds
        corners += [(south, west), (north, east)]
    return corners


def _add_boundaries(m: folium.Map, features: list[dict[str, Any]], lang: str) -> None:
    """Province outlines, each labelled at a point inside it (not the centroid, which can fall
    outside a concave province)."""
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda feature: {
            "className": f"tr-boundary tr-boundary-{feature['properties']['code']}",
            "fill": False,
            "weight": 2,
        },
        interactive=False,
        control=False,
    ).add_to(m)
    for feature in features:
        props = feature["properties"]
        inside = shapely.geometry.shape(feature["geometry"]).representative_point()
        folium.Marker(
            (inside.y, inside.x),
            icon=folium.DivIcon(
                html=map_text(props["name_en" if lang == "en" else "name_vi"]),
                class_name="tr-province-label",
                icon_size=(120, 20),
                icon_anchor=(60, 10),
            ),
            interactive=False,
            keyboard=False,
        ).add_to(m)


def catalogue_map(
    places: Sequence[Place],
    boundaries_geojson: Mapping[str, Any],
    *,
    lang: str,
    tiles: TileSpec,
    place_url: Callable[[str], str],
    filter_form_id: str | None = None,
) -> folium.Map:
    """Every place, clustered, over the three provinces' outlines.

    ``place_url(slug)`` gives the language-aware address of a place's page, linked from its
    popup. With ``filter_form_id`` the markers follow the kind and province checkboxes of
    that form on the page.
    """
    features = _in_region(boundaries_geojson)
    m = _new_map(tiles, [(p.lat, p.lon) for p in places] + _corners(features))
    _add_boundaries(m, features, lang)
    offsets = spread_offsets([(p.lat, p.lon) for p in places], spacing=_PLACE_PX + 2)
    rows = [
        [
            p.lat,
            p.lon,
            map_text(p.name(lang)),
            p.kind,
            p.province,
            map_text(place_url(p.slug)),
            map_text(words(lang).kind(p.kind)),
            round(dx),
            round(dy),
        ]
        for p, (dx, dy) in zip(places, offsets, strict=True)
    ]
    cluster = FastMarkerCluster(  # type: ignore[no-untyped-call]
        rows,
        callback=_PLACE_MARKER_JS,
        control=False,
        show_coverage_on_hover=False,
        max_cluster_radius=40,
    )
    cluster.add_to(m)
    if filter_form_id:
        m.add_child(_ClusterFilter(cluster, filter_form_id))
    return m


#: How a neighbour's distance is measured: road travel time, or a straight line as a stand-in.
Measure = Literal["drive_min", "straight_km"]


def place_map(
    place: Place,
    neighbours: Sequence[tuple[Place, float]],
    *,
    lang: str,
    tiles: TileSpec,
    place_url: Callable[[str], str],
    measure: Measure = "drive_min",
    together: Sequence[Place] = (),
    together_text: str = "",
) -> folium.Map:
    """One place and what is near it, each neighbour with its distance in the tooltip.

    ``neighbours`` are ``(place, minutes)`` pairs, or ``(place, km)`` with
    ``measure="straight_km"``; the page says which it is. ``together`` are the other places of
    its site group, labelled ``together_text`` (the site's name) rather than a drive.
    """
    w = words(lang)
    labelled = [(p, together_text) for p in together] + [
        (p, w.minutes(amount) if measure == "drive_min" else f"{amount:.1f} km")
        for p, amount in neighbours
    ]
    points = [(place.lat, place.lon)] + [(p.lat, p.lon) for p, _ in labelled]
    m = _new_map(tiles, points)
    here, *around = spread_offsets(points, spacing=PIN_SPACING_PX)
    _add_marker(
        m,
        place,
        icon=_pin("", "tr-here", here),
        tooltip=map_text(place.name(lang)),
        popup=_popup_html(place, lang, []),
    )
    for (neighbour, label), offset in zip(labelled, around, strict=True):
        name = map_text(neighbour.name(lang))
        marker = folium.Marker(
            (neighbour.lat, neighbour.lon),
            icon=folium.DivIcon(
                class_name=f"tr-place tr-kind-{neighbour.kind}",
                icon_size=(_PLACE_PX, _PLACE_PX),
                icon_anchor=_anchor(_PLACE_PX, offset),
            ),
            tooltip=folium.Tooltip(f"{name} · {map_text(label)}"),
        )
        marker.add_child(  # type: ignore[no-untyped-call]
            _Popup(
                f'<a class="tr-popup-title" href="{map_text(place_url(neighbour.slug))}">{name}</a>'
                f'<span class="tr-popup-kind">{map_text(w.kind(neighbour.kind))}</span>'
                f"<span>{map_text(label)}</span>"
            )
        )
        marker.add_to(m)
    return m


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A labelled point of a review map; ``css`` picks its look (``tr-old``, ``tr-new``)."""

    lat: float
    lon: float
    text: str
    css: str


def review_map(
    points: Sequence[MapPoint],
    boundaries_geojson: Mapping[str, Any],
    *,
    province: str,
    lang: str,
    tiles: TileSpec,
) -> folium.Map:
    """A draft's points (published and proposed) over their province's outline.

    The outline is drawn as a vector, so the map reads even when no tile loads; the view is
    fitted to the points *and* the province, so a point put in the wrong place shows as such.
    """
    features = [
        f for f in _in_region(boundaries_geojson) if f.get("properties", {}).get("code") == province
    ]
    m = _new_map(tiles, [(p.lat, p.lon) for p in points] + _corners(features))
    _add_boundaries(m, features, lang)
    for point in points:
        folium.Marker(
            (point.lat, point.lon),
            icon=_pin("", point.css),
            tooltip=folium.Tooltip(map_text(point.text), permanent=True),
        ).add_to(m)
    return m


_OPENING_TAG = re.compile(r"<(script|style)\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</(?=script)", re.IGNORECASE)


def render_parts(m: folium.Map, *, nonce: str) -> MapParts:
    """Render ``m`` into head links, body HTML and a script for our own page.

    folium's full-page header (viewport, ``html, body`` sizes, globals) is left out: the page
    has its layout and ``map.css`` sizes the map. Every ``<script>`` and ``<style>`` left
    gets the request's nonce.
    """
    figure = m.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("render_parts needs a map that belongs to a folium Figure")
    figure.render()
    head = []
    for name, element in figure.header._children.items():
        if isinstance(element, JavascriptLink):
            head.append(f'<script src="{html.escape(element.url)}"></script>')
        elif isinstance(element, CssLink):
            head.append(f'<link rel="stylesheet" href="{html.escape(element.url)}">')
        elif name not in (m.get_name(), "meta_http"):
            head.append(element.render())
    with_nonce = rf'<\1 nonce="{html.escape(nonce)}"'
    return MapParts(
        header=_OPENING_TAG.sub(with_nonce, "\n".join(head)),
        body=figure.html.render(),
        script=_SCRIPT_END.sub(r"<\\/", figure.script.render()),
    )
