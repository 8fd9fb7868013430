"""Editing one's own trip: add, reorder, remove, and refusals that change nothing."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tourroute.extensions import db
from tourroute.models import Itinerary


def _stops(client: FlaskClient, path: str) -> list[list[str]]:
    page = client.get(path).text
    days = page.split('<section class="day ')[1:]
    return [
        re.findall(r'<li class="tl-item tl-stop[^"]*" data-slug="([^"]+)"', day) for day in days
    ]


def _edit(client: FlaskClient, trip: str, **form: str):
    return client.post(f"/en/trips/{trip}/edit", data=form)


def _count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Itinerary)) or 0


def test_add_by_name_reorder_and_remove_each_make_a_new_trip(
    app: Flask, client: FlaskClient, saved_trip: str
) -> None:
    added = _edit(client, saved_trip, action="add", day="0", place="Đền Mẫu Âu Cơ")
    assert added.status_code == 303
    second = added.headers["Location"].rsplit("/", 1)[1]
    assert second != saved_trip
    assert _stops(client, f"/en/trips/{second}") == [["den-hung", "den-mau-au-co"]]
    assert _stops(client, f"/en/trips/{saved_trip}") == [["den-hung"]], "the old trip stays"
    moved = _edit(client, second, action="up", day="0", slug="den-mau-au-co")
    third = moved.headers["Location"].rsplit("/", 1)[1]
    assert _stops(client, f"/en/trips/{third}") == [["den-mau-au-co", "den-hung"]]
    page = client.get(f"/en/trips/{third}").text
    times = re.findall(
        r'<li class="tl-item tl-stop[^"]*"[^>]*>\s*'
        r'<span class="tl-time">(\d\d:\d\d)–(\d\d:\d\d)</span>',
        page,
    )
    assert len(times) == 2 and times[0][1] <= times[1][0], "re-timed in the new order"
    removed = _edit(client, third, action="remove", day="0", slug="den-hung")
    fourth = removed.headers["Location"].rsplit("/", 1)[1]
    assert _stops(client, f"/en/trips/{fourth}") == [["den-mau-au-co"]]


def test_an_edit_that_breaks_the_day_is_refused_with_reasons_and_changes_nothing(
    app: Flask, client: FlaskClient, saved_trip: str
) -> None:
    before = _count(app)
    refused = _edit(client, saved_trip, action="add", day="0", place="atk-cho-don")
    assert refused.status_code == 409
    assert "This edit was not made" in refused.text
    assert re.search(
        r"Day 1: (ends at \d\d:\d\d, after 18:00|\d+ minutes of driving, over)", refused.text
    )
    assert _count(app) == before
    vi = client.post(
        f"/trips/{saved_trip}/edit", data={"action": "add", "day": "0", "place": "atk-cho-don"}
    )
    assert vi.status_code == 409 and "Thay đổi này chưa được thực hiện" in vi.text
    assert re.search(r"Ngày 1: (kết thúc lúc|\d+ phút lái xe)", vi.text)


def test_bad_edits_are_refused_plainly(client: FlaskClient, saved_trip: str) -> None:
    twice = _edit(client, saved_trip, action="add", day="0", place="den-hung")
    assert twice.status_code == 422 and "already in the trip" in twice.text
    unknown = _edit(client, saved_trip, action="add", day="0", place="zzzzqqq")
    assert unknown.status_code == 422 and "zzzzqqq" in unknown.text
    assert _edit(client, saved_trip, action="up", day="0", slug="nowhere").status_code == 400
    assert _edit(client, saved_trip, action="jump", day="0", slug="den-hung").status_code == 400
    assert _edit(client, saved_trip, action="up", day="0", slug="den-hung").status_code == 400
