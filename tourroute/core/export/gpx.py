"""GPX 1.1 for GPS apps and handheld units: a waypoint per visit and a track per day."""

from __future__ import annotations

import datetime as dt

import gpxpy.gpx

from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.export.branding import Branding
from tourroute.core.export.labels import kind_label, label, place_description
from tourroute.core.export.timeline import day_points, local_datetime
from tourroute.core.export.xmltext import xml_safe
from tourroute.core.serialize import COORD_DECIMALS


def itinerary_to_gpx(it: Itinerary, *, lang: str, branding: Branding | None = None) -> bytes:
    """GPX 1.1 bytes (UTF-8); times are written in UTC as GPX requires.

    Tracks rather than routes, because each day's line follows the road path point by point
    and GPS apps would re-route a ``rte`` on their own maps.
    """
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "TourRoute"
    gpx.name = f"{label('programme', lang)} {it.request.start_date.isoformat()}"
    if branding is not None:
        gpx.author_name = xml_safe(branding.agency_name)
    for number, day in enumerate(it.days, start=1):
        day_title = f"{label('day', lang)} {number} ({day.date.isoformat()})"
        for stop in day.stops:
            place = stop.place
            text = f"{day_title} {hhmm(stop.arrive_min)}–{hhmm(stop.depart_min)}"
            details = xml_safe(place_description(place, lang))
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    latitude=place.lat,
                    longitude=place.lon,
                    time=local_datetime(day.date, stop.arrive_min).astimezone(dt.UTC),
                    name=xml_safe(place.name(lang)),
                    description=f"{text}. {details}" if details else text,
                    type=kind_label(place.kind, lang),
                )
            )
        track = gpxpy.gpx.GPXTrack(name=day_title)
        segment = gpxpy.gpx.GPXTrackSegment(
            [
                gpxpy.gpx.GPXTrackPoint(round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS))
                for lat, lon in day_points(day)
            ]
        )
        track.segments.append(segment)
        gpx.tracks.append(track)
    return gpx.to_xml(version="1.1").encode("utf-8")
