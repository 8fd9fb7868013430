"""``/curate/data``: a curator's own province's work queue; an admin sees every province."""

from collections.abc import Callable

from flask.testing import FlaskClient


def test_a_curator_sees_their_province_and_its_missing_facts(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("curator")
    page = client.get("/en/curate/data")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Catalogue completeness" in html and "bac-ninh" in html
    assert "phu-tho" not in html
    assert "/curate/places/nha-hat-dan-ca-quan-ho-bac-ninh/edit" in html  # hours unknown


def test_an_admin_sees_every_province_in_vietnamese(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    login_as("admin")
    html = client.get("/curate/data").get_data(as_text=True)
    assert "Độ đầy đủ của danh mục" in html
    assert all(code in html for code in ("phu-tho", "thai-nguyen", "bac-ninh"))


def test_visitors_and_agencies_are_refused(
    client: FlaskClient, login_as: Callable[[str], None]
) -> None:
    assert client.get("/curate/data").status_code in (302, 401, 403)
    login_as("agency")
    assert client.get("/curate/data").status_code == 403
