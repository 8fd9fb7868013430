"""A place page gives the 2025 address and keeps the pre-2025 one as "formerly …"."""

from flask.testing import FlaskClient


def test_the_page_shows_the_2025_commune_and_the_former_address(client: FlaskClient) -> None:
    html = client.get("/en/places/den-cao-lo-vuong").get_data(as_text=True)
    assert "Xã Cao Đức, Bắc Ninh" in html
    assert "formerly làng Đại Trung, xã Cao Đức, Gia Bình (cũ)" in html
    assert "thanhtra.com.vn" not in html.split("formerly", 1)[1].split("</dd>", 1)[0]
    vi = client.get("/places/den-cao-lo-vuong").get_data(as_text=True)
    assert "trước năm 2025: làng Đại Trung" in vi


def test_the_api_gives_the_2025_commune_and_its_source(client: FlaskClient) -> None:
    body = client.get("/api/v1/places/den-cao-lo-vuong").get_json()
    assert body["commune_2025"].startswith(("Xã ", "Phường "))
    assert "convert_address" in body["sources"]["commune_2025"]
    assert body["precision"] == "commune" and body["website"] == ""
