"""Photos of places: the curators' upload page and the photo files themselves.

A photo file is public when its place is published; a curator of the province (or an admin)
also sees photos of an unpublished place, so they can check what they uploaded.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute.core.messages import TranslatableError
from tourroute.models import Place, PlacePhoto, User
from tourroute.services import curation, photos
from tourroute.web.access import can, found_or_404, place_target
from tourroute.web.loaders import place_or_404
from tourroute.web.messages import error_text

bp = Blueprint("photos", __name__)


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _photo_and_place(photo_id: int) -> tuple[PlacePhoto, Place] | None:
    photo = photos.get_photo(photo_id)
    place = curation.get_place_by_id(photo.place_id) if photo else None
    return None if photo is None or place is None else (photo, place)


def _page(place: Place, *, error: str | None = None, status: int = 200) -> tuple[str, int]:
    return render_template(
        "curation/photos.html",
        place=place,
        photos=photos.photos_of(place),
        licences=photos.LICENCES,
        max_mb=photos.MAX_UPLOAD_BYTES >> 20,
        error=error,
        form=request.form,
    ), status


@bp.route("/curate/places/<slug>/photos", methods=["GET", "POST"])
def manage(slug: str) -> Response | tuple[str, int]:
    place = place_or_404(slug, "photo.manage")
    if request.method == "GET":
        return _page(place)
    upload = request.files.get("image")
    data = upload.read() if upload is not None and upload.filename else b""
    try:
        photos.add_photo(
            _user(),
            place,
            data,
            credit=request.form.get("credit", ""),
            licence=request.form.get("licence", ""),
            caption_vi=request.form.get("caption_vi", ""),
            caption_en=request.form.get("caption_en", ""),
        )
    except TranslatableError as exc:
        return _page(place, error=error_text(exc), status=400)
    return redirect(url_for("photos.manage", slug=slug))


@bp.post("/curate/photos/<int:photo_id>/delete")
def delete(photo_id: int) -> Response:
    photo, place = found_or_404(
        _photo_and_place(photo_id),
        action="photo.manage",
        target=lambda found: place_target(found[1]),
    )
    photos.remove_photo(_user(), photo)
    return redirect(url_for("photos.manage", slug=place.slug))


@bp.get("/photos/<int:photo_id>.jpg")
def image(photo_id: int) -> Response:
    found = _photo_and_place(photo_id)
    # An unpublished place's photos are hidden (404, not 403) from all but its curators.
    visible = found is not None and (
        found[1].status == "published" or can("photo.manage", place_target(found[1]))
    )
    photo = found_or_404(found if visible else None)[0]
    response = Response(photo.image, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
