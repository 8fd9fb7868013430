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
