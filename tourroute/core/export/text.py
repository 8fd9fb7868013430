"""The itinerary as plain text, for the terminal (``tourroute plan``) and e-mails."""

from __future__ import annotations

from tourroute.core.domain import Itinerary, Leg, hhmm
from tourroute.core.export.labels import kind_label, label, long_date, province_name


def _drive(leg: Leg, lang: str) -> str:
    roads = f" {label('via', lang)} {', '.join(leg.roads)}" if leg.roads else ""
    return f"{round(leg.minutes)} {label('minutes', lang)}, {leg.km:.1f} km{roads}"


def itinerary_to_text(it: Itinerary, *, lang: str) -> str:
    lines: list[str] = []
    for number, day in enumerate(it.days, start=1):
        lines.append(f"{label('day', lang)} {number} — {long_date(day.date, lang)}")
        lines.append(f"  {label('start_from', lang)} {day.origin.name(lang)}")
        lunch = day.lunch_start_min
        for stop in day.stops:
            if lunch is not None and lunch <= stop.arrive_min - stop.leg.minutes:
                lines.append(f"  {hhmm(lunch)}  {label('lunch', lang)}")
                lunch = None
            place = stop.place
            lines.append(f"      {label('drive', lang)}: {_drive(stop.leg, lang)}")
            lines.append(
                f"  {hhmm(stop.start_min)}–{hhmm(stop.depart_min)}  {place.name(lang)}"
                f" ({kind_label(place.kind, lang)}, {province_name(place.province, lang)})"
            )
        if lunch is not None:
            lines.append(f"  {hhmm(lunch)}  {label('lunch', lang)}")
        end_label = "trip_end" if number == len(it.days) else "lodging"
        lines.append(
            f"  {hhmm(day.arrive_lodging_min)}  {label(end_label, lang)}: "
            f"{day.lodging.name(lang)} ({_drive(day.final_leg, lang)})"
        )
        lines.append("")
    totals = it.totals
    lines.append(
        f"{label('total_drive', lang)}: {round(totals.drive_min)} {label('minutes', lang)}; "
        f"{label('total_km', lang)}: {totals.drive_km:.1f} km"
    )
    for item in it.left_out:
        detail = f": {item.detail}" if item.detail else ""
        lines.append(f"- {item.place.name(lang)} — {item.reason}{detail}")
    return "\n".join(lines)
