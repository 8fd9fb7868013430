"""GeoJSON (RFC 7946) for web maps and GIS: a Point per visit and a LineString per day."""

from __future__ import annotations

import json
from typing import Any

from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.programme import VISIT_EVENTS, day_points, itinerary_programme
from tourroute.core.serialize import COORD_DECIMALS, KM_DECIMALS, place_to_dict


def _lonlat(lat: float, lon: float) -> list[float]:
    # GeoJSON orders coordinates longitude first, unlike the rest of TourRoute.
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]


def itinerary_to_geojson(it: Itinerary, *, lang: str) -> bytes:
    """A FeatureCollection as UTF-8 JSON bytes; stops first, then one line per day."""
    features: list[dict[str, Any]] = []
    for day in itinerary_programme(it):
        for order, event in enumerate(day.of_kind(*VISIT_EVENTS), start=1):
            stop = event.stop
            assert stop is not None
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": _lonlat(event.place.lat, event.place.lon),
                    },
                    "properties": {
                        "feature": "stop",
                        "day": day.number,
                        "date": day.date.isoformat(),
                        "order": order,
                        "number": event.number,
                        **place_to_dict(event.place, lang=lang),
                        "arrive": hhmm(stop.arrive_min),
                        "start": hhmm(event.start_min),
                        "depart": hhmm(event.end_min),
                        "travel_km": round(stop.leg.km, KM_DECIMALS),
                        "festival": stop.festival,
                        "members": [m.slug for m in event.members],
                    },
                }
            )
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [_lonlat(lat, lon) for lat, lon in day_points(day)],
                },
                "properties": {
                    "feature": "day_route",
                    "day": day.number,
                    "date": day.date.isoformat(),
                    "leave": hhmm(day.leave_min),
                    "drive_minutes": round(day.drive_min),
                    "drive_km": round(day.drive_km, KM_DECIMALS),
                    "origin": day.day.origin.slug,
                    "lodging": day.day.lodging.slug,
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
