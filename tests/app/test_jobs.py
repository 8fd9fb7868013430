"""Plans run in the job workers when one listens on the queue, and in the request otherwise."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from rq import Queue
from rq.registry import FinishedJobRegistry

from tests import servers
from tests.app.test_redis_outage import own_redis, redis_app  # noqa: F401 - fixtures
from tests.servers import RedisServer
from tourroute import jobs
from tourroute.extensions import db
from tourroute.models import Itinerary

ROOT = Path(__file__).resolve().parents[2]
PLAN = {"start_date": "2026-04-25", "days": 1}


def finished_jobs(url: str) -> int:
    queue = Queue(jobs.QUEUE, connection=redis.Redis.from_url(url))
    return FinishedJobRegistry(queue=queue).count


@pytest.fixture
def job_worker(redis_app: Flask, own_redis: RedisServer) -> Iterator[None]:  # noqa: F811
    """A ``tourroute worker`` process on the same database and Redis as ``redis_app``."""
    with servers.job_worker(
        database_url=redis_app.config["SQLALCHEMY_DATABASE_URI"],
        redis_url=own_redis.url,
        data_dir=redis_app.config["DATA_DIR"],
    ):
        yield


def test_plans_run_in_the_request_without_a_worker(
    redis_app: Flask,  # noqa: F811
    own_redis: RedisServer,  # noqa: F811
) -> None:
    created = redis_app.test_client().post("/api/v1/itineraries", json=PLAN)
    assert created.status_code == 201
    assert finished_jobs(own_redis.url) == 0


def test_plans_run_in_the_job_worker_when_one_listens(
    redis_app: Flask,  # noqa: F811
    own_redis: RedisServer,  # noqa: F811
    job_worker: None,
) -> None:
    client = redis_app.test_client()
    created = client.post("/api/v1/itineraries", json=PLAN)
    assert created.status_code == 201, created.json
    assert finished_jobs(own_redis.url) == 1
    with redis_app.app_context():
        assert db.session.get(Itinerary, created.json["id"]) is not None
    assert client.get(created.json["links"]["page"]).status_code == 200


def test_an_export_not_rendered_yet_is_a_202_until_the_worker_has_rendered_it(
    redis_app: Flask,  # noqa: F811
    own_redis: RedisServer,  # noqa: F811
    job_worker: None,
) -> None:
    redis_app.config["API_RATE_LIMIT"] = "1000 per minute"  # read per request; polling counts
    client = redis_app.test_client()
    trip = client.post("/api/v1/itineraries", json=PLAN).json
    url = trip["links"]["exports"]["gpx"]
    first = client.get(url)
    assert first.status_code == 202
    assert first.headers["Location"].endswith(url) and first.headers["Retry-After"] == "1"
    for _ in range(600):  # poll as a client would (bounded)
        answer = client.get(url)
        if answer.status_code != 202:
            break
        time.sleep(0.1)
    assert answer.status_code == 200 and answer.data.startswith(b"<?xml")
    assert finished_jobs(own_redis.url) == 2  # the plan and the rendering
    browser = client.get(trip["links"]["exports"]["csv"], headers={"Accept": "text/html,*/*"})
    assert browser.status_code == 200  # a followed link is rendered at once, never a 202
