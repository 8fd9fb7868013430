"""Planning, reading and exporting itineraries.

``POST /itineraries`` is anonymous and creates a new resource with an unguessable id; it acts on
no one's account, so it needs no CSRF token (the whole JSON API is exempt: ``tourroute.web.api``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for

from tourroute.core.domain import Itinerary
from tourroute.core.serialize import itinerary_to_dict
from tourroute.services import trip_exports, trips
from tourroute.web.api import bp, plan_limit
from tourroute.web.api.locale import _, response_lang
from tourroute.web.api.problems import invalid_field, not_found
from tourroute.web.api.trip_body import replan_edits_from_json, trip_request_from_json
from tourroute.web.trip_notes import change_text, night_reason, note_text


def _links(trip_id: str) -> dict[str, Any]:
    return {
        "self": url_for("api.itinerary", trip_id=trip_id),
        "page": f"{request.script_root}/trips/{trip_id}",
        "exports": {
            fmt: url_for("api.itinerary_export", trip_id=trip_id, fmt=fmt)
            for fmt in trip_exports.FORMATS
        },
    }


def _resource(trip_id: str, itinerary: Itinerary, *, lang: str) -> dict[str, Any]:
    """The itinerary's JSON with its notes and changes worded in ``lang``, and its links."""
    body = itinerary_to_dict(itinerary, lang=lang)
    from tourroute.services.planning import plan_rules

    arrive_by = plan_rules().festival_arrive_by_min
    days = itinerary.request.days
    for data, note in zip(body["notes"], itinerary.notes, strict=True):
        data["text"] = note_text(note, lang=lang, trip_days=days, arrive_by_min=arrive_by)
    for data, change in zip(body["changes"], itinerary.changes, strict=True):
        data["reason_text"] = change_text(change)
    for data, day in zip(body["days"], itinerary.days, strict=True):
        data["lodging_reason_text"] = night_reason(day)
    return {"id": trip_id, **body, "links": _links(trip_id)}


def _saved(trip_id: str) -> trips.SavedTrip:
    saved = trips.load_trip(trip_id)
    if saved is None:
        raise not_found(_("No itinerary has the id “%(id)s”.", id=trip_id))
    return saved


@bp.post("/itineraries")
@plan_limit
def create_itinerary() -> tuple[dict[str, Any], int, dict[str, str]]:
    trip, lang = trip_request_from_json()
    from tourroute.services.planning import plan  # the planner loads only when asked to plan

    itinerary = plan(trip)
    trip_id = trips.save_trip(itinerary)
    body = _resource(trip_id, itinerary, lang=lang)
    return body, 201, {"Location": body["links"]["self"]}


@bp.post("/itineraries/<trip_id>/replan")
@plan_limit
def replan_itinerary(trip_id: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """Re-plan a saved itinerary with the fewest changes; 201 with the new one and ``changes``."""
    saved = _saved(trip_id)
    edits, lang = replan_edits_from_json(days=saved.itinerary.request.days)
    from tourroute.services.planning import replan  # the planner loads only when asked to plan

    itinerary = replan(saved.itinerary, edits)
    new_id = trips.save_trip(itinerary)
    body = _resource(new_id, itinerary, lang=lang)
    return body, 201, {"Location": body["links"]["self"]}


@bp.get("/itineraries/<trip_id>")
def itinerary(trip_id: str) -> dict[str, Any]:
    return _resource(trip_id, _saved(trip_id).itinerary, lang=response_lang())


@bp.get("/itineraries/<trip_id>/export/<fmt>")
def itinerary_export(trip_id: str, fmt: str) -> Response:
    export = trip_exports.FORMATS.get(fmt)
    if export is None:
        raise invalid_field(
            "format",
            _("Choose one of: %(allowed)s.", allowed=", ".join(sorted(trip_exports.FORMATS))),
        )
    saved = _saved(trip_id)
    lang = response_lang()
    data = trip_exports.export_itinerary(saved.itinerary, fmt, lang=lang)
    filename = f"tourroute-{saved.id[:8]}-{lang}.{export.extension}"
    return Response(
        data,
        content_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
