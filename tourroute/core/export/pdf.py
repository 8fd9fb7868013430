"""The printable programme an agency hands to its travellers, and the agency's own cost sheet.

The programme is for the customer: it shows the price per person and for the group, never how
the price is built or the agency's margin. :func:`cost_sheet_to_pdf` is a separate document
with the build-up, for the agency only.

Text is set in DejaVu Sans, which has every Vietnamese letter with its tone marks; the font is
the copy matplotlib already ships, found through matplotlib, so none is committed here. User
text is written as plain text (never markdown or HTML), so it cannot change the layout.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import matplotlib
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image
from shapely.geometry.base import BaseGeometry

from tourroute.core.costs import CostEstimate, cost_lines, money_formatter, price_lines
from tourroute.core.domain import Itinerary
from tourroute.core.export.branding import DEFAULT_BRANDING, Branding
from tourroute.core.export.events import event_notes, event_time, event_title, visit_name
from tourroute.core.export.pdf_photos import PHOTOS_HEADING, PhotoCredit, add_photo_section
from tourroute.core.export.routemap import render_route_map
from tourroute.core.programme import VISIT_EVENTS, DayProgramme, itinerary_programme
from tourroute.core.words import COST_SHEET, DRIVING, TOUR_PROGRAMME, Words, words

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_MARGIN_MM = 15
_TIME_COL_MM = 30
_ZEBRA = (244, 244, 240)
_BAND_MM = 38
#: A logo is drawn at most this wide on the cover, whatever its shape, so the name keeps room.
_LOGO_MAX_MM = 60


def _nfc(text: str) -> str:
    # Decomposed tone marks (NFD) would print as separate, misplaced accents.
    return unicodedata.normalize("NFC", text)


class _Programme(FPDF):
    """A4 pages with the agency's footer and page numbers."""

    def __init__(self, *, lang: str, branding: Branding) -> None:
        super().__init__(format="A4")
        self.lang = lang
        self.words = words(lang)
        self.branding = branding
        self.accent = branding.accent_rgb()
        self.add_font(FONT, "", _FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", _FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=20)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        footer = " · ".join(
            _nfc(t) for t in (self.branding.agency_name, self.branding.contact) if t
        ).replace("\n", " ")
        page_word = self.words.gettext("Page")
        page = f"{page_word} {self.page_no()}/{{nb}}"
        # The page number keeps its place; a long agency line is cut short before it.
        room = self.w - self.l_margin - self.r_margin - self.get_string_width(page + "00") - 4
        while footer and self.get_string_width(footer) > room:
            footer = footer[:-2] + "…"
        self.cell(0, 5, footer, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, page, align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str) -> None:
        self.set_font(FONT, "B", 15)
        self.set_text_color(*self.accent)
        self.multi_cell(0, 8, _nfc(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(*self.accent)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, _nfc(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _logo_size_mm(png: bytes, *, height_mm: float) -> tuple[float, float]:
    """The logo's drawn size: ``height_mm`` high, unless that would make it too wide."""
    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    width_mm = height_mm * width_px / max(height_px, 1)
    if width_mm > _LOGO_MAX_MM:
        return _LOGO_MAX_MM, _LOGO_MAX_MM * height_px / max(width_px, 1)
    return width_mm, height_mm


def _band(pdf: _Programme, subtitle: str) -> None:
    """The accent band across the top of the first page: logo, agency name, what this is.

    The name starts after the logo's real width (a wide logo no longer runs under it), shrinks
    to fit and, when even the smallest size is too wide, wraps onto a second line.
    """
    branding = pdf.branding
    pdf.add_page()
    pdf.set_fill_color(*pdf.accent)
    pdf.rect(0, 0, pdf.w, _BAND_MM, style="F")
    # Tables fill their unstriped rows with the current colour: leave it white.
    pdf.set_fill_color(255, 255, 255)
    text_x = float(_MARGIN_MM)
    if branding.logo_png:
        width_mm, height_mm = _logo_size_mm(branding.logo_png, height_mm=_BAND_MM - 14)
        logo_top = (_BAND_MM - height_mm) / 2
        pdf.image(io.BytesIO(branding.logo_png), x=_MARGIN_MM, y=logo_top, w=width_mm, h=height_mm)
        text_x = _MARGIN_MM + width_mm + 6
    pdf.set_text_color(255, 255, 255)
    name = _nfc(branding.agency_name)
    room_mm = pdf.w - text_x - _MARGIN_MM
    size = 22.0
    pdf.set_font(FONT, "B", size)
    while size > 12 and pdf.get_string_width(name) > room_mm:
        size -= 1
        pdf.set_font(FONT, "B", size)
    line_mm = size * 0.45
    lines = pdf.multi_cell(room_mm, line_mm, name, dry_run=True, output=MethodReturnValue.LINES)
    # With output=LINES fpdf2 returns the wrapped lines; its annotation is the union of outputs.
    shown = cast(list[str], lines)[:2]
    top = max(4.0, (_BAND_MM - 8 - line_mm * len(shown)) / 2)
    pdf.set_xy(text_x, top)
    for line in shown:
        pdf.set_x(text_x)
        pdf.cell(room_mm, line_mm, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 12)
    pdf.set_xy(text_x, pdf.get_y() + 1)
    pdf.cell(room_mm, 7, subtitle)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(_BAND_MM + 8)


def _dates(it: Itinerary, w: Words) -> str:
    first, last = it.days[0], it.days[-1]
    count = w.ngettext("%(num)d day", "%(num)d days", len(it.days))
    return f"{w.long_date(first.date)} – {w.long_date(last.date)} ({count})"


def _cover(
    pdf: _Programme,
    it: Itinerary,
    programme: tuple[DayProgramme, ...],
    map_png: bytes,
    *,
    title: str,
    notes: str,
) -> None:
    w, branding = pdf.words, pdf.branding
    _band(pdf, w.gettext(TOUR_PROGRAMME))
    if title:
        pdf.paragraph(title, size=16, bold=True)
        pdf.ln(1)
    pdf.paragraph(_dates(it, w), size=12, bold=True)
    route = [it.days[0].origin.name(w.lang)]
    for day in programme:
        route.extend(visit_name(e, w.lang) for e in day.of_kind(*VISIT_EVENTS))
    route.append(it.days[-1].lodging.name(w.lang))
    pdf.paragraph(" → ".join(route))
    pdf.ln(2)
    pdf.paragraph(
        f"{w.gettext(DRIVING)}: {w.duration(it.totals.drive_min)} · {round(it.totals.drive_km)} km"
    )
    pdf.ln(3)
    width = pdf.w - 2 * _MARGIN_MM
    pdf.image(io.BytesIO(map_png), x=_MARGIN_MM, w=width)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(
        0,
        4,
        w.gettext("Map drawn without tiles; province outlines are approximate."),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)
    if notes:
        pdf.ln(3)
        pdf.paragraph(notes, size=10)
    if branding.contact:
        pdf.ln(3)
        pdf.paragraph(branding.contact, size=10)


def _day_section(pdf: _Programme, day: DayProgramme) -> None:
    w = pdf.words
    pdf.add_page()
    pdf.heading(f"{w.day(day.number)} – {w.long_date(day.date)}")
    pdf.set_font(FONT, "", 10)
    width = pdf.w - 2 * _MARGIN_MM
    with pdf.table(
        col_widths=(_TIME_COL_MM, width - _TIME_COL_MM),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=_ZEBRA,
        cell_fill_mode="ROWS",
        line_height=5,
        padding=1.5,
    ) as table:
        for event in day.events:
            row = table.row()
            row.cell(event_time(event))
            row.cell(_nfc("\n".join([event_title(event, w), *event_notes(event, w)])))


def _group_line(costs: CostEstimate, w: Words) -> str:
    people = w.gettext(
        "%(adults)d adults, %(children)d children", adults=costs.adults, children=costs.children
    )
    group = w.gettext("Group")
    return f"{group}: {people}"


def _amount_table(
    pdf: _Programme, lines: list[tuple[str, int]], money: Callable[[float], str], bold: int
) -> None:
    """Two columns, name and amount; the last ``bold`` lines are totals."""
    pdf.set_font(FONT, "", 10)
    emphasis = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=(90, 90),
        first_row_as_headings=False,
        text_align=("LEFT", "RIGHT"),
        cell_fill_color=_ZEBRA,
        cell_fill_mode="ROWS",
    ) as table:
        for position, (name, amount) in enumerate(lines):
            style = emphasis if position >= len(lines) - bold else None
            row = table.row()
            row.cell(name, style=style)
            row.cell(money(amount), style=style)


def _unknown_tickets(pdf: _Programme, costs: CostEstimate) -> None:
    if costs.unknown_tickets:
        w = pdf.words
        pdf.ln(4)
        pdf.paragraph(w.gettext("Ticket price unknown (not in the totals)"), bold=True)
        pdf.paragraph("\n".join(f"• {p.name(w.lang)}" for p in costs.unknown_tickets))


def _price_section(pdf: _Programme, costs: CostEstimate, money: Callable[[float], str]) -> None:
    """What the customer pays: per person and for the group, nothing of how it is made up."""
    w = pdf.words
    pdf.add_page()
    pdf.heading(w.gettext("Price"))
    pdf.paragraph(_group_line(costs, w))
    pdf.ln(3)
    _amount_table(pdf, price_lines(costs, w), money, bold=2)
    _unknown_tickets(pdf, costs)


def _document(lang: str, branding: Branding | None, title: str) -> _Programme:
    pdf = _Programme(lang=lang, branding=branding or DEFAULT_BRANDING)
    pdf.set_title(_nfc(title))
    pdf.set_author(_nfc(pdf.branding.agency_name))
    pdf.set_creator("TourRoute")
    return pdf


def itinerary_to_pdf(
    it: Itinerary,
    *,
    lang: str,
    branding: Branding | None = None,
    costs: CostEstimate | None = None,
    boundaries: Sequence[BaseGeometry] = (),
    currency: str = "VND",
    vnd_per_unit: float | None = None,
    title: str = "",
    notes: str = "",
    photos: Sequence[tuple[str, PhotoCredit]] = (),
) -> bytes:
    """The customer's programme as PDF bytes: cover with map, a page per day, the places'
    photos with their credits (``photos``: place name and photo), then the price.

    ``title`` and ``notes`` (an agency's name for the tour and its words to the travellers)
    go on the cover as plain text. Amounts are always shown in VND; with another ``currency``
    (and its ``vnd_per_unit``) the converted amount is shown beside them.
    """
    w = words(lang)
    pdf = _document(lang, branding, f"{w.gettext(TOUR_PROGRAMME)} {it.request.start_date}")
    programme = itinerary_programme(it)
    map_png = render_route_map(it, lang=lang, boundaries=boundaries)
    _cover(pdf, it, programme, map_png, title=title, notes=notes)
    for day in programme:
        _day_section(pdf, day)
    add_photo_section(pdf, photos, heading=w.gettext(PHOTOS_HEADING), font=FONT)
    if costs is not None:
        _price_section(
            pdf, costs, money_formatter(lang=lang, currency=currency, vnd_per_unit=vnd_per_unit)
        )
    return bytes(pdf.output())


def cost_sheet_to_pdf(
    it: Itinerary,
    costs: CostEstimate,
    *,
    lang: str,
    branding: Branding | None = None,
    currency: str = "VND",
    vnd_per_unit: float | None = None,
    title: str = "",
) -> bytes:
    """The agency's internal cost sheet: the build-up of the price, the margin and the totals.

    Not for the customer; the agency downloads it from its package page.
    """
    w = words(lang)
    pdf = _document(lang, branding, f"{w.gettext(COST_SHEET)} {it.request.start_date}")
    _band(pdf, w.gettext("Internal cost sheet — not for the customer"))
    if title:
        pdf.paragraph(title, size=14, bold=True)
    pdf.paragraph(_dates(it, w), bold=True)
    pdf.paragraph(_group_line(costs, w))
    pdf.ln(3)
    money = money_formatter(lang=lang, currency=currency, vnd_per_unit=vnd_per_unit)
    _amount_table(pdf, cost_lines(costs, w) + price_lines(costs, w), money, bold=2)
    pdf.ln(4)
    pdf.paragraph(w.gettext("Entrance tickets"), bold=True)
    pdf.set_font(FONT, "", 10)
    with pdf.table(
        col_widths=(120, 60),
        first_row_as_headings=False,
        text_align=("LEFT", "RIGHT"),
        cell_fill_color=_ZEBRA,
        cell_fill_mode="ROWS",
    ) as table:
        for ticket in costs.tickets:
            row = table.row()
            row.cell(_nfc(ticket.place.name(lang)))
            unknown = w.gettext("Price unknown: not counted")
            row.cell(unknown if ticket.total_vnd is None else money(ticket.total_vnd))
    return bytes(pdf.output())
