"""GeoJSON (RFC 7946) for web maps and GIS: a Point per visit and a LineString per day."""

from __future__ import annotations

import json
from typing import Any

from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.export.timeline import day_drives, day_points
from tourroute.core.serialize import COORD_DECIMALS, KM_DECIMALS, place_to_dict


def _lonlat(lat: float, lon: float) -> list[float]:
    # GeoJSON orders coordinates longitude first, unlike the rest of TourRoute.
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]


def itinerary_to_geojson(it: Itinerary, *, lang: str) -> bytes:
    """A FeatureCollection as UTF-8 JSON bytes; stops first, then one line per day."""
    features: list[dict[str, Any]] = []
    for number, day in enumerate(it.days, start=1):
        for order, stop in enumerate(day.stops, start=1):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": _lonlat(stop.place.lat, stop.place.lon),
                    },
                    "properties": {
                        "feature": "stop",
                        "day": number,
                        "date": day.date.isoformat(),
                        "order": order,
                        **place_to_dict(stop.place, lang=lang),
                        "arrive": hhmm(stop.arrive_min),
                        "start": hhmm(stop.start_min),
                        "depart": hhmm(stop.depart_min),
                        "travel_km": round(stop.leg.km, KM_DECIMALS),
                        "festival": stop.festival,
                    },
                }
            )
        drives = day_drives(day)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [_lonlat(lat, lon) for lat, lon in day_points(day)],
                },
                "properties": {
                    "feature": "day_route",
                    "day": number,
                    "date": day.date.isoformat(),
                    "drive_minutes": round(sum(d.leg.minutes for d in drives)),
                    "drive_km": round(sum(d.leg.km for d in drives), KM_DECIMALS),
                    "origin": day.origin.slug,
                    "lodging": day.lodging.slug,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
