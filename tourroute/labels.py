"""Human labels for the codes the data uses, for pages: the core's msgids, translated lazily.

The msgids are declared once, in :mod:`tourroute.core.words`, which the exports read too; here
they are wrapped in ``lazy_gettext`` so tables defined at import time follow each request's
language.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from tourroute.core import words


def _lazy(table: dict[str, str]) -> dict[str, LazyString]:
    return {code: _l(msgid) for code, msgid in table.items()}


KIND_LABELS = _lazy(words.KIND_NAMES)
PRECISION_LABELS = _lazy(words.PRECISION_NAMES)
HERITAGE_LABELS = _lazy(words.HERITAGE_NAMES)
LEFT_OUT_LABELS = _lazy(words.REASON_NAMES)
PACE_LABELS = _lazy(words.PACE_NAMES)

#: The facts the completeness report counts (``tourroute.core.completeness.FIELDS``).
DATA_FACT_LABELS = {
    "exact": _l("Exact point"),
    "hours_known": _l("Opening hours"),
    "ticket_known": _l("Ticket"),
    "duration_sourced": _l("Sourced visit length"),
    "commune_2025": _l("2025 commune"),
}
