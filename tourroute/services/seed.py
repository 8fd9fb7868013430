"""Seeding the database from ``data/``.

Seeding only adds what is missing: once a place is in the database it belongs to its province's
curators, and a later seed must neither overwrite their work nor duplicate rows. Running it twice
therefore changes nothing the second time.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from tourroute.core import datafiles
from tourroute.core.domain import Festival as FestivalValue
from tourroute.core.domain import Lodging as LodgingValue
from tourroute.core.errors import DataError
from tourroute.core.text import fold
from tourroute.extensions import db
from tourroute.models import (
    ROLES,
    Festival,
    Lodging,
    Place,
    PlaceTag,
    Province,
    Role,
    ShowOffer,
    SiteGroup,
    Theme,
    ThemeStage,
)
from tourroute.services.geography import ensure_boundaries

T = TypeVar("T")

ROLE_DESCRIPTIONS = {
    "admin": "Everything, including user management",
    "curator": "Curates the places of one province",
    "agency": "Builds and exports its own tour packages",
}


@dataclass
class SeedReport:
    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, *, added: bool) -> None:
        bucket = self.added if added else self.kept
        bucket[table] = bucket.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return any(self.added.values())


def _add_missing(
    report: SeedReport,
    table: str,
    items: Iterable[T],
    key: Callable[[T], str],
    existing: set[str],
    build: Callable[[T], object],
) -> None:
    for item in items:
        is_new = key(item) not in existing
        if is_new:
            db.session.add(build(item))
            existing.add(key(item))
        report.count(table, added=is_new)


def _place_row(record: datafiles.PlaceRecord) -> Place:
    return Place(
        slug=record.slug,
        name_vi=record.name_vi,
        name_en=record.name_en,
        kind=record.kind,
        province_code=record.province,
        lat=record.lat,
        lon=record.lon,
        precision=record.precision,
        coord_source=record.coord_source,
        commune=record.commune,
        commune_2025=record.commune_2025,
        commune_2025_source=record.commune_2025_source,
        visit_min=record.visit_min,
        visit_source=record.visit_source,
        opening_hours=record.opening_hours,
        hours_source=record.hours_source,
        ticket_adult_vnd=record.ticket_adult_vnd,
        ticket_child_vnd=record.ticket_child_vnd,
        ticket_source=record.ticket_source,
        heritage=record.heritage,
        heritage_source=record.heritage_source,
        interest=record.interest,
        description_vi=record.description_vi,
        description_en=record.description_en,
        website=record.website,
        phone=record.phone,
        search_text=fold(f"{record.name_vi} {record.name_en}"),
        status="published",
        tags=[PlaceTag(tag=t) for t in record.tags],
    )


def _read_provinces(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / "provinces.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


#: The steps ``seed_database`` reports to its ``progress`` callback, in order.
SEED_STEPS = (
    "roles",
    "provinces",
    "boundaries",
    "themes",
    "places",
    "festivals",
    "groups",
    "shows",
    "lodgings",
)


def seed_database(data_dir: Path, *, progress: Callable[[str], None] | None = None) -> SeedReport:
    """Add every role, province, theme, place and festival from ``data_dir`` that is missing.

    ``progress`` is called with each step's name once it is done, so a command line can show
    how far a long seed has come.
    """
    report = SeedReport()
    done = progress or (lambda _step: None)
    _add_missing(
        report,
        "roles",
        ROLES,
        str,
        set(db.session.scalars(select(Role.name))),
        lambda name: Role(name=name, description=ROLE_DESCRIPTIONS[name]),
    )
    done("roles")
    _add_missing(
        report,
        "provinces",
        _read_provinces(data_dir),
        lambda row: row["code"],
        set(db.session.scalars(select(Province.code))),
        lambda row: Province(
            code=row["code"],
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            in_region=row["in_region"] == "true",
        ),
    )
    done("provinces")
    db.session.flush()
    if ensure_boundaries():
        report.count("boundaries", added=True)
    done("boundaries")
    _add_missing(
        report,
        "themes",
        datafiles.read_themes(data_dir),
        lambda t: t.slug,
        set(db.session.scalars(select(Theme.slug))),
        lambda t: Theme(
            slug=t.slug,
            name_vi=t.name_vi,
            name_en=t.name_en,
            description_vi=t.description_vi,
            description_en=t.description_en,
            ordered=t.ordered,
            days=t.days,
            stages=[
                ThemeStage(
                    position=i,
                    key=s.key,
                    name_vi=s.name_vi,
                    name_en=s.name_en,
                    provinces=" ".join(s.provinces),
                    kinds=" ".join(s.kinds),
                    tags=" ".join(s.tags),
                    min_places=s.min_places,
                )
                for i, s in enumerate(t.stages)
            ],
        ),
    )
    done("themes")
    _add_missing(
        report,
        "places",
        datafiles.read_places(data_dir),
        lambda r: r.slug,
        set(db.session.scalars(select(Place.slug))),
        _place_row,
    )
    done("places")
    db.session.flush()
    places_by_slug = {p.slug: p for p in db.session.scalars(select(Place))}

    def festival_row(f: FestivalValue) -> Festival:
        missing = [s for s in f.places if s not in places_by_slug]
        if missing:
            raise DataError(f"festival {f.slug!r} names unknown places: {', '.join(missing)}")
        return Festival(
            slug=f.slug,
            name_vi=f.name_vi,
            name_en=f.name_en,
            calendar=f.rule.calendar,
            month=f.rule.month,
            day=f.rule.day,
            duration_days=f.duration_days,
            description_vi=f.description_vi,
            description_en=f.description_en,
            source=f.source,
            places=[places_by_slug[s] for s in f.places],
        )

    _add_missing(
        report,
        "festivals",
        datafiles.read_festivals(data_dir),
        lambda f: f.slug,
        set(db.session.scalars(select(Festival.slug))),
        festival_row,
    )
    db.session.flush()
    done("festivals")
    _seed_place_extras(data_dir, report, places_by_slug, done)
    return report


def _seed_place_extras(
    data_dir: Path,
    report: SeedReport,
    places_by_slug: dict[str, Place],
    done: Callable[[str], None],
) -> None:
    """Site groups, show offers and lodgings, each naming only places the catalogue has."""

    def known(what: str, slugs: Iterable[str]) -> None:
        missing = [s for s in slugs if s not in places_by_slug]
        if missing:
            raise DataError(f"{what} names unknown places: {', '.join(missing)}")

    def group_row(record: datafiles.GroupRecord) -> SiteGroup:
        group = record.group
        known(f"group {group.slug!r}", group.members)
        return SiteGroup(
            slug=group.slug,
            name_vi=group.name_vi,
            name_en=group.name_en,
            members=";".join(group.members),
            source=record.source,
        )

    _add_missing(
        report,
        "groups",
        datafiles.read_groups(data_dir),
        lambda r: r.group.slug,
        set(db.session.scalars(select(SiteGroup.slug))),
        group_row,
    )
    done("groups")

    def show_row(record: datafiles.ShowRecord) -> ShowOffer:
        known(f"show {record.slug!r}", [record.venue])
        return ShowOffer(
            slug=record.slug,
            venue=places_by_slug[record.venue],
            kind=record.kind,
            name_vi=record.name_vi,
            name_en=record.name_en,
            hours=record.hours,
            duration_min=record.duration_min,
            duration_source=record.duration_source,
            booking_note_vi=record.booking_note_vi,
            booking_note_en=record.booking_note_en,
            source=record.source,
        )

    _add_missing(
        report,
        "shows",
        datafiles.read_show_records(data_dir),
        lambda r: r.slug,
        set(db.session.scalars(select(ShowOffer.slug))),
        show_row,
    )
    db.session.flush()
    done("shows")

    def lodging_row(record: LodgingValue) -> Lodging:
        area = places_by_slug.get(record.area)
        if area is None or area.kind != "lodging":
            raise DataError(f"lodging {record.slug!r} names {record.area!r}, not a lodging place")
        return Lodging(
            slug=record.slug,
            area=area,
            name=record.name,
            kind=record.kind,
            address=record.address,
            phone=record.phone,
            website=record.website,
            source=record.source,
            checked=dt.date.fromisoformat(record.checked),
        )

    _add_missing(
        report,
        "lodgings",
        datafiles.read_lodgings(data_dir),
        lambda r: r.slug,
        set(db.session.scalars(select(Lodging.slug))),
        lodging_row,
    )
    db.session.flush()
    done("lodgings")
