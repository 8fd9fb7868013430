"""Links that open a place or a day's route in the traveller's own navigation app.

A ``geo:`` URI (RFC 5870) opens whatever map app the phone has; OpenStreetMap and Google Maps
links work in any browser. Google's directions URL takes the stops as waypoints in order, so the
phone drives the day as planned rather than re-ordering it.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from tourroute.core.domain import DayPlan, Place
from tourroute.core.serialize import COORD_DECIMALS

#: Google Maps' directions URL accepts at most this many waypoints between origin and end.
MAX_WAYPOINTS = 9
OSM_ZOOM = 16


def _point(place: Place) -> str:
    return f"{round(place.lat, COORD_DECIMALS)},{round(place.lon, COORD_DECIMALS)}"


def geo_uri(place: Place, *, lang: str) -> str:
    """``geo:lat,lon?q=lat,lon(Name)``: the label shows the place's name in the app."""
    point = _point(place)
    return f"geo:{point}?q={point}({quote(place.name(lang), safe='')})"


def osm_url(place: Place) -> str:
    lat, lon = _point(place).split(",")
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={OSM_ZOOM}/{lat}/{lon}"


def day_directions_url(day: DayPlan) -> str:
    """Google Maps driving directions from the day's origin through its stops to the night.

    A day with more stops than Google accepts keeps the first ``MAX_WAYPOINTS`` of them.
    """
    stops = [stop.place for stop in day.stops][:MAX_WAYPOINTS]
    query = {
        "api": "1",
        "origin": _point(day.origin),
        "destination": _point(day.lodging),
        "travelmode": "driving",
    }
    if stops:
        query["waypoints"] = "|".join(_point(p) for p in stops)
    return f"https://www.google.com/maps/dir/?{urlencode(query)}"


def tel_uri(phone: str) -> str:
    """``tel:+842083855888`` for a number published as ``0208 3855 888``.

    RFC 3966 wants the global form, so a Vietnamese number written with its trunk ``0`` gets
    the country code +84; a number already given with ``+`` keeps its own, less a ``(0)``
    trunk written after it.
    """
    digits = "".join(c for c in phone.replace("(0)", "") if c.isdigit())
    if phone.lstrip().startswith("+"):
        return f"tel:+{digits}"
    return f"tel:+84{digits.removeprefix('0')}"
