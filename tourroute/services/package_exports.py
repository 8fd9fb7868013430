"""A package as a file for its customers: the agency's branding, its costs, its language.

The same formats as a saved trip (``trip_exports``), plus ``json``: the package itself, and
``cost-sheet``: the agency's internal PDF with the build-up of the price and its margin. The
customer's PDF shows only the price per person and for the group; the XLSX has a costs sheet
(for the agency) and the XLSX/CSV a ticket column, in the agency's rates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from shapely.geometry.base import BaseGeometry

from tourroute.core.costs import CostEstimate
from tourroute.core.domain import Itinerary
from tourroute.core.export.branding import Branding
from tourroute.core.export.geojson import itinerary_to_geojson
from tourroute.core.export.gpx import itinerary_to_gpx
from tourroute.core.export.ics import itinerary_to_ics
from tourroute.core.export.kml import itinerary_to_kml
from tourroute.core.export.tabular import itinerary_to_csv, itinerary_to_xlsx
from tourroute.models import Package
from tourroute.services import agency_profiles, packages, trip_exports
from tourroute.services.geography import province_boundaries
from tourroute.services.package_json import package_to_dict
from tourroute.services.photos import itinerary_photos


@dataclass(frozen=True)
class Context:
    """Everything a format may need, computed once per export."""

    package: Package
    itinerary: Itinerary
    costs: CostEstimate
    branding: Branding
    currency: str
    vnd_per_unit: float | None

    @property
    def lang(self) -> str:
        return self.package.lang


def _pdf(ctx: Context) -> bytes:
    from tourroute.core.export.pdf import itinerary_to_pdf  # pulls in matplotlib: load late

    return itinerary_to_pdf(
        ctx.itinerary,
        lang=ctx.lang,
        branding=ctx.branding,
        costs=ctx.costs,
        boundaries=[cast(BaseGeometry, g) for g in province_boundaries().values()],
        currency=ctx.currency,
        vnd_per_unit=ctx.vnd_per_unit,
        title=ctx.package.title,
        notes=ctx.package.notes,
        photos=itinerary_photos(ctx.itinerary, lang=ctx.lang),
    )


def _cost_sheet(ctx: Context) -> bytes:
    from tourroute.core.export.pdf import cost_sheet_to_pdf  # pulls in matplotlib: load late

    return cost_sheet_to_pdf(
        ctx.itinerary,
        ctx.costs,
        lang=ctx.lang,
        branding=ctx.branding,
        currency=ctx.currency,
        vnd_per_unit=ctx.vnd_per_unit,
        title=ctx.package.title,
    )


def _json(ctx: Context) -> bytes:
    body = package_to_dict(ctx.package, ctx.itinerary, ctx.costs, lang=ctx.lang)
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


_RENDER: dict[str, Callable[[Context], bytes]] = {
    "pdf": _pdf,
    "gpx": lambda c: itinerary_to_gpx(c.itinerary, lang=c.lang, branding=c.branding),
    "kml": lambda c: itinerary_to_kml(c.itinerary, lang=c.lang, branding=c.branding),
    "geojson": lambda c: itinerary_to_geojson(c.itinerary, lang=c.lang),
    "ics": lambda c: itinerary_to_ics(c.itinerary, lang=c.lang, branding=c.branding),
    "csv": lambda c: itinerary_to_csv(c.itinerary, lang=c.lang, costs=c.costs),
    "xlsx": lambda c: itinerary_to_xlsx(
        c.itinerary, lang=c.lang, costs=c.costs, branding=c.branding
    ),
    "json": _json,
    "cost-sheet": _cost_sheet,
}
#: format -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    **{k: (f.media_type, f.extension) for k, f in trip_exports.FORMATS.items()},
    "json": ("application/json", "json"),
    "cost-sheet": ("application/pdf", "pdf"),
}


def export_package(package: Package, fmt: str) -> bytes:
    """The file's bytes in the package's language; ``fmt`` is a key of :data:`FORMATS`."""
    profile = agency_profiles.profile_for_owner(package.owner_id)
    itinerary = packages.itinerary_of(package)
    ctx = Context(
        package=package,
        itinerary=itinerary,
        costs=packages.costs_of(package, itinerary),
        branding=agency_profiles.branding_of(profile, fallback_name="TourRoute"),
        currency=profile.currency if profile else "VND",
        vnd_per_unit=profile.vnd_per_unit if profile else None,
    )
    return _RENDER[fmt](ctx)


def filename(package: Package, fmt: str) -> str:
    extension = FORMATS[fmt][1]
    kind = "" if fmt == extension else f"-{fmt}"
    return f"package-{package.id}-{package.lang}{kind}.{extension}"
