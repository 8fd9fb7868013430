"""``tourroute import-osm``: OpenStreetMap points offered to curators as drafts, never published.

A deployer with a regional extract can replace commune centroids with the places' own points.
Each unambiguous match becomes a draft of the place with the OSM point (precision ``exact``),
and its ``opening_hours``, ``website`` and ``phone`` tags when present, all attributed to
OpenStreetMap (ODbL); a curator of the province reviews it like any other draft.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tourroute.core.domain import PROVINCES
from tourroute.core.errors import DataError
from tourroute.core.osm_extract import read_osm_features
from tourroute.core.osm_match import CataloguePlace, Match, MatchReport, match_features
from tourroute.models import Place, PlaceDraft, User
from tourroute.services import curation

OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"


def osm_source(osm_id: str) -> str:
    """The source text a draft's OSM facts carry: the attribution and the object's page."""
    return f"{OSM_ATTRIBUTION}, https://www.openstreetmap.org/{osm_id}"


def _draft_fields(place: Place, match: Match) -> dict[str, str]:
    fields = curation.place_fields(place)
    source = osm_source(match["osm_id"])
    fields.update(
        lat=repr(match["lat"]), lon=repr(match["lon"]), precision="exact", coord_source=source
    )
    tags = match["tags"]
    if "opening_hours" in tags:
        fields["opening_hours"], fields["hours_source"] = tags["opening_hours"], source
    for key in ("website", "phone"):
        if key in tags:
            fields[key] = tags[key]
    return fields


def import_osm(
    session: Session,
    path: Path,
    *,
    province: str | None = None,
    author: User | None = None,
    dry_run: bool = False,
) -> tuple[MatchReport, list[PlaceDraft], dict[str, str]]:
    """Match the extract at ``path`` to the published places (of ``province``, if given).

    Unless ``dry_run``, every match whose place has no open draft becomes a submitted draft by
    ``author``. Returns the report, the drafts made and the matches left out with the reason
    (a curator's open draft, or facts the validator refuses, such as malformed hours).

    Raises
    ------
    DataError
        When ``province`` is not one of the three, the file cannot be read, or no author is
        given for a real run.
    """
    if province is not None and province not in PROVINCES:
        raise DataError(f"unknown province {province!r}; use one of {', '.join(PROVINCES)}")
    if not dry_run and author is None:
        raise DataError("an author account is needed to write drafts (create an admin first)")
    query = select(Place).where(Place.status == "published", Place.kind != "gateway")
    if province is not None:
        query = query.where(Place.province_code == province)
    rows = {row.slug: row for row in session.scalars(query)}
    places = [
        CataloguePlace(slug=r.slug, names=(r.name_vi, r.name_en), lat=r.lat, lon=r.lon)
        for r in rows.values()
    ]
    report = match_features(places, read_osm_features(path))
    drafts: list[PlaceDraft] = []
    left_out: dict[str, str] = {}
    if dry_run or author is None:
        return report, drafts, left_out
    for match in report["matched"]:
        place = rows[match["slug"]]
        if curation.open_draft_for_place(place) is not None:
            left_out[place.slug] = "a draft of this place is already open"
            continue
        try:
            draft = curation.save_draft(
                author,
                _draft_fields(place, match),
                province=place.province_code,
                locale="en",
                place=place,
                base_version=place.version,
                origin="import",
            )
        except curation.ValidationFailed as exc:
            left_out[place.slug] = exc.message
            continue
        curation.submit_draft(author, draft, version=draft.version)
        drafts.append(draft)
    session.flush()
    return report, drafts, left_out
