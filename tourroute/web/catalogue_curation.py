"""Curation pages for themes, their stages and festivals: list, edit (a draft), review, history.

Load, then check, then act: every view loads its item or draft (404), asks the access helper
about *that* target (a stage's province, or the whole region for an admin), then calls the
service.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute import labels
from tourroute.core.catalogue_validation import FIELDS
from tourroute.core.datafiles import TAGS
from tourroute.core.domain import KINDS
from tourroute.core.messages import TranslatableError
from tourroute.core.policy import WHOLE_REGION, Target
from tourroute.models import CatalogueDraft, User
from tourroute.services import catalogue, catalogue_curation
from tourroute.services.catalogue_curation import InvalidFields, Item
from tourroute.services.curation import changes_between
from tourroute.web.access import found_or_404
from tourroute.web.messages import by_field, error_text, problem_text

bp = Blueprint("catalogue", __name__, url_prefix="/curate")

Page = Response | str | tuple[str, int]


@bp.context_processor
def _labels() -> dict[str, Any]:
    return {"subject_labels": labels.SUBJECT_LABELS}


def edit_url(item: Item) -> str:
    if item.subject == "stage":
        theme, _, stage = item.key.partition(".")
        return url_for("catalogue.edit_stage", slug=theme, stage=stage)
    return url_for(f"catalogue.edit_{item.subject}", slug=item.key)


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def item_target(item: Item) -> Target:
    return Target(province=item.province or WHOLE_REGION)


def catalogue_draft_target(draft: CatalogueDraft) -> Target:
    return Target(province=draft.province_code or WHOLE_REGION, author_id=draft.author_id)


def _item_or_404(subject: str, key: str, action: str) -> Item:
    return found_or_404(catalogue_curation.find(subject, key), action=action, target=item_target)


def _draft_or_404(draft_id: int, action: str) -> tuple[CatalogueDraft, Item]:
    draft = catalogue_curation.get_draft(draft_id)
    item = catalogue_curation.find(draft.subject, draft.key) if draft else None
    return found_or_404(
        None if draft is None or item is None else (draft, item),
        action=action,
        target=lambda found: catalogue_draft_target(found[0]),
    )


def _province_names() -> dict[str, str]:
    return {p.code: p.name_vi for p in catalogue.provinces()}


@bp.get("/themes")
def themes() -> str:
    return render_template(
        "curation/themes.html",
        themes=catalogue_curation.themes(),
        item_of=catalogue_curation.item_of,
        item_target=item_target,
        drafts=catalogue_curation.drafts(),
        provinces=_province_names(),
    )


@bp.get("/festivals")
def festivals() -> str:
    return render_template(
        "curation/festivals.html",
        items=catalogue_curation.festivals(),
        item_target=item_target,
        drafts=catalogue_curation.drafts(),
        provinces=_province_names(),
        calendar_labels=labels.CALENDAR_LABELS,
    )


def _form(
    item: Item,
    fields: dict[str, str],
    *,
    draft: CatalogueDraft | None,
    errors: dict[str, list[str]] | None = None,
    conflict: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return render_template(
        "curation/catalogue_form.html",
        item=item,
        fields=fields,
        names=FIELDS[item.subject],
        draft=draft,
        errors=errors or {},
        conflict=conflict,
        field_labels=labels.CATALOGUE_FIELD_LABELS,
        calendar_labels=labels.CALENDAR_LABELS,
        kinds=KINDS,
        tags=TAGS,
        action=edit_url(item),
    ), status


def _form_fields(subject: str) -> dict[str, str]:
    fields = {name: request.form.get(name, "") for name in FIELDS[subject]}
    for name in ("kinds", "tags"):
        if name in fields:
            fields[name] = " ".join(request.form.getlist(name))
    return fields


def _version_field() -> int | None:
    raw = request.form.get("draft_version", "")
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _edit(subject: str, key: str) -> Page:
    item = _item_or_404(subject, key, "catalogue.draft")
    draft = catalogue_curation.open_draft(item)
    if request.method == "GET":
        fields = dict(draft.fields) if draft else catalogue_curation.published_fields(item)
        return _form(item, fields, draft=draft)
    fields = _form_fields(subject)
    named = request.form.get("draft_id", "")
    draft_for_save = draft if draft is not None and named == str(draft.id) else None
    if draft is not None and draft_for_save is None:
        conflict = _("Someone else saved this draft after you opened it. Your text is kept below.")
        return _form(item, fields, draft=draft, conflict=conflict, status=409)
    try:
        saved = catalogue_curation.save_draft(
            _user(), item, fields, draft=draft_for_save, draft_version=_version_field()
        )
    except InvalidFields as exc:
        return _form(
            item, exc.checked.fields, draft=draft, errors=by_field(exc.checked.errors), status=400
        )
    except TranslatableError as exc:
        return _form(item, fields, draft=draft, conflict=error_text(exc), status=409)
    return redirect(url_for("catalogue.draft", draft_id=saved.id))


@bp.route("/themes/<slug>/edit", methods=["GET", "POST"])
def edit_theme(slug: str) -> Page:
    return _edit("theme", slug)


@bp.route("/themes/<slug>/stages/<stage>/edit", methods=["GET", "POST"])
def edit_stage(slug: str, stage: str) -> Page:
    return _edit("stage", f"{slug}.{stage}")


@bp.route("/festivals/<slug>/edit", methods=["GET", "POST"])
def edit_festival(slug: str) -> Page:
    return _edit("festival", slug)


def _draft_page(
    draft: CatalogueDraft, item: Item, *, status: int = 200, **extra: Any
) -> tuple[str, int]:
    names = FIELDS[item.subject]
    current = catalogue_curation.published_fields(item)
    changes = changes_between(current, draft.fields, names=names)
    return render_template(
        "curation/catalogue_draft.html",
        draft=draft,
        item=item,
        changes=changes,
        field_labels=labels.CATALOGUE_FIELD_LABELS,
        target=catalogue_draft_target(draft),
        edit_url=edit_url(item),
        comment=request.form.get("comment", ""),
        **extra,
    ), status


@bp.get("/catalogue-drafts/<int:draft_id>")
def draft(draft_id: int) -> tuple[str, int]:
    return _draft_page(*_draft_or_404(draft_id, "catalogue.view"))


@bp.post("/catalogue-drafts/<int:draft_id>/submit")
def submit_draft(draft_id: int) -> Page:
    found, item = _draft_or_404(draft_id, "catalogue.draft")
    try:
        catalogue_curation.submit_draft(_user(), found, version=_version_field())
    except TranslatableError as exc:
        return _draft_page(found, item, status=409, error=error_text(exc))
    return redirect(url_for("catalogue.draft", draft_id=found.id))


@bp.post("/catalogue-drafts/<int:draft_id>/review")
def review_draft(draft_id: int) -> Page:
    found, item = _draft_or_404(draft_id, "catalogue.review")
    comment = request.form.get("comment", "").strip()
    version = _version_field()
    decision = request.form.get("decision")
    if decision not in ("approve", "reject"):
        abort(400)
    try:
        if decision == "approve":
            catalogue_curation.approve_draft(_user(), found, comment=comment, version=version)
        else:
            catalogue_curation.reject_draft(_user(), found, comment=comment, version=version)
    except InvalidFields as exc:
        message = "; ".join(problem_text(p) for p in exc.checked.errors)
        return _draft_page(found, item, status=400, error=message)
    except TranslatableError as exc:
        return _draft_page(found, item, status=409, error=error_text(exc))
    return redirect(url_for("catalogue.history", subject=item.subject, key=item.key))


def _history_page(item: Item, *, error: str | None = None, status: int = 200) -> tuple[str, int]:
    return render_template(
        "curation/catalogue_history.html",
        item=item,
        revisions=catalogue_curation.revisions(item),
        field_labels=labels.CATALOGUE_FIELD_LABELS,
        target=item_target(item),
        error=error,
    ), status


@bp.get("/history/<subject>/<key>")
def history(subject: str, key: str) -> tuple[str, int]:
    return _history_page(_item_or_404(subject, key, "catalogue.view"))


@bp.post("/history/<subject>/<key>/<int:number>/restore")
def restore_revision(subject: str, key: str, number: int) -> Page:
    item = _item_or_404(subject, key, "catalogue.draft")
    revision = found_or_404(catalogue_curation.get_revision(item, number))
    try:
        draft = catalogue_curation.restore_revision(_user(), item, revision)
    except TranslatableError as exc:
        return _history_page(item, error=error_text(exc), status=409)
    return redirect(url_for("catalogue.draft", draft_id=draft.id))
