"""How the joint product is used, counted from planned trips: aggregates only.

Input is one :class:`TripRecord` per saved trip, reduced to what a count needs (the week it
was planned, its theme, the places visited with their stage and province, the places left out
and why); nothing that identifies who planned it. Output is :class:`Table` values, rows of
labels and counts, which the web layer translates, charts and offers as CSV.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The longest lists ("most planned places", "most often left out") show this many rows.
TOP = 15


@dataclass(frozen=True)
class Visit:
    slug: str
    province: str
    #: The stage of the trip's theme that admits the place; None without a theme or a stage.
    stage: str | None


@dataclass(frozen=True)
class TripRecord:
    planned_on: dt.date
    theme: str | None
    visits: tuple[Visit, ...]
    #: ``(slug, reason)`` for each place the planner left out (``LeftOut.reason``).
    left_out: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Table:
    """Rows of keys (codes, slugs, weeks — for the web layer to label) and a count last."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _counted(
    counter: Counter[tuple[str, ...]], *, top: int | None = None
) -> tuple[tuple[str | int, ...], ...]:
    """Most first, ties in key order, so a table reads the same on every run."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return tuple((*key, count) for key, count in ordered[:top])


def trips_per_week(trips: Iterable[TripRecord], packages: Iterable[dt.date]) -> Table:
    """Trips planned and packages saved by agencies, per ISO week, oldest first."""
    planned = Counter(iso_week(t.planned_on) for t in trips)
    saved = Counter(iso_week(day) for day in packages)
    weeks = sorted(set(planned) | set(saved))
    return Table(
        "weeks", ("week", "trips", "packages"), tuple((w, planned[w], saved[w]) for w in weeks)
    )


def by_theme(trips: Iterable[TripRecord]) -> Table:
    counts: Counter[tuple[str, ...]] = Counter((t.theme or "",) for t in trips)
    return Table("themes", ("theme", "trips"), _counted(counts))


def by_stage(trips: Iterable[TripRecord]) -> Table:
    """Visits per (theme, stage): how far along the journey trips actually go."""
    counts: Counter[tuple[str, ...]] = Counter(
        (t.theme, v.stage) for t in trips if t.theme for v in t.visits if v.stage is not None
    )
    return Table("stages", ("theme", "stage", "visits"), _counted(counts))


def by_province(trips: Iterable[TripRecord]) -> Table:
    counts: Counter[tuple[str, ...]] = Counter((v.province,) for t in trips for v in t.visits)
    return Table("provinces", ("province", "visits"), _counted(counts))


def top_places(trips: Iterable[TripRecord], *, top: int = TOP) -> Table:
    counts: Counter[tuple[str, ...]] = Counter((v.slug,) for t in trips for v in t.visits)
    return Table("places", ("place", "visits"), _counted(counts, top=top))


def left_out(trips: Iterable[TripRecord], *, top: int = TOP) -> Table:
    """The places most often left out, each with its reason (one row per place and reason)."""
    counts: Counter[tuple[str, ...]] = Counter(
        (slug, reason) for t in trips for slug, reason in t.left_out
    )
    return Table("left_out", ("place", "reason", "times"), _counted(counts, top=top))


def all_tables(trips: Sequence[TripRecord], packages: Sequence[dt.date]) -> list[Table]:
    return [
        trips_per_week(trips, packages),
        by_theme(trips),
        by_stage(trips),
        by_province(trips),
        top_places(trips),
        left_out(trips),
    ]
