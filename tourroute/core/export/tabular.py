"""CSV and XLSX for agencies who plan in spreadsheets: one row per programme event.

The XLSX keeps real cells, so a spreadsheet can sort and sum them: dates are dates, times are
times, kilometres, minutes and prices are numbers, and an unknown price is an empty cell with a
note beside it (never the word "unknown" in a number column). With a cost estimate it has a
second sheet, the costs with their totals; that sheet holds the agency's margin and is for the
agency's own use.

Spreadsheet programs run any cell that starts like a formula, so every text cell is neutralised
(OWASP's advice for CSV injection): a leading ``= + - @``, tab or carriage return gets an
apostrophe in front. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from tourroute.core.costs import CostEstimate, cost_lines, price_lines
from tourroute.core.domain import Itinerary, hhmm
from tourroute.core.export.branding import DEFAULT_BRANDING, Branding
from tourroute.core.export.events import event_title
from tourroute.core.export.xmltext import xml_safe
from tourroute.core.messages import N_
from tourroute.core.programme import MINUTES_PER_DAY, ProgrammeEvent, itinerary_programme
from tourroute.core.serialize import KM_DECIMALS
from tourroute.core.words import TOUR_PROGRAMME, Words, words

Cell = str | int | float | dt.date | dt.time | None
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The column only a cost estimate fills: each visit's entrance for the whole group.
GROUP_TICKETS = N_("Group tickets (VND)")
#: Columns of the programme, in order (msgids).
PROGRAMME_COLUMNS: tuple[str, ...] = (
    N_("Day"),
    N_("Calendar date"),
    N_("Start"),
    N_("End"),
    N_("What"),
    N_("Place"),
    N_("Province"),
    N_("Kind"),
    N_("Drive (km)"),
    N_("Drive (min)"),
    N_("Adult ticket (VND)"),
    GROUP_TICKETS,
    N_("Note"),
)
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "hh:mm"
_MONEY_FORMAT = "#,##0"


def neutralise(value: Cell) -> Cell:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _clock(minute: int) -> dt.time:
    minute %= MINUTES_PER_DAY
    return dt.time(minute // 60, minute % 60)


def _event_row(
    number: int, date: dt.date, event: ProgrammeEvent, w: Words, costs: CostEstimate | None
) -> list[Cell]:
    place = event.place
    visit = event.kind in ("visit", "group_visit")
    adult: int | None = place.ticket_adult_vnd if visit else None
    group: int | None = None
    note = ""
    if visit and costs is not None:
        ticket = costs.ticket_for(place.slug)
        group = None if ticket is None else ticket.total_vnd
    if visit and (adult is None or (costs is not None and group is None)):
        note = w.gettext("Ticket price unknown (not in the totals)")
    return [
        number,
        date,
        _clock(event.start_min),
        _clock(event.end_min),
        event_title(event, w),
        place.name(w.lang),
        w.province(place.province),
        w.kind(place.kind) if visit else "",
        round(event.leg.km, KM_DECIMALS) if event.leg is not None else None,
        round(event.leg.minutes) if event.leg is not None else None,
        adult,
        group,
        note,
    ]


def itinerary_rows(
    it: Itinerary, *, lang: str, costs: CostEstimate | None = None
) -> list[list[Cell]]:
    """Header and one row per event with a duration (and the day's leave), neutralised.

    Cells are typed (dates, times, numbers, None for unknown); the CSV writes them as text.
    """
    w = words(lang)
    columns = [c for c in PROGRAMME_COLUMNS if costs is not None or c != GROUP_TICKETS]
    rows: list[list[Cell]] = [[w.gettext(c) for c in columns]]
    for day in itinerary_programme(it):
        for event in day.events:
            row = _event_row(day.number, day.date, event, w, costs)
            if costs is None:
                del row[-2]
            rows.append([neutralise(v) for v in row])
    return rows


def _text(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return hhmm(value.hour * 60 + value.minute)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def itinerary_to_csv(it: Itinerary, *, lang: str, costs: CostEstimate | None = None) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Vietnamese letters correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_text(v) for v in row] for row in itinerary_rows(it, lang=lang, costs=costs))
    return buffer.getvalue().encode("utf-8-sig")


def _header(sheet: Worksheet, fill: PatternFill) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
    sheet.freeze_panes = "A2"


def _programme_sheet(sheet: Worksheet, rows: list[list[Cell]]) -> None:
    for row in rows:
        sheet.append([xml_safe(v) if isinstance(v, str) else v for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.time):
                cell.number_format = _TIME_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = _DATE_FORMAT
            elif isinstance(cell.value, int) and cell.column > 10:
                cell.number_format = _MONEY_FORMAT
    widths = (6, 12, 8, 8, 40, 32, 14, 22, 10, 10, 14, 14, 36)
    for index, width in enumerate(widths[: sheet.max_column]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def _costs_sheet(sheet: Worksheet, costs: CostEstimate, w: Words) -> None:
    sheet.append([w.gettext("Item"), w.gettext("Amount (VND)"), w.gettext("Note")])
    lines = cost_lines(costs, w) + price_lines(costs, w)
    for name, amount in lines:
        sheet.append([name, amount, ""])
    sheet.append([])
    sheet.append([w.gettext("Entrance tickets"), w.gettext(GROUP_TICKETS), ""])
    for ticket in costs.tickets:
        note = "" if ticket.total_vnd is not None else w.gettext("Price unknown: not counted")
        sheet.append([neutralise(xml_safe(ticket.place.name(w.lang))), ticket.total_vnd, note])
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = _MONEY_FORMAT
    totals = len(lines) + 1  # the last two lines: group total, per person
    for row in sheet.iter_rows(min_row=totals - 1, max_row=totals, max_col=2):
        for cell in row:
            cell.font = Font(bold=True)
    for column, width in zip("ABC", (40, 18, 32), strict=True):
        sheet.column_dimensions[column].width = width


def itinerary_to_xlsx(
    it: Itinerary,
    *,
    lang: str,
    costs: CostEstimate | None = None,
    branding: Branding | None = None,
) -> bytes:
    """The programme sheet, and with ``costs`` a costs sheet with totals (for the agency)."""
    w = words(lang)
    branding = branding or DEFAULT_BRANDING
    red, green, blue = branding.accent_rgb()
    fill = PatternFill("solid", fgColor=f"{red:02X}{green:02X}{blue:02X}")
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = w.gettext(TOUR_PROGRAMME)[:31]
    _programme_sheet(sheet, itinerary_rows(it, lang=lang, costs=costs))
    _header(sheet, fill)
    if costs is not None:
        cost_sheet = book.create_sheet(w.gettext("Costs")[:31])
        _costs_sheet(cost_sheet, costs, w)
        _header(cost_sheet, fill)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
