"""Agency accounts: sign-up, waiting for approval, the admin's decision, one-time reset links,
and the settings page's numbers and names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, row_counts
from tourroute.extensions import db
from tourroute.models import PasswordReset, User

SIGNUP = {
    "agency_name": "Lữ hành Chè Xanh",
    "phone": "0208 3855 123",
    "licence_number": "19-045/2023/TCDL-GP LHQT",
    "email": "chexanh@agency.example",
    "password": "a long enough password",
}


def _sign_up(client: FlaskClient) -> None:
    assert client.post("/agency/signup", data=SIGNUP).status_code == 201


def _user_id(app: Flask, email: str) -> int | None:
    with app.app_context():
        return db.session.scalar(db.select(User.id).where(User.email == email))


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("/en", "awaiting an administrator's approval"), ("", "đang chờ quản trị viên duyệt")],
)
def test_a_pending_account_is_told_to_wait_not_that_its_password_is_wrong(
    app: Flask, client: FlaskClient, prefix: str, message: str
) -> None:
    _sign_up(client)
    login = {"email": SIGNUP["email"], "password": SIGNUP["password"]}
    response = client.post(f"{prefix}/login", data=login)
    assert response.status_code == 403 and message in response.text.replace("&#39;", "'")
    wrong = client.post(f"{prefix}/login", data={**login, "password": "not the password!"})
    assert wrong.status_code == 401 and message not in wrong.text.replace("&#39;", "'")


@pytest.mark.parametrize(
    ("prefix", "field", "value", "message"),
    [
        ("/en", "phone", "12", "Enter a phone number of at least 8 digits"),
        ("", "phone", "abc", "Nhập số điện thoại có ít nhất 8 chữ số"),
        ("/en", "licence_number", " ", "Enter the travel licence number"),
        ("", "licence_number", "", "Nhập số giấy phép lữ hành"),
    ],
)
def test_sign_up_errors_name_their_field_in_both_languages(
    app: Flask, client: FlaskClient, prefix: str, field: str, value: str, message: str
) -> None:
    before = row_counts(app)
    response = client.post(f"{prefix}/agency/signup", data={**SIGNUP, field: value})
    assert response.status_code == 400
    assert f'id="err-{field}">{message}' in response.text
    assert f'value="{SIGNUP["agency_name"]}"' in response.text
    assert row_counts(app) == before


@pytest.mark.parametrize(
    ("role", "landing"),
    [("admin", "/admin/users"), ("agency", "/agency/"), ("curator", "/curate/")],
)
def test_each_role_lands_on_its_own_work(
    client: FlaskClient, people: dict[str, int], role: str, landing: str
) -> None:
    response = client.post("/login", data={"email": f"{role}@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == landing


def test_the_admin_approves_after_confirming(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    _sign_up(client)
    user_id = _user_id(app, SIGNUP["email"])
    login_as("admin")
    assert "Agencies waiting for approval: 1" in client.get("/en/admin/users").text
    confirm = client.get(f"/en/admin/agencies/{user_id}/approve").text
    for value in (SIGNUP["agency_name"], SIGNUP["phone"], SIGNUP["licence_number"]):
        assert value in confirm
    assert "Yes, approve" in confirm
    with app.app_context():
        assert not db.session.get(User, user_id).active  # asking to confirm changed nothing
    done = client.post(f"/en/admin/agencies/{user_id}/approve")
    assert done.headers["Location"] == "/en/admin/agencies"
    after = client.get(done.headers["Location"]).text
    assert f"{SIGNUP['agency_name']} is approved and can log in now." in after
    assert "No agency is waiting for approval." in after
    assert client.get(f"/admin/agencies/{user_id}/approve").status_code == 404  # not pending
    with app.app_context():
        assert db.session.get(User, user_id).active


def test_the_admin_refuses_a_sign_up(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    _sign_up(client)
    user_id = _user_id(app, SIGNUP["email"])
    login_as("admin")
    assert "Yes, refuse" in client.get(f"/en/admin/agencies/{user_id}/refuse").text
    done = client.post(f"/admin/agencies/{user_id}/refuse")
    assert "đã bị từ chối và xoá" in client.get(done.headers["Location"]).text
    assert _user_id(app, SIGNUP["email"]) is None
    assert client.get(f"/admin/agencies/{user_id}/maybe").status_code == 404


def _reset_link(client: FlaskClient, user_id: int) -> str:
    page = client.post(f"/en/admin/users/{user_id}/reset-link").text
    found = re.search(r"<code>http://[^/]+(?:/en)?(/account/reset/[^<]+)</code>", page)
    assert found is not None and "shown only once" in page
    return found.group(1)


def test_a_reset_link_works_once(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    people: dict[str, int],
) -> None:
    login_as("admin")
    link = _reset_link(client, people["agency"])
    visitor = app.test_client()
    assert 'name="new"' in visitor.get(link).text
    short = visitor.post(f"/en{link}", data={"new": "short"})
    assert short.status_code == 400 and 'id="err-new">The password needs at least 12' in short.text
    short_vi = visitor.post(link, data={"new": "short"})
    assert short_vi.status_code == 400 and 'id="err-new">' in short_vi.text
    done = visitor.post(link, data={"new": "a brand new password"})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    login = {"email": "agency@example.org", "password": "a brand new password"}
    assert visitor.post("/login", data=login).status_code == 302
    assert visitor.get(link).status_code == 404  # used up
    assert visitor.post(link, data={"new": "yet another password"}).status_code == 404


def test_a_reset_link_expires(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    people: dict[str, int],
) -> None:
    login_as("admin")
    link = _reset_link(client, people["agency"])
    with app.app_context():
        reset = db.session.scalar(db.select(PasswordReset))
        assert reset is not None and len(reset.token_sha256) == 64
        assert reset.token_sha256 not in link  # only the digest is stored
        reset.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        db.session.commit()
    page = app.test_client().get(f"/en{link}")
    assert page.status_code == 404 and "has expired or has been used" in page.text


def test_settings_show_plain_numbers_province_names_and_a_confirmation(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("agency")
    assert (
        client.post("/en/agency/settings/rates", data={"vehicle_per_day_45": "2500000"}).status_code
        == 302
    )
    page = client.get("/en/agency/settings").text
    assert "The rates were saved." in page
    assert 'value="2500000"' in page and "e+0" not in page
    room_labels = re.findall(r'<label for="f-room_per_night_[^"]+">([^<]+)</label>', page)
    assert "Phú Thọ Province" in room_labels and "Bắc Ninh Province" in room_labels
    assert not any("-" in label for label in room_labels)
    branded = client.post(
        "/agency/settings/branding", data={"agency_name": "A", "accent_hex": "#123456"}
    )
    assert "Đã lưu thương hiệu." in client.get(branded.headers["Location"]).text
