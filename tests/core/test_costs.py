import csv
import dataclasses
import re
from pathlib import Path

import pytest

from tests.core.export.sample_itinerary import ITINERARY
from tourroute.core.costs import (
    DEFAULT_RATES_PATH,
    VEHICLE_SEATS,
    Rates,
    choose_vehicles,
    estimate_costs,
    format_money,
    load_rates,
)
from tourroute.core.errors import DataError, InvalidRequestError

# Round test rates, independent of the shipped table, so the arithmetic can be checked by hand.
RATES = Rates(
    vehicle_per_km_vnd={4: 5000, 16: 6000, 29: 8000, 45: 13000},
    vehicle_per_day_vnd={4: 800_000, 16: 1_200_000, 29: 1_500_000, 45: 2_400_000},
    room_per_night_vnd={"phu-tho": 400_000, "": 900_000},
    guide_per_day_vnd=700_000,
    margin_pct=10,
)


def test_two_adults_by_hand() -> None:
    est = estimate_costs(ITINERARY, adults=2, rates=RATES)
    # Two people and the guide fit a 4-seat car.
    assert (est.vehicle_seats, est.vehicles, est.rooms, est.nights) == (4, 1, 1, 1)
    # Day 1 drives 104.8 km (below the day minimum), day 2 drives 190.16 km.
    assert est.transport_vnd == 800_000 + round(190.16 * 5000)
    # The one night is in Việt Trì, which has its own rate.
    assert est.lodging_vnd == 400_000
    # Đền Hùng 2 x 10,000; Tân Cương is free; three places have no published price.
    assert est.tickets_vnd == 20_000
    assert [p.slug for p in est.unknown_tickets] == ["dinh-hung-lo", "hostile-tea", "chua-but-thap"]
    assert est.guide_vnd == 1_400_000
    subtotal = 800_000 + 950_800 + 400_000 + 20_000 + 1_400_000
    assert est.subtotal_vnd == subtotal
    assert est.margin_vnd == round(subtotal * 0.10)
    assert est.total_vnd == subtotal + est.margin_vnd
    assert est.per_person_vnd == round(est.total_vnd / 2)


def test_children_pay_child_tickets_and_free_places_stay_free() -> None:
    est = estimate_costs(ITINERARY, adults=2, children=1, rates=RATES)
    den_hung = est.ticket_for("den-hung")
    tan_cuong = est.ticket_for("tan-cuong")
    assert den_hung is not None and den_hung.total_vnd == 2 * 10_000 + 5_000
    assert tan_cuong is not None and tan_cuong.total_vnd == 0
    assert est.rooms == 2


def test_unknown_price_is_not_zero() -> None:
    est = estimate_costs(ITINERARY, adults=1, rates=RATES)
    xoan = est.ticket_for("dinh-hung-lo")
    assert xoan is not None
    assert (xoan.adult_vnd, xoan.total_vnd) == (None, None)


def test_no_guide_frees_a_seat_and_costs_nothing() -> None:
    rates = dataclasses.replace(RATES, guide_per_day_vnd=0)
    assert estimate_costs(ITINERARY, adults=4, rates=rates).vehicle_seats == 4
    assert estimate_costs(ITINERARY, adults=4, rates=RATES).vehicle_seats == 16
    assert estimate_costs(ITINERARY, adults=4, rates=rates).guide_vnd == 0


@pytest.mark.parametrize(
    ("passengers", "expected"),
    [(1, (4, 1)), (4, (4, 1)), (5, (16, 1)), (29, (29, 1)), (30, (45, 1)), (91, (45, 3))],
)
def test_choose_vehicles(passengers: int, expected: tuple[int, int]) -> None:
    assert choose_vehicles(passengers) == expected


def test_empty_group_is_refused() -> None:
    with pytest.raises(InvalidRequestError):
        estimate_costs(ITINERARY, adults=0, rates=RATES)


def test_shipped_rates_load_and_every_row_is_sourced() -> None:
    rates = load_rates()
    assert set(rates.vehicle_per_km_vnd) == set(VEHICLE_SEATS)
    with DEFAULT_RATES_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        assert row["source"] == "estimate" or row["source"].startswith("https://"), row
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["seen"]), row
        assert row["note"], row


def test_a_broken_rate_table_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(
        "item,seats,province,unit,value_vnd,source,seen,note\n"
        "guide_per_day,,,vnd_per_day,lots,estimate,2026-11-23,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="value_vnd"):
        load_rates(path)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"currency": "VND", "lang": "vi"}, "1.250.000\xa0₫"),
        ({"currency": "VND", "lang": "en"}, "₫1,250,000"),
        ({"currency": "USD", "vnd_per_unit": 25_000, "lang": "en"}, "$50.00"),
        ({"currency": "EUR", "vnd_per_unit": 27_500, "lang": "vi"}, "45,45\xa0€"),
    ],
)
def test_format_money(kwargs: dict[str, object], expected: str) -> None:
    assert format_money(1_250_000, **kwargs) == expected  # type: ignore[arg-type]


def test_foreign_currency_needs_a_rate() -> None:
    with pytest.raises(InvalidRequestError, match="exchange rate"):
        format_money(1000, currency="USD", lang="en")
