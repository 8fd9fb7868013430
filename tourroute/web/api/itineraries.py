"""Planning, reading and exporting itineraries.

``POST /itineraries`` is anonymous and creates a new resource with an unguessable id; it acts on
no one's account, so it needs no CSRF token (the whole JSON API is exempt: ``tourroute.web.api``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for

from tourroute.core.domain import Itinerary
from tourroute.core.scenario_compare import driving_to_dict
from tourroute.core.serialize import itinerary_to_dict
from tourroute.services import scenarios, trip_exports, trips
from tourroute.services.package_json import costs_to_dict
from tourroute.services.traveller_costs import MAX_TRAVELLERS, traveller_costs
from tourroute.web.api import bp, plan_limit
from tourroute.web.api.locale import _, response_lang
from tourroute.web.api.params import flag_arg, int_arg
from tourroute.web.api.problems import invalid_field, not_found
from tourroute.web.api.trip_body import json_object, trip_request_from_json


def _links(trip_id: str) -> dict[str, Any]:
    return {
        "self": url_for("api.itinerary", trip_id=trip_id),
        "page": f"{request.script_root}/trips/{trip_id}",
        "exports": {
            fmt: url_for("api.itinerary_export", trip_id=trip_id, fmt=fmt)
            for fmt in trip_exports.FORMATS
        },
    }


def _resource(
    trip_id: str,
    itinerary: Itinerary,
    *,
    lang: str,
    travellers: int | None = None,
    comparison: bool = False,
) -> dict[str, Any]:
    """The itinerary, with its cost estimate for ``travellers`` and its Ring Road 5 comparison
    when asked for (each costs a computation that most clients do not need)."""
    body = {"id": trip_id, **itinerary_to_dict(itinerary, lang=lang), "links": _links(trip_id)}
    if travellers is not None:
        body["costs"] = costs_to_dict(traveller_costs(itinerary, travellers=travellers))
    if comparison:
        found = scenarios.ring_road_5_comparison(itinerary)
        body["comparison"] = (
            None
            if found is None
            else {
                "scenario": scenarios.COMPARED_SCENARIO,
                **driving_to_dict(found.total),
                "days": [driving_to_dict(day) for day in found.days],
            }
        )
    return body


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
    body = _resource(trip_id, itinerary, lang=lang, travellers=json_object().get("travellers"))
    return body, 201, {"Location": body["links"]["self"]}


@bp.get("/itineraries/<trip_id>")
def itinerary(trip_id: str) -> dict[str, Any]:
    travellers = int_arg("travellers", minimum=1, maximum=MAX_TRAVELLERS)
    comparison = flag_arg("comparison")
    return _resource(
        trip_id,
        _saved(trip_id).itinerary,
        lang=response_lang(),
        travellers=travellers,
        comparison=comparison,
    )


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
