"""What a planned trip costs a group: tickets, vehicle, rooms, guide and the agency's margin.

The default rates live in ``data/rates.csv`` with a source per row; every rate can be replaced
by the caller (``dataclasses.replace(load_rates(), guide_per_day_vnd=0)``), because an agency
knows its own contracts better than any published table. A ticket price nobody published stays
unknown: it is listed, never counted as free, so the total is visibly a lower bound.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_currency

from tourroute.core.domain import Itinerary, Place
from tourroute.core.errors import DataError, InvalidRequestError
from tourroute.core.words import Words

#: Vehicle sizes the rate table knows, in seats; the smallest that fits the group is chosen.
VEHICLE_SEATS: tuple[int, ...] = (4, 16, 29, 45)
DEFAULT_RATES_PATH = Path(__file__).resolve().parents[2] / "data" / "rates.csv"
#: Key of the room rate used for a province that has no row of its own.
ANY_PROVINCE = ""


@dataclass(frozen=True, slots=True)
class Rates:
    """Prices the estimate is built from, all in VND.

    A day of driving costs the larger of ``km × vehicle_per_km_vnd`` and ``vehicle_per_day_vnd``
    (the hire's minimum charge). Set ``guide_per_day_vnd`` to 0 for a trip without a guide.
    """

    vehicle_per_km_vnd: Mapping[int, int]
    vehicle_per_day_vnd: Mapping[int, int]
    room_per_night_vnd: Mapping[str, int]
    guide_per_day_vnd: int
    margin_pct: float
    people_per_room: int = 2


@dataclass(frozen=True, slots=True)
class TicketCost:
    """Entrance for the whole group at one place; ``total_vnd`` is None when a price is unknown."""

    place: Place
    adult_vnd: int | None
    child_vnd: int | None
    total_vnd: int | None


@dataclass(frozen=True, slots=True)
class CostEstimate:
    adults: int
    children: int
    days: int
    nights: int
    vehicle_seats: int
    vehicles: int
    rooms: int
    tickets: tuple[TicketCost, ...]
    tickets_vnd: int
    transport_vnd: int
    lodging_vnd: int
    guide_vnd: int
    margin_pct: float
    margin_vnd: int

    @property
    def group_size(self) -> int:
        return self.adults + self.children

    @property
    def subtotal_vnd(self) -> int:
        return self.tickets_vnd + self.transport_vnd + self.lodging_vnd + self.guide_vnd

    @property
    def total_vnd(self) -> int:
        return self.subtotal_vnd + self.margin_vnd

    @property
    def per_person_vnd(self) -> int:
        return round(self.total_vnd / self.group_size)

    @property
    def unknown_tickets(self) -> tuple[Place, ...]:
        """Places whose entrance price is unknown and so missing from the totals."""
        return tuple(t.place for t in self.tickets if t.total_vnd is None)

    def ticket_for(self, slug: str) -> TicketCost | None:
        return next((t for t in self.tickets if t.place.slug == slug), None)


def _int_field(row: Mapping[str, str], name: str, *, line: int) -> int:
    try:
        return int(row[name])
    except ValueError as exc:
        raise DataError(f"rates.csv line {line}: {name} must be a whole number") from exc


def load_rates(path: Path = DEFAULT_RATES_PATH) -> Rates:
    """Read the rate table (see ``data/rates.csv`` for its columns and sources)."""
    per_km: dict[int, int] = {}
    per_day: dict[int, int] = {}
    rooms: dict[str, int] = {}
    single: dict[str, float] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            value = _int_field(row, "value_vnd", line=line)
            item = row["item"]
            if item in ("vehicle_per_km", "vehicle_per_day"):
                seats = _int_field(row, "seats", line=line)
                (per_km if item == "vehicle_per_km" else per_day)[seats] = value
            elif item == "room_per_night":
                rooms[row["province"]] = value
            elif item in ("guide_per_day", "margin_pct"):
                single[item] = value
            else:
                raise DataError(f"rates.csv line {line}: unknown item {item!r}")
    missing = [s for s in VEHICLE_SEATS if s not in per_km or s not in per_day]
    if missing or ANY_PROVINCE not in rooms or len(single) != 2:
        raise DataError(
            "rates.csv needs per-km and per-day rows for "
            f"{VEHICLE_SEATS} seats, a room rate with an empty province, a guide and a margin row"
        )
    return Rates(
        vehicle_per_km_vnd=per_km,
        vehicle_per_day_vnd=per_day,
        room_per_night_vnd=rooms,
        guide_per_day_vnd=int(single["guide_per_day"]),
        margin_pct=single["margin_pct"],
    )


def choose_vehicles(passengers: int) -> tuple[int, int]:
    """``(seats, count)``: the smallest vehicle that fits, or enough of the largest."""
    for seats in VEHICLE_SEATS:
        if passengers <= seats:
            return seats, 1
    largest = VEHICLE_SEATS[-1]
    return largest, math.ceil(passengers / largest)


def _ticket(place: Place, *, adults: int, children: int) -> TicketCost:
    adult = place.ticket_adult_vnd
    # Where adults enter free, children do too; otherwise a child price must be published.
    child = 0 if adult == 0 and place.ticket_child_vnd is None else place.ticket_child_vnd
    needed = [p for p, n in ((adult, adults), (child, children)) if n]
    total = None
    if None not in needed:
        total = adults * (adult or 0) + children * (child or 0)
    return TicketCost(place, adult, child, total)


def estimate_costs(
    it: Itinerary, *, adults: int, children: int = 0, rates: Rates | None = None
) -> CostEstimate:
    """Estimate the package price of ``it`` for a group, in VND.

    The guide (when ``rates.guide_per_day_vnd`` is not 0) takes a seat but no room. A child pays
    the child ticket where one is published; where only an adult price is known the child's
    ticket is unknown rather than guessed.
    """
    if adults < 0 or children < 0 or adults + children == 0:
        raise InvalidRequestError("a group needs at least one person", field="adults")
    rates = rates or load_rates()
    size = adults + children
    seats, vehicles = choose_vehicles(size + (1 if rates.guide_per_day_vnd else 0))
    per_km, per_day = rates.vehicle_per_km_vnd[seats], rates.vehicle_per_day_vnd[seats]

    transport = 0.0
    for day in it.days:
        day_km = sum(s.leg.km for s in day.stops) + day.final_leg.km
        transport += vehicles * max(day_km * per_km, per_day)

    rooms = math.ceil(size / rates.people_per_room)
    nights = it.days[:-1]
    lodging = sum(
        rooms
        * rates.room_per_night_vnd.get(d.lodging.province, rates.room_per_night_vnd[ANY_PROVINCE])
        for d in nights
    )

    seen: dict[str, TicketCost] = {}
    for day in it.days:
        for stop in day.stops:
            if stop.place.slug not in seen:
                seen[stop.place.slug] = _ticket(stop.place, adults=adults, children=children)
    tickets = tuple(seen.values())
    tickets_vnd = sum(t.total_vnd for t in tickets if t.total_vnd is not None)
    guide = rates.guide_per_day_vnd * len(it.days)
    subtotal = tickets_vnd + round(transport) + lodging + guide
    return CostEstimate(
        adults=adults,
        children=children,
        days=len(it.days),
        nights=len(nights),
        vehicle_seats=seats,
        vehicles=vehicles,
        rooms=rooms,
        tickets=tickets,
        tickets_vnd=tickets_vnd,
        transport_vnd=round(transport),
        lodging_vnd=lodging,
        guide_vnd=guide,
        margin_pct=rates.margin_pct,
        margin_vnd=round(subtotal * rates.margin_pct / 100),
    )


CURRENCIES = ("VND", "USD", "EUR")


def format_money(
    amount_vnd: float, *, currency: str = "VND", vnd_per_unit: float | None = None, lang: str
) -> str:
    """Show an amount in VND, USD or EUR, converting at the caller's ``vnd_per_unit``.

    Babel writes it as the language does: ``1.250.000 ₫`` and ``45,45 €`` in Vietnamese,
    ``₫1,250,000`` and ``$50.00`` in English (CLDR gives the đồng no decimals).
    """
    if currency not in CURRENCIES:
        raise InvalidRequestError(f"currency must be one of {list(CURRENCIES)}", field="currency")
    amount = float(amount_vnd)
    if currency != "VND":
        if not vnd_per_unit or vnd_per_unit <= 0:
            raise InvalidRequestError(
                f"give the exchange rate (VND per {currency}) to show amounts in {currency}",
                field="vnd_per_unit",
            )
        amount /= vnd_per_unit
    return str(format_currency(amount, currency, locale=lang))


def cost_lines(costs: CostEstimate, w: Words) -> list[tuple[str, int]]:
    """The build-up of the price, line by line, margin included: the agency's own view."""
    pct = f"{costs.margin_pct:g}"
    return [
        (w.gettext("Entrance tickets"), costs.tickets_vnd),
        (
            w.gettext(
                "Transport (%(seats)d seats × %(count)d)",
                seats=costs.vehicle_seats,
                count=costs.vehicles,
            ),
            costs.transport_vnd,
        ),
        (
            w.gettext(
                "Rooms (%(rooms)d × %(nights)d nights)", rooms=costs.rooms, nights=costs.nights
            ),
            costs.lodging_vnd,
        ),
        (w.gettext("Guide"), costs.guide_vnd),
        (w.gettext("Margin (%(pct)s%%)", pct=pct), costs.margin_vnd),
    ]


def price_lines(costs: CostEstimate, w: Words) -> list[tuple[str, int]]:
    """What the customer pays: the whole group's price and each person's."""
    return [
        (w.gettext("Total for the group"), costs.total_vnd),
        (w.gettext("Per person"), costs.per_person_vnd),
    ]


def money_formatter(
    *, lang: str, currency: str = "VND", vnd_per_unit: float | None = None
) -> Callable[[float], str]:
    """Amounts in VND, with the chosen ``currency`` beside them when it is another one."""

    def money(amount_vnd: float) -> str:
        shown = format_money(amount_vnd, lang=lang)
        if currency != "VND" and vnd_per_unit:
            other = format_money(
                amount_vnd, currency=currency, vnd_per_unit=vnd_per_unit, lang=lang
            )
            shown += f" ({other})"
        return shown

    return money
