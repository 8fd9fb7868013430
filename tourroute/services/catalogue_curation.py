"""Curating themes, their stages and festivals: the places' workflow (draft → review →
publish, with history) for the rest of what the planner reads.

Who owns what follows the joint journey: a stage confined to one province belongs to that
province's curators (the Đất Tổ stage to Phú Thọ's, Trà xanh to Thái Nguyên's, Quan họ to
Bắc Ninh's), a festival to the province of the places it is held at; a theme as a whole, and
anything spanning provinces, to admins (``province_code`` None). The planner reads themes
and festivals from the database on every plan, so a publication counts from the next trip on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from tourroute.core.catalogue_validation import FIELDS, CheckedFields, check
from tourroute.core.errors import TourRouteError
from tourroute.core.messages import N_
from tourroute.extensions import db
from tourroute.models import (
    OPEN_DRAFT_STATUSES,
    CatalogueDraft,
    CatalogueRevision,
    Festival,
    Theme,
    ThemeStage,
    User,
)
from tourroute.services import audit
from tourroute.services.curation import (
    EditConflict,
    WorkflowError,
    changes_between,
    check_reviewable,
    lock,
    mark_rejected,
    mark_submitted,
)

Row = Theme | ThemeStage | Festival


class InvalidFields(TourRouteError):
    """The fields have errors; ``checked`` holds them with the cleaned input to show again."""

    def __init__(self, checked: CheckedFields) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in checked.errors))
        self.checked = checked


@dataclass(frozen=True)
class Item:
    """Something curatable: its subject, key, row and owning province (None: admins)."""

    subject: str
    key: str
    row: Row
    province: str | None

    @property
    def name_vi(self) -> str:
        return self.row.name_vi


def stage_key(stage: ThemeStage) -> str:
    return f"{stage.theme_slug}.{stage.key}"


def _single(provinces: set[str]) -> str | None:
    return next(iter(provinces)) if len(provinces) == 1 else None


def item_of(row: Row) -> Item:
    if isinstance(row, Theme):
        return Item("theme", row.slug, row, None)
    if isinstance(row, ThemeStage):
        return Item("stage", stage_key(row), row, _single(set(row.provinces.split())))
    return Item("festival", row.slug, row, _single({p.province_code for p in row.places}))


def find(subject: str, key: str) -> Item | None:
    """The curatable row ``key`` names, or None."""
    row: Row | None
    if subject == "theme":
        row = db.session.get(Theme, key)
    elif subject == "stage":
        theme_slug, _, stage = key.partition(".")
        row = db.session.scalar(
            select(ThemeStage).where(ThemeStage.theme_slug == theme_slug, ThemeStage.key == stage)
        )
    elif subject == "festival":
        row = db.session.scalar(
            select(Festival).where(Festival.slug == key).options(selectinload(Festival.places))
        )
    else:
        return None
    return item_of(row) if row is not None else None


def themes() -> list[Theme]:
    return list(
        db.session.scalars(select(Theme).options(selectinload(Theme.stages)).order_by(Theme.slug))
    )


def festivals() -> list[Item]:
    rows = db.session.scalars(
        select(Festival).options(selectinload(Festival.places)).order_by(Festival.slug)
    )
    return [item_of(row) for row in rows]


def _sorted_codes(text: str) -> str:
    return " ".join(sorted(set(text.split())))


def published_fields(item: Item) -> dict[str, str]:
    """The row as the form's canonical text (what :func:`check` would make of it)."""
    row = item.row
    fields = {name: str(getattr(row, name)) for name in FIELDS[item.subject]}
    if isinstance(row, Theme):
        fields["ordered"] = "1" if row.ordered else "0"
    elif isinstance(row, ThemeStage):
        fields["kinds"], fields["tags"] = _sorted_codes(row.kinds), _sorted_codes(row.tags)
    return fields


def _apply(item: Item, fields: Mapping[str, str]) -> None:
    row = item.row
    for name in FIELDS[item.subject]:
        value: object = fields[name]
        if name in ("min_places", "month", "day", "duration_days"):
            value = int(fields[name])
        elif name == "ordered":
            value = fields[name] == "1"
        setattr(row, name, value)


def open_draft(item: Item) -> CatalogueDraft | None:
    return db.session.scalar(
        select(CatalogueDraft).where(
            CatalogueDraft.subject == item.subject,
            CatalogueDraft.key == item.key,
            CatalogueDraft.status.in_(OPEN_DRAFT_STATUSES),
        )
    )


def get_draft(draft_id: int) -> CatalogueDraft | None:
    return db.session.get(CatalogueDraft, draft_id)


def drafts(*, status: tuple[str, ...] = OPEN_DRAFT_STATUSES) -> list[CatalogueDraft]:
    return list(
        db.session.scalars(
            select(CatalogueDraft)
            .where(CatalogueDraft.status.in_(status))
            .options(selectinload(CatalogueDraft.author))
            .order_by(CatalogueDraft.updated_at.desc())
        )
    )


def save_draft(
    author: User,
    item: Item,
    raw: Mapping[str, str],
    *,
    draft: CatalogueDraft | None,
    draft_version: int | None,
) -> CatalogueDraft:
    """Create or update the one open draft of ``item``.

    Raises
    ------
    InvalidFields
        When the fields have errors.
    EditConflict
        When someone else saved the draft (or started one) since the form was opened.
    """
    checked = check(item.subject, raw)
    current = open_draft(item)
    if (draft is None and current is not None) or (
        draft is not None
        and (draft.id != getattr(current, "id", None) or draft_version != draft.version)
    ):
        raise EditConflict(
            N_("Someone else saved this draft after you opened it. Your text is kept below.")
        )
    if not checked.ok:
        raise InvalidFields(checked)
    if draft is None:
        draft = CatalogueDraft(
            subject=item.subject,
            key=item.key,
            province_code=item.province,
            author_id=author.id,
        )
        db.session.add(draft)
    draft.base_fields = published_fields(item)
    draft.fields = checked.fields
    draft.status = "draft"
    try:
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise EditConflict(
            N_("Someone else saved this draft at the same moment. Your text is kept below.")
        ) from None
    audit.record(author, "catalogue.save", item.subject, item.key, draft=draft.id)
    return draft


def submit_draft(user: User, draft: CatalogueDraft, *, version: int | None) -> None:
    mark_submitted(draft, version=version)
    audit.record(user, "catalogue.submit", draft.subject, draft.key, draft=draft.id)


def _next_number(item: Item) -> int:
    latest = db.session.scalar(
        select(func.max(CatalogueRevision.number)).where(
            CatalogueRevision.subject == item.subject, CatalogueRevision.key == item.key
        )
    )
    return (latest or 0) + 1


def _add_revision(
    item: Item,
    *,
    action: str,
    before: Mapping[str, str],
    author: User | None,
    approver: User | None,
    draft: CatalogueDraft | None,
) -> None:
    after = published_fields(item)
    db.session.add(
        CatalogueRevision(
            subject=item.subject,
            key=item.key,
            number=_next_number(item),
            fields=after,
            changes=changes_between(before, after, names=FIELDS[item.subject]),
            action=action,
            author_id=author.id if author else None,
            approver_id=approver.id if approver else None,
            draft_id=draft.id if draft else None,
        )
    )
    db.session.flush()


def approve_draft(
    reviewer: User, draft: CatalogueDraft, *, comment: str, version: int | None
) -> Item:
    """Publish a submitted draft onto its row and keep the revision; the next plan uses it."""
    lock(draft)  # two reviewers at once: the second sees the first's decision and is refused
    check_reviewable(draft, version=version)
    item = find(draft.subject, draft.key)
    if item is None:
        raise WorkflowError(N_("What this draft changes no longer exists."))
    before = published_fields(item)
    if before != draft.base_fields:
        raise EditConflict(
            N_(
                "The published version changed after this draft was started. The author must "
                "open the draft, compare it with the current version and save it again."
            )
        )
    checked = check(draft.subject, draft.fields)
    if not checked.ok:
        raise InvalidFields(checked)
    if _next_number(item) == 1:
        _add_revision(item, action="baseline", before={}, author=None, approver=None, draft=None)
    _apply(item, checked.fields)
    draft.status, draft.reviewer_id, draft.review_comment = "approved", reviewer.id, comment
    _add_revision(
        item, action="publish", before=before, author=draft.author, approver=reviewer, draft=draft
    )
    audit.record(reviewer, "catalogue.approve", draft.subject, draft.key, draft=draft.id)
    return item


def reject_draft(
    reviewer: User, draft: CatalogueDraft, *, comment: str, version: int | None
) -> None:
    mark_rejected(reviewer, draft, comment=comment, version=version)
    audit.record(reviewer, "catalogue.reject", draft.subject, draft.key, draft=draft.id)


def revisions(item: Item) -> list[CatalogueRevision]:
    return list(
        db.session.scalars(
            select(CatalogueRevision)
            .where(CatalogueRevision.subject == item.subject, CatalogueRevision.key == item.key)
            .options(
                selectinload(CatalogueRevision.author), selectinload(CatalogueRevision.approver)
            )
            .order_by(CatalogueRevision.number.desc())
        )
    )


def get_revision(item: Item, number: int) -> CatalogueRevision | None:
    return db.session.scalar(
        select(CatalogueRevision).where(
            CatalogueRevision.subject == item.subject,
            CatalogueRevision.key == item.key,
            CatalogueRevision.number == number,
        )
    )


def restore_revision(user: User, item: Item, revision: CatalogueRevision) -> CatalogueDraft:
    """A new draft holding an earlier revision's fields, reviewed like any change."""
    draft = save_draft(user, item, revision.fields, draft=None, draft_version=None)
    audit.record(user, "catalogue.restore", item.subject, item.key, number=revision.number)
    return draft


def fingerprint_columns() -> tuple[ScalarSelect[Any], ScalarSelect[Any]]:
    """``(revisions, last revision id)`` as subqueries: they change with every publication of a
    theme, stage or festival, so the data version (``catalogue.data_version`` reads them in its
    one query) must include them or caches serve a theme as it was before."""
    return select(func.count(CatalogueRevision.id)).scalar_subquery(), select(
        func.max(CatalogueRevision.id)
    ).scalar_subquery()
