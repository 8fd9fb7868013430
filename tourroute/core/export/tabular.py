"""CSV and XLSX: one row per visit, for agencies who plan in spreadsheets.

Spreadsheet programs run any cell that starts like a formula, so every text cell is neutralised
(OWASP's advice for CSV injection): a leading ``= + - @``, tab or carriage return gets an
apostrophe in front. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from tourroute.core.costs import CostEstimate
from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.export.branding import DEFAULT_BRANDING, Branding
from tourroute.core.export.labels import kind_label, label, province_name
from tourroute.core.export.xmltext import xml_safe
from tourroute.core.serialize import KM_DECIMALS

Cell = str | int | float
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Cell) -> Cell:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def itinerary_rows(
    it: Itinerary, *, lang: str, costs: CostEstimate | None = None
) -> list[list[Cell]]:
    """Header and one row per visit, already neutralised, shared by the CSV and the XLSX."""
    header: list[Cell] = [
        label(k, lang)
        for k in ("day", "date", "arrive", "depart", "place", "province", "kind", "travel_km")
    ]
    header.append(label("ticket_adult", lang))
    if costs is not None:
        header.append(label("ticket_group", lang))
    rows: list[list[Cell]] = [header]
    unknown = label("unknown", lang)
    for number, day in enumerate(it.days, start=1):
        for stop in day.stops:
            place = stop.place
            row: list[Cell] = [
                number,
                day.date.isoformat(),
                hhmm(stop.arrive_min),
                hhmm(stop.depart_min),
                place.name(lang),
                province_name(place.province, lang),
                kind_label(place.kind, lang),
                round(stop.leg.km, KM_DECIMALS),
                unknown if place.ticket_adult_vnd is None else place.ticket_adult_vnd,
            ]
            if costs is not None:
                ticket = costs.ticket_for(place.slug)
                total = None if ticket is None else ticket.total_vnd
                row.append(unknown if total is None else total)
            rows.append([neutralise(v) for v in row])
    return rows


def itinerary_to_csv(it: Itinerary, *, lang: str, costs: CostEstimate | None = None) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Vietnamese letters correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(itinerary_rows(it, lang=lang, costs=costs))
    return buffer.getvalue().encode("utf-8-sig")


def itinerary_to_xlsx(
    it: Itinerary,
    *,
    lang: str,
    costs: CostEstimate | None = None,
    branding: Branding | None = None,
) -> bytes:
    """One sheet with a coloured header row in the agency's accent colour."""
    branding = branding or DEFAULT_BRANDING
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = label("programme", lang)[:31]
    rows = itinerary_rows(it, lang=lang, costs=costs)
    for row in rows:
        sheet.append([xml_safe(v) if isinstance(v, str) else v for v in row])
    red, green, blue = branding.accent_rgb()
    fill = PatternFill("solid", fgColor=f"{red:02X}{green:02X}{blue:02X}")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
    for column, width in zip("ABCDEFGHIJ", (6, 12, 8, 8, 40, 14, 16, 10, 12, 12), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
