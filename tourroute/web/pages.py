"""Public catalogue pages: home, place list and place detail."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext as _

from tourroute import mapview
from tourroute.core.domain import KINDS, VISIT_KINDS, SiteGroup
from tourroute.core.domain import Place as DomainPlace
from tourroute.core.hours import format_opening_hours
from tourroute.services import catalogue, convert, photos, travel
from tourroute.services.planning import site_groups
from tourroute.web import current_locale
from tourroute.web.caching import cached
from tourroute.web.fields import Kind, Page, ProvinceCode
from tourroute.web.inputs import Query, parse_query
from tourroute.web.maps import embed, place_url, tiles

bp = Blueprint("pages", __name__)

#: The place page's map shows this many neighbours, no further away than this by road.
NEIGHBOURS = 8
NEIGHBOUR_MAX_DRIVE_MIN = 60.0


@bp.get("/")
def home() -> str:
    return render_template(
        "home.html",
        provinces=catalogue.provinces(in_region_only=True),
        counts=catalogue.count_places_by_province(),
        themes=catalogue.themes(),
    )


class PlacesQuery(Query):
    province: ProvinceCode | None = None
    kind: Kind | None = None
    page: Page = 1


@bp.get("/places")
@cached("places")
def places() -> str:
    query = parse_query(PlacesQuery)
    province, kind, page = query.province, query.kind, query.page
    result = catalogue.list_places(
        province=province,
        kinds=(kind,) if kind else VISIT_KINDS,
        page=page,
        per_page=current_app.config["PAGE_SIZE"],
        lang=current_locale(),
    )
    if page > result.pages:
        abort(404)
    return render_template(
        "places.html",
        result=result,
        province=province,
        kind=kind,
        kinds=KINDS,
        sight_kinds=VISIT_KINDS,
        provinces=catalogue.provinces(),
    )


def _other_members(group: SiteGroup | None, slug: str) -> list[DomainPlace]:
    """The group's other published members, in the order a guide walks them."""
    if group is None:
        return []
    published = {p.slug: p for p in travel.published_places()}
    return [published[m] for m in group.members if m != slug and m in published]


@bp.get("/places/<slug>")
def place(slug: str) -> str:
    found = catalogue.get_place(slug)
    if found is None:
        abort(404)
    group = next((g for g in site_groups().values() if found.slug in g.members), None)
    together = set(group.members) if group is not None else set()
    # the group's members are shown as one site, not as drives of "0 minutes"
    neighbours = [
        (other, minutes)
        for other, minutes in travel.nearest_by_drive(
            found.slug, limit=NEIGHBOURS + len(together), max_minutes=NEIGHBOUR_MAX_DRIVE_MIN
        )
        if other.slug not in together
    ][:NEIGHBOURS]
    value = convert.place(found)
    members = _other_members(group, found.slug)
    m = mapview.place_map(
        value,
        neighbours,
        lang=current_locale(),
        tiles=tiles(),
        place_url=place_url,
        measure="drive_min",
        together=members,
        together_text=_("Part of %(group)s", group=group.name(current_locale())) if group else "",
    )
    return render_template(
        "place.html",
        place=found,
        neighbours=neighbours,
        map=embed(m),
        photos=photos.photos_of(found),
        lodgings=value.lodgings,
        group=group,
        group_places=members,
        # hours, length and ticket mean something only for a place one visits
        visited=value.kind in VISIT_KINDS,
        hours_text=format_opening_hours(value.hours, current_locale()),
    )
