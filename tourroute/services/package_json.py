"""The one JSON shape of a package, shared by the API and the JSON export."""

from __future__ import annotations

from typing import Any

from tourroute.core.costs import CostEstimate
from tourroute.core.domain import Itinerary
from tourroute.models import Package
from tourroute.services.itinerary_json import worded_itinerary


def costs_to_dict(costs: CostEstimate) -> dict[str, Any]:
    """Amounts in whole VND; ``unknown_tickets`` lists places whose price is not in the total."""
    return {
        "currency": "VND",
        "adults": costs.adults,
        "children": costs.children,
        "days": costs.days,
        "nights": costs.nights,
        "vehicle_seats": costs.vehicle_seats,
        "vehicles": costs.vehicles,
        "rooms": costs.rooms,
        "tickets": costs.tickets_vnd,
        "transport": costs.transport_vnd,
        "lodging": costs.lodging_vnd,
        "guide": costs.guide_vnd,
        "margin_pct": costs.margin_pct,
        "margin": costs.margin_vnd,
        "total_group": costs.total_vnd,
        "per_person": costs.per_person_vnd,
        "unknown_tickets": [p.slug for p in costs.unknown_tickets],
    }


def package_to_dict(
    package: Package, itinerary: Itinerary, costs: CostEstimate, *, lang: str
) -> dict[str, Any]:
    return {
        "id": package.id,
        "title": package.title,
        "adults": package.adults,
        "children": package.children,
        "notes": package.notes,
        "document_lang": package.lang,
        "archived": package.archived,
        "shared": package.share_token is not None,
        "source_itinerary_id": package.source_itinerary_id,
        "created_at": package.created_at.isoformat(),
        "updated_at": package.updated_at.isoformat(),
        "itinerary": worded_itinerary(itinerary, lang=lang),
        "costs": costs_to_dict(costs),
    }
