"""A traveller's own cost estimate: tickets, vehicle and rooms at the shipped rates.

It is the agencies' estimate (``core.costs``) without what only a package adds: no guide and
no margin. The shipped rates are typical published prices, so the result is an estimate, and
places whose price is unknown are listed rather than counted as free.
"""

from __future__ import annotations

import dataclasses

from tourroute.core.costs import CostEstimate, estimate_costs
from tourroute.core.domain import Itinerary
from tourroute.services.agency_profiles import default_rates

#: The most people an estimate is made for (the largest coach the rate table knows).
MAX_TRAVELLERS = 45
DEFAULT_TRAVELLERS = 2


def traveller_costs(it: Itinerary, *, travellers: int) -> CostEstimate:
    """The estimate for ``travellers`` adults sharing rooms two by two and one hired vehicle."""
    rates = dataclasses.replace(default_rates(), guide_per_day_vnd=0, margin_pct=0.0)
    return estimate_costs(it, adults=travellers, rates=rates)
