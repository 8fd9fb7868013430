"""Place search: an HTML page, or JSON for search-as-you-type."""

from __future__ import annotations

from typing import Annotated, Any

from flask import Blueprint, Response, jsonify, make_response, render_template, request, url_for

from tourroute import i18n, labels
from tourroute.models import Place
from tourroute.services.search import search_places
from tourroute.web import current_locale
from tourroute.web.caching import cached
from tourroute.web.inputs import OneOf, Query, SearchText, Whole, parse_query

bp = Blueprint("search", __name__)

PAGE_RESULTS = 50


class SearchQuery(Query):
    q: SearchText = ""
    format: Annotated[str, OneOf(("html", "json"))] | None = None
    limit: Annotated[int, Whole(1, PAGE_RESULTS)] = 10


def _wants_json(asked: str | None) -> bool:
    if asked:
        return asked == "json"
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _as_json(place: Place, url: str) -> dict[str, Any]:
    return {
        "slug": place.slug,
        "name": i18n.localized(place, "name", current_locale())[0],
        "name_vi": place.name_vi,
        "name_en": place.name_en,
        "kind": place.kind,
        "kind_label": str(labels.KIND_LABELS[place.kind]),
        "province": place.province_code,
        "province_name": i18n.localized(place.province, "name", current_locale())[0],
        "lat": place.lat,
        "lon": place.lon,
        "url": url,
    }


@bp.get("/search")
@cached("search", vary=("Accept",))
def search() -> Response:
    args = parse_query(SearchQuery)
    query = args.q
    if _wants_json(args.format):
        found = search_places(query, limit=args.limit)
        response = jsonify(
            query=query,
            results=[_as_json(p, url_for("pages.place", slug=p.slug)) for p in found],
        )
    else:
        found = search_places(query, limit=PAGE_RESULTS)
        response = make_response(render_template("search.html", query=query, results=found))
    response.vary.add("Accept")  # one URL, two representations: caches must keep both
    return response
