"""Real servers a test starts for itself on a spare loopback port, so it may stop or freeze them
without disturbing anyone else's (CI's shared Redis keeps running)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, *, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


class RedisServer:
    """A ``redis-server`` of the test's own: started, stopped, frozen and thawed at will."""

    def __init__(self, directory: Path) -> None:
        if shutil.which("redis-server") is None:
            pytest.skip("redis-server is not installed (scripts/ensure-redis.sh installs it)")
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(
            [*args, "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


@contextlib.contextmanager
def job_worker(*, database_url: str, redis_url: str, data_dir: str) -> Iterator[None]:
    """A ``tourroute worker`` process on the given database and Redis, registered on the queue
    before the block runs, stopped after it."""
    import redis
    from rq import Queue, Worker

    from tourroute import jobs

    env = {
        **os.environ,
        "TOURROUTE_DATABASE_URL": database_url,
        "TOURROUTE_REDIS_URL": redis_url,
        "TOURROUTE_DATA_DIR": data_dir,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "flask", "--app", "tourroute:create_app", "worker"]
    worker = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    client = redis.Redis.from_url(redis_url)
    queue = Queue(jobs.QUEUE, connection=client)
    try:
        for _ in range(600):  # until the worker has registered itself (bounded)
            if Worker.count(connection=client, queue=queue):
                break
            if worker.poll() is not None:
                pytest.fail("the worker exited")
            time.sleep(0.1)
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)
