"""Read-only catalogue endpoints: provinces, themes, places, festivals and travel times."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

from tourroute.core.domain import KINDS
from tourroute.core.network import TRIP_SCENARIOS, TravelMatrix, travel_summary
from tourroute.core.serialize import COORD_DECIMALS
from tourroute.services import catalogue, festivals, geography, travel
from tourroute.services.festivals import FESTIVAL_YEARS as FESTIVAL_YEARS  # re-exported
from tourroute.web.api import bp
from tourroute.web.api import representations as rep
from tourroute.web.api.locale import _, response_lang
from tourroute.web.api.params import (
    choice_arg,
    flag_arg,
    int_arg,
    required_text_arg,
    text_arg,
)
from tourroute.web.api.problems import invalid_field, not_found

MAX_PER_PAGE = 100
#: A day's drive at most: a longer radius would list the whole region.
MAX_WITHIN_MINUTES = 24 * 60


@bp.get("/provinces")
def provinces() -> dict[str, Any]:
    with_boundaries = flag_arg("boundaries")
    counts = catalogue.count_places_by_province()
    body: dict[str, Any] = {
        "items": [
            rep.province(row, lang=response_lang(), place_count=counts.get(row.code, 0))
            for row in catalogue.provinces()
        ]
    }
    if with_boundaries:
        body["boundaries"] = geography.boundaries_feature_collection()
    return body


@bp.get("/themes")
def themes() -> dict[str, Any]:
    return {"items": [rep.theme(row, lang=response_lang()) for row in catalogue.themes()]}


def _known_place(matrix: TravelMatrix, name: str) -> str:
    slug = required_text_arg(name)
    if slug not in matrix.index:
        raise invalid_field(name, _("No published place has the slug “%(slug)s”.", slug=slug))
    return slug


def _within(near: str | None, minutes: int | None) -> dict[str, float] | None:
    """Minutes from ``near`` to every place within ``minutes`` of it (None: no such filter)."""
    if near is None and minutes is None:
        return None
    if near is None or minutes is None:
        missing = "near" if near is None else "within_minutes"
        raise invalid_field(missing, _("Give “near” and “within_minutes” together."))
    matrix = travel.travel_matrix()
    origin = _known_place(matrix, "near")
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
def places() -> dict[str, Any]:
    province = choice_arg("province", catalogue.province_codes())
    kind = choice_arg("kind", KINDS)
    theme = choice_arg("theme", catalogue.theme_slugs())
    page = int_arg("page", minimum=1, maximum=10_000) or 1
    per_page = int_arg("per_page", minimum=1, maximum=MAX_PER_PAGE)
    minutes_to = _within(
        text_arg("near"), int_arg("within_minutes", minimum=1, maximum=MAX_WITHIN_MINUTES)
    )
    slugs: set[str] | None = None if minutes_to is None else set(minutes_to)
    if theme is not None:
        found = catalogue.get_theme(theme)
        assert found is not None  # checked by choice_arg
        admitted = catalogue.places_of_theme(found)
        slugs = admitted if slugs is None else slugs & admitted
    result = catalogue.list_places(
        province=province,
        kinds=(kind,) if kind else None,
        q=text_arg("q"),
        slugs=slugs,
        page=page,
        per_page=per_page or current_app.config["PAGE_SIZE"],
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
def place(slug: str) -> dict[str, Any]:
    found = catalogue.get_place(slug)
    if found is None:
        raise not_found(_("No published place has the slug “%(slug)s”.", slug=slug))
    return rep.place_detail(found, lang=response_lang())


@bp.get("/festivals")
def festival_dates() -> dict[str, Any]:
    year = (
        int_arg("year", minimum=FESTIVAL_YEARS[0], maximum=FESTIVAL_YEARS[1])
        or festivals.this_year()
    )
    lang = response_lang()
    items = []
    for item in festivals.festivals_for_year(year):
        festival = item.festival
        name = festival.name_en if lang == "en" and festival.name_en else festival.name_vi
        items.append({**festivals.festival_dates_to_dict(item), "name": name})
    return {"year": year, "items": items}


@bp.get("/travel-time")
def travel_time() -> dict[str, Any]:
    scenario = choice_arg("scenario", tuple(TRIP_SCENARIOS)) or "today"
    matrix = travel.travel_matrix(scenario=scenario)
    origin = _known_place(matrix, "from")
    destination = _known_place(matrix, "to")
    summary = travel_summary(matrix, origin, destination)
    path = matrix.path(origin, destination)
    return {
        "from": origin,
        "to": destination,
        "minutes": summary["minutes"],
        "km": summary["km"],
        "roads": summary["roads"],
        "path": [[round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)] for lat, lon in path],
        "scenario": scenario,
    }
