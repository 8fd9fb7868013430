"""How catalogue rows look in the API: both names always, plus the one for the asked language."""

from __future__ import annotations

from typing import Any

from flask import url_for

from tourroute import i18n, models
from tourroute.core.serialize import place_to_dict
from tourroute.services import convert

JSONDict = dict[str, Any]


def _names(row: Any, lang: str) -> JSONDict:
    return {
        "name": i18n.localized(row, "name", lang)[0],
        "name_vi": row.name_vi,
        "name_en": row.name_en,
    }


def _descriptions(row: Any, lang: str) -> JSONDict:
    return {
        "description": i18n.localized(row, "description", lang)[0],
        "description_vi": row.description_vi,
        "description_en": row.description_en,
    }


def province(row: models.Province, *, lang: str, place_count: int) -> JSONDict:
    return {
        "code": row.code,
        **_names(row, lang),
        "in_region": row.in_region,
        "place_count": place_count,
        "boundary_approximate": row.boundary_approximate,
        "boundary_source": row.boundary_source,
    }


def theme(row: models.Theme, *, lang: str) -> JSONDict:
    return {
        "slug": row.slug,
        **_names(row, lang),
        **_descriptions(row, lang),
        "ordered": row.ordered,
        "stages": [
            {
                "key": s.key,
                **_names(s, lang),
                "provinces": s.provinces.split(),
                "kinds": s.kinds.split(),
                "tags": s.tags.split(),
                "min_places": s.min_places,
            }
            for s in row.stages
        ],
        "links": {"places": url_for("api.places", theme=row.slug)},
    }


def place_summary(row: models.Place, *, lang: str) -> JSONDict:
    return {
        **place_to_dict(convert.place(row), lang=lang),
        "tags": list(row.tag_names),
        "links": {"self": url_for("api.place", slug=row.slug)},
    }


def place_detail(row: models.Place, *, lang: str) -> JSONDict:
    return {
        **place_summary(row, lang=lang),
        **_descriptions(row, lang),
        "commune": row.commune,
        "website": row.website,
        "phone": row.phone,
        "visit_minutes": row.visit_min,
        "opening_hours": row.opening_hours,
        "ticket_adult_vnd": row.ticket_adult_vnd,
        "ticket_child_vnd": row.ticket_child_vnd,
        "heritage": row.heritage,
        "interest": row.interest,
        "lodgings": [
            {
                "slug": item.slug,
                "name": item.name,
                "kind": item.kind,
                "address": item.address,
                "phone": item.phone,
                "website": item.website,
                "source": item.source,
                "checked": item.checked.isoformat(),
            }
            for item in row.lodgings
        ],
        "sources": {
            "coordinates": row.coord_source,
            "commune_2025": row.commune_2025_source,
            "visit": row.visit_source,
            "opening_hours": row.hours_source,
            "tickets": row.ticket_source,
            "heritage": row.heritage_source,
        },
    }
