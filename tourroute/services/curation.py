"""Curating places: drafts, review, publication, history, restore and soft unpublishing.

A published place changes only through a draft that another curator of its province (or an
admin) approved. Every publication stores a revision — the place's fields in full and what
changed, field by field — so any earlier state can be looked at and restored as a new draft.
Nothing is ever deleted: unpublishing hides a place and is itself a revision.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from tourroute.core.errors import TourRouteError
from tourroute.core.messages import N_, TranslatableError
from tourroute.core.place_validation import FIELDS, CheckedPlace, Problem, check_place
from tourroute.core.text import fold
from tourroute.extensions import db
from tourroute.models import (
    OPEN_DRAFT_STATUSES,
    CatalogueDraft,
    Festival,
    FestivalPlace,
    Place,
    PlaceDraft,
    PlaceRevision,
    PlaceTag,
    User,
)
from tourroute.services import audit
from tourroute.services.place_checks import place_context


class ValidationFailed(TourRouteError):
    """The fields have errors; ``checked`` holds them, with the cleaned input to show again."""

    def __init__(self, checked: CheckedPlace) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in checked.errors))
        self.checked = checked


class EditConflict(TranslatableError):
    """Someone else changed the same place or draft since this form was opened."""


class WorkflowError(TranslatableError):
    """The draft is not in a state that allows this step."""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def place_fields(place: Place) -> dict[str, str]:
    """A place as the data files' text columns (the format drafts and revisions store)."""
    festivals = db.session.scalars(
        select(FestivalPlace.festival_slug)
        .where(FestivalPlace.place_id == place.id)
        .order_by(FestivalPlace.festival_slug)
    )
    fields = {
        name: _text(getattr(place, name, ""))
        for name in FIELDS
        if name not in ("tags", "province", "festivals")
    }
    fields["lat"], fields["lon"] = repr(place.lat), repr(place.lon)
    # The validator writes decimals as repr(); so must this, or "4" → "4.0" shows as a change.
    fields["interest"] = repr(place.interest)
    fields["tags"] = ";".join(place.tag_names)
    fields["province"] = place.province_code
    fields["festivals"] = ";".join(festivals)
    return fields


def _optional_int(text: str) -> int | None:
    return int(text) if text else None


#: Columns stored exactly as the validated text.
_TEXT_COLUMNS = (
    "slug",
    "name_vi",
    "name_en",
    "kind",
    "precision",
    "coord_source",
    "commune",
    "commune_2025",
    "commune_2025_source",
    "visit_source",
    "opening_hours",
    "hours_source",
    "ticket_source",
    "heritage_source",
    "description_vi",
    "description_en",
    "website",
    "phone",
)


def _apply(place: Place, fields: Mapping[str, str]) -> None:
    """Copy validated text fields onto the row."""
    for name in _TEXT_COLUMNS:
        setattr(place, name, fields[name])
    place.province_code = fields["province"]
    place.lat, place.lon = float(fields["lat"]), float(fields["lon"])
    place.visit_min = int(fields["visit_min"])
    place.interest = float(fields["interest"])
    place.ticket_adult_vnd = _optional_int(fields["ticket_adult_vnd"])
    place.ticket_child_vnd = _optional_int(fields["ticket_child_vnd"])
    place.heritage = fields["heritage"] or None
    place.search_text = fold(f"{fields['name_vi']} {fields['name_en']}")
    wanted_tags = [t for t in fields["tags"].split(";") if t]
    place.tags = [t for t in place.tags if t.tag in wanted_tags] + [
        PlaceTag(tag=t) for t in wanted_tags if t not in place.tag_names
    ]


def _link_festivals(place: Place, fields: Mapping[str, str]) -> None:
    wanted = {s for s in fields["festivals"].split(";") if s}
    for festival in db.session.scalars(select(Festival).options(selectinload(Festival.places))):
        linked = place in festival.places
        if festival.slug in wanted and not linked:
            festival.places.append(place)
        elif festival.slug not in wanted and linked:
            festival.places.remove(place)


def changes_between(
    before: Mapping[str, str],
    after: Mapping[str, str],
    *,
    names: Sequence[str] = (*FIELDS, "status"),
) -> dict[str, list[str]]:
    """``{field: [before, after]}`` for every field of ``names`` (a place's, by default)
    that differs."""
    return {
        name: [before.get(name, ""), after.get(name, "")]
        for name in names
        if before.get(name, "") != after.get(name, "")
    }


def _snapshot(place: Place) -> dict[str, str]:
    return {**place_fields(place), "status": place.status}


def warning_records(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    return [{"field": p.field, "template": p.template, "params": dict(p.params)} for p in problems]


# ---- finding things ------------------------------------------------------------------------


def get_place(slug: str) -> Place | None:
    """A place by slug, published or not (curators see both)."""
    return db.session.scalar(select(Place).where(Place.slug == slug))


def get_place_by_id(place_id: int) -> Place | None:
    return db.session.get(Place, place_id)


def open_draft_for_place(place: Place) -> PlaceDraft | None:
    return db.session.scalar(
        select(PlaceDraft).where(
            PlaceDraft.place_id == place.id, PlaceDraft.status.in_(OPEN_DRAFT_STATUSES)
        )
    )


def open_new_place_draft(slug: str) -> PlaceDraft | None:
    return db.session.scalar(
        select(PlaceDraft).where(
            PlaceDraft.place_id.is_(None),
            PlaceDraft.slug == slug,
            PlaceDraft.status.in_(OPEN_DRAFT_STATUSES),
        )
    )


def festivals() -> list[Festival]:
    return list(db.session.scalars(select(Festival).order_by(Festival.slug)))


def get_draft(draft_id: int) -> PlaceDraft | None:
    return db.session.get(PlaceDraft, draft_id)


@dataclass(frozen=True)
class Dashboard:
    my_drafts: list[PlaceDraft]
    to_review: list[PlaceDraft]
    recent: list[PlaceRevision]
    unpublished: list[Place]


def dashboard(user: User, *, province: str | None) -> Dashboard:
    """A curator's work: their open drafts, drafts awaiting their review, recent history.

    ``province`` None (an admin) means every province.
    """
    drafts = select(PlaceDraft).options(selectinload(PlaceDraft.author))
    revisions = select(PlaceRevision).join(Place, Place.id == PlaceRevision.place_id)
    unpublished = select(Place).where(Place.status == "unpublished")
    if province is not None:
        drafts = drafts.where(PlaceDraft.province_code == province)
        revisions = revisions.where(Place.province_code == province)
        unpublished = unpublished.where(Place.province_code == province)
    return Dashboard(
        my_drafts=list(
            db.session.scalars(
                drafts.where(
                    PlaceDraft.author_id == user.id, PlaceDraft.status.in_(OPEN_DRAFT_STATUSES)
                ).order_by(PlaceDraft.updated_at.desc())
            )
        ),
        to_review=list(
            db.session.scalars(
                drafts.where(
                    PlaceDraft.status == "submitted", PlaceDraft.author_id != user.id
                ).order_by(PlaceDraft.updated_at)
            )
        ),
        recent=list(
            db.session.scalars(
                revisions.options(selectinload(PlaceRevision.author))
                .order_by(PlaceRevision.at.desc(), PlaceRevision.id.desc())
                .limit(30)
            )
        ),
        unpublished=list(db.session.scalars(unpublished.order_by(Place.slug))),
    )


def revisions(place: Place) -> list[PlaceRevision]:
    return list(
        db.session.scalars(
            select(PlaceRevision)
            .where(PlaceRevision.place_id == place.id)
            .options(selectinload(PlaceRevision.author), selectinload(PlaceRevision.approver))
            .order_by(PlaceRevision.number.desc())
        )
    )


def get_revision(place: Place, number: int) -> PlaceRevision | None:
    return db.session.scalar(
        select(PlaceRevision).where(
            PlaceRevision.place_id == place.id, PlaceRevision.number == number
        )
    )


# ---- writing drafts ------------------------------------------------------------------------


def check_draft_fields(
    raw: Mapping[str, str],
    *,
    province: str,
    locale: str,
    place: Place | None = None,
    draft: PlaceDraft | None = None,
) -> CheckedPlace:
    """Validate fields for a place of ``province``; an existing place keeps its slug."""
    fields = dict(raw)
    fields["province"] = fields.get("province") or province
    if place is not None:
        fields["slug"] = place.slug
    context = place_context(
        province,
        locale=locale,
        place_id=place.id if place else None,
        draft_id=draft.id if draft else None,
    )
    return check_place(fields, context)


def _changed_since(place: Place, base_version: int | None) -> bool:
    """Whether a draft was started or the place changed since the form showed ``base_version``."""
    return open_draft_for_place(place) is not None or base_version != place.version


def save_draft(
    author: User,
    raw: Mapping[str, str],
    *,
    province: str,
    locale: str,
    place: Place | None = None,
    draft: PlaceDraft | None = None,
    draft_version: int | None = None,
    base_version: int | None = None,
    origin: str = "form",
) -> PlaceDraft:
    """Create or update the one open draft of a place (or of a new place).

    ``draft_version`` is the draft version the form was loaded with, ``base_version`` the
    place's version when a first draft is started: if either moved on meanwhile, someone else
    saved first and :class:`EditConflict` is raised instead of overwriting their work. Saving a
    submitted or rejected draft makes it a draft again, to be submitted anew.

    Raises
    ------
    ValidationFailed
        When the fields have errors.
    EditConflict
        When another save came first.
    """
    checked = check_draft_fields(raw, province=province, locale=locale, place=place, draft=draft)
    if draft is not None and (draft_version != draft.version or draft.status == "approved"):
        raise EditConflict(
            N_("Someone else saved this draft after you opened it. Your text is kept below.")
        )
    if draft is None and place is not None and _changed_since(place, base_version):
        raise EditConflict(
            N_(
                "A draft of this place was started, or the place changed, after you opened it. "
                "Your text is kept below; open the place again to continue from the current draft."
            )
        )
    if not checked.ok:
        raise ValidationFailed(checked)
    if draft is None:
        draft = PlaceDraft(
            place_id=place.id if place else None,
            province_code=province,
            author_id=author.id,
            origin=origin,
            base_version=place.version if place else None,
        )
        db.session.add(draft)
    elif place is not None:
        draft.base_version = place.version
    draft.slug = checked.fields["slug"]
    draft.fields = checked.fields
    draft.warnings = warning_records(checked.warnings)
    draft.status = "draft"
    # Another save may win the race: a newer draft version, or a second open draft of the
    # same place (refused by the unique partial indexes on place_drafts).
    with _race_is_conflict(
        N_("Someone else saved this draft at the same moment. Your text is kept below.")
    ):
        db.session.flush()
    audit.record(author, f"draft.save.{origin}", "draft", draft.id, slug=draft.slug)
    return draft


@contextmanager
def _race_is_conflict(message: str) -> Iterator[None]:
    """Run writes and flush them, so a write that lost a race is a conflict here rather than a
    failed commit after the response.

    The version columns (``StaleDataError``) and unique keys (``IntegrityError``) refuse the
    second of two concurrent writers; its transaction is rolled back and it is told why.
    """
    try:
        yield
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise EditConflict(message) from None


def _lock(row: PlaceDraft | Place) -> None:
    """Re-read ``row`` under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL).

    Two reviewers or curators acting on the same row at once then run one after the other,
    and the second sees what the first did — a new version, a new status — and is refused with
    a conflict instead of colliding on revision numbers.
    """
    db.session.refresh(row, with_for_update=True)


def check_version(draft: PlaceDraft | CatalogueDraft, version: int | None) -> None:
    """Refuse a step taken on a draft that changed since the page showed ``version``."""
    if version != draft.version:
        raise EditConflict(N_("This draft changed after you opened it; look at it again."))


AnyDraft = PlaceDraft | CatalogueDraft


def mark_submitted(draft: AnyDraft, *, version: int | None) -> None:
    """The submit step for any kind of draft (places, themes, festivals): one set of rules."""
    check_version(draft, version)
    if draft.status not in ("draft", "rejected"):
        raise WorkflowError(N_("Only a draft that is not awaiting review can be submitted."))
    draft.status = "submitted"


def check_reviewable(draft: AnyDraft, *, version: int | None) -> None:
    check_version(draft, version)
    if draft.status != "submitted":
        raise WorkflowError(N_("Only a draft awaiting review can be approved or rejected."))


def mark_rejected(reviewer: User, draft: AnyDraft, *, comment: str, version: int | None) -> None:
    """The reject step for any kind of draft: back to its author, with the reason."""
    check_reviewable(draft, version=version)
    if not comment.strip():
        raise WorkflowError(N_("Say why the draft is rejected."), field="comment")
    draft.status, draft.reviewer_id, draft.review_comment = "rejected", reviewer.id, comment


def submit_draft(user: User, draft: PlaceDraft, *, version: int | None) -> None:
    """Send a draft to review."""
    mark_submitted(draft, version=version)
    audit.record(user, "draft.submit", "draft", draft.id, slug=draft.slug)


def _next_revision_number(place: Place) -> int:
    latest = db.session.scalar(
        select(func.max(PlaceRevision.number)).where(PlaceRevision.place_id == place.id)
    )
    return (latest or 0) + 1


def _add_revision(
    place: Place,
    *,
    action: str,
    before: Mapping[str, str],
    author: User | None,
    approver: User | None,
    draft: PlaceDraft | None = None,
) -> PlaceRevision:
    db.session.flush()
    after = _snapshot(place)
    revision = PlaceRevision(
        place_id=place.id,
        number=_next_revision_number(place),
        fields=after,
        changes=changes_between(before, after),
        action=action,
        author_id=author.id if author else None,
        approver_id=approver.id if approver else None,
        draft_id=draft.id if draft else None,
    )
    db.session.add(revision)
    return revision


def _ensure_baseline(place: Place) -> None:
    """Keep the state a place had before its first curated change (e.g. as seeded)."""
    if _next_revision_number(place) == 1:
        _add_revision(place, action="baseline", before={}, author=None, approver=None)


def approve_draft(reviewer: User, draft: PlaceDraft, *, comment: str, version: int | None) -> Place:
    """Publish a submitted draft: the place is created or updated and a revision stored."""
    _lock(draft)
    check_reviewable(draft, version=version)
    place = draft.place
    if place is not None:
        _lock(place)
    if place is not None and draft.base_version != place.version:
        raise EditConflict(
            N_(
                "The published place changed after this draft was started. The author must "
                "open the draft, compare it with the current version and save it again."
            )
        )
    checked = check_draft_fields(
        draft.fields, province=draft.province_code, locale="en", place=place, draft=draft
    )
    if not checked.ok:
        raise ValidationFailed(checked)
    with _race_is_conflict(N_("Someone else reviewed this draft at the same moment.")):
        place = _publish(draft, place, checked.fields, reviewer=reviewer, comment=comment)
    audit.record(reviewer, "draft.approve", "draft", draft.id, slug=place.slug, comment=comment)
    return place


def _publish(
    draft: PlaceDraft,
    place: Place | None,
    fields: Mapping[str, str],
    *,
    reviewer: User,
    comment: str,
) -> Place:
    if place is None:
        place = Place(status="published")
        _apply(place, fields)
        db.session.add(place)
        before: dict[str, str] = {}
    else:
        _ensure_baseline(place)
        before = _snapshot(place)
        _apply(place, fields)
    db.session.flush()
    _link_festivals(place, fields)
    draft.place_id = place.id
    draft.status, draft.reviewer_id, draft.review_comment = "approved", reviewer.id, comment
    _add_revision(
        place,
        action="publish",
        before=before,
        author=draft.author,
        approver=reviewer,
        draft=draft,
    )
    return place


def reject_draft(reviewer: User, draft: PlaceDraft, *, comment: str, version: int | None) -> None:
    """Send a draft back to its author with the reason."""
    mark_rejected(reviewer, draft, comment=comment, version=version)
    audit.record(reviewer, "draft.reject", "draft", draft.id, slug=draft.slug, comment=comment)


def restore_revision(
    user: User, place: Place, revision: PlaceRevision, *, locale: str
) -> PlaceDraft:
    """A new draft holding an earlier revision's fields, to be reviewed like any change."""
    fields = {name: revision.fields.get(name, "") for name in FIELDS}
    draft = save_draft(
        user,
        fields,
        province=place.province_code,
        locale=locale,
        place=place,
        base_version=place.version,
        origin="restore",
    )
    audit.record(user, "revision.restore", "place", place.slug, number=revision.number)
    return draft


def _set_status(user: User, place: Place, status: str, action: str) -> None:
    """Change a place's status; asking for the status it already has is a conflict (someone
    else did it first), so two curators acting at once get one success and one 409."""
    message = N_("Someone else changed this place first; look at it again.")
    _lock(place)
    if place.status == status:
        raise EditConflict(message)
    with _race_is_conflict(message):
        _ensure_baseline(place)
        before = _snapshot(place)
        place.status = status
        _add_revision(place, action=action, before=before, author=user, approver=user)
    audit.record(user, f"place.{action}", "place", place.slug)


def unpublish_place(user: User, place: Place) -> None:
    """Hide a place from visitors; the row and its whole history stay."""
    _set_status(user, place, "unpublished", "unpublish")


def republish_place(user: User, place: Place) -> None:
    """Show an unpublished place again, as it was."""
    _set_status(user, place, "published", "republish")
