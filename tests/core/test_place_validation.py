"""Checking one place: required facts and their sources, province, swapped axes, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from tourroute.core.boundaries import Boundaries, derive_approximate_boundaries
from tourroute.core.datafiles import PLACE_COLUMNS, PlaceRecord, read_places
from tourroute.core.geo import distance_outside_km
from tourroute.core.place_validation import (
    APPROXIMATE_MARGIN_KM,
    KnownPlace,
    PlaceContext,
    check_place,
    similar_names,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
NAMES = {"phu-tho": "Phú Thọ", "thai-nguyen": "Thái Nguyên", "bac-ninh": "Bắc Ninh"}


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    return derive_approximate_boundaries()


@pytest.fixture(scope="module")
def places() -> dict[str, PlaceRecord]:
    return {p.slug: p for p in read_places(DATA_DIR)}


def context(boundaries: Boundaries, province: str, **extra: object) -> PlaceContext:
    return PlaceContext(
        province=province,
        boundaries=boundaries,
        boundaries_approximate=True,
        province_names=NAMES,
        **extra,  # type: ignore[arg-type]
    )


def fields_of(place: PlaceRecord, **changes: str) -> dict[str, str]:
    fields = {
        name: "" if getattr(place, name) is None else str(getattr(place, name))
        for name in PLACE_COLUMNS
        if name != "tags"
    }
    fields["tags"] = ";".join(place.tags)
    fields.update(changes)
    return fields


def test_every_shipped_place_passes_in_its_own_province(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    """The shipped data is the reference: its real points must be accepted."""
    failures = []
    for place in places.values():
        if place.province not in NAMES:
            continue
        checked = check_place(fields_of(place), context(boundaries, place.province))
        if not checked.ok:
            failures.append((place.slug, [p.message for p in checked.errors]))
    assert failures == []


def test_the_margin_covers_the_measured_gap_and_no_more_than_needed(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    gaps = [
        distance_outside_km(boundaries, p.province, p.lat, p.lon)
        for p in places.values()
        if p.province in NAMES
    ]
    assert max(gaps) <= APPROXIMATE_MARGIN_KM < 2 * max(1.1, max(gaps))


def test_point_in_another_province_names_it(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    den_hung = places["den-hung"]  # Phú Thọ
    checked = check_place(fields_of(den_hung, province=""), context(boundaries, "bac-ninh"))
    messages = [p.message for p in checked.errors if p.field == "lat"]
    assert messages == ["This point lies in Phú Thọ, not in Bắc Ninh."]


def test_point_outside_every_province_says_how_far(boundaries: Boundaries) -> None:
    checked = check_place(
        {
            "slug": "x",
            "name_vi": "X",
            "kind": "nature",
            "lat": "10.8",
            "lon": "106.7",
            "coord_source": "test",
        },
        context(boundaries, "bac-ninh"),
    )
    (problem,) = [p for p in checked.errors if p.field == "lat"]
    assert problem.template.startswith("This point lies %(km)s km outside")
    assert float(problem.params["km"]) > 200


def test_swapped_coordinates_are_explained(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    den_hung = places["den-hung"]
    swapped = fields_of(den_hung, lat=str(den_hung.lon), lon=str(den_hung.lat))
    checked = check_place(swapped, context(boundaries, "phu-tho"))
    lat_problems = [p.message for p in checked.errors if p.field in ("lat", "lon")]
    assert len(lat_problems) == 1 and lat_problems[0].startswith(
        "Latitude and longitude look swapped"
    )


@pytest.mark.parametrize(
    ("changes", "field", "start"),
    [
        ({"slug": "Đền Hùng"}, "slug", "Use lowercase"),
        ({"name_vi": ""}, "name_vi", "This field is required"),
        ({"kind": "castle"}, "kind", "“castle” is not one of"),
        ({"tags": "dat-to;aliens"}, "tags", "Unknown theme tag “aliens”"),
        ({"lat": "north"}, "lat", "Enter a number"),
        ({"lat": "nan"}, "lat", "Enter a value from -90 to 90"),
        ({"visit_min": "1.5"}, "visit_min", "Enter a whole number"),
        ({"visit_min": "-5"}, "visit_min", "Enter a value from 0"),
        (
            {"opening_hours": "Mo 7:00-11:00", "hours_source": "x"},
            "opening_hours",
            "Opening hours:",
        ),
        (
            {"opening_hours": "Mo-Fr 08:00-17:00", "hours_source": ""},
            "hours_source",
            "Name the source",
        ),
        ({"ticket_adult_vnd": "-1"}, "ticket_adult_vnd", "Enter a value from 0"),
        ({"ticket_adult_vnd": "20000", "ticket_source": ""}, "ticket_source", "Name the source"),
        ({"heritage": "national", "heritage_source": ""}, "heritage_source", "Name the source"),
        ({"coord_source": ""}, "coord_source", "This field is required"),
        ({"name_en": "a\x00b"}, "name_en", "This field contains control characters"),
        ({"description_vi": "x" * 5001}, "description_vi", "At most 5000 characters"),
        ({"festivals": "hoi-khong-co"}, "festivals", "Unknown festival"),
        ({"province": "phu-tho"}, "province", "This place must belong to Bắc Ninh"),
    ],
)
def test_each_bad_field_is_named(
    boundaries: Boundaries,
    places: dict[str, PlaceRecord],
    changes: dict[str, str],
    field: str,
    start: str,
) -> None:
    place = next(p for p in places.values() if p.province == "bac-ninh")
    checked = check_place(fields_of(place, **changes), context(boundaries, "bac-ninh"))
    assert any(p.field == field and p.message.startswith(start) for p in checked.errors), [
        (p.field, p.message) for p in checked.errors
    ]


def test_opening_hours_are_stored_in_canonical_form(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    place = next(p for p in places.values() if p.province == "bac-ninh")
    checked = check_place(
        fields_of(
            place,
            opening_hours="Sa 08:00-12:00 ; Mo-Fr 13:30-17:00,07:30-11:30 ; Su off",
            hours_source="test",
        ),
        context(boundaries, "bac-ninh"),
    )
    assert checked.ok, [p.message for p in checked.errors]
    assert (
        checked.fields["opening_hours"] == "Mo-Fr 07:30-11:30,13:30-17:00; Sa 08:00-12:00; Su off"
    )


def test_slug_already_taken_is_an_error(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    place = next(p for p in places.values() if p.province == "bac-ninh")
    checked = check_place(
        fields_of(place), context(boundaries, "bac-ninh", taken_slugs=frozenset({place.slug}))
    )
    assert [p.field for p in checked.errors] == ["slug"]


def test_near_place_with_a_similar_name_is_a_warning_not_an_error(
    boundaries: Boundaries, places: dict[str, PlaceRecord]
) -> None:
    place = places["den-hung"]
    nearby = KnownPlace("den-hung-cu", "Đền Hùng", "", place.lat + 0.001, place.lon)  # ~111 m
    far = KnownPlace("den-hung-xa", "Đền Hùng", "", place.lat + 0.01, place.lon)  # ~1.1 km
    checked = check_place(
        fields_of(place, name_vi="Đền Hùng"),
        context(boundaries, "phu-tho", known_places=(nearby, far)),
    )
    assert checked.ok
    assert [w.params["slug"] for w in checked.warnings] == ["den-hung-cu"]
    assert checked.warnings[0].params["metres"] == 111


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Đền Hùng", "den hung", True),
        ("Chùa Dâu", "Chùa Dâu (Diên Ứng tự)", True),
        ("Chùa Bút Tháp", "Chùa Phật Tích", False),
    ],
)
def test_similar_names_ignore_case_and_marks(a: str, b: str, similar: bool) -> None:
    assert similar_names(KnownPlace("a", a, "", 0, 0), KnownPlace("b", b, "", 0, 0)) is similar
