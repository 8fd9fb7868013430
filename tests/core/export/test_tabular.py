import csv
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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_rows(lang: str) -> None:
    rows = read_csv(itinerary_to_csv(ITINERARY, lang=lang))
    header, body = rows[0], rows[1:]
    assert header[0] == ("Ngày" if lang == "vi" else "Day")
    assert len(body) == 5
    assert body[0][:8] == [
        "1",
        "2026-04-25",
        "09:35",
        "12:05",
        ITINERARY.days[0].stops[0].place.name(lang),
        "Phú Thọ",
        "Di tích" if lang == "vi" else "Heritage",
        "88.3",
    ]
    assert body[0][8] == "10000"
    assert body[1][8] == ("chưa rõ" if lang == "vi" else "unknown")
    assert body[2][8] == "0"  # free is not unknown


def test_csv_injection_is_neutralised() -> None:
    rows = read_csv(itinerary_to_csv(ITINERARY, lang="en"))
    hostile = rows[4][4]
    assert hostile == "'" + HOSTILE_NAME
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_xlsx_rows_group_tickets_and_no_formulas() -> None:
    costs = estimate_costs(ITINERARY, adults=3, rates=RATES)
    rows = read_xlsx(itinerary_to_xlsx(ITINERARY, lang="en", costs=costs))
    assert rows[0][-1] == "Group tickets (VND)"
    assert rows[1][-1] == 30_000  # 3 adults at Đền Hùng
    assert rows[2][-1] == "unknown"
    assert rows[1][7] == 88.3  # numbers stay numbers
    assert rows[4][4] == "'" + HOSTILE_NAME
    sheet = openpyxl.load_workbook(
        io.BytesIO(itinerary_to_xlsx(ITINERARY, lang="en", costs=costs))
    ).worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_vietnamese_header() -> None:
    rows = read_xlsx(itinerary_to_xlsx(ITINERARY, lang="vi"))
    assert rows[0][:3] == ("Ngày", "Ngày tháng", "Đến")
    assert rows[5][4] == "Chùa Bút Tháp"
