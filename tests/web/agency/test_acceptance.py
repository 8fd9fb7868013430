"""Proposal and acceptance: the share link shows prices only and lets the client accept it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import row_counts
from tourroute.extensions import db
from tourroute.models import Package


def _share(app: Flask, client: FlaskClient, package_id: int) -> str:
    client.post(f"/agency/packages/{package_id}/share")
    with app.app_context():
        token = db.session.get(Package, package_id).share_token
    assert token
    return token


def _status_cell(page: str) -> str:
    cell = re.search(r'<td class="status status-(\w+)">', page)
    assert cell is not None
    return cell.group(1)


def test_the_client_sees_prices_per_person_and_group_but_no_cost_build_up(
    app: Flask,
    client: FlaskClient,
    own_package: int,
) -> None:
    package_id = own_package
    client.post("/agency/settings/rates", data={"margin_pct": "15"})
    token = _share(app, client, package_id)
    internal = client.get(f"/en/agency/packages/{package_id}").text
    assert "Margin (15%)" in internal  # the agency still sees its build-up
    page = app.test_client().get(f"/en/p/{token}").text
    for word in ("Margin", "Transport", "Rooms", "Guide", "Entrance tickets", "15%"):
        assert word not in page, word
    assert "Per person" in page and "For the group" in page
    vi = app.test_client().get(f"/p/{token}").text
    assert "Cho cả đoàn" in vi and "Phí dịch vụ" not in vi


def test_draft_sent_accepted(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package(title="Đất Tổ cho đoàn Hà Nội")
    login_as("agency")
    assert _status_cell(client.get("/en/agency/").text) == "draft"
    token = _share(app, client, package_id)
    assert _status_cell(client.get("/en/agency/").text) == "sent"
    visitor = app.test_client()
    form = {"name": "Nguyễn Thị Lan", "date": "2026-03-02", "note": "Cần xe 16 chỗ"}
    response = visitor.post(f"/p/{token}/accept", data=form)
    assert response.status_code == 302
    page = visitor.get(response.headers["Location"]).text
    assert "công ty lữ hành đã nhận được" in page and "Nguyễn Thị Lan" in page
    assert f"/p/{token}/accept" not in page  # accepted: the form is gone
    dashboard = client.get("/en/agency/").text
    assert _status_cell(dashboard) == "accepted"
    assert "Nguyễn Thị Lan, 2026-03-02" in dashboard
    assert "Cần xe 16 chỗ" in client.get(f"/agency/packages/{package_id}").text
    with app.app_context():
        package = db.session.get(Package, package_id)
        assert package.status == "accepted" and package.accepted_at is not None


@pytest.mark.parametrize(
    ("prefix", "form", "field", "message"),
    [
        ("/en", {"name": " ", "date": "2026-03-02"}, "name", "Enter your name"),
        ("", {"name": " ", "date": "2026-03-02"}, "name", "Nhập họ tên của bạn"),
        ("/en", {"name": "Lan", "date": "02/03/2026"}, "date", "Enter the date as YYYY-MM-DD."),
        ("", {"name": "Lan", "date": ""}, "date", "Nhập ngày theo dạng YYYY-MM-DD."),
        ("/en", {"name": "Lan", "date": "2026-03-02", "note": "x" * 5001}, "note", "at most 5000"),
    ],
)
def test_acceptance_errors_name_the_field_and_change_nothing(
    app: Flask,
    client: FlaskClient,
    own_package: int,
    prefix: str,
    form: dict[str, str],
    field: str,
    message: str,
) -> None:
    package_id = own_package
    token = _share(app, client, package_id)
    before = row_counts(app)
    response = app.test_client().post(f"{prefix}/p/{token}/accept", data=form)
    assert response.status_code == 400
    assert f'id="err-{field}">' in response.text and message in response.text
    assert f'value="{form["name"]}"' in response.text  # the input is kept
    assert row_counts(app) == before
    with app.app_context():
        assert db.session.get(Package, package_id).status == "sent"


def test_acceptance_needs_the_csrf_token_and_a_live_link(
    app: Flask,
    client: FlaskClient,
    own_package: int,
) -> None:
    package_id = own_package
    token = _share(app, client, package_id)
    form = {"name": "Lan", "date": "2026-03-02"}
    app.config["WTF_CSRF_ENABLED"] = True
    assert app.test_client().post(f"/p/{token}/accept", data=form).status_code == 400
    app.config["WTF_CSRF_ENABLED"] = False
    client.post(f"/agency/packages/{package_id}/unshare")
    assert app.test_client().post(f"/p/{token}/accept", data=form).status_code == 404
    with app.app_context():
        assert db.session.get(Package, package_id).status == "draft"
