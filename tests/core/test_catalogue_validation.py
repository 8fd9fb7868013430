"""Theme, stage and festival fields: cleaned to one canonical text, every problem named."""

from __future__ import annotations

import pytest

from tourroute.core.catalogue_validation import check


def test_stage_codes_are_sorted_and_deduplicated() -> None:
    checked = check(
        "stage",
        {
            "name_vi": "Quan họ",
            "name_en": "Quan họ",
            "kinds": "quan_ho, xoan quan_ho",
            "tags": "quan-ho",
            "min_places": "01",
        },
    )
    assert checked.ok
    assert checked.fields["kinds"] == "quan_ho xoan" and checked.fields["min_places"] == "1"


@pytest.mark.parametrize(
    ("subject", "raw", "field"),
    [
        ("stage", {"name_vi": "a", "name_en": "b", "kinds": "castle", "min_places": "1"}, "kinds"),
        ("stage", {"name_vi": "a", "name_en": "b", "min_places": "99"}, "min_places"),
        ("theme", {"name_vi": "", "name_en": "b"}, "name_vi"),
        (
            "festival",
            {
                "name_vi": "a",
                "name_en": "b",
                "calendar": "lunar",
                "month": "1",
                "day": "31",
                "duration_days": "1",
                "source": "s",
            },
            "day",
        ),
        (
            "festival",
            {
                "name_vi": "a",
                "name_en": "b",
                "calendar": "moon",
                "month": "1",
                "day": "1",
                "duration_days": "1",
                "source": "s",
            },
            "calendar",
        ),
        (
            "festival",
            {
                "name_vi": "a",
                "name_en": "b",
                "calendar": "solar",
                "month": "1",
                "day": "31",
                "duration_days": "1",
                "source": "",
            },
            "source",
        ),
        ("theme", {"name_vi": "a\x00", "name_en": "b"}, "name_vi"),
    ],
)
def test_problems_name_their_field(subject: str, raw: dict[str, str], field: str) -> None:
    checked = check(subject, raw)
    assert [p.field for p in checked.errors] == [field]


def test_theme_order_is_a_flag() -> None:
    assert (
        check("theme", {"name_vi": "a", "name_en": "b", "ordered": "on"}).fields["ordered"] == "1"
    )
    assert check("theme", {"name_vi": "a", "name_en": "b"}).fields["ordered"] == "0"
