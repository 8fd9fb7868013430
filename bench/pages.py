"""Size and server render time of the pages with maps, on a freshly seeded SQLite database.

Run from the repository root: ``PYTHONPATH=. python bench/pages.py [--requests N]``.
The catalogue map page should stay under 1.5 MB and the trip page (the flagship 3-day trip,
planned once beforehand) under 500 ms; times are medians of N requests made with Flask's test
client (no network), after one warm-up request per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from tourroute import create_app
from tourroute.extensions import db

ROOT = Path(__file__).resolve().parent.parent
#: The catalogue map page's size budget (phones on slow networks load it whole).
BUDGET_BYTES = 1_500_000
#: The trip page's server time target: it renders a stored trip, it never plans.
TRIP_PAGE_BUDGET_MS = 500.0
PAGES = {
    "catalogue map (vi)": "/map",
    "catalogue map (en)": "/en/map",
    "place page + map": "/places/den-hung",
    "search (html)": "/search?q=quan+ho",
    "search (json)": "/search?q=quan+ho&format=json",
}


def _flagship_trip() -> str:
    """Plan and store the flagship 3-day trip from Hà Nội; its id."""
    from tourroute.core.domain import TripRequest
    from tourroute.services import planning, trips

    request = TripRequest(start_date=dt.date(2026, 4, 24), days=3)
    trip_id = trips.save_trip(planning.plan(request))
    db.session.commit()
    return trip_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}",
                "DATA_DIR": str(ROOT / "data"),
            }
        )
        with app.app_context():
            from flask_migrate import upgrade

            from tourroute.services.seed import seed_database

            upgrade()
            seed_database(ROOT / "data")
            db.session.commit()
            trip_id = _flagship_trip()
        pages = {**PAGES, "trip page (3 days)": f"/trips/{trip_id}"}
        client = app.test_client()
        print(f"{'page':<22} {'bytes':>9} {'budget':>7} {'median ms':>10} {'max ms':>8}")
        for name, url in pages.items():
            size = len(client.get(url).data)
            times_ms = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(url)
                times_ms.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, url
            median_ms = statistics.median(times_ms)
            budget = ""
            if "map" in url:
                budget = "ok" if size < BUDGET_BYTES else "OVER"
            elif "/trips/" in url:
                budget = "ok" if median_ms <= TRIP_PAGE_BUDGET_MS else "OVER"
            print(f"{name:<22} {size:>9} {budget:>7} {median_ms:>10.1f} {max(times_ms):>8.1f}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
