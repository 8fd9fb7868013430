"""Throughput of the production stack, as ratios to a bare Flask + SQLAlchemy ceiling.

Starts the stack the README deploys — gunicorn with 2 workers (the repository's
``gunicorn.conf.py`` when there is one), PostgreSQL, a Redis of its own on a spare loopback
port — runs ``bench/ceiling.py`` and then the app under the same gunicorn settings, loads each
endpoint with ``wrk`` from 127.0.0.1 and prints one table. Throughput depends on the machine and
on who else uses it, so only ratios measured in the same run mean anything.

    scripts/ensure-wrk.sh                     # wrk is a Debian package
    .venv/bin/python bench/load.py --seconds 5

The PostgreSQL database ``bench_load`` (``--database``) is dropped, created and seeded first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import RedisServer, free_port, wait_for_port  # noqa: E402

FLAGSHIP = {"start_date": "2026-04-25", "days": 3}
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass(frozen=True)
class Result:
    rate: float
    p50_ms: float
    p99_ms: float
    bad: int


@contextlib.contextmanager
def running(args: list[str], *, env: dict[str, str], port: int, cwd: Path) -> Iterator[None]:
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    try:
        wait_for_port(port, seconds=60)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def started(redis: RedisServer) -> Iterator[None]:
    redis.start()
    try:
        yield
    finally:
        redis.stop()


def parse_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def wrk(url: str, *, seconds: int, connections: int, script: Path | None = None) -> Result:
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["--timeout", "30s"]  # wrk's 2 s default would count slow plans as failures
    if script is not None:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"\s50%\s+(\S+)", out)
    p99 = re.search(r"\s99%\s+(\S+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Result(
        rate=rate,
        p50_ms=parse_ms(p50.group(1)) if p50 else float("nan"),
        p99_ms=parse_ms(p99.group(1)) if p99 else float("nan"),
        bad=(int(bad.group(1)) if bad else 0)
        + (sum(int(n) for n in errors.groups()) if errors else 0),
    )


def post_script(directory: Path, body: dict[str, object]) -> Path:
    path = directory / "post.lua"
    payload = json.dumps(body).replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(
        f'wrk.method = "POST"\nwrk.body = "{payload}"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
    )
    return path


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def gunicorn_args(app: str, port: int, *, chdir: Path) -> list[str]:
    args = [sys.executable, "-m", "gunicorn", "--chdir", str(chdir)]
    config = ROOT / "gunicorn.conf.py"
    if config.exists():
        args += ["--config", str(config)]
    return [*args, "--workers", "2", "--bind", f"127.0.0.1:{port}", app]


def fetch(url: str, *, body: dict[str, object] | None = None) -> bytes:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(req, timeout=120) as response:
        return bytes(response.read())


def row(name: str, result: Result, ceiling: Result | None) -> str:
    ratio = f"{100 * result.rate / ceiling.rate:5.1f} %" if ceiling else "  100 %"
    return (
        f"| {name:<48} | {result.rate:9.1f} | {ratio:>7} | {result.p50_ms:8.1f} | "
        f"{result.p99_ms:8.1f} | {result.bad:5d} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--job-workers", type=int, default=0, help="`tourroute worker` processes that plan"
    )
    parser.add_argument(
        "--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/bench_load"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run scripts/ensure-wrk.sh (Debian package wrk)")
    if shutil.which("redis-server") is None:
        raise SystemExit("redis-server is missing: run scripts/ensure-redis.sh")
    redis = RedisServer(Path(tempfile.mkdtemp(prefix="bench-redis-")))
    port = free_port()
    env = {
        **os.environ,
        "TOURROUTE_ENV": "production",
        "TOURROUTE_SECRET_KEY": secrets.token_hex(32),
        "TOURROUTE_DATABASE_URL": args.database,
        "TOURROUTE_REDIS_URL": redis.url,
        # The limits protect a public site from one client; wrk is one client by design.
        "TOURROUTE_API_RATE_LIMIT": "100000000 per minute",
        "TOURROUTE_API_PLAN_RATE_LIMIT": "100000000 per minute",
        "BENCH_DATABASE_URL": args.database,
        "PYTHONPATH": str(ROOT),
    }
    recreate_database(args.database)
    tourroute = str(Path(sys.executable).parent / "tourroute")
    for command in ("init-db", "seed"):
        subprocess.run([tourroute, command], env=env, cwd=ROOT, check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}"
    seconds, conns = args.seconds, args.connections
    lines = [
        f"wrk -c{conns} -d{seconds}s per row (plans and PDFs: 2 clients), gunicorn 2 workers, "
        f"{args.job_workers} job workers, PostgreSQL, Redis; ratio = rate / ceiling rate",
        "",
        f"| {'what':<48} | {'req/s':>9} | {'ratio':>7} | {'p50 ms':>8} | {'p99 ms':>8} | "
        f"{'non-2xx':>5} |",
        f"|{'-' * 50}|{'-' * 11}|{'-' * 9}|{'-' * 10}|{'-' * 10}|{'-' * 7}|",
    ]
    with tempfile.TemporaryDirectory() as tmp, started(redis):
        ceiling_app = gunicorn_args("ceiling:app", port, chdir=ROOT / "bench")
        with running(ceiling_app, env=env, port=port, cwd=ROOT):
            fetch(f"{base}/api/v1/places/den-hung")
            ceiling = wrk(f"{base}/api/v1/places/den-hung", seconds=seconds, connections=conns)
        lines.append(row("bare Flask + SQLAlchemy, one row (ceiling)", ceiling, None))
        planners = [
            subprocess.Popen([tourroute, "worker"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
            for _ in range(args.job_workers)
        ]
        with running(gunicorn_args("wsgi:app", port, chdir=ROOT), env=env, port=port, cwd=ROOT):
            # Several plans and PDFs first, so that each worker has loaded the planner, the
            # matrix and matplotlib before anything is timed.
            trip = json.loads(fetch(f"{base}/api/v1/itineraries", body=FLAGSHIP))["id"]
            pdf = f"{base}/api/v1/itineraries/{trip}/export/pdf"
            for _ in range(3):
                fetch(f"{base}/api/v1/itineraries", body=FLAGSHIP)
                fetch(pdf)
            reads = [
                "/api/v1/places/den-hung",
                "/api/v1/travel-time?from=ha-noi&to=den-hung",
                "/search?q=den+hung&format=json",
                "/places",
                "/en/places",
                "/api/v1/festivals?year=2027",
                "/api/v1/places",
                "/map",
                f"/en/trips/{trip}",
            ]
            for path in reads:
                fetch(base + path)
                fetch(base + path)  # every worker warm
                result = wrk(base + path, seconds=seconds, connections=conns)
                lines.append(row(f"GET {path.replace(trip, '<id>')}", result, ceiling))
            script = post_script(Path(tmp), FLAGSHIP)
            for clients in (2, 4):
                result = wrk(
                    f"{base}/api/v1/itineraries",
                    seconds=seconds,
                    connections=clients,
                    script=script,
                )
                lines.append(row(f"POST /api/v1/itineraries, {clients} clients", result, ceiling))
            fetch(pdf)
            pdfs = wrk(pdf, seconds=seconds, connections=2)
            lines.append(row("PDF of a saved trip, 2 clients", pdfs, ceiling))
            time.sleep(2)  # let the last plans and PDFs wrk left behind finish
            place = f"{base}/api/v1/places/den-hung"
            alone = wrk(place, seconds=seconds, connections=4)
            lines.append(row("GET /api/v1/places/den-hung, 4 clients alone", alone, ceiling))
            heavy = [
                subprocess.Popen(
                    ["wrk", "-t1", "-c2", f"-d{seconds + 2}s", "--timeout", "30s", *extra, url],
                    stdout=subprocess.DEVNULL,
                )
                for url, extra in (
                    (f"{base}/api/v1/itineraries", ["-s", str(script)]),
                    (pdf, []),
                )
            ]
            time.sleep(1)
            loaded = wrk(place, seconds=seconds, connections=4)
            for process in heavy:
                process.wait()
            lines.append(row("  same, while 2 clients plan and 2 fetch PDFs", loaded, ceiling))
            lines.append(f"\nreads kept {100 * loaded.rate / alone.rate:.0f} % of their rate")
        for planner in planners:
            planner.terminate()
            planner.wait(timeout=30)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
