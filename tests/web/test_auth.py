"""Logging in: hashing, throttling, sessions, logout everywhere, redirects, cookies, CSRF."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.conftest import _make_app
from tests.web.conftest import PASSWORD, row_counts
from tourroute.extensions import db
from tourroute.models import AuditLog, LoginAttempt, User
from tourroute.services import throttle


def log_in(client: FlaskClient, email: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/login", data={"email": email, "password": password, **extra})


def test_login_lands_on_the_dashboard_and_logout_ends_the_session(
    client: FlaskClient, people: dict[str, int]
) -> None:
    response = log_in(client, "Curator@Example.org ", PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/curate/"
    assert client.get("/curate/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/curate/").status_code == 302


def test_wrong_password_is_refused_in_the_users_language(
    client: FlaskClient, people: dict[str, int]
) -> None:
    vi = log_in(client, "curator@example.org", "wrong password!")
    en = client.post(
        "/en/login", data={"email": "curator@example.org", "password": "wrong password!"}
    )
    assert vi.status_code == en.status_code == 401
    assert "Sai địa chỉ e-mail hoặc mật khẩu" in vi.text
    assert "Wrong e-mail address or password" in en.text
    assert 'value="curator@example.org"' in en.text, "the e-mail address is kept"


def test_passwords_are_stored_as_scrypt_hashes(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["create-user", "new@example.org", "--role", "curator", "--province", "phu-tho"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new@example.org"))
        assert user.password_hash.startswith("scrypt:")
        assert "a long enough password" not in user.password_hash
        assert user.province_code == "phu-tho"
    client = app.test_client()
    assert log_in(client, "new@example.org", "a long enough password").status_code == 302


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["x@example.org", "--role", "curator"], "a long enough password\n", "province"),
        (["x@example.org", "--role", "admin"], "short\n", "12 characters"),
        (["not-an-email", "--role", "admin"], "a long enough password\n", "e-mail"),
        (
            ["x@example.org", "--role", "agency", "--province", "phu-tho"],
            "long password!!\n",
            "Only curators",
        ),
    ],
)
def test_create_user_refuses_bad_input(
    app: Flask,
    runner,
    args: list[str],
    stdin: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    result = runner.invoke(args=["create-user", *args], input=stdin)
    assert result.exit_code == 1 and message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_login_is_throttled_per_account_and_address(
    app: Flask, client: FlaskClient, people: dict[str, int]
) -> None:
    for _ in range(throttle.MAX_FAILURES):
        assert log_in(client, "curator@example.org", "wrong password!").status_code == 401
    blocked = log_in(client, "curator@example.org", PASSWORD)
    assert blocked.status_code == 429 and "15 phút" in blocked.text
    # Another worker (a fresh app on the same database) sees the same count: it is not in memory.
    other_app = _make_app(app.config["SQLALCHEMY_DATABASE_URI"])
    assert log_in(other_app.test_client(), "curator@example.org", PASSWORD).status_code == 429
    with other_app.app_context():
        db.engine.dispose()
    # Other accounts, and the same account from another address, are not blocked.
    assert log_in(client, "curator2@example.org", PASSWORD).status_code == 302
    elsewhere = app.test_client().post(
        "/login",
        data={"email": "curator@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert elsewhere.status_code == 302
    with app.app_context():
        assert all("curator" not in key for key in db.session.scalars(select(LoginAttempt.key))), (
            "keys are hashes, not addresses or e-mails"
        )


def test_changing_the_password_logs_out_every_other_session(
    app: Flask, people: dict[str, int]
) -> None:
    phone, laptop = app.test_client(), app.test_client()
    assert log_in(phone, "curator@example.org", PASSWORD).status_code == 302
    assert log_in(laptop, "curator@example.org", PASSWORD).status_code == 302
    changed = laptop.post(
        "/account/password", data={"current": PASSWORD, "new": "an entirely new secret"}
    )
    assert changed.status_code == 302
    assert laptop.get("/curate/").status_code == 200, "the session that changed it continues"
    assert phone.get("/curate/").status_code == 302, "every other session has ended"
    assert log_in(phone, "curator@example.org", "an entirely new secret").status_code == 302


def test_a_wrong_current_password_changes_nothing(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    before = row_counts(app)
    response = client.post(
        "/en/account/password", data={"current": "not it at all", "new": "an entirely new one"}
    )
    assert response.status_code == 400 and "The current password is wrong." in response.text
    assert row_counts(app) == before


def test_deactivated_user_is_logged_out(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    assert client.get("/curate/").status_code == 200
    admin = app.test_client()
    from tests.web.conftest import sign_in

    sign_in(app, admin, people["admin"])
    response = admin.post(
        f"/admin/users/{people['curator']}", data={"role": "curator", "province": "bac-ninh"}
    )
    assert response.status_code == 302
    assert client.get("/curate/").status_code == 302
    with app.app_context():
        entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "user.update"))
        assert entry.detail["after"]["active"] is False
    assert "user.update" in admin.get("/admin/audit").text


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "/curate/\r\nSet-Cookie: x=y",
    ],
)
def test_next_never_leaves_the_site(
    client: FlaskClient, people: dict[str, int], target: str
) -> None:
    response = log_in(client, "curator@example.org", PASSWORD, next=target)
    assert response.status_code == 302 and response.headers["Location"] == "/curate/"


def test_next_keeps_an_own_path_with_its_language(
    client: FlaskClient, people: dict[str, int]
) -> None:
    bounce = client.get("/en/curate/import")
    assert bounce.status_code == 302
    login_page = bounce.headers["Location"]
    assert login_page.startswith("/en/login?next=")
    response = log_in(client, "curator@example.org", PASSWORD, next="/en/curate/import")
    assert response.headers["Location"] == "/en/curate/import"


def test_production_session_cookie_is_host_prefixed_secure_httponly_samesite(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOURROUTE_ENV", "production")
    monkeypatch.setenv("TOURROUTE_SECRET_KEY", "x" * 40)
    app = _make_app(database_url, SECRET_KEY="y" * 40)
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-tourroute"
    with app.test_request_context("/", base_url="https://tourroute.example"):
        from flask import session

        session["probe"] = 1
        response = app.response_class("ok")
        app.session_interface.save_session(app, session, response)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-tourroute=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Domain=" not in cookie


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    for path in ("/", "/login", "/places/none-such", "/static/css/site.css"):
        response = client.get(path)
        response.close()
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_signed_in_pages_are_not_cached(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    assert client.get("/curate/").headers["Cache-Control"] == "no-store"


def test_oversized_request_is_a_translated_413(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    login_as("curator")
    before = row_counts(app)
    response = client.post(
        "/en/curate/import",
        data={"file": (__import__("io").BytesIO(b"x" * 4096), "big.csv")},
    )
    assert response.status_code == 413 and "Upload too large" in response.text
    assert row_counts(app) == before


class TestWithCsrf:
    """The suite switches CSRF off for convenience; here it is on, as in production."""

    @pytest.fixture
    def csrf_app(self, app: Flask) -> Flask:
        app.config["WTF_CSRF_ENABLED"] = True
        return app

    @pytest.mark.parametrize(
        "path",
        [
            "/login",
            "/logout",
            "/curate/places/new",
            "/curate/import",
            "/admin/users",
            "/account/password",
        ],
    )
    def test_post_without_token_is_refused(
        self, csrf_app: Flask, people: dict[str, int], path: str
    ) -> None:
        from tests.web.conftest import sign_in

        client = csrf_app.test_client()
        sign_in(csrf_app, client, people["admin"])
        before = row_counts(csrf_app)
        response = client.post(path, data={"email": "a@b.org", "slug": "x", "province": "bac-ninh"})
        assert response.status_code == 400
        assert "mã bảo mật" in response.text
        assert row_counts(csrf_app) == before

    def test_post_with_the_pages_token_is_accepted(
        self, csrf_app: Flask, people: dict[str, int]
    ) -> None:
        import re

        client = csrf_app.test_client()
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = client.post(
            "/login",
            data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302


REDIS_URL = __import__("os").environ.get("TOURROUTE_TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="TOURROUTE_TEST_REDIS_URL not set")
def test_throttle_counts_in_redis_when_configured(app: Flask, people: dict[str, int]) -> None:
    import uuid

    from tourroute import redis_store

    app.config["REDIS_URL"] = REDIS_URL
    redis_store.init_app(app)  # the one client is made when the app is; make it now
    address = f"10.{uuid.uuid4().int % 250}.0.1"  # a fresh key: the Redis may be shared
    client = app.test_client()
    for _ in range(throttle.MAX_FAILURES):
        response = client.post(
            "/login",
            data={"email": "agency@example.org", "password": "nope nope nope"},
            environ_base={"REMOTE_ADDR": address},
        )
        assert response.status_code == 401
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0
        key = throttle.attempt_key("agency@example.org", address)
        assert throttle.is_locked(key)
        throttle.clear(key)
        assert not throttle.is_locked(key)
