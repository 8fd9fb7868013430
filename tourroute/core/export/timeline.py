"""The drives and visits of a day as timed segments, and the day's line on a map.

Several formats need the same derived facts (when a drive leaves, which points it follows);
computing them once here keeps the GPX track, the KML line and the calendar in agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tourroute.core.domain import DayPlan, Leg, Place

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local_datetime(day: dt.date, minute: int) -> dt.datetime:
    """Minutes since local midnight on ``day`` as an aware datetime in Vietnam's time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ) + dt.timedelta(minutes=minute)


@dataclass(frozen=True, slots=True)
class Drive:
    """A drive ending at ``arrive_min``; it leaves ``leg.minutes`` (rounded) earlier."""

    origin: Place
    destination: Place
    leg: Leg
    depart_min: int
    arrive_min: int


def _drive(origin: Place, destination: Place, leg: Leg, arrive_min: int) -> Drive:
    return Drive(origin, destination, leg, arrive_min - round(leg.minutes), arrive_min)


def day_drives(day: DayPlan) -> tuple[Drive, ...]:
    """Every drive of ``day`` in order, the last one to the night's lodging."""
    drives = []
    previous = day.origin
    for stop in day.stops:
        drives.append(_drive(previous, stop.place, stop.leg, stop.arrive_min))
        previous = stop.place
    drives.append(_drive(previous, day.lodging, day.final_leg, day.arrive_lodging_min))
    return tuple(drives)


def leg_points(drive: Drive) -> tuple[tuple[float, float], ...]:
    """The drive's road path as ``(lat, lon)``, or a straight line when no path is known."""
    if drive.leg.path:
        return drive.leg.path
    return ((drive.origin.lat, drive.origin.lon), (drive.destination.lat, drive.destination.lon))


def day_points(day: DayPlan) -> tuple[tuple[float, float], ...]:
    """The whole day's line, origin to lodging, without repeating the joints between legs."""
    points: list[tuple[float, float]] = []
    for drive in day_drives(day):
        for point in leg_points(drive):
            if not points or points[-1] != point:
                points.append(point)
    return tuple(points)
