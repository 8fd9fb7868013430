"""Reading the project's data files into plain records.

The CSV files under ``data/`` are the source of truth the database is seeded from, and the
validation tests read them directly, so both go through these readers and see the same thing.
A malformed row raises ``DataError`` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tourroute.core.domain import (
    ALL_PROVINCES,
    KINDS,
    LODGING_KINDS,
    PACE_FACTORS,
    PRECISIONS,
    VISIT_KINDS,
    DateRule,
    Festival,
    Lodging,
    PlanRules,
    ShowOffer,
    SiteGroup,
    Theme,
    ThemeStage,
)
from tourroute.core.errors import DataError
from tourroute.core.hours import parse_opening_hours

PLACE_COLUMNS = (
    "slug",
    "name_vi",
    "name_en",
    "kind",
    "tags",
    "province",
    "lat",
    "lon",
    "precision",
    "coord_source",
    "commune",
    "commune_2025",
    "commune_2025_source",
    "visit_min",
    "visit_source",
    "opening_hours",
    "hours_source",
    "ticket_adult_vnd",
    "ticket_child_vnd",
    "ticket_source",
    "heritage",
    "heritage_source",
    "interest",
    "description_vi",
    "description_en",
    "website",
    "phone",
)
FESTIVAL_COLUMNS = (
    "slug",
    "name_vi",
    "name_en",
    "calendar",
    "month",
    "day",
    "duration_days",
    "places",
    "description_vi",
    "description_en",
    "source",
)
TAGS = (
    "dat-to",
    "xoan",
    "tra-xanh",
    "quan-ho",
    "buddhist",
    "revolution",
    "nature",
    "craft",
    "ethnic",
)
GROUP_COLUMNS = ("slug", "name_vi", "name_en", "members", "source")
SHOW_COLUMNS = (
    "slug",
    "venue",
    "kind",
    "name_vi",
    "name_en",
    "hours",
    "duration_min",
    "duration_source",
    "booking_note_vi",
    "booking_note_en",
    "source",
)
#: A show's ``hours`` when it is staged for groups on request rather than on a timetable.
LODGING_COLUMNS = (
    "slug",
    "area",
    "name",
    "kind",
    "address",
    "phone",
    "website",
    "source",
    "checked",
)
BY_ARRANGEMENT = "by arrangement"
#: A website or source address as the data files and curators' forms accept it.
WEB_ADDRESS = re.compile(r"https?://[^\s]+$", re.IGNORECASE)
#: A phone number as published: digits with the separators people write, an optional ``+``.
PHONE_NUMBER = re.compile(r"\+?[0-9][0-9 .()-]{6,}[0-9]$")
HERITAGE_LEVELS = ("special_national", "national", "provincial")


@dataclass(frozen=True)
class PlaceRecord:
    """One row of a places file, typed but otherwise as written."""

    slug: str
    name_vi: str
    name_en: str
    kind: str
    tags: tuple[str, ...]
    province: str
    lat: float
    lon: float
    precision: str
    coord_source: str
    commune: str
    commune_2025: str
    commune_2025_source: str
    visit_min: int
    visit_source: str
    opening_hours: str
    hours_source: str
    ticket_adult_vnd: int | None
    ticket_child_vnd: int | None
    ticket_source: str
    heritage: str | None
    heritage_source: str
    interest: float
    description_vi: str
    description_en: str
    website: str
    phone: str
    file: str
    line: int


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise DataError(f"{path.name}: header must be {','.join(columns)}")
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise DataError(f"{path.name}:{reader.line_num}: wrong number of columns")
            yield reader.line_num, {k: v.strip() for k, v in row.items()}


def _number(raw: str, convert: type, where: str, column: str) -> Any:
    try:
        return convert(raw)
    except ValueError:
        raise DataError(f"{where}: {column} {raw!r} is not a number") from None


def _optional_int(raw: str, where: str, column: str) -> int | None:
    return None if raw == "" else _number(raw, int, where, column)


def _choice(raw: str, allowed: tuple[str, ...], where: str, column: str) -> str:
    if raw not in allowed:
        raise DataError(f"{where}: {column} {raw!r} is not one of {', '.join(allowed)}")
    return raw


def read_place_file(path: Path) -> list[PlaceRecord]:
    records = []
    for line, row in _rows(path, PLACE_COLUMNS):
        where = f"{path.name}:{line}"
        tags = tuple(t for t in row["tags"].split(";") if t)
        for tag in tags:
            _choice(tag, TAGS, where, "tags")
        records.append(
            PlaceRecord(
                slug=row["slug"],
                name_vi=row["name_vi"],
                name_en=row["name_en"],
                kind=_choice(row["kind"], KINDS, where, "kind"),
                tags=tags,
                province=_choice(row["province"], ALL_PROVINCES, where, "province"),
                lat=_number(row["lat"], float, where, "lat"),
                lon=_number(row["lon"], float, where, "lon"),
                precision=_choice(row["precision"], PRECISIONS, where, "precision"),
                coord_source=row["coord_source"],
                commune=row["commune"],
                commune_2025=row["commune_2025"],
                commune_2025_source=row["commune_2025_source"],
                visit_min=_number(row["visit_min"], int, where, "visit_min"),
                visit_source=row["visit_source"],
                opening_hours=row["opening_hours"],
                hours_source=row["hours_source"],
                ticket_adult_vnd=_optional_int(row["ticket_adult_vnd"], where, "ticket_adult_vnd"),
                ticket_child_vnd=_optional_int(row["ticket_child_vnd"], where, "ticket_child_vnd"),
                ticket_source=row["ticket_source"],
                heritage=(
                    _choice(row["heritage"], HERITAGE_LEVELS, where, "heritage")
                    if row["heritage"]
                    else None
                ),
                heritage_source=row["heritage_source"],
                interest=_number(row["interest"], float, where, "interest"),
                description_vi=row["description_vi"],
                description_en=row["description_en"],
                website=row["website"],
                phone=row["phone"],
                file=path.name,
                line=line,
            )
        )
    return records


def read_places(data_dir: Path) -> list[PlaceRecord]:
    """All places under ``data_dir/places``, in file then row order; slugs must be unique."""
    records: list[PlaceRecord] = []
    seen: dict[str, str] = {}
    for path in sorted((data_dir / "places").glob("*.csv")):
        for record in read_place_file(path):
            where = f"{record.file}:{record.line}"
            if record.slug in seen:
                first = seen[record.slug]
                raise DataError(f"{where}: slug {record.slug!r} already used at {first}")
            seen[record.slug] = where
            records.append(record)
    return records


def read_festivals(data_dir: Path) -> list[Festival]:
    festivals = []
    for path in sorted((data_dir / "festivals").glob("*.csv")):
        for line, row in _rows(path, FESTIVAL_COLUMNS):
            where = f"{path.name}:{line}"
            calendar = _choice(row["calendar"], ("lunar", "solar"), where, "calendar")
            festivals.append(
                Festival(
                    slug=row["slug"],
                    name_vi=row["name_vi"],
                    name_en=row["name_en"],
                    rule=DateRule(
                        calendar="lunar" if calendar == "lunar" else "solar",
                        month=_number(row["month"], int, where, "month"),
                        day=_number(row["day"], int, where, "day"),
                    ),
                    duration_days=_number(row["duration_days"], int, where, "duration_days"),
                    places=tuple(p for p in row["places"].split(";") if p),
                    description_vi=row["description_vi"],
                    description_en=row["description_en"],
                    source=row["source"],
                )
            )
    return festivals


def read_themes(data_dir: Path) -> list[Theme]:
    """Themes are data (``data/themes.json``) so a tourism department can add one without code."""
    path = data_dir / "themes.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [
            Theme(
                slug=t["slug"],
                name_vi=t["name_vi"],
                name_en=t["name_en"],
                description_vi=t.get("description_vi", ""),
                description_en=t.get("description_en", ""),
                ordered=t.get("ordered", True),
                days=t.get("days", 1),
                stages=tuple(
                    ThemeStage(
                        key=s["key"],
                        name_vi=s["name_vi"],
                        name_en=s["name_en"],
                        provinces=tuple(s.get("provinces", ())),
                        kinds=tuple(s.get("kinds", ())),
                        tags=tuple(s.get("tags", ())),
                        min_places=s.get("min_places", 1),
                    )
                    for s in t["stages"]
                ),
            )
            for t in raw["themes"]
        ]
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path.name}: malformed theme data ({exc})") from exc


@dataclass(frozen=True)
class GroupRecord:
    group: SiteGroup
    source: str


def read_groups(data_dir: Path) -> list[GroupRecord]:
    """Site groups (``data/groups.csv``); members are place slugs in walking order."""
    path = data_dir / "groups.csv"
    records = []
    for line, row in _rows(path, GROUP_COLUMNS):
        members = tuple(m for m in row["members"].split(";") if m)
        if len(members) < 2:
            raise DataError(f"{path.name}:{line}: a group needs at least two members")
        if not row["source"]:
            raise DataError(f"{path.name}:{line}: source is empty")
        group = SiteGroup(row["slug"], row["name_vi"], row["name_en"], members)
        records.append(GroupRecord(group=group, source=row["source"]))
    return records


@dataclass(frozen=True)
class ShowRecord:
    """One row of ``data/shows.csv`` as written (the database stores the same fields)."""

    slug: str
    venue: str
    kind: str
    name_vi: str
    name_en: str
    hours: str
    duration_min: int
    duration_source: str
    booking_note_vi: str
    booking_note_en: str
    source: str


def show_offer(record: ShowRecord) -> ShowOffer:
    """The planner's value for a show: ``by arrangement`` or its parsed timetable."""
    arranged = record.hours == BY_ARRANGEMENT
    return ShowOffer(
        slug=record.slug,
        venue=record.venue,
        kind=record.kind,
        name_vi=record.name_vi,
        name_en=record.name_en,
        duration_min=record.duration_min,
        hours=parse_opening_hours("unknown" if arranged else record.hours),
        by_arrangement=arranged,
        booking_note_vi=record.booking_note_vi,
        booking_note_en=record.booking_note_en,
        source=record.source,
    )


def read_show_records(data_dir: Path) -> list[ShowRecord]:
    """Shows and experiences (``data/shows.csv``): timetabled hours or ``by arrangement``."""
    path = data_dir / "shows.csv"
    records = []
    for line, row in _rows(path, SHOW_COLUMNS):
        where = f"{path.name}:{line}"
        if not row["source"]:
            raise DataError(f"{where}: source is empty")
        record = ShowRecord(
            slug=row["slug"],
            venue=row["venue"],
            kind=_choice(row["kind"], VISIT_KINDS, where, "kind"),
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            hours=row["hours"],
            duration_min=_number(row["duration_min"], int, where, "duration_min"),
            duration_source=row["duration_source"],
            booking_note_vi=row["booking_note_vi"],
            booking_note_en=row["booking_note_en"],
            source=row["source"],
        )
        try:
            show_offer(record)
        except DataError as exc:
            raise DataError(f"{where}: hours {exc.message}") from None
        records.append(record)
    return records


def _lodging(row: dict[str, str], where: str) -> Lodging:
    """One checked row: named, sourced, and reachable by phone or website."""
    for column in ("slug", "area", "name", "address"):
        if not row[column]:
            raise DataError(f"{where}: {column} is empty")
    if not row["phone"] and not row["website"]:
        raise DataError(f"{where}: phone and website are both empty; give one the source publishes")
    if row["phone"] and not PHONE_NUMBER.match(row["phone"]):
        raise DataError(f"{where}: phone {row['phone']!r} is not a phone number")
    for column in ("website", "source"):
        if row[column] and not WEB_ADDRESS.match(row[column]):
            raise DataError(
                f"{where}: {column} {row[column]!r} must start with http:// or https://"
            )
    if not row["source"]:
        raise DataError(f"{where}: source is empty")
    try:
        dt.date.fromisoformat(row["checked"])
    except ValueError:
        raise DataError(f"{where}: checked {row['checked']!r} is not a YYYY-MM-DD date") from None
    return Lodging(
        slug=row["slug"],
        area=row["area"],
        name=row["name"],
        kind=_choice(row["kind"], LODGING_KINDS, where, "kind"),
        address=row["address"],
        phone=row["phone"],
        website=row["website"],
        source=row["source"],
        checked=row["checked"],
    )


def read_lodgings(data_dir: Path) -> list[Lodging]:
    """Named hotels and homestays (``data/lodgings.csv``), in file order; slugs are unique.

    Whether each ``area`` is a lodging place of the catalogue is checked where both are known
    (the seed and the data tests), since this file alone cannot tell.
    """
    path = data_dir / "lodgings.csv"
    records: list[Lodging] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, LODGING_COLUMNS):
        where = f"{path.name}:{line}"
        record = _lodging(row, where)
        if record.slug in seen:
            first = seen[record.slug]
            raise DataError(f"{where}: slug {record.slug!r} already used at line {first}")
        seen[record.slug] = line
        records.append(record)
    return records


def _clock(text: str) -> int:
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes)


def read_plan_rules(data_dir: Path) -> PlanRules:
    """How the planner values and paces trips (``data/planning.json``)."""
    path = data_dir / "planning.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        caps = {pace: int(n) for pace, n in raw["max_sights_per_day"].items()}
        if set(caps) != set(PACE_FACTORS):
            raise DataError(f"{path.name}: max_sights_per_day must name {', '.join(PACE_FACTORS)}")
        first, last = raw["evening_window"]
        return PlanRules(
            same_kind_day_factors=tuple(float(x) for x in raw["same_kind_day_factors"]),
            same_kind_trip_factors=tuple(float(x) for x in raw["same_kind_trip_factors"]),
            max_sights_per_day=caps,
            festival_visit_factor=float(raw["festival_visit_factor"]),
            festival_arrive_by_min=_clock(raw["festival_arrive_by"]),
            drive_cost_per_min=float(raw["drive_cost_per_min"]),
            group_visit_max_min=int(raw["group_visit_max_min"]),
            group_apart_factor=float(raw["group_apart_factor"]),
            evening_window=(_clock(first), _clock(last)),
            evening_kinds=tuple(raw["evening_kinds"]),
            evening_near_min=int(raw["evening_near_min"]),
            experience_factor=float(raw["experience_factor"]),
            stage_places_per_day=float(raw["stage_places_per_day"]),
            stage_excess_factors=tuple(float(x) for x in raw["stage_excess_factors"]),
        )
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
        raise DataError(f"{path.name}: malformed planning rules ({exc})") from exc
