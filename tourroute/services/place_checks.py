"""What a place is checked against: province polygons, the catalogue and the festivals."""

from __future__ import annotations

import functools
import json

import shapely
from sqlalchemy import select

from tourroute.core.boundaries import Boundaries, derive_approximate_boundaries
from tourroute.core.domain import ALL_PROVINCES
from tourroute.core.place_validation import KnownPlace, PlaceContext
from tourroute.extensions import db
from tourroute.models import OPEN_DRAFT_STATUSES, Festival, Place, PlaceDraft, Province


@functools.cache
def _derived() -> Boundaries:
    """Derived once per process: deterministic, and a few seconds of work."""
    return derive_approximate_boundaries()


def _geometry(text: str) -> shapely.Geometry:
    data = json.loads(text)
    return shapely.from_geojson(json.dumps(data.get("geometry", data)))


def province_boundaries() -> tuple[Boundaries, bool]:
    """The stored boundaries when every province has one, else the derived approximate ones.

    Returns the polygons and whether they are approximate (which widens the margin a point may
    lie outside its province, see ``place_validation.APPROXIMATE_MARGIN_KM``).
    """
    rows = {p.code: p for p in db.session.scalars(select(Province))}
    if all(code in rows and rows[code].boundary_geojson for code in ALL_PROVINCES):
        stored = {code: _geometry(rows[code].boundary_geojson or "") for code in ALL_PROVINCES}
        return stored, any(rows[code].boundary_approximate for code in ALL_PROVINCES)
    return _derived(), True


def province_names(locale: str) -> dict[str, str]:
    return {
        p.code: (p.name_en if locale == "en" else p.name_vi)
        for p in db.session.scalars(select(Province))
    }


def place_context(
    province: str,
    *,
    locale: str,
    place_id: int | None = None,
    draft_id: int | None = None,
) -> PlaceContext:
    """Everything ``check_place`` needs, leaving out the place or draft being edited itself."""
    boundaries, approximate = province_boundaries()
    known = [
        KnownPlace(p.slug, p.name_vi, p.name_en, p.lat, p.lon)
        for p in db.session.scalars(select(Place).where(Place.id != (place_id or -1)))
    ]
    new_drafts = db.session.scalars(
        select(PlaceDraft).where(
            PlaceDraft.place_id.is_(None),
            PlaceDraft.status.in_(OPEN_DRAFT_STATUSES),
            PlaceDraft.id != (draft_id or -1),
        )
    ).all()
    for draft in new_drafts:
        try:
            lat, lon = float(draft.fields["lat"]), float(draft.fields["lon"])
        except (KeyError, ValueError):
            continue
        known.append(
            KnownPlace(draft.slug, draft.fields["name_vi"], draft.fields["name_en"], lat, lon)
        )
    return PlaceContext(
        province=province,
        boundaries=boundaries,
        boundaries_approximate=approximate,
        province_names=province_names(locale),
        known_places=tuple(known),
        taken_slugs=frozenset(k.slug for k in known) | frozenset(d.slug for d in new_drafts),
        festival_slugs=frozenset(db.session.scalars(select(Festival.slug))),
    )
