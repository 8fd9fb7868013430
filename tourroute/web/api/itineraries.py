"""Planning, reading and exporting itineraries.

``POST /itineraries`` is anonymous and creates a new resource with an unguessable id; it acts on
no one's account, so it needs no CSRF token (the whole JSON API is exempt: ``tourroute.web.api``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for

from tourroute import jobs
from tourroute.core.domain import Itinerary
from tourroute.core.messages import N_
from tourroute.core.scenario_compare import driving_to_dict
from tourroute.services import scenarios, trip_exports
from tourroute.services.itinerary_json import worded_itinerary
from tourroute.services.package_json import costs_to_dict
from tourroute.services.traveller_costs import traveller_costs
from tourroute.web.api import bp, plan_limit
from tourroute.web.api import responses as shapes
from tourroute.web.api.contract import Files, operation
from tourroute.web.api.idempotent import IdempotencyHeaders, idempotent
from tourroute.web.api.locale import response_lang
from tourroute.web.api.schemas import (
    ItineraryExportPath,
    ItineraryPath,
    ItineraryQuery,
    ReplanBody,
    TripBody,
)
from tourroute.web.caching import cached
from tourroute.web.loaders import trip_or_404


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
    """The itinerary's JSON with its notes and changes worded in ``lang`` and its links; its cost
    estimate for ``travellers`` and its Ring Road 5 comparison only when asked for (each costs a
    computation that most clients do not need)."""
    body = worded_itinerary(itinerary, lang=lang)
    body = {"id": trip_id, **body, "links": _links(trip_id)}
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


@bp.post("/itineraries")
@plan_limit
@operation(
    N_("Plan and save an itinerary"),
    ok=(201, shapes.Itinerary, N_("The planned itinerary, saved.")),
    errors=(400, 422, 429),
    body=TripBody,
    headers=IdempotencyHeaders,
    description=N_(
        "Anonymous: no account and no CSRF token are needed. Planning has its own, "
        "tighter rate limit of %(plan_limit)s."
    ),
)
@idempotent
def create_itinerary(body: TripBody) -> tuple[dict[str, Any], int, dict[str, str]]:
    from tourroute.services.planning import plan_and_save  # loads the planner when asked

    trip_id = jobs.run(plan_and_save, body.to_request())
    resource = _resource(
        trip_id, trip_or_404(trip_id).itinerary, lang=response_lang(), travellers=body.travellers
    )
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.post("/itineraries/<trip_id>/replan")
@plan_limit
@operation(
    N_("Re-plan a saved itinerary with the fewest changes"),
    ok=(201, shapes.Itinerary, N_("The new itinerary; its changes say what changed and why.")),
    errors=(400, 404, 422, 429),
    path=ItineraryPath,
    body=ReplanBody,
    description=N_(
        "Every other stop stays where it was unless it can no longer fit. Days are 0-based, "
        "as in the itinerary's request."
    ),
)
def replan_itinerary(trip_id: str, body: ReplanBody) -> tuple[dict[str, Any], int, dict[str, str]]:
    from tourroute.services.planning import replan_and_save  # loads the planner when asked

    saved = trip_or_404(trip_id)
    new_id = jobs.run(replan_and_save, saved.id, body.to_edits())
    resource = _resource(new_id, trip_or_404(new_id).itinerary, lang=response_lang())
    return resource, 201, {"Location": resource["links"]["self"]}


@bp.get("/itineraries/<trip_id>")
@cached("api", max_age_s=3600)
@operation(
    N_("A saved itinerary"),
    ok=(200, shapes.Itinerary, N_("The itinerary.")),
    errors=(400, 404, 429),
    path=ItineraryPath,
    query=ItineraryQuery,
)
def itinerary(trip_id: str, query: ItineraryQuery) -> dict[str, Any]:
    return _resource(
        trip_id,
        trip_or_404(trip_id).itinerary,
        lang=response_lang(),
        travellers=query.travellers,
        comparison=query.comparison,
    )


@bp.get("/itineraries/<trip_id>/export/<fmt>")
@cached("export", max_age_s=86400, durable=True, queued=True)
@operation(
    N_("A saved itinerary as a file"),
    ok=(
        200,
        Files(tuple(f.media_type.split(";")[0] for f in trip_exports.FORMATS.values())),
        N_("The file, as an attachment."),
    ),
    errors=(400, 404, 429),
    path=ItineraryExportPath,
    description=N_(
        "With a job worker running, a file not rendered yet is answered 202 with Location and "
        "Retry-After: ask again there until it is 200."
    ),
)
def itinerary_export(trip_id: str, fmt: str) -> Response:
    export = trip_exports.FORMATS[fmt]
    saved = trip_or_404(trip_id)
    lang = response_lang()
    data = trip_exports.export_itinerary(saved.itinerary, fmt, lang=lang)
    filename = f"tourroute-{saved.id[:8]}-{lang}.{export.extension}"
    return Response(
        data,
        content_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
