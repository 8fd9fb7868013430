"""Photos of places: the curators' upload page and the photo files themselves.

A photo file is public when its place is published; a curator of the province (or an admin)
also sees photos of an unpublished place, so they can check what they uploaded.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from tourroute.core.messages import TranslatableError
from tourroute.models import Place, PlacePhoto, User
from tourroute.services import curation, photos
from tourroute.web.access import can, place_target, require
from tourroute.web.messages import error_text

bp = Blueprint("photos", __name__)


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


def _place_or_404(slug: str) -> Place:
    place = curation.get_place(slug)
    if place is None:
        abort(404)
    require("photo.manage", place_target(place))
    return place


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
    place = _place_or_404(slug)
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
    photo = photos.get_photo(photo_id)
    place = curation.get_place_by_id(photo.place_id) if photo else None
    if photo is None or place is None:
        abort(404)
    require("photo.manage", place_target(place))
    photos.remove_photo(_user(), photo)
    return redirect(url_for("photos.manage", slug=place.slug))


@bp.get("/photos/<int:photo_id>.jpg")
def image(photo_id: int) -> Response:
    photo: PlacePhoto | None = photos.get_photo(photo_id)
    place = curation.get_place_by_id(photo.place_id) if photo else None
    if photo is None or place is None:
        abort(404)
    if place.status != "published" and not can("photo.manage", place_target(place)):
        abort(404)
    response = Response(photo.image, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
