"""Place photos in a printed programme, each with its credit and licence under it.

A hook for the PDF (:mod:`tourroute.core.export.pdf`): ``add_photo_section(pdf, photos, …)``
adds the section to any ``FPDF`` whose font is set up, so the programme calls it where it
wants the photos without this module knowing the programme's layout. Photos come in as
:class:`PhotoCredit` values (the service ``services.photos.first_photos`` builds them).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tourroute.core.messages import N_

#: The section's heading (a msgid: the programme's ``Words`` translate it).
PHOTOS_HEADING = N_("Photos")
#: Printed width of one photo; two fit side by side on A4 within the margins.
PHOTO_WIDTH_MM = 85.0
_GAP_MM = 6.0
_CREDIT_PT = 7.5


@dataclass(frozen=True)
class PhotoCredit:
    """One photo as an export needs it: the JPEG, its pixel size and its credit line."""

    jpeg: bytes
    width: int
    height: int
    credit: str
    licence: str

    @property
    def credit_line(self) -> str:
        return unicodedata.normalize("NFC", f"© {self.credit} · {self.licence}")


def add_photo_section(
    pdf: FPDF, photos: Sequence[tuple[str, PhotoCredit]], *, heading: str, font: str
) -> None:
    """Add a page of ``(place name, photo)`` pairs, two a row, each named and credited.

    Nothing is added for an empty ``photos``: a programme without photos has no empty page.
    """
    if not photos:
        return
    pdf.add_page()
    pdf.set_font(font, "B", 15)
    pdf.multi_cell(0, 8, unicodedata.normalize("NFC", heading), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    for index, (name, photo) in enumerate(photos):
        height_mm = PHOTO_WIDTH_MM * photo.height / max(photo.width, 1)
        column = index % 2
        if column == 0 and pdf.get_y() + height_mm + 14 > pdf.h - pdf.b_margin:
            pdf.add_page()
        if column == 0:
            top = pdf.get_y()
        x = pdf.l_margin + column * (PHOTO_WIDTH_MM + _GAP_MM)
        pdf.image(io.BytesIO(photo.jpeg), x=x, y=top, w=PHOTO_WIDTH_MM, h=height_mm)
        pdf.set_xy(x, top + height_mm + 1)
        pdf.set_font(font, "B", 9)
        pdf.multi_cell(PHOTO_WIDTH_MM, 4.5, unicodedata.normalize("NFC", name))
        pdf.set_x(x)
        pdf.set_font(font, "", _CREDIT_PT)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(PHOTO_WIDTH_MM, 3.6, photo.credit_line)
        pdf.set_text_color(0, 0, 0)
        if column == 1 or index == len(photos) - 1:
            pdf.set_xy(pdf.l_margin, max(pdf.get_y(), top + height_mm + 12) + _GAP_MM)
