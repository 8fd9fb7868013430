import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import Polygon

from tests.core.export.sample_itinerary import ITINERARY
from tourroute.core.costs import Rates, estimate_costs
from tourroute.core.errors import InvalidRequestError
from tourroute.core.export.branding import Branding
from tourroute.core.export.pdf import cost_sheet_to_pdf, itinerary_to_pdf
from tourroute.core.export.routemap import render_route_map

RATES = Rates(
    vehicle_per_km_vnd={4: 5000, 16: 6000, 29: 8000, 45: 13000},
    vehicle_per_day_vnd={4: 800_000, 16: 1_200_000, 29: 1_500_000, 45: 2_400_000},
    room_per_night_vnd={"": 500_000},
    guide_per_day_vnd=700_000,
    margin_pct=10,
)
# A rough box around the trip, standing in for a province outline.
OUTLINE = Polygon([(105.2, 20.9), (106.2, 20.9), (106.2, 21.7), (105.2, 21.7)])


def logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


BRANDING = Branding("Lữ hành Đất Tổ & <Co>", logo(), "ĐT 0210 000 000", "#8a1c2b")


def pdf_text(data: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(data)).pages
    # Extraction may hand back decomposed accents; compare in the composed form.
    return [unicodedata.normalize("NFC", p.extract_text()) for p in pages]


@pytest.fixture(scope="module")
def pages_vi() -> list[str]:
    costs = estimate_costs(ITINERARY, adults=2, rates=RATES)
    return pdf_text(
        itinerary_to_pdf(ITINERARY, lang="vi", branding=BRANDING, costs=costs, boundaries=[OUTLINE])
    )


def test_vietnamese_pdf_has_cover_days_and_costs(pages_vi: list[str]) -> None:
    assert len(pages_vi) == 1 + len(ITINERARY.days) + 1
    cover, day1, day2, costs = pages_vi
    assert "Lữ hành Đất Tổ & <Co>" in cover
    assert "Chương trình du lịch" in cover
    assert "Thứ Bảy, 25/04/2026" in cover
    assert "Ngày 1 – Thứ Bảy, 25/04/2026" in day1
    assert "1. Khu di tích lịch sử Đền Hùng" in day1
    assert "09:35–12:05" in day1
    assert "Di chuyển đến Khu di tích lịch sử Đền Hùng" in day1
    assert "95 phút · 88.3 km · Cao tốc CT.05, Quốc lộ 2" in day1
    assert "Ăn trưa" in day1
    assert "Nghỉ đêm: TP Việt Trì" in day1
    assert "5. Chùa Bút Tháp" in day2
    assert "Kết thúc: Hà Nội (Hồ Hoàn Kiếm)" in day2
    assert "Giá" in costs
    assert "Đình Hùng Lô (điểm hát Xoan)" in costs  # listed under unknown ticket prices


def test_the_day_leaves_when_its_first_drive_does(pages_vi: list[str]) -> None:
    # One rule for "leave" everywhere: the trip page and the PDF both say 08:00.
    assert "08:00 Rời Hà Nội (Hồ Hoàn Kiếm)" in pages_vi[1]
    assert "08:00–09:35 Di chuyển đến" in pages_vi[1]


def test_customer_pdf_shows_the_price_but_no_margin_or_build_up(pages_vi: list[str]) -> None:
    est = estimate_costs(ITINERARY, adults=2, rates=RATES)
    text = "\n".join(pages_vi)
    for figure in (est.total_vnd, est.per_person_vnd):
        assert f"{figure:,}".replace(",", ".") + " ₫" in text
    for word in ("Phí dịch vụ", "Biên lợi nhuận", "Lợi nhuận", "Hướng dẫn viên", "Vé tham quan"):
        assert word not in text
    for figure in (est.margin_vnd, est.guide_vnd, est.transport_vnd, est.lodging_vnd):
        assert f"{figure:,}".replace(",", ".") + " ₫" not in text


def test_internal_cost_sheet_has_the_build_up_and_margin() -> None:
    est = estimate_costs(ITINERARY, adults=2, rates=RATES)
    text = "\n".join(pdf_text(cost_sheet_to_pdf(ITINERARY, est, lang="en", branding=BRANDING)))
    assert "not for the customer" in text
    assert "Margin (10%)" in text
    for figure in (est.margin_vnd, est.guide_vnd, est.transport_vnd, est.total_vnd):
        assert f"₫{figure:,}" in text
    assert "Price unknown: not counted" in text


def test_hostile_name_is_printed_as_plain_text(pages_vi: list[str]) -> None:
    day2 = pages_vi[2]
    assert '<script>alert("x")</script>' in day2
    assert '=HYPERLINK("http://evil") & <b>đậm</b>' in day2


def test_cost_figures_match_the_estimate(pages_vi: list[str]) -> None:
    est = estimate_costs(ITINERARY, adults=2, rates=RATES)
    total = f"{est.total_vnd:,}".replace(",", ".")
    assert f"{total} ₫" in pages_vi[3].replace("\xa0", " ")


def test_english_pdf_with_a_second_currency() -> None:
    costs = estimate_costs(ITINERARY, adults=2, rates=RATES)
    pages = pdf_text(
        itinerary_to_pdf(ITINERARY, lang="en", costs=costs, currency="USD", vnd_per_unit=25_000)
    )
    assert "Tour programme" in pages[0]
    assert "Day 2 – Sunday, 26/04/2026" in pages[2]
    assert "3. Tân Cương tea area" in pages[2]
    assert f"${costs.total_vnd / 25_000:,.2f}" in pages[3]


def test_without_costs_there_is_no_cost_page() -> None:
    assert len(pdf_text(itinerary_to_pdf(ITINERARY, lang="en"))) == 3


def test_bad_accent_colour_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="accent"):
        itinerary_to_pdf(ITINERARY, lang="en", branding=Branding("X", accent_hex="red"))


def test_route_map_is_a_png_with_the_day_colours() -> None:
    image = Image.open(io.BytesIO(render_route_map(ITINERARY, lang="vi", boundaries=[OUTLINE])))
    assert image.format == "PNG"
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0x1B, 0x9E, 0x77) in colours and (0xD9, 0x5F, 0x02) in colours


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_render_with_poppler(tmp_path: Path) -> None:
    path = tmp_path / "programme.pdf"
    path.write_bytes(itinerary_to_pdf(ITINERARY, lang="vi", branding=BRANDING))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_title_and_notes_go_on_the_cover_as_plain_text() -> None:
    data = itinerary_to_pdf(
        ITINERARY, lang="en", title="Đất Tổ <b>spring</b>", notes="Bring hats.\n**Not bold**"
    )
    cover = pdf_text(data)[0]
    assert "Đất Tổ <b>spring</b>" in cover
    assert "Bring hats." in cover and "**Not bold**" in cover
