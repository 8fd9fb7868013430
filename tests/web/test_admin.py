"""Administration pages: creating users, changing roles, the audit log."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import row_counts
from tourroute.extensions import db
from tourroute.models import AuditLog, User


def test_admin_creates_a_curator_and_the_audit_log_shows_it(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("admin")
    response = client.post(
        "/admin/users",
        data={
            "email": "Moi@Example.org",
            "role": "curator",
            "province": "thai-nguyen",
            "password": "a long enough password",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "moi@example.org"))
        assert user.role_name == "curator" and user.province_code == "thai-nguyen"
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "user.create"))
        assert entry.target_id == str(user.id)
    audit = client.get("/en/admin/audit").text
    assert "user.create" in audit and "moi@example.org" in audit


def test_bad_new_user_is_refused_next_to_the_field(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("admin")
    before = row_counts(app)
    response = client.post(
        "/admin/users",
        data={"email": "x@example.org", "role": "curator", "password": "a long enough password"},
    )
    assert response.status_code == 400
    assert 'id="err-province">Biên tập viên cần có tỉnh mình phụ trách.' in response.text
    assert 'value="x@example.org"' in response.text
    assert row_counts(app) == before


def test_admin_cannot_remove_their_own_admin_access(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("admin")
    response = client.post(f"/en/admin/users/{people['admin']}", data={"role": "agency"})
    assert response.status_code == 400 and "cannot remove your own" in response.text
    with app.app_context():
        assert db.session.get(User, people["admin"]).role_name == "admin"
