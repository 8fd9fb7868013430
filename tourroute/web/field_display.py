"""A place's draft fields as a reviewer reads them: labels, names and numbers in the page's
language instead of column names, codes and raw text ("Kind: Tea area", not "kind: tea")."""

from __future__ import annotations

from collections.abc import Mapping

from babel.numbers import format_decimal
from flask_babel import gettext as _

from tourroute import labels
from tourroute.services import catalogue, curation

_NUMBERS = ("lat", "lon", "visit_min", "ticket_adult_vnd", "ticket_child_vnd", "interest")


def field_label(name: str) -> str:
    return str(labels.FIELD_LABELS.get(name, name))


class FieldDisplay:
    """Turns ``(field, stored text)`` into display text; loads the names it needs once."""

    def __init__(self, locale: str) -> None:
        self._locale = locale
        self._provinces = {
            p.code: (p.name_en if locale == "en" else p.name_vi) for p in catalogue.provinces()
        }
        self._festivals = {
            f.slug: (f.name_en if locale == "en" else f.name_vi) for f in curation.festivals()
        }

    def value(self, name: str, text: str) -> str:
        if text == "":
            return "—"
        codes: Mapping[str, object] | None = {
            "kind": labels.KIND_LABELS,
            "precision": labels.PRECISION_LABELS,
            "heritage": labels.HERITAGE_LABELS,
            "province": self._provinces,
            "festivals": self._festivals,
        }.get(name)
        if name in ("tags", "festivals"):
            return ", ".join(str((codes or {}).get(item, item)) for item in text.split(";") if item)
        if codes is not None:
            return str(codes.get(text, text))
        if name == "status":
            return str(_("Published") if text == "published" else _("Unpublished"))
        if name in _NUMBERS:
            try:
                return str(format_decimal(float(text), format="#,##0.######", locale=self._locale))
            except ValueError:
                return text
        if name == "opening_hours" and text == "unknown":
            return str(_("Unknown"))
        return text

    def rows(self, changes: Mapping[str, list[str]]) -> list[tuple[str, str, str]]:
        """``(label, before, after)`` for each changed field, in the form's order."""
        return [
            (field_label(name), self.value(name, pair[0]), self.value(name, pair[1]))
            for name, pair in changes.items()
        ]
