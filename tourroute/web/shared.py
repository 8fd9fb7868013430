"""The read-only page of a shared package: anyone with the link sees it, nobody can change it.

The token in the address is the secret (256 random bits); the agency can revoke it at any time.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import get_locale

from tourroute.core.costs import cost_lines
from tourroute.core.programme import itinerary_programme
from tourroute.core.words import words
from tourroute.services import agency_profiles, packages
from tourroute.web.agency import money_formatter

bp = Blueprint("shared", __name__)


@bp.get("/p/<token>")
def package(token: str) -> str:
    found = packages.package_by_share_token(token)
    if found is None:
        abort(404)
    profile = agency_profiles.profile_for_owner(found.owner_id)
    itinerary = packages.itinerary_of(found)
    costs = packages.costs_of(found, itinerary)
    lang = str(get_locale())
    return render_template(
        "agency/shared.html",
        package=found,
        agency_name=profile.agency_name if profile else "",
        contact=profile.contact if profile else "",
        programme=itinerary_programme(itinerary),
        costs=costs,
        cost_lines=cost_lines(costs, words(lang)),
        money=money_formatter(profile, lang),
    )
