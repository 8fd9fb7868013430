"""Error pages in the visitor's language; bad input is a 400, never a 500."""

from __future__ import annotations

from flask import Flask, Response, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from tourroute.services.curation import EditConflict
from tourroute.web.access import Refused
from tourroute.web.api.locale import is_api_request
from tourroute.web.api.problems import problem_response
from tourroute.web.inputs import InvalidInput
from tourroute.web.messages import error_text


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | Response:
        if is_api_request():
            return problem_response(error)
        code = error.code or 500
        titles = {
            400: _("Bad request"),
            403: _("Access denied"),
            404: _("Page not found"),
            405: _("Method not allowed"),
            413: _("Upload too large"),
            429: _("Too many requests"),
        }
        title = titles.get(code, _("Something went wrong"))
        # A 400's description is ours; a 403 from the access helper names its reason.
        detail = error.description if code == 400 or isinstance(error, Refused) else None
        if isinstance(error, InvalidInput) and error.errors:
            detail = " ".join(
                _("Parameter “%(name)s”: %(message)s", name=e.field, message=e.message)
                for e in error.errors
            )
        return render_template("error.html", code=code, title=title, detail=detail), code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        detail = _(
            "The request was refused because its security token is missing or out of date. "
            "Reload the page and try again."
        )
        return render_template("error.html", code=400, title=_("Bad request"), detail=detail), 400

    @app.errorhandler(EditConflict)
    def edit_conflict(error: EditConflict) -> tuple[str, int]:
        """Someone else acted first on the same place or draft: 409, never a 500."""
        return render_template(
            "error.html", code=409, title=_("Changed by someone else"), detail=error_text(error)
        ), 409

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int] | Response:
        if is_api_request():
            return problem_response(error)
        return render_template(
            "error.html", code=500, title=_("Something went wrong"), detail=None
        ), 500
