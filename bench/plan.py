"""Real-case planning speed: the flagship 3-day trip from Hà Nội over the whole catalogue.

Builds a throw-away SQLite database from data/, warms the app up (travel matrix, catalogue),
then plans the trip for a range of start dates and prints the timing distribution.

    .venv/bin/python bench/plan.py [--runs 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from tourroute import create_app
from tourroute.core.domain import TripRequest
from tourroute.extensions import db
from tourroute.services.planning import plan
from tourroute.services.seed import seed_database

DATA = Path(__file__).resolve().parent.parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--days", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite"})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            seed_database(DATA)
            db.session.commit()
            first = dt.date(2026, 4, 1)
            warm = TripRequest(start_date=first, days=args.days)
            started = time.perf_counter()
            plan(warm)
            cold_ms = (time.perf_counter() - started) * 1000
            timings, cpu, stops = [], [], []
            for run in range(args.runs):
                request = TripRequest(start_date=first + dt.timedelta(days=run), days=args.days)
                started, started_cpu = time.perf_counter(), time.process_time()
                itinerary = plan(request)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                stops.append(sum(len(day.stops) for day in itinerary.days))
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    print(f"flagship {args.days}-day trip from ha-noi, {args.runs} start dates, warm app")
    # CPU time is printed too: on a shared machine the wall clock mostly measures the neighbours
    header = f"{'first (cold) ms':>16} {'min':>8} {'median':>8} {'p95':>8} {'max':>8}"
    print(f"{header} {'cpu median':>10} {'stops':>6}")
    print(
        f"{cold_ms:16.0f} {timings[0]:8.0f} {statistics.median(timings):8.0f} "
        f"{p95:8.0f} {timings[-1]:8.0f} {statistics.median(cpu):10.0f} "
        f"{statistics.mean(stops):6.1f}"
    )


if __name__ == "__main__":
    main()
