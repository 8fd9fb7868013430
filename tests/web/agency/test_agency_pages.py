"""Agency pages: saving, editing, sharing and exporting packages, each agency on its own."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from tests.web.conftest import row_counts
from tourroute.core.domain import hhmm
from tourroute.core.planner.trip_rules import drive_min
from tourroute.core.planner.validate import validate_itinerary
from tourroute.extensions import db
from tourroute.models import AgencyProfile, Package
from tourroute.services import packages
from tourroute.services.travel import travel_matrix

XSS = '<script>alert("x")</script>'


def _stops(app: Flask, package_id: int) -> list[list[str]]:
    with app.app_context():
        it = packages.itinerary_of(db.session.get(Package, package_id))
        return [[s.place.slug for s in d.stops] for d in it.days]


def test_save_a_trip_as_a_package(
    client: FlaskClient, login_as: Callable[[str], None], saved_trip: str, app: Flask
) -> None:
    login_as("agency")
    response = client.post(f"/en/agency/packages/from-trip/{saved_trip}")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "Hùng Kings&#39; Temple Historic Site" in page.text
    assert "Total for the group" in page.text
    assert client.get("/en/agency/").text.count("/agency/packages/") == 1
    assert client.post("/agency/packages/from-trip/no-such-trip").status_code == 404


def test_another_agency_can_neither_read_edit_nor_export(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package("agency", title="Private tour")
    login_as("agency2")
    before = row_counts(app)
    base = f"/agency/packages/{package_id}"
    assert client.get(base).status_code == 403
    assert client.get(f"{base}/export/pdf").status_code == 403
    assert client.get(f"{base}/export/json").status_code == 403
    for action, data in (
        ("", {"title": "Stolen", "adults": "1", "children": "0", "lang": "vi"}),
        ("/stops", {"days": "1", "day-1": "den-hung"}),
        ("/clone", {}),
        ("/archive", {}),
        ("/share", {}),
    ):
        assert client.post(base + action, data=data).status_code == 403, action
    assert row_counts(app) == before
    assert "Private tour" not in client.get("/agency/").text
    with app.app_context():
        package = db.session.get(Package, package_id)
        assert package.title == "Private tour" and package.share_token is None


def test_edit_recomputes_and_validates_the_times(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package()
    login_as("agency")
    response = client.post(
        f"/agency/packages/{package_id}/stops",
        data={"days": "2", "day-1": "bao-tang-hung-vuong\nden-hung", "day-2": "xoan-an-thai"},
    )
    assert response.status_code == 302
    assert _stops(app, package_id) == [["bao-tang-hung-vuong", "den-hung"], ["xoan-an-thai"]]
    with app.app_context():
        it = packages.itinerary_of(db.session.get(Package, package_id))
        travel = travel_matrix()
        assert validate_itinerary(it, travel=travel) == []
        first = it.days[0].stops[0]
        assert first.arrive_min == 8 * 60 + drive_min(travel, "ha-noi", "bao-tang-hung-vuong")
        assert it.days[1].origin == it.days[0].lodging
    page = client.get(f"/agency/packages/{package_id}").text
    assert hhmm(first.arrive_min) in page


def test_an_infeasible_edit_is_refused_and_nothing_is_written(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package()
    login_as("agency")
    before = row_counts(app)
    far = "den-hung\nden-mau-au-co\nchua-but-thap\nho-nui-coc"
    response = client.post(
        f"/en/agency/packages/{package_id}/stops", data={"days": "1", "day-1": far}
    )
    assert response.status_code == 422
    top = response.text.split('id="refused"')[1].split("</div>")[0]
    assert "Day 1:" in top and "over 300" in top  # the driving limit, named, with its day
    assert _stops(app, package_id) == [["den-hung"]]
    assert row_counts(app) == before
    unknown = client.post(
        f"/en/agency/packages/{package_id}/stops", data={"days": "1", "day-1": "nowhere"}
    )
    assert unknown.status_code == 400 and "“nowhere”" in unknown.text


def test_share_link_is_read_only_and_revocable(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package(title="Shared tour")
    login_as("agency")
    client.post(f"/agency/packages/{package_id}/share")
    with app.app_context():
        token = db.session.get(Package, package_id).share_token
    assert token and len(token) >= 40
    visitor = app.test_client()
    page = visitor.get(f"/en/p/{token}")
    assert page.status_code == 200 and "Shared tour" in page.text
    # The one form is the client's acceptance; nothing links to the agency's own pages.
    assert re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', page.text) == [
        f"/en/p/{token}/accept"
    ]
    assert "/agency/packages" not in page.text
    assert visitor.post(f"/p/{token}").status_code == 405
    assert visitor.get(f"/p/{token[:-1]}").status_code == 404
    client.post(f"/agency/packages/{package_id}/unshare")
    assert visitor.get(f"/p/{token}").status_code == 404


def test_clone_and_archive(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package(title="Original")
    login_as("agency")
    copy_url = client.post(f"/agency/packages/{package_id}/clone").headers["Location"]
    copy_id = int(re.findall(r"\d+", copy_url)[-1])
    assert copy_id != package_id and _stops(app, copy_id) == _stops(app, package_id)
    client.post(f"/agency/packages/{package_id}/share")
    assert client.post(f"/agency/packages/{package_id}/archive").status_code == 302
    assert client.get(f"/agency/packages/{package_id}").status_code == 404
    with app.app_context():
        archived = db.session.get(Package, package_id)
        assert archived.archived and archived.share_token is None
    assert "Original (2)" in client.get("/agency/").text


def test_details_errors_are_shown_next_to_the_field_with_input_kept(
    client: FlaskClient, login_as: Callable[[str], None], make_package: Callable[..., int]
) -> None:
    package_id = make_package()
    login_as("agency")
    response = client.post(
        f"/en/agency/packages/{package_id}",
        data={"title": "Kept title", "adults": "0", "children": "0", "notes": "", "lang": "vi"},
    )
    assert response.status_code == 400
    assert 'id="err-adults">A group needs at least one person.' in response.text
    assert 'value="Kept title"' in response.text


def test_hostile_text_is_escaped_on_every_page(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
) -> None:
    package_id = make_package(title=XSS, notes=XSS)
    login_as("agency")
    client.post(
        "/agency/settings/branding",
        data={"agency_name": XSS, "contact": XSS, "accent_hex": "#123456"},
    )
    client.post(f"/agency/packages/{package_id}/share")
    with app.app_context():
        token = db.session.get(Package, package_id).share_token
    pages = [
        client.get("/agency/").text,
        client.get(f"/agency/packages/{package_id}").text,
        client.get("/agency/settings").text,
        app.test_client().get(f"/p/{token}").text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(" in page


def test_logo_upload_refuses_a_non_image_and_reencodes_an_image(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None], people: dict[str, int]
) -> None:
    login_as("agency")
    fields = {"agency_name": "Lữ hành Đất Tổ", "contact": "", "accent_hex": "#1f6f5c"}
    fake = (io.BytesIO(b"<svg onload=alert(1)>"), "logo.png")
    response = client.post(
        "/en/agency/settings/branding", data={**fields, "logo": fake}, buffered=True
    )
    assert response.status_code == 400
    assert 'id="err-logo">The logo must be a PNG, JPEG, WebP or GIF image.' in response.text
    assert 'value="Lữ hành Đất Tổ"' in response.text
    with app.app_context():
        profile = db.session.get(AgencyProfile, people["agency"])
        assert profile is None or (profile.logo_png is None and profile.agency_name == "")
    upload = io.BytesIO()
    Image.new("RGB", (1200, 300), (200, 30, 30)).save(upload, format="JPEG")
    upload.seek(0)
    response = client.post(
        "/agency/settings/branding", data={**fields, "logo": (upload, "logo.jpg")}, buffered=True
    )
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.get(AgencyProfile, people["agency"]).logo_png
    image = Image.open(io.BytesIO(stored))
    assert image.format == "PNG" and max(image.size) == 600


def test_signup_waits_for_an_admins_approval(
    app: Flask, client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    from tourroute.models import User
    from tourroute.services import accounts

    data = {
        "agency_name": "Trà Xanh Travel",
        "phone": "0208 3855 123",
        "licence_number": "01-123/2024/CDLQGVN-GP LHQT",
        "email": "new@agency.example",
        "password": "a long enough password",
    }
    response = client.post("/en/agency/signup", data=data)
    assert response.status_code == 201 and "waiting for an administrator" in response.text
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "new@agency.example"))
        assert user.role_name == "agency" and not user.active
        profile = db.session.get(AgencyProfile, user.id)
        assert (profile.agency_name, profile.phone) == ("Trà Xanh Travel", "0208 3855 123")
        assert profile.licence_number == data["licence_number"]
        with pytest.raises(accounts.AccountInactive) as pending:
            accounts.authenticate(data["email"], data["password"], address="t")
        assert pending.value.pending
        user_id = user.id
    bad = client.post("/en/agency/signup", data={**data, "email": "x@y.org", "agency_name": ""})
    assert bad.status_code == 400 and 'id="err-agency_name"' in bad.text
    login_as("admin")
    listed = client.get("/en/admin/agencies").text
    assert "Trà Xanh Travel" in listed and "0208 3855 123" in listed
    assert data["licence_number"] in listed
    assert client.post(f"/admin/agencies/{user_id}/approve").status_code == 302
    with app.app_context():
        assert db.session.get(User, user_id).active
        assert accounts.authenticate(data["email"], data["password"], address="t") is not None


def test_every_agency_form_needs_its_csrf_token(
    app: Flask,
    client: FlaskClient,
    login_as: Callable[[str], None],
    make_package: Callable[..., int],
    make_token: Callable[[str], str],
    saved_trip: str,
) -> None:
    package_id = make_package()
    signup_page = client.get("/agency/signup").text
    login_as("agency")
    client.post(f"/agency/packages/{package_id}/share")
    pages = [signup_page] + [
        client.get(url).text
        for url in ("/agency/", f"/agency/packages/{package_id}", "/agency/settings")
    ]
    for page in pages:
        post_forms = len(re.findall(r'<form[^>]*method="post"', page, flags=re.IGNORECASE))
        assert post_forms > 0
        assert post_forms == page.count('name="csrf_token"')
    app.config["WTF_CSRF_ENABLED"] = True
    before = row_counts(app)
    base = f"/agency/packages/{package_id}"
    for url in (
        f"/agency/packages/from-trip/{saved_trip}",
        base,
        f"{base}/stops",
        f"{base}/clone",
        f"{base}/archive",
        f"{base}/unshare",
        "/agency/settings/branding",
        "/agency/settings/rates",
        "/agency/settings/tokens",
    ):
        assert client.post(url, data={"title": "x", "token_name": "x"}).status_code == 400, url
    assert row_counts(app) == before
    # The bearer-token API carries no cookie identity, so it needs no CSRF token.
    token = make_token("agency")
    cloned = app.test_client().post(
        f"/api/v1/agency/packages/{package_id}/clone", headers={"Authorization": f"Bearer {token}"}
    )
    assert cloned.status_code == 201
