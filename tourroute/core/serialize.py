"""The one JSON shape of an itinerary, shared by ``tourroute plan --json`` and the API.

Keeping a single converter means the CLI, the API and stored trips cannot drift apart. Keys are
emitted in a fixed order and numbers are rounded to what is meaningful (whole minutes, 0.1 km,
about 1 m for coordinates) so that the output diffs cleanly and reads well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from tourroute.core.domain import (
    DayPlan,
    DetailValue,
    Itinerary,
    LeftOut,
    Leg,
    LockedStop,
    Place,
    ReasonDetail,
    Stop,
    Totals,
    TripRequest,
    hhmm,
    parse_hhmm,
)
from tourroute.core.errors import DataError, UnknownPlaceError
from tourroute.core.reasons import left_out_text
from tourroute.core.words import words

#: Decimal places kept for coordinates: 1e-5 degree is about 1 m, finer than any source we have.
COORD_DECIMALS = 5
KM_DECIMALS = 1
SCORE_DECIMALS = 3

JSONDict = dict[str, Any]


def place_to_dict(place: Place, *, lang: str) -> JSONDict:
    """A place as the API shows it: identity, both names, the name for ``lang`` and where it is."""
    return {
        "slug": place.slug,
        "name": place.name(lang),
        "name_vi": place.name_vi,
        "name_en": place.name_en,
        "kind": place.kind,
        "province": place.province,
        "lat": round(place.lat, COORD_DECIMALS),
        "lon": round(place.lon, COORD_DECIMALS),
        "precision": place.precision,
        "commune_2025": place.commune_2025,
    }


def _path(points: tuple[tuple[float, float], ...]) -> list[list[float]]:
    return [[round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)] for lat, lon in points]


def leg_to_dict(leg: Leg) -> JSONDict:
    return {
        "travel_minutes": round(leg.minutes),
        "travel_km": round(leg.km, KM_DECIMALS),
        "path": _path(leg.path),
        "roads": list(leg.roads),
    }


def stop_to_dict(stop: Stop, *, lang: str) -> JSONDict:
    return {
        "place": place_to_dict(stop.place, lang=lang),
        "arrive": hhmm(stop.arrive_min),
        "start": hhmm(stop.start_min),
        "depart": hhmm(stop.depart_min),
        "wait_minutes": stop.wait_min,
        **leg_to_dict(stop.leg),
        "score": round(stop.score, SCORE_DECIMALS),
        "festival": stop.festival,
        "locked": stop.locked,
    }


def day_to_dict(day: DayPlan, *, lang: str) -> JSONDict:
    return {
        "date": day.date.isoformat(),
        "origin": place_to_dict(day.origin, lang=lang),
        "stops": [stop_to_dict(s, lang=lang) for s in day.stops],
        "lodging": place_to_dict(day.lodging, lang=lang),
        "final_leg": leg_to_dict(day.final_leg),
        "arrive_lodging": hhmm(day.arrive_lodging_min),
        "lunch_start": None if day.lunch_start_min is None else hhmm(day.lunch_start_min),
    }


def request_to_dict(request: TripRequest) -> JSONDict:
    return {
        "start_date": request.start_date.isoformat(),
        "days": request.days,
        "start": request.start,
        "end": request.end,  # null: back where the trip started
        "theme": request.theme,
        "pace": request.pace,
        "day_start": hhmm(request.day_start_min),
        "day_end": hhmm(request.day_end_min),
        "max_drive_minutes_per_day": request.max_drive_min_per_day,
        "lunch_minutes": request.lunch_min,
        "favour_kinds": list(request.favour_kinds),
        "include": list(request.include),
        "exclude": list(request.exclude),
        "locked": [{"slug": ls.slug, "day": ls.day} for ls in request.locked],
        "festivals": request.festivals,
        "seed": request.seed,
        "scenario": request.scenario,
    }


def _detail_value(value: DetailValue) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [d.isoformat() for d in value]
    return value


def left_out_to_dict(item: LeftOut, *, lang: str) -> JSONDict:
    """``detail`` is the sentence in ``lang``; ``details`` the facts it is made of, by code."""
    return {
        "place": place_to_dict(item.place, lang=lang),
        "reason": item.reason,
        "detail": left_out_text(item, words(lang)),
        "details": [
            {"code": d.code, "values": {k: _detail_value(v) for k, v in d.values}}
            for d in item.detail
        ],
        "must_include": item.must_include,
    }


def _detail_from(data: Mapping[str, Any]) -> ReasonDetail:
    values: list[tuple[str, DetailValue]] = []
    for key, value in data["values"].items():
        if key == "date":
            values.append((key, dt.date.fromisoformat(value)))
        elif key == "dates":
            values.append((key, tuple(dt.date.fromisoformat(v) for v in value)))
        else:
            values.append((key, value))
    return ReasonDetail(str(data["code"]), tuple(values))


def itinerary_to_dict(it: Itinerary, *, lang: str) -> JSONDict:
    """The JSON-ready representation of ``it``; ``lang`` picks the ``name`` shown beside both names.

    Times of day are local ``HH:MM`` strings, dates ISO ``YYYY-MM-DD``, paths ``[lat, lon]`` pairs.
    """
    return {
        "lang": lang,
        "scenario": it.request.scenario,
        "request": request_to_dict(it.request),
        "days": [day_to_dict(d, lang=lang) for d in it.days],
        "totals": {
            "score": round(it.totals.score, SCORE_DECIMALS),
            "drive_minutes": round(it.totals.drive_min),
            "drive_km": round(it.totals.drive_km, KM_DECIMALS),
            "visit_minutes": it.totals.visit_min,
        },
        "left_out": [left_out_to_dict(lo, lang=lang) for lo in it.left_out],
    }


def _leg(data: Mapping[str, Any]) -> Leg:
    return Leg(
        minutes=float(data["travel_minutes"]),
        km=float(data["travel_km"]),
        path=tuple((float(lat), float(lon)) for lat, lon in data["path"]),
        roads=tuple(data["roads"]),
    )


def _request(data: Mapping[str, Any]) -> TripRequest:
    return TripRequest(
        start_date=dt.date.fromisoformat(data["start_date"]),
        days=int(data["days"]),
        start=data["start"],
        end=data["end"],
        theme=data["theme"],
        pace=data["pace"],
        day_start_min=parse_hhmm(data["day_start"]),
        day_end_min=parse_hhmm(data["day_end"]),
        max_drive_min_per_day=int(data["max_drive_minutes_per_day"]),
        lunch_min=int(data["lunch_minutes"]),
        favour_kinds=tuple(data["favour_kinds"]),
        include=tuple(data["include"]),
        exclude=tuple(data["exclude"]),
        locked=tuple(LockedStop(x["slug"], int(x["day"])) for x in data["locked"]),
        festivals=bool(data["festivals"]),
        seed=int(data["seed"]),
        scenario=str(data.get("scenario", "today")),  # trips saved before scenarios: today
    )


def itinerary_from_dict(data: Mapping[str, Any], *, places: Mapping[str, Place]) -> Itinerary:
    """Rebuild a stored itinerary, taking each place from ``places`` (by slug) as it is today.

    The JSON keeps only a place's identity and position, so opening hours, tickets and
    descriptions come from the current catalogue; a slug it no longer has is an error.
    Times come back at whole-minute and 0.1 km precision, as they were stored.
    """

    def place(item: Mapping[str, Any]) -> Place:
        slug = item["slug"]
        if slug not in places:
            raise UnknownPlaceError(f"stored trip names unknown place {slug!r}", field="slug")
        return places[slug]

    try:
        days = tuple(
            DayPlan(
                date=dt.date.fromisoformat(d["date"]),
                origin=place(d["origin"]),
                stops=tuple(
                    Stop(
                        place=place(s["place"]),
                        arrive_min=parse_hhmm(s["arrive"]),
                        start_min=parse_hhmm(s["start"]),
                        depart_min=parse_hhmm(s["depart"]),
                        leg=_leg(s),
                        score=float(s["score"]),
                        festival=s["festival"],
                        locked=bool(s["locked"]),
                    )
                    for s in d["stops"]
                ),
                lodging=place(d["lodging"]),
                final_leg=_leg(d["final_leg"]),
                arrive_lodging_min=parse_hhmm(d["arrive_lodging"]),
                lunch_start_min=None if d["lunch_start"] is None else parse_hhmm(d["lunch_start"]),
            )
            for d in data["days"]
        )
        totals = data["totals"]
        return Itinerary(
            request=_request(data["request"]),
            days=days,
            totals=Totals(
                score=float(totals["score"]),
                drive_min=float(totals["drive_minutes"]),
                drive_km=float(totals["drive_km"]),
                visit_min=int(totals["visit_minutes"]),
            ),
            left_out=tuple(
                LeftOut(
                    place(x["place"]),
                    x["reason"],
                    # Trips saved before details had codes kept English text: show the reason.
                    tuple(_detail_from(d) for d in x.get("details", ())),
                    bool(x["must_include"]),
                )
                for x in data["left_out"]
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"stored itinerary is malformed: {exc!r}") from exc
