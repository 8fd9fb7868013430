"""Evening shows: a Quan họ or Xoan performance after the day's visits, near the night's lodging.

Xoan and Quan họ are performing arts: a guide books one show rather than "visiting" a village
centroid for an hour. After the days are solved, each night but the last gets at most one show
whose venue is within ``evening_near_min`` of that night's lodging, inside the evening window,
open that day (or staged by arrangement, which the plan marks "book ahead"), and within the
day's driving limit. One show per kind per trip, the venue with the most interest first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from tourroute.core.domain import (
    DayPlan,
    Place,
    PlanRules,
    ScheduledShow,
    ShowOffer,
    TravelTimes,
    TripRequest,
)
from tourroute.core.planner.legs import make_leg
from tourroute.core.planner.trip_rules import drive_min


def show_start(offer: ShowOffer, day: DayPlan, arrive_min: int, rules: PlanRules) -> int | None:
    """When the show can start on ``day`` if the traveller reaches its venue at ``arrive_min``."""
    first, last = rules.evening_window
    earliest = max(arrive_min, first)
    if offer.by_arrangement:
        spans = [(first, last)]
    else:
        spans = [(w.open_min, w.close_min) for w in offer.hours.windows_on(day.date)]
    for open_min, close_min in spans:
        begin = max(earliest, open_min)
        if begin + offer.duration_min <= min(close_min, last):
            return begin
    return None


def day_drive_min(day: DayPlan, travel: TravelTimes) -> int:
    """The day's driving in whole minutes, the way the validator counts it."""
    here, total = day.origin.slug, 0
    for stop in day.stops:
        total += drive_min(travel, here, stop.place.slug)
        here = stop.place.slug
    for show in day.shows:
        total += drive_min(travel, here, show.venue.slug)
        here = show.venue.slug
    return total + drive_min(travel, here, day.lodging.slug)


def _with_show(
    day: DayPlan,
    offer: ShowOffer,
    venue: Place,
    *,
    request: TripRequest,
    rules: PlanRules,
    travel: TravelTimes,
) -> DayPlan | None:
    here = day.stops[-1].place.slug if day.stops else day.origin.slug
    leave = day.arrive_lodging_min - drive_min(travel, here, day.lodging.slug)
    arrive = leave + drive_min(travel, here, venue.slug)
    begin = show_start(offer, day, arrive, rules)
    if begin is None:
        return None
    end = begin + offer.duration_min
    show = ScheduledShow(
        offer=offer,
        venue=venue,
        start_min=begin,
        end_min=end,
        leg=make_leg(travel, here, venue.slug),
    )
    planned = dataclasses.replace(
        day,
        shows=(show,),
        final_leg=make_leg(travel, venue.slug, day.lodging.slug),
        arrive_lodging_min=end + drive_min(travel, venue.slug, day.lodging.slug),
    )
    if day_drive_min(planned, travel) > request.max_drive_min_per_day:
        return None
    return planned


def add_evening_shows(
    days: Sequence[DayPlan],
    *,
    offers: Sequence[ShowOffer],
    places: Mapping[str, Place],
    request: TripRequest,
    rules: PlanRules,
    travel: TravelTimes,
) -> tuple[DayPlan, ...]:
    """``days`` with an evening show added where one fits (see the module docstring)."""
    evening = sorted(
        (o for o in offers if o.kind in rules.evening_kinds and o.venue in places),
        key=lambda o: (-places[o.venue].interest, o.slug),
    )
    shown: set[str] = set()
    out: list[DayPlan] = []
    for index, day in enumerate(days):
        planned = None
        if index < len(days) - 1:
            for offer in evening:
                near = drive_min(travel, offer.venue, day.lodging.slug) <= rules.evening_near_min
                if offer.kind in shown or not near:
                    continue
                planned = _with_show(
                    day,
                    offer,
                    places[offer.venue],
                    request=request,
                    rules=rules,
                    travel=travel,
                )
                if planned is not None:
                    shown.add(offer.kind)
                    break
        out.append(planned or day)
    return tuple(out)
