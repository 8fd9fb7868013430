"""Property tests over the real catalogue: seeded random requests, planned through the service.

Every plan must keep its promises (each must-include visited, or the request refused with a
named place), never show two consecutive stops at one point outside a site group, pass the
independent validator (groups, shows and festival crowds included), and respect the night rule:
no lodging would save more than 20 minutes of evening plus morning driving while plainly
keeping both days within their limits.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tourroute.core.domain import Itinerary, LockedStop, TripRequest
from tourroute.core.errors import InfeasibleError
from tourroute.core.planner.trip_rules import drive_min
from tourroute.core.planner.validate import validate_itinerary
from tourroute.services import planning
from tourroute.services.travel import published_places, travel_matrix

#: The issue's night rule: no detour over this many minutes against a plainly feasible lodging.
NIGHT_DETOUR_MAX_MIN = 20
THEMES = (
    "dat-to-tra-xanh-quan-ho",
    "chua-co-phat-giao",
    "ve-nguon-cach-mang",
    "lang-nghe-truyen-thong",
    "thien-nhien-ho-nui",
)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """SQLite only: these tests are about the planner, not the database."""
    yield f"sqlite:///{tmp_path / 'plan.sqlite'}"


def _random_request(seed: int, visitable: list[str]) -> TripRequest:
    rng = random.Random(seed)
    days = rng.choice((1, 2, 3, 5))
    include = tuple(rng.sample(visitable, rng.choice((0, 0, 1, 2))))
    locked = ()
    if rng.random() < 0.3 and visitable:
        locked = (LockedStop(rng.choice(visitable), rng.randrange(days)),)
    return TripRequest(
        start_date=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365)),
        days=days,
        start=rng.choice(("ha-noi", "noi-bai")),
        theme=rng.choice(THEMES),
        pace=rng.choice(("relaxed", "normal", "normal", "packed")),
        include=tuple(s for s in include if s not in {x.slug for x in locked}),
        locked=locked,
        festivals=rng.random() < 0.5,
        seed=seed,
    )


def _visited(it: Itinerary) -> set[str]:
    return {m.slug for d in it.days for s in d.stops for m in s.members or (s.place,)}


def _night_detours(it: Itinerary, lodgings: list[str], travel: object) -> list[str]:
    """Nights where a lodging plainly fitting both days saves over the allowed detour."""
    r = it.request
    found = []
    for i, day in enumerate(it.days[:-1]):
        if day.shows:
            continue
        nxt = it.days[i + 1]
        evening = day.stops[-1].place.slug if day.stops else day.origin.slug
        morning = nxt.stops[0].place.slug if nxt.stops else nxt.lodging.slug

        def t(a: str, b: str) -> int:
            return drive_min(travel, a, b)  # type: ignore[arg-type]

        def drive(d: object) -> int:
            here, total = d.origin.slug, 0  # type: ignore[attr-defined]
            for s in d.stops:  # type: ignore[attr-defined]
                total, here = total + t(here, s.place.slug), s.place.slug
            return total + t(here, d.lodging.slug)  # type: ignore[attr-defined]

        chosen = t(evening, day.lodging.slug) + t(day.lodging.slug, morning)
        for other in lodgings:
            cost = t(evening, other) + t(other, morning)
            if chosen - cost <= NIGHT_DETOUR_MAX_MIN:
                continue
            end_delta = t(evening, other) - t(evening, day.lodging.slug)
            first_delta = t(other, morning) - t(day.lodging.slug, morning)
            fits_today = (
                day.arrive_lodging_min + end_delta <= r.day_end_min
                and drive(day) + end_delta <= r.max_drive_min_per_day
            )
            fits_tomorrow = first_delta <= 0 and drive(nxt) + first_delta <= (
                r.max_drive_min_per_day
            )
            if fits_today and fits_tomorrow:
                found.append(f"night {i + 1}: {other} saves {chosen - cost} min")
    return found


@pytest.mark.parametrize("block", range(3))
def test_random_requests_keep_promises_points_and_nights(app: Flask, block: int) -> None:
    with app.app_context():
        places = published_places()
        travel = travel_matrix(places)
        visitable = sorted(p.slug for p in places if p.kind not in ("gateway", "lodging"))
        lodgings = sorted(p.slug for p in places if p.kind == "lodging")
        themes = planning.themes_by_slug()
        rules = planning.plan_rules()
        for seed in range(block * 6, block * 6 + 6):
            request = _random_request(seed, visitable)
            try:
                it = planning.plan(request)
            except InfeasibleError as refusal:
                # a refusal names the place it cannot keep
                assert refusal.place is not None or refusal.field == "max_drive_min_per_day"
                continue
            promised = set(request.include) | {s.slug for s in request.locked}
            assert promised <= _visited(it), (seed, promised - _visited(it))
            problems = validate_itinerary(
                it, travel=travel, theme=themes.get(request.theme or ""), rules=rules
            )
            assert problems == [], (seed, problems)
            assert _night_detours(it, lodgings, travel) == [], seed
