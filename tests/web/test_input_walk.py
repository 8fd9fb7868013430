"""Every route of the URL map, walked with hostile input: no answer may be a server error.

GET routes get hostile query values (unicode digits, NUL, huge and negative numbers, repeated
keys, 10,000-character strings, a word repeated 500 times) and odd path segments (40-digit ids,
ids past 2^31-1, NUL); every other method gets a form with a missing CSRF token, wrong types,
``Infinity``, NUL, JSON nested 100,000 deep and an oversize body. Run on each database backend,
anonymous and as each role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.agency.conftest import make_package  # noqa: F401  # a fixture
from tourroute.core.policy import ROLES

#: Query parameter names some route reads.
PARAMS = (
    "page",
    "per_page",
    "kind",
    "province",
    "theme",
    "q",
    "near",
    "within_minutes",
    "year",
    "from",
    "to",
    "format",
    "limit",
    "boundaries",
    "next",
    "status",
)
#: Form and JSON field names some route reads.
FIELDS = (
    "email",
    "password",
    "new_password",
    "agency_name",
    "title",
    "adults",
    "children",
    "notes",
    "lang",
    "days",
    "day-1",
    "start_date",
    "theme",
    "start",
    "end",
    "pace",
    "day_start",
    "include",
    "exclude",
    "festivals",
    "accent_hex",
    "contact",
    "currency",
    "vnd_per_unit",
    "margin_pct",
    "guide_per_day",
    "token_name",
    "action",
    "slug",
    "day",
    "decision",
    "version",
    "comment",
    "role",
    "province_code",
    "name_vi",
    "lat",
    "lon",
    "itinerary_id",
    "trip",
)
HOSTILE_VALUES = ("²", "٣", "\x00", "9" * 40, "-1", "Infinity", "x" * 10_000, "chùa " * 500)
HOSTILE_SEGMENTS = ("1" * 40, str(2**31), "%00")
#: Each case gives every name a different hostile value, so a few cases cover every value.
CASES = 3
DEEP_JSON = "[" * 100_000 + "]" * 100_000
_VARIABLE = re.compile(r"<(?:(\w+):)?(\w+)>")
ANYONE = (None, *ROLES)


def _fill(rule: str, value: str) -> str:
    return _VARIABLE.sub(value, rule)


def _rotated(names: tuple[str, ...], case: int) -> dict[str, str]:
    return {n: HOSTILE_VALUES[(case + i) % len(HOSTILE_VALUES)] for i, n in enumerate(names)}


def _query_cases() -> Iterator[dict[str, list[str]]]:
    for case in range(CASES):
        yield {name: [value] for name, value in _rotated(PARAMS, case).items()}
    yield {name: ["1", "²", "tea"] for name in PARAMS}  # repeated keys


def _rules(app: Flask) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule.startswith("/assets/"):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule))
    return found


def _walk(client: FlaskClient, app: Flask, plausible: dict[str, str]) -> list[str]:
    """Every hostile request; the ones that got a 5xx, described."""
    failures: list[str] = []

    def send(method: str, path: str, **kwargs: object) -> None:
        response = client.open(path, method=method, **kwargs)  # type: ignore[arg-type]
        response.close()  # a file answer (the service worker, a photo) holds its file open
        if response.status_code >= 500:
            failures.append(f"{method} {path[:80]} {sorted(kwargs)[:3]} -> {response.status_code}")

    for method, rule in _rules(app):
        segments = [*HOSTILE_SEGMENTS] if _VARIABLE.search(rule) else []
        for segment in segments:
            send(method, _fill(rule, segment))
        path = _VARIABLE.sub(lambda m: plausible.get(m.group(2), "1"), rule)
        if method == "GET":
            if "/export/" in rule:
                continue  # rendering files is slow and takes no query parameters
            for case in _query_cases():
                send("GET", path, query_string=case)
            continue
        for case in range(CASES):
            send(method, path, data=_rotated(FIELDS, case))
        send(method, path, json={name: float("inf") for name in FIELDS})
        send(method, path, json={"trip": {"days": "x" * 10_000}, "days": [[None]]})
        send(method, path, data='{"days": Infinity}', content_type="application/json")
        send(method, path, data=DEEP_JSON, content_type="application/json")
        send(method, path, data="x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
        app.config["WTF_CSRF_ENABLED"] = True  # a form without its token
        send(method, path, data={"email": "a@b.c"})
        app.config["WTF_CSRF_ENABLED"] = False
    return failures


@pytest.mark.parametrize("role", ANYONE)
def test_no_route_answers_a_server_error_to_hostile_input(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    saved_trip: str,
    make_package: Callable[..., int],  # noqa: F811  # the fixture imported above
    role: str | None,
) -> None:
    package_id = make_package()
    if role is not None:
        login_as(role)
    plausible = {
        "slug": "den-hung",
        "trip_id": saved_trip,
        "itinerary_id": saved_trip,
        "package_id": str(package_id),
        "fmt": "csv",
        "folder": "leaflet",
        "filename": "leaflet.js",
    }
    assert _walk(client, app, plausible) == []
