"""Read-only catalogue endpoints: provinces, themes, places, festivals and travel times."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

from tourroute.core.messages import N_
from tourroute.core.network import TravelMatrix, travel_summary
from tourroute.core.serialize import COORD_DECIMALS
from tourroute.services import catalogue, festivals, geography, travel
from tourroute.web.api import bp
from tourroute.web.api import representations as rep
from tourroute.web.api import responses as shapes
from tourroute.web.api.contract import operation
from tourroute.web.api.locale import _, response_lang
from tourroute.web.api.problems import not_found
from tourroute.web.api.schemas import FestivalsQuery, PlacesQuery, ProvincesQuery, TravelTimeQuery
from tourroute.web.caching import cached
from tourroute.web.inputs import invalid_field


@bp.get("/provinces")
@cached("api")
@operation(
    N_("Provinces, with their boundaries on request"),
    ok=(200, shapes.ProvinceList, N_("The provinces.")),
    query=ProvincesQuery,
)
def provinces(query: ProvincesQuery) -> dict[str, Any]:
    counts = catalogue.count_places_by_province()
    body: dict[str, Any] = {
        "items": [
            rep.province(row, lang=response_lang(), place_count=counts.get(row.code, 0))
            for row in catalogue.provinces()
        ]
    }
    if query.boundaries:
        body["boundaries"] = geography.boundaries_feature_collection()
    return body


@bp.get("/themes")
@cached("api")
@operation(N_("Themed journeys and their stages"), ok=(200, shapes.ThemeList, N_("The themes.")))
def themes() -> dict[str, Any]:
    return {"items": [rep.theme(row, lang=response_lang()) for row in catalogue.themes()]}


def _known_place(matrix: TravelMatrix, name: str, slug: str) -> str:
    if slug not in matrix.index:
        raise invalid_field(name, _("No published place has the slug “%(slug)s”.", slug=slug))
    return slug


def _within(near: str, minutes: int) -> dict[str, float]:
    """Minutes from ``near`` to every place within ``minutes`` of it."""
    matrix = travel.travel_matrix()
    origin = _known_place(matrix, "near", near)
    reachable = {slug: matrix.minutes(origin, slug) for slug in matrix.slugs if slug != origin}
    return {slug: m for slug, m in reachable.items() if m <= minutes}


def _page_links(page: int, pages: int) -> dict[str, str | None]:
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}

    def link(number: int) -> str:
        return url_for("api.places", **args, page=number)

    return {
        "self": link(page),
        "first": link(1),
        "last": link(pages),
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


@bp.get("/places")
@cached("api")
@operation(
    N_("Published places, filtered and paginated"),
    ok=(200, shapes.PlacePage, N_("One page of places.")),
    errors=(400, 404, 429),
    query=PlacesQuery,
    description=N_("A page past the last one is a 404."),
)
def places(query: PlacesQuery) -> dict[str, Any]:
    minutes_to = None
    if query.near is not None and query.within_minutes is not None:
        minutes_to = _within(query.near, query.within_minutes)
    page = query.page
    slugs: set[str] | None = None if minutes_to is None else set(minutes_to)
    if query.theme is not None:
        found = catalogue.get_theme(query.theme)
        assert found is not None  # checked by PlacesQuery
        admitted = catalogue.places_of_theme(found)
        slugs = admitted if slugs is None else slugs & admitted
    result = catalogue.list_places(
        province=query.province,
        kinds=(query.kind,) if query.kind else None,
        q=query.q,
        slugs=slugs,
        page=page,
        per_page=query.per_page or current_app.config["PAGE_SIZE"],
    )
    if page > result.pages:
        raise not_found(_("There are only %(pages)d pages.", pages=result.pages))
    items = []
    for row in result.items:
        item = rep.place_summary(row, lang=response_lang())
        if minutes_to is not None:
            item["travel_minutes"] = round(minutes_to[row.slug])
        items.append(item)
    return {
        "items": items,
        "page": result.page,
        "per_page": result.per_page,
        "pages": result.pages,
        "total": result.total,
        "links": _page_links(result.page, result.pages),
    }


@bp.get("/places/<slug>")
@cached("api")
@operation(
    N_("One published place"),
    ok=(200, shapes.PlaceDetail, N_("The place.")),
    errors=(400, 404, 429),
)
def place(slug: str) -> dict[str, Any]:
    found = catalogue.get_place(slug)
    if found is None:
        raise not_found(_("No published place has the slug “%(slug)s”.", slug=slug))
    return rep.place_detail(found, lang=response_lang())


@bp.get("/festivals")
@cached("api")
@operation(
    N_("Festivals with their solar dates in a year"),
    ok=(200, shapes.FestivalList, N_("The festivals of the year.")),
    query=FestivalsQuery,
)
def festival_dates(query: FestivalsQuery) -> dict[str, Any]:
    year = query.year or festivals.this_year()
    lang = response_lang()
    items = []
    for item in festivals.festivals_for_year(year):
        festival = item.festival
        name = festival.name_en if lang == "en" and festival.name_en else festival.name_vi
        items.append({**festivals.festival_dates_to_dict(item), "name": name})
    return {"year": year, "items": items}


@bp.get("/travel-time")
@cached("api")
@operation(
    N_("Road travel time between two places"),
    ok=(200, shapes.TravelTime, N_("Minutes, kilometres, path and roads.")),
    query=TravelTimeQuery,
)
def travel_time(query: TravelTimeQuery) -> dict[str, Any]:
    matrix = travel.travel_matrix(scenario=query.scenario)
    origin = _known_place(matrix, "from", query.origin)
    destination = _known_place(matrix, "to", query.destination)
    summary = travel_summary(matrix, origin, destination)
    path = matrix.path(origin, destination)
    return {
        "from": origin,
        "to": destination,
        "minutes": summary["minutes"],
        "km": summary["km"],
        "roads": summary["roads"],
        "path": [[round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)] for lat, lon in path],
        "scenario": query.scenario,
    }
