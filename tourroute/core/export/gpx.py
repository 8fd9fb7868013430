"""GPX 1.1 for GPS apps and handheld units: a waypoint per visit and a track per day."""

from __future__ import annotations

import datetime as dt

import gpxpy.gpx

from tourroute.core.domain import Itinerary
from tourroute.core.export.branding import Branding
from tourroute.core.export.events import event_time, place_description
from tourroute.core.export.xmltext import xml_safe
from tourroute.core.programme import VISIT_EVENTS, day_points, itinerary_programme, local_datetime
from tourroute.core.serialize import COORD_DECIMALS
from tourroute.core.words import TOUR_PROGRAMME, words


def itinerary_to_gpx(it: Itinerary, *, lang: str, branding: Branding | None = None) -> bytes:
    """GPX 1.1 bytes (UTF-8); times are written in UTC as GPX requires.

    Tracks rather than routes, because each day's line follows the road path point by point
    and GPS apps would re-route a ``rte`` on their own maps.
    """
    w = words(lang)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "TourRoute"
    gpx.name = f"{w.gettext(TOUR_PROGRAMME)} {it.request.start_date.isoformat()}"
    if branding is not None:
        gpx.author_name = xml_safe(branding.agency_name)
    for day in itinerary_programme(it):
        day_title = f"{w.day(day.number)} ({day.date.isoformat()})"
        for event in day.of_kind(*VISIT_EVENTS):
            place = event.place
            text = f"{day_title} {event_time(event)}"
            details = xml_safe(place_description(place, lang))
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    latitude=place.lat,
                    longitude=place.lon,
                    time=local_datetime(day.date, event.start_min).astimezone(dt.UTC),
                    name=xml_safe(place.name(lang)),
                    description=f"{text}. {details}" if details else text,
                    type=w.kind(place.kind),
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
