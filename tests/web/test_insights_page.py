"""The shared view /insights: curators and admins only, aggregates only, CSV of each table."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.conftest import save_one_day_trip
from tourroute.core.completeness import FIELDS
from tourroute.extensions import db
from tourroute.models import User
from tourroute.services import packages
from tourroute.services.data_report import data_report


def _csv(client: FlaskClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _trips(app: Flask) -> list[str]:
    with app.app_context():
        ids = [save_one_day_trip(), save_one_day_trip()]
        agency = db.session.scalar(select(User).where(User.role_name == "agency"))
        packages.create_from_trip(agency, ids[0], lang="vi")
        db.session.commit()
    return ids


def test_insights_count_trips_places_and_packages(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    trip_ids = _trips(app)
    planned = client.post(
        "/api/v1/itineraries",
        json={
            "theme": "dat-to-tra-xanh-quan-ho",
            "start": "ha-noi",
            "start_date": "2026-04-25",
            "days": 2,
            "seed": 1,
        },
    )
    assert planned.status_code == 201, planned.text
    login_as("pt_curator")
    page = client.get("/en/insights/")
    assert page.status_code == 200
    text = page.text
    assert "Most planned places" in text and "Hùng Kings&#39; Temple Historic Site" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in text
    for trip_id in trip_ids:
        assert trip_id not in text, "no trip is identifiable"
    assert "agency@example.org" not in text
    weeks = list(
        csv.reader(io.StringIO(client.get("/en/insights/weeks.csv").data.decode("utf-8-sig")))
    )
    assert weeks[0] == ["Week", "Trips planned", "Packages saved"]
    assert sum(int(r[1]) for r in weeks[1:]) == 3 and sum(int(r[2]) for r in weeks[1:]) == 1
    themes = list(
        csv.reader(io.StringIO(client.get("/en/insights/themes.csv").data.decode("utf-8-sig")))
    )
    assert themes[1:] == [["Ancestral Land – Green Tea – Quan họ", "3"]]
    stages = client.get("/en/insights/stages.csv").data.decode("utf-8-sig")
    assert "Ancestral land" in stages
    complete = _csv(client, "/insights/completeness.csv")
    assert complete[0][0] == "Tỉnh" and len(complete) >= 4
    with app.app_context():
        report = data_report(db.session())["provinces"]
    # The same counts as ``tourroute data-report`` and /curate/data, one row per province.
    assert [row[1:] for row in complete[1:]] == [
        [str(counts["places"]), *(str(counts[f]) for f in FIELDS)] for counts in report.values()
    ]
    assert client.get("/en/insights/nothing.csv").status_code == 404


def test_agencies_and_visitors_do_not_see_insights(
    client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    assert client.get("/en/insights/").status_code == 302
    login_as("agency")
    assert client.get("/en/insights/").status_code == 403
    login_as("admin")
    assert client.get("/en/insights/").status_code == 200
