"""Errors as RFC 9457 problem details (``application/problem+json``) in the caller's language.

Every error of the API has the same shape: ``type`` (a link to its explanation on the docs page),
``title``, ``status``, ``detail``, ``instance`` and, for bad input, ``errors``: one
``{"field", "message"}`` per input at fault, so a client can show each message beside its field.
"""

from __future__ import annotations

from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from tourroute.core.errors import InfeasibleError, TourRouteError, UnknownPlaceError
from tourroute.core.reasons import refusal_text
from tourroute.core.words import words
from tourroute.web.api.locale import _, response_lang
from tourroute.web.inputs import FieldError, InvalidInput

MEDIA_TYPE = "application/problem+json"
#: Where the problem types are explained (anchors on the docs page).
TYPE_BASE = "/api/docs#problem-"


def not_found(detail: str) -> InvalidInput:
    return InvalidInput(404, detail)


def problem_types() -> dict[int, tuple[str, str, str]]:
    """Status -> (type slug, title, default detail), in the current language."""
    return {
        400: ("invalid-input", _("Invalid input"), _("The request has invalid input.")),
        401: (
            "unauthorized",
            _("Authentication required"),
            _("Send a valid API token as “Authorization: Bearer <token>”."),
        ),
        403: (
            "forbidden",
            _("Forbidden"),
            _("This token's account may not do this."),
        ),
        404: ("not-found", _("Not found"), _("Nothing is published at this address.")),
        405: (
            "method-not-allowed",
            _("Method not allowed"),
            _("This address does not accept this HTTP method."),
        ),
        413: (
            "payload-too-large",
            _("Request body too large"),
            _("The request body is larger than the server accepts."),
        ),
        415: (
            "unsupported-media-type",
            _("Unsupported media type"),
            _("Send the request body as JSON (Content-Type: application/json)."),
        ),
        422: (
            "infeasible",
            _("Trip cannot be planned"),
            _("No plan can satisfy this request."),
        ),
        429: (
            "rate-limited",
            _("Too many requests"),
            _("Too many requests from this client; wait a moment and try again."),
        ),
        500: ("server-error", _("Server error"), _("Something went wrong on our side.")),
    }


def _type_of(status: int) -> tuple[str, str, str]:
    known = problem_types().get(status)
    if known is not None:
        return known
    return "http-error", _("HTTP error"), _("The request could not be completed.")


def problem_response(error: HTTPException) -> Response:
    status = error.code or 500
    slug, title, default_detail = _type_of(status)
    errors = error.errors if isinstance(error, InvalidInput) else ()
    detail = error.description if isinstance(error, InvalidInput) else default_detail
    if status == 429:
        detail = _("The limit is %(limit)s; wait a moment and try again.", limit=error.description)
    body: dict[str, object] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.script_root + request.path,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    response = jsonify(body)
    response.status_code = status
    response.mimetype = MEDIA_TYPE
    response.headers["Content-Language"] = response_lang()
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _core_message(error: TourRouteError) -> str:
    """The core's own (English) message in English; a translated one per kind otherwise."""
    if response_lang() == "en":
        return error.message
    if isinstance(error, UnknownPlaceError):
        return _("No published place has this slug.")
    if isinstance(error, InfeasibleError):
        named = refusal_text(error, words(response_lang()))
        return named or _("A place you asked for cannot fit on any day of this trip.")
    return _("This value cannot be planned as asked.")


#: The core's names for inputs that the API calls differently.
_API_FIELDS = {"day_start_min": "start_time", "day_end_min": "end_time"}


def from_core_error(error: TourRouteError) -> InvalidInput:
    """A planner refusal: 422 when the request is well-formed but unsatisfiable, else 400."""
    message = _core_message(error)
    field = _API_FIELDS.get(error.field or "", error.field or "body")
    status = 422 if isinstance(error, InfeasibleError) else 400
    return InvalidInput(status, message, (FieldError(field, message),))
