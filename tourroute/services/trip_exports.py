"""A saved itinerary as a file in any export format, with what the web needs to send it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from shapely.geometry.base import BaseGeometry

from tourroute.core.domain import Itinerary
from tourroute.core.export.geojson import itinerary_to_geojson
from tourroute.core.export.gpx import itinerary_to_gpx
from tourroute.core.export.ics import itinerary_to_ics
from tourroute.core.export.kml import itinerary_to_kml
from tourroute.core.export.tabular import itinerary_to_csv, itinerary_to_xlsx
from tourroute.services.geography import province_boundaries
from tourroute.services.photos import itinerary_photos


def _pdf(it: Itinerary, *, lang: str) -> bytes:
    # Imported on first use: it pulls in matplotlib, which would slow every start-up.
    from tourroute.core.export.pdf import itinerary_to_pdf

    # The map on the cover outlines the provinces as stored (approximate until imported).
    outlines = [cast(BaseGeometry, g) for g in province_boundaries().values()]
    return itinerary_to_pdf(
        it, lang=lang, boundaries=outlines, photos=itinerary_photos(it, lang=lang)
    )


@dataclass(frozen=True)
class ExportFormat:
    media_type: str
    extension: str
    render: Callable[..., bytes]


FORMATS: dict[str, ExportFormat] = {
    "pdf": ExportFormat("application/pdf", "pdf", _pdf),
    "gpx": ExportFormat("application/gpx+xml", "gpx", itinerary_to_gpx),
    "kml": ExportFormat("application/vnd.google-earth.kml+xml", "kml", itinerary_to_kml),
    "geojson": ExportFormat("application/geo+json", "geojson", itinerary_to_geojson),
    "ics": ExportFormat("text/calendar; charset=utf-8", "ics", itinerary_to_ics),
    "csv": ExportFormat("text/csv; charset=utf-8", "csv", itinerary_to_csv),
    "xlsx": ExportFormat(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        itinerary_to_xlsx,
    ),
}


def export_itinerary(it: Itinerary, fmt: str, *, lang: str) -> bytes:
    """The file's bytes; ``fmt`` is a key of :data:`FORMATS`."""
    return FORMATS[fmt].render(it, lang=lang)
