"""The printable programme an agency hands to its travellers, in Vietnamese or English.

Text is set in DejaVu Sans, which has every Vietnamese letter with its tone marks; the font is
the copy matplotlib already ships, found through matplotlib, so none is committed here. User
text is written as plain text (never markdown or HTML), so it cannot change the layout.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from shapely.geometry.base import BaseGeometry

from tourroute.core.costs import CostEstimate, format_money_with
from tourroute.core.domain import DayPlan, Itinerary, hhmm
from tourroute.core.export.branding import DEFAULT_BRANDING, Branding
from tourroute.core.export.labels import (
    kind_label,
    label,
    long_date,
    place_description,
    province_name,
)
from tourroute.core.export.routemap import render_route_map
from tourroute.core.export.timeline import day_drives
from tourroute.core.serialize import KM_DECIMALS

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_MARGIN_MM = 15
_TIME_COL_MM = 30
_ZEBRA = (244, 244, 240)


def _nfc(text: str) -> str:
    # Decomposed tone marks (NFD) would print as separate, misplaced accents.
    return unicodedata.normalize("NFC", text)


class _Programme(FPDF):
    """A4 pages with the agency's footer and page numbers."""

    def __init__(self, *, lang: str, branding: Branding) -> None:
        super().__init__(format="A4")
        self.lang = lang
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
        self.cell(0, 5, footer, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{label('page', self.lang)} {self.page_no()}/{{nb}}", align="R")
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


def _cover(pdf: _Programme, it: Itinerary, map_png: bytes, *, title: str, notes: str) -> None:
    lang, branding = pdf.lang, pdf.branding
    pdf.add_page()
    band_mm = 38
    pdf.set_fill_color(*pdf.accent)
    pdf.rect(0, 0, pdf.w, band_mm, style="F")
    # Tables fill their unstriped rows with the current colour: leave it white.
    pdf.set_fill_color(255, 255, 255)
    text_x = _MARGIN_MM
    if branding.logo_png:
        pdf.image(io.BytesIO(branding.logo_png), x=_MARGIN_MM, y=7, h=band_mm - 14)
        text_x = _MARGIN_MM + band_mm
    pdf.set_text_color(255, 255, 255)
    name = _nfc(branding.agency_name)
    room_mm = pdf.w - text_x - _MARGIN_MM
    size = 22
    pdf.set_font(FONT, "B", size)
    # A long agency name shrinks to fit the band rather than running off the page.
    while size > 10 and pdf.get_string_width(name) > room_mm:
        size -= 1
        pdf.set_font(FONT, "B", size)
    pdf.set_xy(text_x, 10)
    pdf.cell(room_mm, 10, name)
    pdf.set_font(FONT, "", 13)
    pdf.set_xy(text_x, 22)
    pdf.cell(0, 8, label("programme", lang))
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(band_mm + 8)
    if title:
        pdf.paragraph(title, size=16, bold=True)
        pdf.ln(1)

    first, last = it.days[0], it.days[-1]
    pdf.paragraph(
        f"{long_date(first.date, lang)} – {long_date(last.date, lang)} "
        f"({len(it.days)} {label('days', lang)})",
        size=12,
        bold=True,
    )
    route = [first.origin.name(lang)]
    for day in it.days:
        route.extend(s.place.name(lang) for s in day.stops)
    route.append(last.lodging.name(lang))
    pdf.paragraph(" → ".join(route))
    pdf.ln(2)
    pdf.paragraph(
        f"{label('total_drive', lang)}: {_duration(it.totals.drive_min, lang)} · "
        f"{label('total_km', lang)}: {round(it.totals.drive_km)} km"
    )
    pdf.ln(3)
    width = pdf.w - 2 * _MARGIN_MM
    pdf.image(io.BytesIO(map_png), x=_MARGIN_MM, w=width)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 4, label("map_note", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    if notes:
        pdf.ln(3)
        pdf.paragraph(notes, size=10)
    if branding.contact:
        pdf.ln(3)
        pdf.paragraph(branding.contact, size=10)


def _duration(minutes: float, lang: str) -> str:
    hours, rest = divmod(round(minutes), 60)
    text = f"{rest} {label('minutes', lang)}"
    return f"{hours} {label('hours', lang)} {text}" if hours else text


def _day_rows(
    day: DayPlan, *, lang: str, first_number: int, lunch_min: int
) -> list[tuple[int, str, str]]:
    """``(sort minute, time text, what happens)`` for the day's programme table."""
    rows: list[tuple[int, str, str]] = []
    drives = day_drives(day)
    rows.append(
        (
            drives[0].depart_min,
            hhmm(drives[0].depart_min),
            f"{label('start_from', lang)} {day.origin.name(lang)}",
        )
    )
    for index, drive in enumerate(drives):
        roads = f" {label('via', lang)} {', '.join(drive.leg.roads)}" if drive.leg.roads else ""
        rows.append(
            (
                drive.depart_min,
                f"{hhmm(drive.depart_min)}–{hhmm(drive.arrive_min)}",
                f"{label('drive', lang)}: {round(drive.leg.minutes)} {label('minutes', lang)}, "
                f"{round(drive.leg.km, KM_DECIMALS)} km{roads}",
            )
        )
        if index < len(day.stops):
            stop = day.stops[index]
            place = stop.place
            lines = [
                f"{first_number + index}. {place.name(lang)} "
                f"({kind_label(place.kind, lang)}, {province_name(place.province, lang)})"
            ]
            if stop.wait_min:
                lines.append(f"{label('wait', lang)} {stop.wait_min} {label('minutes', lang)}")
            if stop.festival:
                lines.append(f"{label('festival', lang)}: {stop.festival}")
            if place.precision != "exact":
                lines.append(label("precision_note", lang))
            description = place_description(place, lang)
            if description:
                lines.append(description)
            rows.append(
                (
                    stop.arrive_min,
                    f"{hhmm(stop.arrive_min)}–{hhmm(stop.depart_min)}",
                    "\n".join(lines),
                )
            )
    if day.lunch_start_min is not None:
        end = day.lunch_start_min + lunch_min
        rows.append(
            (day.lunch_start_min, f"{hhmm(day.lunch_start_min)}–{hhmm(end)}", label("lunch", lang))
        )
    rows.sort(key=lambda r: r[0])
    return rows


def _day_section(pdf: _Programme, it: Itinerary, index: int, first_number: int) -> None:
    lang = pdf.lang
    day = it.days[index]
    pdf.add_page()
    pdf.heading(f"{label('day', lang)} {index + 1} – {long_date(day.date, lang)}")
    rows = _day_rows(day, lang=lang, first_number=first_number, lunch_min=it.request.lunch_min)
    last = index == len(it.days) - 1
    end_label = label("trip_end" if last else "lodging", lang)
    rows.append(
        (
            day.arrive_lodging_min,
            hhmm(day.arrive_lodging_min),
            f"{end_label}: {day.lodging.name(lang)}",
        )
    )
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
        for _, when, text in rows:
            row = table.row()
            row.cell(when)
            row.cell(_nfc(text))


def _cost_section(
    pdf: _Programme, costs: CostEstimate, *, currency: str, vnd_per_unit: float | None
) -> None:
    lang = pdf.lang

    def money(amount_vnd: float) -> str:
        return format_money_with(
            amount_vnd, currency=currency, vnd_per_unit=vnd_per_unit, lang=lang
        )

    pdf.add_page()
    pdf.heading(label("costs", lang))
    vehicle = label("vehicle", lang).format(seats=costs.vehicle_seats)
    pdf.paragraph(
        f"{label('group', lang)}: {costs.adults} {label('adults', lang)}, "
        f"{costs.children} {label('children', lang)} · {vehicle} × {costs.vehicles} · "
        f"{label('rooms', lang)}: {costs.rooms} × {costs.nights} {label('nights', lang)}"
    )
    pdf.ln(3)
    lines = [
        (label("tickets", lang), costs.tickets_vnd),
        (label("transport", lang), costs.transport_vnd),
        (label("rooms", lang), costs.lodging_vnd),
        (label("guide", lang), costs.guide_vnd),
        (f"{label('margin', lang)} ({costs.margin_pct:g}%)", costs.margin_vnd),
        (label("total_group", lang), costs.total_vnd),
        (label("per_person", lang), costs.per_person_vnd),
    ]
    pdf.set_font(FONT, "", 10)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=(90, 90),
        first_row_as_headings=False,
        text_align=("LEFT", "RIGHT"),
        cell_fill_color=_ZEBRA,
        cell_fill_mode="ROWS",
    ) as table:
        for position, (name, amount) in enumerate(lines):
            style = bold if position >= len(lines) - 2 else None
            row = table.row()
            row.cell(name, style=style)
            row.cell(money(amount), style=style)
    unknown = costs.unknown_tickets
    if unknown:
        pdf.ln(4)
        pdf.paragraph(label("unknown_tickets", lang), bold=True)
        pdf.paragraph("\n".join(f"• {p.name(lang)}" for p in unknown))


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
) -> bytes:
    """The programme as PDF bytes: cover with map, a page per day, then the cost estimate.

    ``title`` and ``notes`` (an agency's name for the tour and its words to the travellers)
    go on the cover as plain text. Amounts are always shown in VND; with another ``currency``
    (and its ``vnd_per_unit``) the converted amount is shown beside them.
    """
    pdf = _Programme(lang=lang, branding=branding or DEFAULT_BRANDING)
    pdf.set_title(_nfc(f"{label('programme', lang)} {it.request.start_date.isoformat()}"))
    pdf.set_author(_nfc(pdf.branding.agency_name))
    pdf.set_creator("TourRoute")
    map_png = render_route_map(it, lang=lang, boundaries=boundaries)
    _cover(pdf, it, map_png, title=title, notes=notes)
    number = 1
    for index, day in enumerate(it.days):
        _day_section(pdf, it, index, number)
        number += len(day.stops)
    if costs is not None:
        _cost_section(pdf, costs, currency=currency, vnd_per_unit=vnd_per_unit)
    return bytes(pdf.output())
