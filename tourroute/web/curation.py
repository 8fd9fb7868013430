"""Curation pages: drafts of places, review, history, restore, unpublishing and import."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from flask import Blueprint, abort, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute import labels, mapview
from tourroute.core import completeness
from tourroute.core.datafiles import HERITAGE_LEVELS, PLACE_COLUMNS, TAGS
from tourroute.core.domain import KINDS, PRECISIONS, PROVINCES
from tourroute.core.messages import TranslatableError
from tourroute.core.place_import import MAX_ROWS
from tourroute.core.place_validation import FIELDS, Problem, check_place
from tourroute.core.policy import Target
from tourroute.models import Place, PlaceDraft, PlaceRevision, User
from tourroute.services import catalogue, curation, curation_places, geography, place_import
from tourroute.services.place_checks import place_context
from tourroute.web import current_locale
from tourroute.web.access import draft_target, found_or_404, place_target, require
from tourroute.web.field_display import FieldDisplay, field_label
from tourroute.web.fields import Kind
from tourroute.web.fields import Page as PageNumber
from tourroute.web.inputs import OneOf, Query, SearchText, parse_query
from tourroute.web.loaders import place_or_404
from tourroute.web.maps import embed, tiles
from tourroute.web.messages import by_field, error_text, problem_text

bp = Blueprint("curation", __name__, url_prefix="/curate")

Page = Response | str | tuple[str, int]


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _own_province() -> str | None:
    """A curator's province; None for an admin, who works on every province."""
    return _user().province_code if _user().role_name == "curator" else None


def _requested_province() -> str:
    """The province the request names, else the curator's own; "" when neither is valid.

    A curator naming another province is not silently redirected to their own: the access
    check then refuses the request, as it should.
    """
    province = request.values.get("province", "") or _own_province() or ""
    return province if province in PROVINCES else ""


def _form_fields() -> dict[str, str]:
    fields = {name: request.form.get(name, "") for name in FIELDS}
    fields["tags"] = ";".join(request.form.getlist("tags"))
    fields["festivals"] = ";".join(request.form.getlist("festivals"))
    return fields


def _int_field(name: str) -> int | None:
    raw = request.form.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _render_form(
    *,
    fields: dict[str, str],
    place: Place | None = None,
    draft: PlaceDraft | None = None,
    errors: dict[str, list[str]] | None = None,
    warnings: list[str] | None = None,
    conflict: str | None = None,
    base_version: int | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return render_template(
        "curation/place_form.html",
        fields=fields,
        place=place,
        draft=draft,
        errors=errors or {},
        warnings=warnings or [],
        conflict=conflict,
        base_version=base_version,
        kinds=KINDS,
        precisions=PRECISIONS,
        heritage_levels=HERITAGE_LEVELS,
        tags=TAGS,
        festivals=curation.festivals(),
        provinces=[p for p in catalogue.provinces() if p.code in PROVINCES],
        own_province=_own_province(),
        outline=_outline(fields.get("province", "")),
    ), status


def _outline(province: str) -> dict[str, Any]:
    """The province's outline (all three when none is chosen yet) for the map picker, which
    draws it so the map reads even when no tile loads."""
    features = geography.map_boundaries()["features"]
    chosen = [f for f in features if f["properties"]["code"] == province]
    wanted = chosen or [f for f in features if f["properties"]["code"] in PROVINCES]
    return {"type": "FeatureCollection", "features": wanted}


def _save(
    *,
    place: Place | None,
    draft: PlaceDraft | None,
    province: str,
) -> Page:
    fields = _form_fields()
    try:
        saved = curation.save_draft(
            _user(),
            fields,
            province=province,
            locale=g.locale,
            place=place,
            draft=draft,
            draft_version=_int_field("draft_version"),
            base_version=_int_field("base_version"),
        )
    except curation.EditConflict as exc:
        return _render_form(
            fields=fields,
            place=place,
            draft=draft,
            conflict=error_text(exc),
            base_version=_int_field("base_version"),
            status=409,
        )
    except curation.ValidationFailed as exc:
        return _render_form(
            fields=exc.checked.fields,
            place=place,
            draft=draft,
            errors=by_field(exc.checked.errors),
            warnings=[problem_text(p) for p in exc.checked.warnings],
            base_version=_int_field("base_version"),
            status=400,
        )
    return redirect(url_for("curation.draft", draft_id=saved.id))


@bp.get("/")
def dashboard() -> str:
    province = _own_province()
    require("curation.view", Target(province=province))
    return render_template(
        "curation/dashboard.html",
        board=curation.dashboard(_user(), province=province),
        warning_text=warning_text,
    )


class CuratedPlacesQuery(Query):
    q: SearchText = ""
    province: Annotated[str, OneOf(PROVINCES)] | None = None
    kind: Kind | None = None
    precision: Annotated[str, OneOf(PRECISIONS)] | None = None
    missing: list[Annotated[str, OneOf(completeness.FIELDS)]] = []
    page: PageNumber = 1


@bp.get("/places")
def places() -> str:
    """The province's places (an admin's: all), searchable, each with Edit and History."""
    query = parse_query(CuratedPlacesQuery)
    province = _own_province() or query.province
    require("curation.view", Target(province=province))
    result = curation_places.list_places(
        province=province,
        q=query.q,
        kind=query.kind,
        precision=query.precision,
        missing=query.missing,
        page=query.page,
    )
    filters: dict[str, Any] = {
        "q": query.q,
        "kind": query.kind,
        "precision": query.precision,
        "missing": query.missing,
    }
    return render_template(
        "curation/places.html",
        result=result,
        filters=filters,
        province=province,
        own_province=_own_province(),
        provinces=[p for p in catalogue.provinces() if p.code in PROVINCES],
        kinds=KINDS,
        precisions=PRECISIONS,
        facts=completeness.FIELDS,
        missing_labels=labels.DATA_FACT_LABELS,
    )


@bp.route("/places/new", methods=["GET", "POST"])
def new_place() -> Page:
    province = _requested_province()
    if province:
        require("place.draft", Target(province=province))
    if request.method == "GET":
        return _render_form(fields={**dict.fromkeys(FIELDS, ""), "province": province})
    if not province:
        fields = _form_fields()
        return _render_form(
            fields=fields, errors={"province": [_("Choose the province.")]}, status=400
        )
    return _save(place=None, draft=None, province=province)


def _editable(slug: str) -> tuple[Place | None, PlaceDraft | None]:
    place = curation.get_place(slug)
    if place is not None:
        require("place.draft", place_target(place))
        return place, curation.open_draft_for_place(place)
    draft = found_or_404(
        curation.open_new_place_draft(slug), action="place.draft", target=draft_target
    )
    return None, draft


@bp.route("/places/<slug>/edit", methods=["GET", "POST"])
def edit_place(slug: str) -> Page:
    place, draft = _editable(slug)
    if request.method == "POST":
        # A form opened before someone else's draft existed names no draft (or another one):
        # saving it without the draft makes save_draft report the conflict.
        stale = draft is not None and _int_field("draft_id") != draft.id
        draft_for_save = None if stale else draft
        province = place.province_code if place else draft.province_code  # type: ignore[union-attr]
        return _save(place=place, draft=draft_for_save, province=province)
    if draft is not None:
        return _render_form(fields=dict(draft.fields), place=place, draft=draft)
    assert place is not None
    return _render_form(
        fields=curation.place_fields(place), place=place, base_version=place.version
    )


def warning_text(warning: dict[str, Any]) -> str:
    return problem_text(
        Problem(str(warning["field"]), str(warning["template"]), dict(warning["params"]))
    )


def _load_draft(draft_id: int, action: str) -> PlaceDraft:
    return found_or_404(curation.get_draft(draft_id), action=action, target=draft_target)


def _review_map(found: PlaceDraft) -> mapview.MapParts:
    """The published point (grey) and the proposed one (red) over the province's outline."""
    points = []
    if found.place is not None:
        points.append(mapview.MapPoint(found.place.lat, found.place.lon, _("Published"), "tr-old"))
    # A draft is saved only once its fields passed validation, so its point is a number.
    lat, lon = float(found.fields["lat"]), float(found.fields["lon"])
    points.append(mapview.MapPoint(lat, lon, _("Proposed"), "tr-new"))
    m = mapview.review_map(
        points,
        geography.map_boundaries(),
        province=found.province_code,
        lang=current_locale(),
        tiles=tiles(),
    )
    return embed(m)


def _draft_page(found: PlaceDraft, *, status: int = 200, **extra: Any) -> tuple[str, int]:
    current = curation.place_fields(found.place) if found.place else {}
    return render_template(
        "curation/draft.html",
        draft=found,
        changes=FieldDisplay(g.locale).rows(curation.changes_between(current, found.fields)),
        warning_text=warning_text,
        map=_review_map(found),
        **extra,
    ), status


@bp.get("/drafts/<int:draft_id>")
def draft(draft_id: int) -> tuple[str, int]:
    return _draft_page(_load_draft(draft_id, "curation.view"))


@bp.post("/drafts/<int:draft_id>/submit")
def submit_draft(draft_id: int) -> Page:
    found = _load_draft(draft_id, "place.draft")
    try:
        curation.submit_draft(_user(), found, version=_int_field("version"))
    except TranslatableError as exc:
        return _draft_error(found, error_text(exc))
    return redirect(url_for("curation.draft", draft_id=found.id))


def _draft_error(found: PlaceDraft, message: str, status: int = 409) -> tuple[str, int]:
    return _draft_page(found, status=status, error=message, comment=request.form.get("comment", ""))


@bp.post("/drafts/<int:draft_id>/review")
def review_draft(draft_id: int) -> Page:
    found = _load_draft(draft_id, "place.review")
    comment = request.form.get("comment", "").strip()
    version = _int_field("version")
    try:
        if request.form.get("decision") == "approve":
            curation.approve_draft(_user(), found, comment=comment, version=version)
        elif request.form.get("decision") == "reject":
            curation.reject_draft(_user(), found, comment=comment, version=version)
        else:
            abort(400)
    except TranslatableError as exc:
        return _draft_error(
            found, error_text(exc), 409 if isinstance(exc, curation.EditConflict) else 400
        )
    except curation.ValidationFailed as exc:
        return _draft_error(found, "; ".join(problem_text(p) for p in exc.checked.errors), 400)
    return redirect(url_for("curation.dashboard"))


def _revision_or_404(slug: str, number: int, action: str) -> tuple[Place, PlaceRevision]:
    """A place the current person may do ``action`` to, and its revision ``number``."""
    place = place_or_404(slug, action)
    return place, found_or_404(curation.get_revision(place, number))


@bp.get("/places/<slug>/history")
def history(slug: str) -> str:
    place = place_or_404(slug, "curation.view")
    return render_template(
        "curation/history.html", place=place, revisions=curation.revisions(place)
    )


@bp.get("/places/<slug>/history/<int:number>")
def revision(slug: str, number: int) -> str:
    place, found = _revision_or_404(slug, number, "curation.view")
    return render_template("curation/revision.html", place=place, revision=found, fields=FIELDS)


@bp.post("/places/<slug>/history/<int:number>/restore")
def restore_revision(slug: str, number: int) -> Page:
    place, found = _revision_or_404(slug, number, "place.draft")
    try:
        draft = curation.restore_revision(_user(), place, found, locale=g.locale)
    except curation.EditConflict as exc:
        return render_template(
            "curation/history.html",
            place=place,
            revisions=curation.revisions(place),
            error=error_text(exc),
        ), 409
    except curation.ValidationFailed as exc:
        return render_template(
            "curation/history.html",
            place=place,
            revisions=curation.revisions(place),
            error="; ".join(problem_text(p) for p in exc.checked.errors),
        ), 400
    return redirect(url_for("curation.edit_place", slug=draft.slug))


@bp.post("/places/<slug>/unpublish")
def unpublish(slug: str) -> Page:
    """Withdraw a place, after a confirmation step (a page, so it works without JavaScript)."""
    place = place_or_404(slug, "place.unpublish")
    if request.form.get("confirm") != "1":
        return render_template("curation/confirm_unpublish.html", place=place)
    curation.unpublish_place(_user(), place)
    return redirect(url_for("curation.history", slug=slug))


@bp.post("/places/<slug>/republish")
def republish(slug: str) -> Response:
    place = place_or_404(slug, "place.unpublish")
    curation.republish_place(_user(), place)
    return redirect(url_for("curation.history", slug=slug))


@bp.post("/places/check")
def check_point() -> Response:
    """Live check of a point for the map picker: JSON problems, nothing saved."""
    province = _requested_province()
    if not province:
        abort(400)
    require("place.draft", Target(province=province))
    checked = check_place(_form_fields(), place_context(province, locale=g.locale))
    location = [p for p in checked.errors if p.field in ("lat", "lon")]
    return jsonify(
        errors=[{"field": p.field, "message": problem_text(p)} for p in location],
        warnings=[problem_text(p) for p in checked.warnings],
    )


def _upload() -> tuple[str, bytes] | None:
    """The chosen file, or the one kept from the previous "Check" when none is chosen now.

    The checked file travels back in the form (base64), so "Import" after "Check" does not
    ask for the file again; it is checked again either way, so nothing is trusted from it.
    """
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        return upload.filename, upload.read()
    name, kept = request.form.get("kept_name", ""), request.form.get("kept_file", "")
    if not name or not kept:
        return None
    try:
        return name, base64.b64decode(kept, validate=True)
    except binascii.Error:
        return None


@bp.get("/import/template.csv")
def import_template() -> Response:
    """An empty CSV with the import's columns, in their order, to fill in a spreadsheet."""
    body = "\ufeff" + ",".join(PLACE_COLUMNS) + "\r\n"
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="places-template.csv"'},
    )


@bp.route("/import", methods=["GET", "POST"])
def import_places() -> Page:
    province = _requested_province()
    context: dict[str, Any] = {
        "province": province,
        "provinces": [p for p in catalogue.provinces() if p.code in PROVINCES],
        "own_province": _own_province(),
        "max_rows": MAX_ROWS,
        "report": None,
        "error": None,
        "kept": None,
        "problem_text": problem_text,
        "field_label": field_label,
    }
    if request.method == "GET":
        return render_template("curation/import.html", **context)
    if not province:
        context["error"] = _("Choose the province.")
        return render_template("curation/import.html", **context), 400
    require("place.import", Target(province=province))
    chosen = _upload()
    if chosen is None:
        context["error"] = _("Choose a file to upload.")
        return render_template("curation/import.html", **context), 400
    filename, data = chosen
    try:
        report = place_import.preview_import(
            data, filename=filename, province=province, locale=g.locale
        )
    except TranslatableError as exc:
        context["error"] = error_text(exc)
        return render_template("curation/import.html", **context), 400
    context["report"] = report
    if request.form.get("apply") and report.ok:
        drafts = place_import.apply_import(_user(), report, province=province)
        context["applied"] = len(drafts)
        return render_template("curation/import.html", **context)
    context["kept"] = {"name": filename, "data": base64.b64encode(data).decode("ascii")}
    return render_template("curation/import.html", **context), 200 if report.ok else 400
