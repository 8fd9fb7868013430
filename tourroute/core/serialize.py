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
    Change,
    DayPlan,
    DetailValue,
    Itinerary,
    LeftOut,
    Leg,
    LockedStop,
    Note,
    Place,
    ReasonDetail,
    ScheduledShow,
    ShowOffer,
    SiteGroup,
    Stop,
    Totals,
    TripRequest,
    hhmm,
    parse_hhmm,
)
from tourroute.core.errors import DataError, UnknownPlaceError
from tourroute.core.hours import parse_opening_hours
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
        "group": None if stop.group is None else stop.group.slug,
        "group_name": None if stop.group is None else stop.group.name(lang),
        "group_names": None
        if stop.group is None
        else {"vi": stop.group.name_vi, "en": stop.group.name_en},
        "members": [place_to_dict(m, lang=lang) for m in stop.members],
        "experience": None
        if stop.experience is None
        else offer_to_dict(stop.experience, lang=lang),
    }


def offer_to_dict(offer: ShowOffer, *, lang: str) -> JSONDict:
    """A show or experience offer: what, how long, how it is booked, and the source."""
    return {
        "slug": offer.slug,
        "kind": offer.kind,
        "name": offer.name(lang),
        "name_vi": offer.name_vi,
        "name_en": offer.name_en,
        "venue_slug": offer.venue,
        "duration_minutes": offer.duration_min,
        "by_arrangement": offer.by_arrangement,
        "book_ahead": offer.by_arrangement,
        "booking_note": offer.booking_note_en if lang == "en" else offer.booking_note_vi,
        "booking_note_vi": offer.booking_note_vi,
        "booking_note_en": offer.booking_note_en,
        "hours": offer.hours.text,
        "source": offer.source,
    }


def show_to_dict(show: ScheduledShow, *, lang: str) -> JSONDict:
    return {
        **offer_to_dict(show.offer, lang=lang),
        "venue": place_to_dict(show.venue, lang=lang),
        "start": hhmm(show.start_min),
        "end": hhmm(show.end_min),
        **leg_to_dict(show.leg),
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
        "lodging_reason": day.lodging_reason,
        "shows": [show_to_dict(show, lang=lang) for show in day.shows],
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


def note_to_dict(note: Note, *, lang: str) -> JSONDict:
    return {
        "code": note.code,
        "day": note.day,
        "place": None if note.place is None else place_to_dict(note.place, lang=lang),
        "needs_days": note.needs,
        "covers": [{"name_vi": vi, "name_en": en} for vi, en in note.covers],
        "label_vi": note.label[0],
        "label_en": note.label[1],
    }


def change_to_dict(change: Change, *, lang: str) -> JSONDict:
    return {
        "slug": change.place.slug,
        "change": change.change,
        "reason": change.reason,
        "place": place_to_dict(change.place, lang=lang),
        "day": change.day,
        "from_day": change.from_day,
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
        "notes": [note_to_dict(n, lang=lang) for n in it.notes],
        "changes": [change_to_dict(c, lang=lang) for c in it.changes],
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


def _group(data: Mapping[str, Any]) -> SiteGroup | None:
    """A stop's site group as stored: slug, both names and the members' slugs."""
    if data.get("group") is None:
        return None
    names = data["group_names"]
    members = tuple(m["slug"] for m in data["members"])
    return SiteGroup(slug=data["group"], name_vi=names["vi"], name_en=names["en"], members=members)


def _offer(data: Mapping[str, Any], venue: str) -> ShowOffer:
    """A stored offer; its hours come back as text only (the plan already placed it)."""
    return ShowOffer(
        slug=data["slug"],
        venue=venue,
        kind=data["kind"],
        name_vi=data["name_vi"],
        name_en=data["name_en"],
        duration_min=int(data["duration_minutes"]),
        hours=parse_opening_hours("unknown" if data["by_arrangement"] else data["hours"]),
        by_arrangement=bool(data["by_arrangement"]),
        booking_note_vi=data["booking_note_vi"],
        booking_note_en=data["booking_note_en"],
        source=data["source"],
    )


def _show(data: Mapping[str, Any], venue: Place) -> ScheduledShow:
    return ScheduledShow(
        offer=_offer(data, venue.slug),
        venue=venue,
        start_min=parse_hhmm(data["start"]),
        end_min=parse_hhmm(data["end"]),
        leg=_leg(data),
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
                        group=_group(s),
                        members=tuple(place(m) for m in s.get("members", ())),
                        experience=None
                        if s.get("experience") is None
                        else _offer(s["experience"], s["experience"]["venue_slug"]),
                    )
                    for s in d["stops"]
                ),
                lodging=place(d["lodging"]),
                final_leg=_leg(d["final_leg"]),
                arrive_lodging_min=parse_hhmm(d["arrive_lodging"]),
                lunch_start_min=None if d["lunch_start"] is None else parse_hhmm(d["lunch_start"]),
                lodging_reason=d.get("lodging_reason"),
                shows=tuple(_show(x, place(x["venue"])) for x in d.get("shows", ())),
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
            notes=tuple(
                Note(
                    code=n["code"],
                    day=n["day"],
                    place=None if n["place"] is None else place(n["place"]),
                    needs=n["needs_days"],
                    covers=tuple((c["name_vi"], c["name_en"]) for c in n["covers"]),
                    label=(n["label_vi"], n["label_en"]),
                )
                for n in data.get("notes", ())
            ),
            changes=tuple(
                Change(
                    place=place(c["place"]),
                    change=c["change"],
                    reason=c["reason"],
                    day=c["day"],
                    from_day=c["from_day"],
                )
                for c in data.get("changes", ())
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"stored itinerary is malformed: {exc!r}") from exc
