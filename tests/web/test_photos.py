"""Place photos: uploaded by the province's curators with credit and licence, stored
re-encoded without metadata, shown with their credit on the page and in the PDF hook."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
from flask import Flask
from flask.testing import FlaskClient
from fpdf import FPDF
from PIL import Image
from sqlalchemy import select

from tests.web.conftest import place_in, row_counts
from tourroute.core.export.pdf import _FONT_DIR, FONT
from tourroute.core.export.pdf_photos import add_photo_section
from tourroute.extensions import db
from tourroute.models import PlacePhoto
from tourroute.services import catalogue, photos

HOSTILE = '<script>alert("x")</script>'


def camera_jpeg(size: tuple[int, int] = (2400, 1800)) -> bytes:
    """A JPEG with EXIF (camera model, GPS) as a phone would upload it."""
    exif = Image.Exif()
    exif[0x0110] = "SecretCam 9000"  # Model
    exif[0x8825] = {1: "N", 2: (21.0, 10.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 60)).save(out, format="JPEG", exif=exif, quality=95)
    return out.getvalue()


def _upload(client: FlaskClient, slug: str, data: bytes, **form: str):  # type: ignore[no-untyped-def]
    body: dict[str, object] = {"credit": "Sở VHTTDL", "licence": "CC BY 4.0", **form}
    body["image"] = (io.BytesIO(data), "photo.jpg")
    return client.post(f"/en/curate/places/{slug}/photos", data=body)


def test_photo_is_reencoded_resized_and_stripped(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    original = camera_jpeg()
    assert b"SecretCam" in original
    with app.app_context():
        version = catalogue.data_version()
    response = _upload(client, slug, original, caption_en=HOSTILE)
    assert response.status_code == 302, response.text
    with app.app_context():
        assert catalogue.data_version() != version, "cached place pages must see the new photo"
    with app.app_context():
        photo = db.session.scalar(select(PlacePhoto))
        stored = photo.image
        photo_id = photo.id
    assert b"SecretCam" not in stored and stored != original
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and max(image.size) == photos.MAX_PHOTO_PX
        assert not image.getexif()
    served = client.get(f"/photos/{photo_id}.jpg")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.data == stored
    page = client.get(f"/en/places/{slug}").text
    assert f"/photos/{photo_id}.jpg" in page and "Photo: Sở VHTTDL, CC BY 4.0" in page
    assert HOSTILE not in page and "&lt;script&gt;" in page


def test_refusals_name_the_field_and_store_nothing(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    before = row_counts(app)
    no_credit = _upload(client, slug, camera_jpeg((64, 64)), credit=" ")
    assert no_credit.status_code == 400 and "Name who took the photo" in no_credit.text
    no_licence = _upload(client, slug, camera_jpeg((64, 64)), licence="mine")
    assert no_licence.status_code == 400 and "licence" in no_licence.text
    not_image = _upload(client, slug, b"<svg onload=alert(1)></svg>")
    assert not_image.status_code == 400 and "not a PNG, JPEG" in not_image.text
    vi = client.post(
        f"/curate/places/{slug}/photos",
        data={"credit": "", "licence": "CC0 1.0", "image": (io.BytesIO(b"x"), "a.jpg")},
    )
    assert vi.status_code == 400 and "Hãy ghi tên người chụp" in vi.text
    assert row_counts(app) == before


def test_only_the_provinces_curators_and_admins_upload(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    for name, allowed in (("pt_curator", False), ("agency", False), ("admin", True)):
        login_as(name)
        response = _upload(client, slug, camera_jpeg((64, 64)))
        assert (response.status_code == 302) is allowed, name
        if not allowed:
            assert response.status_code == 403


def test_photos_of_an_unpublished_place_are_not_public(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    slug = place_in(app, "bac-ninh").slug
    login_as("curator")
    _upload(client, slug, camera_jpeg((64, 64)))
    client.post(f"/curate/places/{slug}/unpublish", data={"confirm": "1"})
    with app.app_context():
        photo_id = db.session.scalar(select(PlacePhoto.id))
    assert client.get(f"/photos/{photo_id}.jpg").status_code == 200  # its curator still sees it
    anonymous = app.test_client()
    assert anonymous.get(f"/photos/{photo_id}.jpg").status_code == 404


def test_pdf_hook_prints_the_photo_with_its_credit(
    app: Flask, client: FlaskClient, people: dict[str, int], login_as: Callable[[str], None]
) -> None:
    place = place_in(app, "bac-ninh")
    login_as("curator")
    _upload(client, place.slug, camera_jpeg((800, 600)), credit="Nguyễn Văn Ảnh")
    with app.app_context():
        found = photos.first_photos([place.slug, "no-such-place"])
    assert list(found) == [place.slug]
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", _FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", _FONT_DIR / "DejaVuSans-Bold.ttf")
    add_photo_section(pdf, [(place.name_vi, found[place.slug])], heading="Ảnh", font=FONT)
    reader = pypdf.PdfReader(io.BytesIO(bytes(pdf.output())))
    text = reader.pages[0].extract_text()
    assert "© Nguyễn Văn Ảnh · CC BY 4.0" in text
    assert len(reader.pages[0].images) == 1
    empty = FPDF()
    add_photo_section(empty, [], heading="Ảnh", font=FONT)
    assert empty.page_no() == 0, "no photos, no page"


def test_trip_pdf_shows_the_visited_places_photo_with_its_credit(
    app: Flask,
    client: FlaskClient,
    people: dict[str, int],
    login_as: Callable[[str], None],
    saved_trip: str,
) -> None:
    login_as("pt_curator")
    assert (
        _upload(client, "den-hung", camera_jpeg((800, 600)), credit="Trần Thị Ảnh").status_code
        == 302
    )
    response = client.get(f"/api/v1/itineraries/{saved_trip}/export/pdf?lang=vi")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "© Trần Thị Ảnh · CC BY 4.0" in text and "Ảnh" in text
    assert sum(len(page.images) for page in reader.pages) >= 1
