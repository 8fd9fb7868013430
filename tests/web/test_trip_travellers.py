"""The trip page's Ring Road 5 comparison, re-planning under it, and the cost estimate."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def test_comparison_and_replan_on_ring_road_5(client: FlaskClient, saved_trip: str) -> None:
    page = client.get(f"/en/trips/{saved_trip}").text
    assert "With Ring Road 5 complete" in page and "This trip was planned on: Today" in page
    totals = re.findall(r'<td class="num" data-minutes="(\d+)">', page)
    assert len(totals) == 2 and int(totals[1]) <= int(totals[0])
    response = client.post(
        f"/en/trips/{saved_trip}/scenario", data={"scenario": "ring-road-5-complete"}
    )
    assert response.status_code == 303
    new_path = response.headers["Location"]
    assert saved_trip not in new_path
    replanned = client.get(new_path).text
    assert "This trip was planned on: Ring Road 5 complete" in replanned
    assert client.post(f"/trips/{saved_trip}/scenario", data={"scenario": "x"}).status_code == 400


def test_costs_for_the_number_of_travellers(client: FlaskClient, saved_trip: str) -> None:
    one = client.get(f"/en/trips/{saved_trip}?travellers=1").text
    four = client.get(f"/en/trips/{saved_trip}?travellers=4").text
    assert "What it may cost (estimate)" in one and 'value="4"' in four
    # Đền Hùng's published adult ticket is in both totals, four times over for four people.
    tickets = [
        re.search(r"Entrance tickets</td><td class=\"num\">₫([\d,]+)", p) for p in (one, four)
    ]
    assert tickets[0] and tickets[1]
    one_vnd, four_vnd = (int(t.group(1).replace(",", "")) for t in tickets)
    assert four_vnd == 4 * one_vnd > 0
    vi = client.get(f"/trips/{saved_trip}?travellers=2").text
    assert "(ước tính)" in vi and "\xa0₫" in vi  # Vietnamese amounts: 820.000 ₫, no break
    assert client.get(f"/trips/{saved_trip}?travellers=99").status_code == 400
