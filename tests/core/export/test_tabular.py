import csv
import datetime as dt
import io

import openpyxl
import pytest

from tests.core.export.sample_itinerary import HOSTILE_NAME, ITINERARY
from tourroute.core.costs import Rates, estimate_costs
from tourroute.core.export.tabular import itinerary_to_csv, itinerary_to_xlsx, neutralise

RATES = Rates(
    vehicle_per_km_vnd={4: 5000, 16: 6000, 29: 8000, 45: 13000},
    vehicle_per_day_vnd={4: 800_000, 16: 1_200_000, 29: 1_500_000, 45: 2_400_000},
    room_per_night_vnd={"": 500_000},
    guide_per_day_vnd=0,
    margin_pct=0,
)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (-5, -5),
        (1.5, 1.5),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected  # type: ignore[arg-type]


def visit_rows(rows: list, lang: str) -> list:
    """The rows of visits: their title is numbered (``1. Đền Hùng``)."""
    return [r for r in rows[1:] if str(r[4])[:1].isdigit()]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_rows(lang: str) -> None:
    rows = read_csv(itinerary_to_csv(ITINERARY, lang=lang))
    header = rows[0]
    assert header[0] == ("Ngày" if lang == "vi" else "Day")
    visits = visit_rows(rows, lang)
    assert len(visits) == 5
    assert visits[0][:8] == [
        "1",
        "2026-04-25",
        "09:35",
        "12:05",
        "1. " + ITINERARY.days[0].stops[0].place.name(lang),
        ITINERARY.days[0].stops[0].place.name(lang),
        "Phú Thọ",
        "Di tích lịch sử" if lang == "vi" else "Historic site",
    ]
    assert visits[0][10] == "10000"
    assert visits[1][10] == ""  # unknown: empty, with a note
    assert visits[1][-1] == (
        "Chưa rõ giá vé (không tính vào tổng)"
        if lang == "vi"
        else "Ticket price unknown (not in the totals)"
    )
    assert visits[2][10] == "0"  # free is not unknown
    drive = rows[2]
    assert drive[8:10] == ["88.3", "95"]


def test_csv_injection_is_neutralised() -> None:
    rows = read_csv(itinerary_to_csv(ITINERARY, lang="en"))
    hostile = next(r for r in rows if r[5].endswith(HOSTILE_NAME[1:]))
    assert hostile[5] == "'" + HOSTILE_NAME
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_xlsx_cells_are_dates_times_and_numbers() -> None:
    costs = estimate_costs(ITINERARY, adults=3, rates=RATES)
    book = openpyxl.load_workbook(io.BytesIO(itinerary_to_xlsx(ITINERARY, lang="en", costs=costs)))
    programme = book.worksheets[0]
    rows = list(programme.iter_rows(values_only=True))
    assert rows[0][11] == "Group tickets (VND)"
    visits = visit_rows(rows, "en")
    assert visits[0][1] == dt.datetime(2026, 4, 25)  # a date cell (openpyxl reads datetimes)
    assert visits[0][2] == dt.time(9, 35)
    assert visits[0][3] == dt.time(12, 5)
    assert visits[0][11] == 30_000  # 3 adults at Đền Hùng
    assert visits[1][11] is None  # unknown: an empty cell …
    assert visits[1][12] == "Ticket price unknown (not in the totals)"  # … with a note
    drive = rows[2]
    assert drive[8] == 88.3 and drive[9] == 95  # numbers stay numbers
    cells = {c.coordinate: c for row in programme.iter_rows(min_row=3, max_row=3) for c in row}
    assert cells["B3"].is_date and cells["C3"].number_format == "hh:mm"
    hostile = next(r for r in rows if str(r[5]).endswith(HOSTILE_NAME[1:]))
    assert hostile[5] == "'" + HOSTILE_NAME
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)


def test_xlsx_costs_sheet_adds_up() -> None:
    costs = estimate_costs(ITINERARY, adults=3, rates=RATES)
    book = openpyxl.load_workbook(io.BytesIO(itinerary_to_xlsx(ITINERARY, lang="en", costs=costs)))
    assert book.sheetnames == ["Tour programme", "Costs"]
    rows = list(book["Costs"].iter_rows(values_only=True))
    amounts = {name: amount for name, amount, _note in rows[1 : rows.index((None, None, None))]}
    build_up = [v for k, v in amounts.items() if k not in ("Total for the group", "Per person")]
    assert sum(build_up[:5]) == amounts["Total for the group"] == costs.total_vnd
    assert amounts["Per person"] == costs.per_person_vnd
    unknown = [r for r in rows if r[2] == "Price unknown: not counted"]
    assert [r[0] for r in unknown] == [neutralise(p.name("en")) for p in costs.unknown_tickets]
    assert all(r[1] is None for r in unknown)


def test_xlsx_without_costs_has_only_the_programme() -> None:
    book = openpyxl.load_workbook(io.BytesIO(itinerary_to_xlsx(ITINERARY, lang="vi")))
    assert book.sheetnames == ["Chương trình du lịch"]
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Ngày", "Ngày tháng", "Bắt đầu", "Kết thúc")
    assert "Group tickets (VND)" not in rows[0] and "Vé cả đoàn (VND)" not in rows[0]
    assert visit_rows(rows, "vi")[-1][5] == "Chùa Bút Tháp"
