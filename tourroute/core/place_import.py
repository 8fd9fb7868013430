"""Bulk import of places: an uploaded CSV or GeoJSON file in, rows and their problems out.

Two steps, both pure. :func:`parse_upload` turns bytes into numbered rows of text fields and
refuses, with :class:`UploadError`, anything that is not the declared format (wrong encoding,
binary data, a foreign header, too many rows). :func:`check_import` then validates every row
with :func:`tourroute.core.place_validation.check_place` and adds what only a whole file can
reveal: the same slug or the same place twice. Nothing here raises on a bad *row*: a preview
must list every problem of every row, so the curator can fix the file in one go.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tourroute.core.datafiles import PLACE_COLUMNS
from tourroute.core.messages import N_, TranslatableError
from tourroute.core.place_validation import (
    FIELDS,
    KnownPlace,
    PlaceContext,
    Problem,
    check_place,
    likely_duplicates,
)

#: Most rows one file may hold: enough for a province's catalogue, small enough to review.
MAX_ROWS = 500
FORMATS: dict[str, str] = {".csv": "csv", ".geojson": "geojson", ".json": "geojson"}


class UploadError(TranslatableError):
    """The file as a whole cannot be read as the declared format."""

    def __init__(self, template: str, **params: str | int) -> None:
        super().__init__(template, field="file", **params)


@dataclass(frozen=True)
class ImportRow:
    """One record of the file: its line (CSV) or feature (GeoJSON) number and its fields."""

    number: int
    fields: dict[str, str]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class RowReport:
    number: int
    fields: dict[str, str]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class ImportReport:
    """What applying the file would do; it may only be applied when ``ok``."""

    format: str
    rows: tuple[RowReport, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(len(row.errors) for row in self.rows)


def declared_format(filename: str) -> str:
    """``csv`` or ``geojson`` from the file name's extension."""
    lowered = filename.lower()
    for extension, fmt in FORMATS.items():
        if lowered.endswith(extension):
            return fmt
    raise UploadError(N_("Upload a .csv or .geojson file."))


def _text(data: bytes) -> str:
    if not data.strip():
        raise UploadError(N_("The file is empty."))
    if b"\x00" in data:
        raise UploadError(N_("This is a binary file, not text."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            N_("The file is not UTF-8 text (bad byte at position %(position)d)."),
            position=exc.start,
        ) from None


#: Columns an upload may leave out: files written before the 2025 address, website and phone
#: columns existed.
OPTIONAL_COLUMNS = ("commune_2025", "commune_2025_source", "website", "phone")


def _too_many(max_rows: int) -> UploadError:
    return UploadError(N_("The file has more than %(max_rows)d places."), max_rows=max_rows)


def parse_csv(data: bytes, *, max_rows: int = MAX_ROWS) -> list[ImportRow]:
    """Rows of a CSV with the data files' header (UTF-8, with or without a byte-order mark)."""
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
        missing = [c for c in PLACE_COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
        unknown = [c for c in header if c not in PLACE_COLUMNS]
        if missing or unknown or len(set(header)) != len(header):
            raise UploadError(
                N_("The header must be the data files' columns: %(columns)s."),
                columns=",".join(PLACE_COLUMNS),
            )
        rows: list[ImportRow] = []
        start = reader.line_num + 1
        for record in reader:
            if not any(cell.strip() for cell in record):
                start = reader.line_num + 1
                continue
            if len(rows) == max_rows:
                raise _too_many(max_rows)
            problems: tuple[Problem, ...] = ()
            if len(record) != len(header):
                problems = (
                    Problem(
                        "file",
                        N_("This line has %(found)d columns instead of %(expected)d."),
                        {"found": len(record), "expected": len(header)},
                    ),
                )
            rows.append(ImportRow(start, dict(zip(header, record, strict=False)), problems))
            start = reader.line_num + 1
    except StopIteration:
        raise UploadError(N_("The file is empty.")) from None
    except csv.Error as exc:
        raise UploadError(
            N_("The CSV is malformed near line %(line)d: %(detail)s"),
            line=reader.line_num,
            detail=str(exc),
        ) from None
    return rows


def _property_text(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and math.isfinite(value):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    return None


def _feature_row(number: int, feature: Any) -> ImportRow:
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        return ImportRow(number, {}, (Problem("file", N_("This is not a GeoJSON Feature.")),))
    problems: list[Problem] = []
    properties = feature.get("properties")
    fields: dict[str, str] = {}
    if isinstance(properties, Mapping):
        for name in FIELDS:
            text = _property_text(properties.get(name))
            if text is None:
                problems.append(Problem(name, N_("This property must be text or a number.")))
            else:
                fields[name] = text
    else:
        problems.append(Problem("file", N_("The feature has no properties object.")))
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, Mapping) else None
    if (
        not isinstance(geometry, Mapping)
        or geometry.get("type") != "Point"
        or not isinstance(coordinates, list)
        or len(coordinates) not in (2, 3)
        or not all(
            isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
            for c in coordinates
        )
    ):
        problems.append(
            Problem("lat", N_("The geometry must be a Point with [longitude, latitude]."))
        )
        fields["lon"] = fields["lat"] = ""
    else:
        fields["lon"], fields["lat"] = repr(float(coordinates[0])), repr(float(coordinates[1]))
    return ImportRow(number, fields, tuple(problems))


def parse_geojson(data: bytes, *, max_rows: int = MAX_ROWS) -> list[ImportRow]:
    """Features of a FeatureCollection of Points; the geometry gives the coordinates."""
    try:
        collection = json.loads(_text(data))
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = f"line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else "nesting"
        raise UploadError(N_("The file is not valid JSON (%(detail)s)."), detail=detail) from None
    if (
        not isinstance(collection, Mapping)
        or collection.get("type") != "FeatureCollection"
        or not isinstance(collection.get("features"), list)
    ):
        raise UploadError(N_("The file must be a GeoJSON FeatureCollection."))
    features = collection["features"]
    if len(features) > max_rows:
        raise _too_many(max_rows)
    if not features:
        raise UploadError(N_("The file is empty."))
    return [_feature_row(number, feature) for number, feature in enumerate(features, start=1)]


def parse_upload(data: bytes, *, filename: str, max_rows: int = MAX_ROWS) -> list[ImportRow]:
    """Rows of an upload in the format its file name declares."""
    if declared_format(filename) == "csv":
        return parse_csv(data, max_rows=max_rows)
    return parse_geojson(data, max_rows=max_rows)


def _within_file_problems(reports: Sequence[RowReport]) -> list[list[Problem]]:
    extra: list[list[Problem]] = [[] for _ in reports]
    first_by_slug: dict[str, int] = {}
    earlier: list[tuple[KnownPlace, int]] = []
    for index, report in enumerate(reports):
        fields = report.fields
        slug = fields.get("slug", "")
        if slug and slug in first_by_slug:
            extra[index].append(
                Problem(
                    "slug",
                    N_("The slug “%(slug)s” is already used at %(number)d in this file."),
                    {"slug": slug, "number": first_by_slug[slug]},
                )
            )
        elif slug:
            first_by_slug[slug] = report.number
        try:
            lat, lon = float(fields.get("lat", "")), float(fields.get("lon", ""))
        except ValueError:
            continue
        me = KnownPlace(slug, fields.get("name_vi", ""), fields.get("name_en", ""), lat, lon)
        numbers = {id(place): number for place, number in earlier}
        for twin in likely_duplicates(me, [place for place, _ in earlier]):
            extra[index].append(
                Problem(
                    "name_vi",
                    N_("The same place as “%(name)s” at %(number)d in this file."),
                    {"name": twin.name_vi, "number": numbers[id(twin)]},
                )
            )
        earlier.append((me, report.number))
    return extra


def check_import(rows: Sequence[ImportRow], context: PlaceContext, *, fmt: str) -> ImportReport:
    """Validate every row for ``context.province`` and the file as a whole."""
    reports = []
    for row in rows:
        checked = check_place(row.fields, context)
        reports.append(
            RowReport(
                number=row.number,
                fields=checked.fields,
                errors=(*row.problems, *checked.errors),
                warnings=checked.warnings,
            )
        )
    extra = _within_file_problems(reports)
    return ImportReport(
        format=fmt,
        rows=tuple(
            replace(report, errors=(*report.errors, *more)) if more else report
            for report, more in zip(reports, extra, strict=True)
        ),
    )
