"""Database models (SQLAlchemy 2.0, typed).

Rows mirror the data files closely so that seeding is a straight copy and curation can edit
every fact together with its source. Conversion to the core's plain values lives in
``tourroute.services.convert`` so the core never sees a session.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourroute.core.costs import CURRENCIES as CURRENCIES  # re-exported for the forms
from tourroute.core.domain import KINDS, LODGING_KINDS, PRECISIONS
from tourroute.extensions import db


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


#: A source link in parentheses, or bare, as ``commune`` keeps it beside the address.
_SOURCE_LINK = re.compile(r"\s*\(?https?://[^\s)]+\)?")

PLACE_STATUSES = ("published", "unpublished")
ROLES = ("admin", "curator", "agency")
#: A draft is written, submitted, then approved (published) or rejected (and may be revised).
DRAFT_STATUSES = ("draft", "submitted", "approved", "rejected")
OPEN_DRAFT_STATUSES = ("draft", "submitted", "rejected")
_OPEN = _in("status", OPEN_DRAFT_STATUSES)


class Province(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    #: GeoJSON geometry of the boundary; approximate unless an official file was imported.
    boundary_geojson: Mapped[str | None] = mapped_column(Text)
    boundary_approximate: Mapped[bool] = mapped_column(Boolean, default=True)
    boundary_source: Mapped[str] = mapped_column(Text, default="")
    #: False for Hà Nội, which only holds the gateways.
    in_region: Mapped[bool] = mapped_column(Boolean, default=True)

    places: Mapped[list[Place]] = relationship(back_populates="province")


class Place(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "places"
    __table_args__ = (
        CheckConstraint(_in("kind", KINDS), name="kind"),
        CheckConstraint(_in("precision", PRECISIONS), name="precision"),
        CheckConstraint(_in("status", PLACE_STATUSES), name="status"),
        CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="latlon"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(12))
    coord_source: Mapped[str] = mapped_column(Text)
    #: The address as the sources give it, before the July 2025 reform ("formerly …").
    commune: Mapped[str] = mapped_column(Text, default="")
    #: The 2025 commune or ward, and how it was found (see data/README.md).
    commune_2025: Mapped[str] = mapped_column(Text, default="")
    commune_2025_source: Mapped[str] = mapped_column(Text, default="")
    visit_min: Mapped[int] = mapped_column(Integer, default=60)
    visit_source: Mapped[str] = mapped_column(Text, default="estimate")
    opening_hours: Mapped[str] = mapped_column(Text, default="unknown")
    hours_source: Mapped[str] = mapped_column(Text, default="")
    ticket_adult_vnd: Mapped[int | None] = mapped_column(Integer)
    ticket_child_vnd: Mapped[int | None] = mapped_column(Integer)
    ticket_source: Mapped[str] = mapped_column(Text, default="")
    heritage: Mapped[str | None] = mapped_column(String(30))
    heritage_source: Mapped[str] = mapped_column(Text, default="")
    interest: Mapped[float] = mapped_column(Float, default=5.0)
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: As the place (or OpenStreetMap, via a reviewed draft) publishes them; "" when unknown.
    website: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    #: Names in both languages folded to lowercase ASCII, for diacritics-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="published", index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )

    province: Mapped[Province] = relationship(back_populates="places")
    tags: Mapped[list[PlaceTag]] = relationship(
        back_populates="place", cascade="all, delete-orphan", order_by="PlaceTag.tag"
    )
    #: Named hotels and homestays of an overnight area (empty for other places). Loaded with
    #: every query of places (one more query per batch), since each conversion to a core
    #: ``Place`` reads it.
    lodgings: Mapped[list[Lodging]] = relationship(
        back_populates="area",
        cascade="all, delete-orphan",
        order_by="Lodging.name",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.tag for t in self.tags)

    @property
    def former_address(self) -> str:
        """The pre-2025 address without the source links the data file keeps beside it."""
        return _SOURCE_LINK.sub("", self.commune).strip(" ;,")


class PlaceTag(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "place_tags"

    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)

    place: Mapped[Place] = relationship(back_populates="tags")


class Theme(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "themes"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    ordered: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Days the whole journey needs (a shorter trip is planned with a note).
    days: Mapped[int] = mapped_column(Integer, default=1)

    stages: Mapped[list[ThemeStage]] = relationship(
        back_populates="theme", cascade="all, delete-orphan", order_by="ThemeStage.position"
    )


class ThemeStage(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "theme_stages"
    __table_args__ = (UniqueConstraint("theme_slug", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_slug: Mapped[str] = mapped_column(ForeignKey("themes.slug", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(40))
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    #: Space-separated lists: a stage is a filter over places (see core.domain.ThemeStage).
    provinces: Mapped[str] = mapped_column(Text, default="")
    kinds: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    min_places: Mapped[int] = mapped_column(Integer, default=1)

    theme: Mapped[Theme] = relationship(back_populates="stages")


class Festival(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "festivals"
    __table_args__ = (
        CheckConstraint(_in("calendar", ("lunar", "solar")), name="calendar"),
        CheckConstraint("month BETWEEN 1 AND 12 AND day BETWEEN 1 AND 31", name="monthday"),
        CheckConstraint("duration_days >= 1", name="duration"),
    )

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    calendar: Mapped[str] = mapped_column(String(5))
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    duration_days: Mapped[int] = mapped_column(Integer, default=1)
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")

    places: Mapped[list[Place]] = relationship(secondary="festival_places")


class FestivalPlace(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "festival_places"

    festival_slug: Mapped[str] = mapped_column(
        ForeignKey("festivals.slug", ondelete="CASCADE"), primary_key=True
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), primary_key=True
    )


class Lodging(db.Model):  # type: ignore[name-defined,misc]
    """A named place to stay in an overnight area (``data/lodgings.csv``), with its source."""

    __tablename__ = "lodgings"
    __table_args__ = (CheckConstraint(_in("kind", LODGING_KINDS), name="kind"),)

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(Text)
    #: As the source publishes them; "" when it gives none (at least one of the two is known).
    phone: Mapped[str] = mapped_column(String(60), default="")
    website: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)
    #: The day the source was read.
    checked: Mapped[dt.date] = mapped_column(Date)

    area: Mapped[Place] = relationship(back_populates="lodgings")


class SiteGroup(db.Model):  # type: ignore[name-defined,misc]
    """Places a guide shows together (``data/groups.csv``), visited as one stop."""

    __tablename__ = "site_groups"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    #: Member place slugs in walking order, ``;``-separated as in the data file.
    members: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)


class ShowOffer(db.Model):  # type: ignore[name-defined,misc]
    """A performance or experience that is booked (``data/shows.csv``)."""

    __tablename__ = "show_offers"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    #: Opening-hours notation, or ``by arrangement``.
    hours: Mapped[str] = mapped_column(Text)
    duration_min: Mapped[int] = mapped_column(Integer)
    duration_source: Mapped[str] = mapped_column(Text, default="")
    booking_note_vi: Mapped[str] = mapped_column(Text, default="")
    booking_note_en: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)

    venue: Mapped[Place] = relationship()


class Role(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "roles"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")


class User(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role_name: Mapped[str] = mapped_column(ForeignKey("roles.name"))
    #: Curators are bound to exactly one province.
    province_code: Mapped[str | None] = mapped_column(ForeignKey("provinces.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Changes on password change; sessions carry it, so old sessions stop working everywhere.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: uuid.uuid4().hex)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    #: When an admin let the account in; None for an agency's sign-up still awaiting approval.
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    role: Mapped[Role] = relationship()

    def get_id(self) -> str:
        """The session carries the token too, so changing it logs this user out everywhere."""
        return f"{self.id}.{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active


class Itinerary(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "itineraries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: uuid.uuid4().hex)
    title: Mapped[str] = mapped_column(String(200), default="")
    theme_slug: Mapped[str | None] = mapped_column(ForeignKey("themes.slug"))
    start_date: Mapped[dt.date] = mapped_column(db.Date)
    days: Mapped[int] = mapped_column(Integer)
    #: The planner request and its result, exactly as the API represents them.
    request_json: Mapped[dict[str, object]] = mapped_column(JSON)
    result_json: Mapped[dict[str, object]] = mapped_column(JSON)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    stops: Mapped[list[ItineraryStop]] = relationship(
        back_populates="itinerary",
        cascade="all, delete-orphan",
        order_by="(ItineraryStop.day, ItineraryStop.position)",
    )


class ItineraryStop(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "itinerary_stops"

    itinerary_id: Mapped[str] = mapped_column(
        ForeignKey("itineraries.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"))
    arrive_min: Mapped[int] = mapped_column(Integer)
    depart_min: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    itinerary: Mapped[Itinerary] = relationship(back_populates="stops")
    place: Mapped[Place] = relationship()


class AuditLog(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(80))
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class PlaceDraft(db.Model):  # type: ignore[name-defined,misc]
    """A proposed new place or change to one, in the data files' columns, awaiting review.

    ``fields`` holds text exactly as :mod:`tourroute.core.place_validation` cleaned it, so the
    form, the import and publication read one format. ``version`` guards against two curators
    saving the same draft; ``base_version`` is the place's version the draft started from, so
    a draft cannot overwrite a change published after it was begun.
    """

    __tablename__ = "place_drafts"
    __table_args__ = (
        CheckConstraint(_in("status", DRAFT_STATUSES), name="status"),
        CheckConstraint(_in("origin", ("form", "import", "restore")), name="origin"),
        # At most one open draft per place, and per new slug, even when two curators save at
        # the same instant: the database refuses the second and the service reports a conflict.
        Index(
            "uq_place_drafts_open_place",
            "place_id",
            unique=True,
            sqlite_where=text(f"place_id IS NOT NULL AND {_OPEN}"),
            postgresql_where=text(f"place_id IS NOT NULL AND {_OPEN}"),
        ),
        Index(
            "uq_place_drafts_open_slug",
            "slug",
            unique=True,
            sqlite_where=text(f"place_id IS NULL AND {_OPEN}"),
            postgresql_where=text(f"place_id IS NULL AND {_OPEN}"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80), index=True)
    province_code: Mapped[str] = mapped_column(ForeignKey("provinces.code"), index=True)
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    #: Problems worth a reviewer's look (likely duplicates): ``[{field, template, params}]``.
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    origin: Mapped[str] = mapped_column(String(10), default="form")
    base_version: Mapped[int | None] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )

    place: Mapped[Place | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __mapper_args__ = {"version_id_col": version}


class PlaceRevision(db.Model):  # type: ignore[name-defined,misc]
    """One published state of a place, kept forever: history, comparison and restore."""

    __tablename__ = "place_revisions"
    __table_args__ = (UniqueConstraint("place_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    #: ``{field: [before, after]}`` against the previous revision; empty for the first.
    changes: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    #: What happened: ``baseline`` (state before the first curated change), ``publish``,
    #: ``unpublish`` or ``republish``.
    action: Mapped[str] = mapped_column(String(12))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("place_drafts.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])


class LoginAttempt(db.Model):  # type: ignore[name-defined,misc]
    """Failed logins per (account, address) — shared by every worker, unlike process memory."""

    __tablename__ = "login_attempts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


DOCUMENT_LANGS = ("vi", "en")
#: A package is a draft until its link is shared (sent), and accepted once the client says so.
PACKAGE_STATUSES = ("draft", "sent", "accepted")


class AgencyProfile(db.Model):  # type: ignore[name-defined,misc]
    """An agency's branding, its own rates and how it shows money; one per agency account.

    ``rates`` holds only the rates the agency changed (keys of ``services.agency_rates``), so a
    corrected default in ``data/rates.csv`` still reaches every rate the agency left alone.
    """

    __tablename__ = "agency_profiles"
    __table_args__ = (
        CheckConstraint(_in("currency", CURRENCIES), name="currency"),
        CheckConstraint("vnd_per_unit IS NULL OR vnd_per_unit > 0", name="rate"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    agency_name: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    accent_hex: Mapped[str] = mapped_column(String(7), default="#1f6f5c")
    #: PNG re-encoded by ``core.images.reencode_image``; never the uploaded bytes.
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    rates: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    currency: Mapped[str] = mapped_column(String(3), default="VND")
    #: VND per unit of ``currency`` (set by the agency); None for VND.
    vnd_per_unit: Mapped[float | None] = mapped_column(Float)
    #: Asked at sign-up so that an admin can check the agency before approving it.
    phone: Mapped[str] = mapped_column(String(40), default="")
    licence_number: Mapped[str] = mapped_column(String(60), default="")


class Package(db.Model):  # type: ignore[name-defined,misc]
    """A trip an agency sells: its itinerary (the API's JSON shape) and the group it is for.

    Deleting archives (``archived``): a package may be quoted in a contract already.
    ``share_token`` is the secret of the read-only link; None when the package is not shared.
    """

    __tablename__ = "packages"
    __table_args__ = (
        CheckConstraint(_in("lang", DOCUMENT_LANGS), name="lang"),
        CheckConstraint("adults >= 0 AND children >= 0 AND adults + children >= 1", name="group"),
        CheckConstraint(_in("status", PACKAGE_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    adults: Mapped[int] = mapped_column(Integer, default=2)
    children: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(2), default="vi")
    itinerary_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_itinerary_id: Mapped[str | None] = mapped_column(String(36))
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    #: What the client wrote when accepting through the share link (name, date, note).
    accepted_by: Mapped[str | None] = mapped_column(String(200))
    accepted_on: Mapped[dt.date | None] = mapped_column(db.Date)
    accepted_note: Mapped[str] = mapped_column(Text, default="")
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )


class ApiToken(db.Model):  # type: ignore[name-defined,misc]
    """A bearer token of an agency's API client; only its SHA-256 is kept, the token shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters, so the owner can tell tokens apart without the secret.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class IdempotentResponse(db.Model):  # type: ignore[name-defined,misc]
    """The first answer to a create call sent with an ``Idempotency-Key``, kept so a client that
    retries (its connection dropped, it timed out) gets that answer instead of a duplicate.

    ``scope`` keeps clients apart (the API path, and the account for agencies); the body's
    SHA-256 tells a retry from a different request that reuses the key.
    """

    __tablename__ = "idempotent_responses"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    location: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, index=True
    )


class PasswordReset(db.Model):  # type: ignore[name-defined,misc]
    """A one-time link an admin hands to someone who forgot their password (no mail server).

    Only the token's SHA-256 is kept; the link works once (``used_at``) and until ``expires_at``.
    """

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


#: What a catalogue draft changes: a theme as a whole, one stage of a theme, or a festival.
CATALOGUE_SUBJECTS = ("theme", "stage", "festival")


class CatalogueDraft(db.Model):  # type: ignore[name-defined,misc]
    """A proposed change to a theme, a theme's stage or a festival, awaiting review.

    The same workflow as :class:`PlaceDraft`. ``key`` names the row (theme slug, festival slug,
    or ``"<theme>.<stage key>"``); ``province_code`` is the province whose curators own it —
    None for a change only an admin may make (a theme as a whole, a stage or festival of
    several provinces). ``base_fields`` is the published state the draft began from, so a
    change published meanwhile is not overwritten.
    """

    __tablename__ = "catalogue_drafts"
    __table_args__ = (
        CheckConstraint(_in("status", DRAFT_STATUSES), name="status"),
        CheckConstraint(_in("subject", CATALOGUE_SUBJECTS), name="subject"),
        Index(
            "uq_catalogue_drafts_open",
            "subject",
            "key",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(170), index=True)
    province_code: Mapped[str | None] = mapped_column(ForeignKey("provinces.code"), index=True)
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    base_fields: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_comment: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __mapper_args__ = {"version_id_col": version}


class CatalogueRevision(db.Model):  # type: ignore[name-defined,misc]
    """One published state of a theme, stage or festival, kept forever (like PlaceRevision)."""

    __tablename__ = "catalogue_revisions"
    __table_args__ = (UniqueConstraint("subject", "key", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(170), index=True)
    number: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, str]] = mapped_column(JSON)
    changes: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    #: ``baseline`` (the state before the first curated change) or ``publish``.
    action: Mapped[str] = mapped_column(String(12))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_drafts.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow, index=True)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    approver: Mapped[User | None] = relationship(foreign_keys=[approver_id])


class PlacePhoto(db.Model):  # type: ignore[name-defined,misc]
    """A photo of a place with its credit and licence, as re-encoded by ``core.images``."""

    __tablename__ = "place_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    #: JPEG re-encoded by ``core.images.reencode_image``: never the uploaded bytes.
    image: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    credit: Mapped[str] = mapped_column(String(200))
    licence: Mapped[str] = mapped_column(String(100))
    caption_vi: Mapped[str] = mapped_column(String(300), default="")
    caption_en: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
