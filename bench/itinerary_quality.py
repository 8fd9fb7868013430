"""Would a local guide sell these trips? A table over fixed requests, printed, never asserted.

For each request: sights per day, distinct kinds per day, the largest same-kind count in one day,
consecutive stops at the same point (outside a site group), the worst night's detour over the
best lodging for the same evening and morning stops, drive/visit ratio, total km, must-includes
kept, the share of planned sights that appear in a published programme
(``bench/programmes/programmes.json``), and the plan's worth (what the planner maximises, before
the driving's cost), so that a more compact route can be weighed against what it gives up.
A request the planner refuses prints its 422 reason.

    .venv/bin/python bench/itinerary_quality.py
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/itinerary_quality.py --data DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tourroute import create_app
from tourroute.core.domain import Itinerary, LockedStop, TripRequest
from tourroute.core.errors import TourRouteError
from tourroute.extensions import db
from tourroute.services.planning import plan
from tourroute.services.seed import seed_database
from tourroute.services.travel import published_places, travel_matrix

HERE = Path(__file__).resolve().parent
FLAGSHIP = "dat-to-tra-xanh-quan-ho"
APRIL = dt.date(2026, 4, 25)  # Giỗ Tổ Hùng Vương week (lunar 3/10 is 26/04/2026)
LIM = dt.date(2026, 3, 1)  # Hội Lim, lunar 1/13
JUNE = dt.date(2026, 6, 10)  # an ordinary Wednesday


@dataclass(frozen=True)
class Case:
    label: str
    request: TripRequest


def _r(theme: str, days: int, date: dt.date, **kw: object) -> TripRequest:
    return TripRequest(start_date=date, days=days, theme=theme, **kw)  # type: ignore[arg-type]


CASES = (
    Case("flagship 3d Apr fest", _r(FLAGSHIP, 3, APRIL, festivals=True)),
    Case("flagship 5d Apr fest", _r(FLAGSHIP, 5, APRIL, festivals=True)),
    Case("flagship 1d Jun", _r(FLAGSHIP, 1, JUNE)),
    Case("flagship 2d Jun noi-bai", _r(FLAGSHIP, 2, JUNE, start="noi-bai")),
    Case("flagship 3d Jun +nui-coc", _r(FLAGSHIP, 3, JUNE, include=("ho-nui-coc",))),
    Case("flagship 3d Jun relaxed", _r(FLAGSHIP, 3, JUNE, pace="relaxed")),
    Case("flagship 3d Jun packed", _r(FLAGSHIP, 3, JUNE, pace="packed")),
    Case("pagodas 3d Jun", _r("chua-co-phat-giao", 3, JUNE)),
    Case("pagodas 1d Lim fest", _r("chua-co-phat-giao", 1, LIM, festivals=True)),
    Case("revolution 2d Jun noi-bai", _r("ve-nguon-cach-mang", 2, JUNE, start="noi-bai")),
    Case("crafts 1d Jun", _r("lang-nghe-truyen-thong", 1, JUNE)),
    Case(
        "crafts 3d Lim fest +phu-lang",
        _r("lang-nghe-truyen-thong", 3, LIM, festivals=True, include=("lang-gom-phu-lang",)),
    ),
    Case("lakes 5d Jun +ba-be", _r("thien-nhien-ho-nui", 5, JUNE, include=("ho-ba-be",))),
    Case("lakes 2d Jun noi-bai", _r("thien-nhien-ho-nui", 2, JUNE, start="noi-bai")),
    Case(
        "flagship 3d Apr locked",
        _r(FLAGSHIP, 3, APRIL, locked=(LockedStop("doi-che-tan-cuong", 1),)),
    ),
)

COLUMNS = (
    ("request", 30),
    ("sights/d", 8),
    ("kinds/d", 7),
    ("max kind", 8),
    ("same pt", 7),
    ("detour", 6),
    ("drv/vis", 7),
    ("km", 6),
    ("must", 5),
    ("in prog", 7),
    ("worth", 6),
)


def _programme_slugs(path: Path) -> set[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {s for p in data["programmes"] for d in p["days"] for s in d["stops"]}


def _sights(stop: object) -> list[str]:
    """Slugs a stop shows: a site group's members, or the place itself."""
    members = getattr(stop, "members", ())
    return [m.slug for m in members] if members else [stop.place.slug]  # type: ignore[attr-defined]


def _same_group(a: object, b: object) -> bool:
    """Two parts of one site group's visit (split around lunch) are not two stops at a point."""
    ga, gb = getattr(a, "group", None), getattr(b, "group", None)
    return ga is not None and gb is not None and ga.slug == gb.slug


def _row(it: Itinerary, *, lodgings: list[str], travel: object, known: set[str]) -> list[str]:
    days = it.days
    sights = [[s for stop in d.stops for s in _sights(stop)] for d in days]
    kinds = [Counter(stop.place.kind for stop in d.stops) for d in days]
    same_point = sum(
        1
        for d in days
        for a, b in zip(d.stops, d.stops[1:], strict=False)
        if (a.place.lat, a.place.lon) == (b.place.lat, b.place.lon) and not _same_group(a, b)
    )
    detours = []
    for i, d in enumerate(days[:-1]):
        evening = d.stops[-1].place.slug if d.stops else d.origin.slug
        nxt = days[i + 1]
        morning = nxt.stops[0].place.slug if nxt.stops else nxt.lodging.slug

        def cost(lodge: str, e: str = evening, m: str = morning) -> float:
            return travel.minutes(e, lodge) + travel.minutes(lodge, m)  # type: ignore[attr-defined]

        detours.append(cost(d.lodging.slug) - min(cost(x) for x in lodgings))
    visit = max(1, it.totals.visit_min)
    planned = [s for day in sights for s in day]
    must = set(it.request.include) | {ls.slug for ls in it.request.locked}
    kept = must & set(planned)
    return [
        f"{statistics.mean(len(s) for s in sights):.1f}",
        f"{statistics.mean(len(k) for k in kinds):.1f}",
        str(max((max(k.values()) for k in kinds if k), default=0)),
        str(same_point),
        f"{max(detours, default=0):.0f}",
        f"{it.totals.drive_min / visit:.2f}",
        f"{it.totals.drive_km:.0f}",
        f"{len(kept)}/{len(must)}",
        f"{100 * sum(s in known for s in planned) / max(1, len(planned)):.0f}%",
        f"{it.totals.score:.1f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=HERE.parent / "data")
    args = parser.parse_args()
    known = _programme_slugs(HERE / "programmes" / "programmes.json")
    print(" ".join(f"{name:>{width}}" for name, width in COLUMNS))
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/q.sqlite", "DATA_DIR": str(args.data)}
        )
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            seed_database(args.data)
            db.session.commit()
            places = published_places()
            travel = travel_matrix(places)
            lodgings = [p.slug for p in places if p.kind == "lodging"]
            for case in CASES:
                try:
                    cells = _row(plan(case.request), lodgings=lodgings, travel=travel, known=known)
                except TourRouteError as exc:
                    print(f"{case.label:>30} refused: {exc.message[:90]}")
                    continue
                widths = [w for _, w in COLUMNS[1:]]
                body = " ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
                print(f"{case.label:>30} {body}")


if __name__ == "__main__":
    main()
