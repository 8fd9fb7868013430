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
LODGING_KIND_LABELS = _lazy(words.LODGING_KIND_NAMES)
PRECISION_LABELS = _lazy(words.PRECISION_NAMES)
HERITAGE_LABELS = _lazy(words.HERITAGE_NAMES)
LEFT_OUT_LABELS = _lazy(words.REASON_NAMES)
PACE_LABELS = _lazy(words.PACE_NAMES)

#: The facts the completeness rule judges (``core.completeness.FIELDS``): the report, the
#: insights table and the places list's missing-facts filter all name them so.
DATA_FACT_LABELS = {
    "exact": _l("Exact point"),
    "hours_known": _l("Opening hours"),
    "ticket_known": _l("Ticket"),
    "duration_sourced": _l("Sourced visit length"),
    "commune_2025": _l("2025 commune"),
}

#: A place's fields (``core.place_validation.FIELDS``) as a reviewer reads them.
FIELD_LABELS = {
    "slug": _l("Identifier"),
    "name_vi": _l("Name in Vietnamese"),
    "name_en": _l("Name in English"),
    "kind": _l("Kind"),
    "tags": _l("Themes"),
    "province": _l("Province"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "precision": _l("Precision"),
    "coord_source": _l("Source of the coordinates"),
    "commune": _l("Commune or ward"),
    "visit_min": _l("Typical visit (minutes)"),
    "visit_source": _l("Source of the visit duration"),
    "opening_hours": _l("Opening hours"),
    "hours_source": _l("Source of the opening hours"),
    "ticket_adult_vnd": _l("Adult ticket (VND)"),
    "ticket_child_vnd": _l("Child ticket (VND)"),
    "ticket_source": _l("Source of the ticket prices"),
    "heritage": _l("Heritage status"),
    "heritage_source": _l("Source of the heritage status"),
    "interest": _l("Interest (0–10)"),
    "description_vi": _l("Description in Vietnamese"),
    "description_en": _l("Description in English"),
    "festivals": _l("Festivals held here"),
    "status": _l("Status"),
    "file": _l("File"),
}

#: The fields of a theme, stage or festival (``core.catalogue_validation.FIELDS``).
CATALOGUE_FIELD_LABELS = {
    "name_vi": _l("Name in Vietnamese"),
    "name_en": _l("Name in English"),
    "description_vi": _l("Description in Vietnamese"),
    "description_en": _l("Description in English"),
    "ordered": _l("Stages visited in order"),
    "kinds": _l("Kinds of place"),
    "tags": _l("Place themes"),
    "min_places": _l("Places at least"),
    "calendar": _l("Calendar"),
    "month": _l("Month"),
    "day": _l("Day"),
    "duration_days": _l("Days"),
    "source": _l("Source"),
}

CALENDAR_LABELS = {"lunar": _l("Lunar calendar"), "solar": _l("Solar calendar")}

#: What a catalogue draft changes (``models.CATALOGUE_SUBJECTS``).
SUBJECT_LABELS = {"theme": _l("Theme"), "stage": _l("Stage"), "festival": _l("Festival")}

#: Licences a photo may carry (``services.photos.LICENCES``); the CC names are not translated.
LICENCE_LABELS = {
    "public-domain": _l("Public domain"),
    "permission": _l("Used with the author's permission"),
}

#: Which roads a trip is planned on (``TripRequest.scenario``).
SCENARIO_LABELS = {
    "today": _l("Today's roads"),
    "ring-road-5-complete": _l("Ring Road 5 complete (planned)"),
}
