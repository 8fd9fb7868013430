"""Reading the published catalogue: places, provinces and themes."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import current_app, g, has_request_context
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from tourroute.core.text import fold
from tourroute.extensions import db
from tourroute.models import Lodging, Place, Province, Theme
from tourroute.services import convert


@dataclass(frozen=True)
class PlacePage:
    items: Sequence[Place]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@cache
def _version_query() -> Select[Any]:
    """What the data version is made of, in one statement (one round trip: every cached page
    asks it first), built once per process."""
    # Imported here: both modules read the catalogue themselves.
    from tourroute.services import catalogue_curation, photos

    published = (
        select(func.count(Place.id), func.sum(Place.version), func.max(Place.updated_at))
        .where(Place.status == "published")
        .subquery()
    )
    return select(
        *published.c,
        select(func.sum(func.length(Province.boundary_geojson))).scalar_subquery(),
        select(func.count()).select_from(Lodging).scalar_subquery(),
        *catalogue_curation.fingerprint_columns(),
        *photos.fingerprint_columns(),
    )


def data_version() -> str:
    """A short fingerprint of everything a visitor sees that curators can change.

    It changes whenever a place is published, edited (its version column grows), withdrawn or
    restored, when province outlines are replaced, when a theme, stage or festival is published,
    when a place's photos change and when a seed adds named lodgings; caches keyed on it (the
    planner's catalogue, pages and API answers) never serve what a curator has just changed.
    One statement, remembered for the rest of a request (only caching GETs ask twice).
    """
    if "data_version" not in g or not has_request_context():
        row = db.session.execute(_version_query()).one()
        places, outlines, lodgings = tuple(row[:3]), row[3], row[4]
        curated = (int(row[5]), int(row[6] or 0), int(row[7]), int(row[8] or 0))
        url = current_app.config["SQLALCHEMY_DATABASE_URI"]
        state = (url, *places, outlines, lodgings, *curated)
        g.data_version = hashlib.sha256(repr(state).encode()).hexdigest()[:16]
    version: str = g.data_version
    return version


def provinces(*, in_region_only: bool = False) -> list[Province]:
    query = select(Province).order_by(Province.in_region.desc(), Province.code)
    if in_region_only:
        query = query.where(Province.in_region.is_(True))
    return list(db.session.scalars(query))


def province_codes() -> set[str]:
    return set(db.session.scalars(select(Province.code)))


def themes() -> list[Theme]:
    return list(
        db.session.scalars(select(Theme).options(selectinload(Theme.stages)).order_by(Theme.slug))
    )


def get_theme(slug: str) -> Theme | None:
    return db.session.scalar(
        select(Theme).where(Theme.slug == slug).options(selectinload(Theme.stages))
    )


def theme_slugs() -> set[str]:
    return set(db.session.scalars(select(Theme.slug)))


def published_kinds() -> dict[str, str]:
    """Kind of every published place by slug: enough to check the slugs of a trip request."""
    rows = db.session.execute(select(Place.slug, Place.kind).where(Place.status == "published"))
    return {slug: kind for slug, kind in rows}


def places_of_theme(theme: Theme) -> set[str]:
    """Slugs of the published places some stage of ``theme`` admits (the planner's own rule)."""
    value = convert.theme(theme)
    rows = db.session.scalars(
        select(Place).where(Place.status == "published").options(selectinload(Place.tags))
    )
    return {row.slug for row in rows if value.stage_of(convert.place(row)) is not None}


def list_places(
    *,
    province: str | None = None,
    kinds: Collection[str] | None = None,
    q: str | None = None,
    slugs: Collection[str] | None = None,
    page: int = 1,
    per_page: int = 24,
    lang: str = "vi",
) -> PlacePage:
    """Published places, optionally filtered, by province then name in the reader's language.

    ``kinds`` keeps only those kinds (the place list shows sights unless asked for lodging).
    ``q`` must match every word of its folded form in the folded names, so "den hung" finds
    "Đền Hùng"; ``slugs`` keeps only those places (e.g. a theme's, or those within a drive).
    Vietnamese names sort on their folded form (``search_text`` starts with it), so "Đ" sits
    with "D" as a Vietnamese reader expects rather than after "Z" in code-point order.
    """
    query = select(Place).where(Place.status == "published")
    if province:
        query = query.where(Place.province_code == province)
    if kinds is not None:
        query = query.where(Place.kind.in_(sorted(kinds)))
    for word in fold(q or "").split():
        query = query.where(Place.search_text.contains(word, autoescape=True))
    if slugs is not None:
        query = query.where(Place.slug.in_(sorted(slugs)))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = db.session.scalars(
        query.options(selectinload(Place.province), selectinload(Place.tags))
        .order_by(
            Place.province_code,
            func.lower(Place.name_en) if lang == "en" else Place.search_text,
            Place.slug,
        )
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return PlacePage(items=items, total=total, page=page, per_page=per_page)


def get_place(slug: str) -> Place | None:
    return db.session.scalar(
        select(Place)
        .where(Place.slug == slug, Place.status == "published")
        .options(selectinload(Place.province), selectinload(Place.tags))
    )


def count_places_by_province() -> dict[str, int]:
    rows = db.session.execute(
        select(Place.province_code, func.count())
        .where(Place.status == "published")
        .group_by(Place.province_code)
    )
    return {code: count for code, count in rows}
