"""The core's words: catalogues read for the language asked, roads named in both languages."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from tourroute.core.domain import Leg
from tourroute.core.network import LOCAL_ROAD
from tourroute.core.words import road_names, words

SEGMENTS = Path(__file__).resolve().parents[2] / "data" / "roads" / "segments.csv"


def test_every_road_known_only_by_name_has_both_forms() -> None:
    with SEGMENTS.open(encoding="utf-8", newline="") as fh:
        labels = {row["road_ref"] or row["road_name"] for row in csv.DictReader(fh)}
    named = {label for label in labels if words("en").road(label) == label}
    missing = sorted(n for n in named if n not in road_names())
    assert missing == []
    assert all(vi and en for vi, en in road_names().values())


@pytest.mark.parametrize(
    ("label", "vi", "en"),
    [
        ("QL2", "Quốc lộ 2", "National Road 2"),
        ("CT.05", "Cao tốc CT.05", "Expressway CT.05"),
        ("ĐT.325", "Đường tỉnh 325", "Provincial Road 325"),
        ("VĐ5", "Vành đai 5", "Ring Road 5"),
        (
            "Nhật Tân bridge – Võ Nguyên Giáp road",
            "cầu Nhật Tân – đường Võ Nguyên Giáp",
            "Nhật Tân Bridge – Võ Nguyên Giáp road",
        ),
        (LOCAL_ROAD, "đường địa phương", "local road"),
    ],
)
def test_roads_read_in_each_language(label: str, vi: str, en: str) -> None:
    assert (words("vi").road(label), words("en").road(label)) == (vi, en)


def test_dates_durations_and_names_come_from_the_catalogue_and_babel() -> None:
    vi, en = words("vi"), words("en")
    saturday = dt.date(2026, 4, 25)
    assert vi.long_date(saturday) == "Thứ Bảy, 25/04/2026"
    assert en.long_date(saturday) == "Saturday, 25/04/2026"
    assert (vi.duration(125), en.duration(45)) == ("2 giờ 05 phút", "45 minutes")
    assert (vi.province("ha-noi"), en.province("ha-noi")) == ("Hà Nội", "Hanoi")
    assert (vi.kind("spiritual"), en.kind("spiritual")) == (
        "Đền, chùa, đình",
        "Temple, pagoda or communal house",
    )
    assert vi.drive(Leg(25.4, 18.44, roads=("QL2",))) == "25 phút · 18.4 km · Quốc lộ 2"
    assert words("fr") is vi  # any other language is the site's default
