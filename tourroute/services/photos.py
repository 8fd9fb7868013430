"""Photos of places: uploaded by the province's curators with a credit and a licence, stored
re-encoded (never the bytes as sent) and shown with their credit wherever they appear."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ScalarSelect, func, select

from tourroute.core.domain import Itinerary
from tourroute.core.errors import DataError
from tourroute.core.export.pdf_photos import PhotoCredit
from tourroute.core.images import reencode_photo
from tourroute.core.messages import N_, TranslatableError
from tourroute.extensions import db
from tourroute.models import Place, PlacePhoto, User
from tourroute.services import audit

#: Longest side of a stored photo: sharp on a page or a printed programme, small on disk.
MAX_PHOTO_PX = 1600
#: Largest upload accepted before decoding (the request limit is the config's, above it).
MAX_UPLOAD_BYTES = 3 * 1024 * 1024
#: Licences a department can publish under; a photo without one cannot be shown.
LICENCES = ("CC BY 4.0", "CC BY-SA 4.0", "CC0 1.0", "public-domain", "permission")
MAX_PHOTOS_PER_PLACE = 12


class PhotoRefused(TranslatableError):
    """The upload or its credit/licence cannot be accepted; ``field`` says which."""


def photos_of(place: Place) -> list[PlacePhoto]:
    return list(
        db.session.scalars(
            select(PlacePhoto).where(PlacePhoto.place_id == place.id).order_by(PlacePhoto.id)
        )
    )


def get_photo(photo_id: int) -> PlacePhoto | None:
    return db.session.get(PlacePhoto, photo_id)


def add_photo(
    user: User,
    place: Place,
    data: bytes,
    *,
    credit: str,
    licence: str,
    caption_vi: str = "",
    caption_en: str = "",
) -> PlacePhoto:
    """Store a re-encoded copy of the upload with its credit and licence.

    Raises
    ------
    PhotoRefused
        When the credit or licence is missing, the file too large or not an image.
    """
    credit, caption_vi, caption_en = credit.strip(), caption_vi.strip(), caption_en.strip()
    if not credit or len(credit) > 200:
        raise PhotoRefused(N_("Name who took the photo (at most 200 characters)."), field="credit")
    if licence not in LICENCES:
        raise PhotoRefused(N_("Choose the photo's licence."), field="licence")
    if len(caption_vi) > 300 or len(caption_en) > 300:
        raise PhotoRefused(N_("A caption has at most 300 characters."), field="caption_vi")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoRefused(
            N_("The photo is larger than %(mb)d MB."), field="image", mb=MAX_UPLOAD_BYTES >> 20
        )
    if len(photos_of(place)) >= MAX_PHOTOS_PER_PLACE:
        raise PhotoRefused(
            N_("A place has at most %(count)d photos."), field="image", count=MAX_PHOTOS_PER_PLACE
        )
    try:
        jpeg, width, height = reencode_photo(data, max_px=MAX_PHOTO_PX)
    except DataError:
        raise PhotoRefused(
            N_("This is not a PNG, JPEG, WebP or GIF image, or it is damaged."), field="image"
        ) from None
    photo = PlacePhoto(
        place_id=place.id,
        image=jpeg,
        width=width,
        height=height,
        credit=credit,
        licence=licence,
        caption_vi=caption_vi,
        caption_en=caption_en,
        author_id=user.id,
    )
    db.session.add(photo)
    db.session.flush()
    audit.record(user, "photo.add", "place", place.slug, photo=photo.id, credit=credit)
    return photo


def remove_photo(user: User, photo: PlacePhoto) -> None:
    audit.record(user, "photo.remove", "place", photo.place_id, photo=photo.id)
    db.session.delete(photo)


def first_photos(slugs: Collection[str]) -> dict[str, PhotoCredit]:
    """Each place's first photo by slug, for exports (the PDF's hook takes this mapping)."""
    rows = db.session.execute(
        select(Place.slug, PlacePhoto)
        .join(PlacePhoto, PlacePhoto.place_id == Place.id)
        .where(Place.slug.in_(sorted(slugs)))
        .order_by(PlacePhoto.id)
    )
    found: dict[str, PhotoCredit] = {}
    for slug, photo in rows:
        found.setdefault(
            slug, PhotoCredit(photo.image, photo.width, photo.height, photo.credit, photo.licence)
        )
    return found


def itinerary_photos(it: Itinerary, *, lang: str) -> list[tuple[str, PhotoCredit]]:
    """``(place name, first photo)`` for each visited place that has one, in visiting order:
    what the printed programme shows."""
    visited = list(dict.fromkeys(s.place for day in it.days for s in day.stops))
    found = first_photos({p.slug for p in visited})
    return [(p.name(lang), found[p.slug]) for p in visited if p.slug in found]


def fingerprint_columns() -> tuple[ScalarSelect[Any], ScalarSelect[Any]]:
    """``(photos, last photo id)`` as subqueries: they change with every upload or removal, so
    caches of place pages keyed on the data version (which reads them in its one query) see it."""
    return select(func.count(PlacePhoto.id)).scalar_subquery(), select(
        func.max(PlacePhoto.id)
    ).scalar_subquery()
