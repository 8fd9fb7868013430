"""Human labels for the codes the data uses, translated lazily (defined at import time)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "heritage": _l("Historic site"),
    "spiritual": _l("Temple, pagoda or communal house"),
    "tea": _l("Tea area"),
    "quan_ho": _l("Quan họ singing"),
    "xoan": _l("Xoan singing"),
    "museum": _l("Museum"),
    "nature": _l("Nature"),
    "craft_village": _l("Craft village"),
    "gateway": _l("Gateway"),
    "lodging": _l("Overnight area"),
}

PRECISION_LABELS = {
    "exact": _l("Exact location"),
    "village": _l("Approximate location (village or town)"),
    "commune": _l("Approximate location (commune centre)"),
}

HERITAGE_LABELS = {
    "special_national": _l("Special national relic"),
    "national": _l("National relic"),
    "provincial": _l("Provincial relic"),
}

#: Why the planner left a place out (``LeftOut.reason``).
LEFT_OUT_LABELS = {
    "closed_that_day": _l("Closed on the day it could be visited"),
    "window_missed": _l("Its opening hours did not fit the day's route"),
    "day_too_long": _l("No day had enough time left"),
    "driving_limit": _l("Too much driving for one day"),
    "stage_order": _l("Out of the theme's order of stages"),
    "excluded": _l("You asked to leave it out"),
    "not_selected": _l("Other places were worth more on this route"),
}

PACE_LABELS = {
    "relaxed": _l("Relaxed"),
    "normal": _l("Normal"),
    "packed": _l("Packed"),
}

#: Which roads a trip is planned on (``TripRequest.scenario``).
SCENARIO_LABELS = {
    "today": _l("Today's roads"),
    "ring-road-5-complete": _l("Ring Road 5 complete (planned)"),
}
