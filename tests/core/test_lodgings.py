"""Named places to stay: the data file's rules, the tel: link, and the night's "where to stay"."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.core.export.sample_itinerary import DAY1, VIET_TRI
from tourroute.core import datafiles
from tourroute.core.domain import Lodging
from tourroute.core.errors import DataError
from tourroute.core.export.events import event_notes
from tourroute.core.navigation import tel_uri
from tourroute.core.programme import day_programme
from tourroute.core.words import words

HEADER = ",".join(datafiles.LODGING_COLUMNS)
GOOD = (
    'ks-a,viet-tri-centre,Khách sạn A,hotel,"1 Hùng Vương, Việt Trì",0210 3846 999,'
    "https://a.example,https://source.example/a,2026-12-02"
)


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    (tmp_path / "lodgings.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_a_good_row_reads_as_published(tmp_path: Path) -> None:
    [row] = datafiles.read_lodgings(write(tmp_path, GOOD))
    assert row == Lodging(
        slug="ks-a",
        area="viet-tri-centre",
        name="Khách sạn A",
        kind="hotel",
        address="1 Hùng Vương, Việt Trì",
        phone="0210 3846 999",
        website="https://a.example",
        source="https://source.example/a",
        checked="2026-12-02",
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("name", "", "name is empty"),
        ("address", "", "address is empty"),
        ("kind", "motel", "kind 'motel' is not one of hotel, homestay, resort"),
        ("phone", "call us", "phone 'call us' is not a phone number"),
        ("website", "a.example", "website 'a.example' must start with http:// or https://"),
        ("source", "", "source is empty"),
        ("source", "a book", "source 'a book' must start with http:// or https://"),
        ("checked", "2 Dec 2026", "checked '2 Dec 2026' is not a YYYY-MM-DD date"),
    ],
)
def test_a_bad_field_is_named_with_its_line(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    row = {
        "slug": "ks-b",
        "area": "viet-tri-centre",
        "name": "Khách sạn B",
        "kind": "hotel",
        "address": "Việt Trì",
        "phone": "0210 3846 999",
        "website": "https://a.example",
        "source": "https://source.example/a",
        "checked": "2026-12-02",
        column: value,
    }
    line = ",".join(row[c] for c in datafiles.LODGING_COLUMNS)
    with pytest.raises(DataError, match=rf"lodgings\.csv:3: {message}"):
        datafiles.read_lodgings(write(tmp_path, GOOD, line))


def test_a_row_nobody_can_book_is_refused(tmp_path: Path) -> None:
    row = GOOD.replace("0210 3846 999", "").replace(",https://a.example,", ",,")
    with pytest.raises(DataError, match=r"lodgings\.csv:2: phone and website are both empty"):
        datafiles.read_lodgings(write(tmp_path, row))


def test_a_slug_used_twice_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"lodgings\.csv:3: slug 'ks-a' already used at line 2"):
        datafiles.read_lodgings(write(tmp_path, GOOD, GOOD))


def test_a_file_with_other_columns_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"lodgings\.csv: header must be slug,area,"):
        datafiles.read_lodgings(write(tmp_path, GOOD, header=HEADER.replace("phone", "tel")))


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("0210 3846 999", "tel:+842103846999"),
        ("0912.345.678", "tel:+84912345678"),
        ("+84 (0)210 3846 999", "tel:+842103846999"),
        ("+84 210 3846 999", "tel:+842103846999"),
    ],
)
def test_tel_links_use_the_global_form(phone: str, uri: str) -> None:
    assert tel_uri(phone) == uri


def test_the_night_names_the_places_to_stay_in_its_area() -> None:
    hotel = Lodging(
        slug="ks-a",
        area=VIET_TRI.slug,
        name="Khách sạn A",
        kind="hotel",
        address="1 Hùng Vương",
        phone="0210 3846 999",
        website="",
        source="https://source.example/a",
        checked="2026-12-02",
    )
    day = dataclasses.replace(DAY1, lodging=dataclasses.replace(VIET_TRI, lodgings=(hotel,)))
    night = day_programme(day, lunch_min=60)[-1]
    assert night.kind == "overnight"
    assert event_notes(night, words("en")) == [
        "Where to stay:",
        "Khách sạn A (Hotel) · 1 Hùng Vương · 0210 3846 999",
    ]
    vi = event_notes(night, words("vi"))
    assert vi == ["Nơi lưu trú:", "Khách sạn A (Khách sạn) · 1 Hùng Vương · 0210 3846 999"]
    # An area without named places says nothing rather than an empty heading.
    assert event_notes(day_programme(DAY1, lunch_min=60)[-1], words("en")) == []
