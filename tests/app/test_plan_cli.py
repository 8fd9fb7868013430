"""``tourroute plan`` on the real catalogue: the flagship trip, as text and as the JSON contract."""

import json
from typing import Any

import pytest
from flask.testing import FlaskCliRunner

from tourroute.core.domain import hhmm

FLAGSHIP = [
    "plan",
    "--theme",
    "dat-to-tra-xanh-quan-ho",
    "--start",
    "ha-noi",
    "--date",
    "2026-04-25",
    "--days",
    "3",
]


def test_flagship_trip_as_json_follows_the_contract_and_the_stages(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=[*FLAGSHIP, "--lang", "en", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"days", "totals", "left_out"} <= set(data)
    assert [d["date"] for d in data["days"]] == ["2026-04-25", "2026-04-26", "2026-04-27"]
    provinces = []
    for day in data["days"]:
        assert {"date", "stops", "lodging"} <= set(day)
        for stop in day["stops"]:
            assert {"place", "arrive", "start", "depart", "travel_minutes", "travel_km"} <= set(
                stop
            )
            assert {"slug", "name_vi", "name_en", "kind", "province", "lat", "lon"} <= set(
                stop["place"]
            )
            assert stop["arrive"] <= stop["start"] < stop["depart"]
            assert stop["arrive"] >= "08:00" and stop["depart"] <= "18:00"
            provinces.append(stop["place"]["province"])
    # Stages in order: Phú Thọ, then Thái Nguyên, then Bắc Ninh, each at least once.
    order = ["phu-tho", "thai-nguyen", "bac-ninh"]
    assert set(order) <= set(provinces)
    ranks = [order.index(p) for p in provinces]
    assert ranks == sorted(ranks)
    assert data["days"][-1]["lodging"]["slug"] == "ha-noi"
    for item in data["left_out"]:
        assert {"place", "reason"} <= set(item)


def test_same_request_and_seed_give_the_same_trip(runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=[*FLAGSHIP, "--json", "--seed", "3"])
    second = runner.invoke(args=[*FLAGSHIP, "--json", "--seed", "3"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout


def test_text_output_is_readable_in_both_languages(runner: FlaskCliRunner) -> None:
    en = runner.invoke(args=[*FLAGSHIP, "--lang", "en"])
    vi = runner.invoke(args=FLAGSHIP)
    assert en.exit_code == vi.exit_code == 0, en.output
    assert en.stdout.startswith("Day 1 — Saturday, 25/04/2026")
    assert vi.stdout.startswith("Ngày 1 — Thứ Bảy, 25/04/2026")
    leave = en.stdout.split("\n")[1]
    assert "Leave " in leave and hhmm(8 * 60) <= leave[2:7]


def test_impossible_requests_fail_with_a_clear_message(runner: FlaskCliRunner) -> None:
    zero = runner.invoke(args=["plan", "--date", "2026-04-25", "--days", "0"])
    assert zero.exit_code == 1 and "days" in zero.output.lower()
    unknown = runner.invoke(args=["plan", "--date", "2026-04-25", "--include", "atlantis"])
    assert unknown.exit_code == 1 and "atlantis" in unknown.output
    late = runner.invoke(args=["plan", "--date", "2026-04-25", "--start-time", "25:00"])
    assert late.exit_code == 2 and "--start-time" in late.output


def _trip(runner: FlaskCliRunner, date: str, *extra: str) -> dict[str, Any]:
    args = [arg if arg != "2026-04-25" else date for arg in FLAGSHIP]
    result = runner.invoke(args=[*args, "--lang", "en", "--json", *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _slugs(day: dict[str, Any]) -> list[str]:
    return [stop["place"]["slug"] for stop in day["stops"]]


def test_a_must_include_is_visited_not_left_out(runner: FlaskCliRunner) -> None:
    data = _trip(runner, "2026-04-25", "--include", "den-hung")
    assert "den-hung" in [slug for day in data["days"] for slug in _slugs(day)]
    assert "den-hung" not in [item["place"]["slug"] for item in data["left_out"]]


@pytest.mark.parametrize("date", ["2026-04-25", "2026-05-05", "2026-10-10"])
def test_the_flagship_visits_the_hung_kings_temple_on_day_one_or_its_festival(
    runner: FlaskCliRunner, date: str
) -> None:
    """The first stage's highlight is in the plan unasked: on day 1, or on its festival day
    (Giỗ Tổ, 10th of the 3rd lunar month, falls on the trip's 2nd day in April 2026)."""
    data = _trip(runner, date)
    days = [_slugs(day) for day in data["days"]]
    on_day = [i for i, slugs in enumerate(days) if "den-hung" in slugs]
    assert on_day, days
    stop = next(s for s in data["days"][on_day[0]]["stops"] if s["place"]["slug"] == "den-hung")
    assert on_day == [0] or stop["festival"] == "gio-to-hung-vuong"
    order = ["phu-tho", "thai-nguyen", "bac-ninh"]
    provinces = [s["place"]["province"] for day in data["days"] for s in day["stops"]]
    ranks = [order.index(p) for p in provinces]
    assert ranks == sorted(ranks)
    assert data["days"][-1]["lodging"]["slug"] == "ha-noi"
