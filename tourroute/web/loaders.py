"""One loader per kind of object that more than one blueprint loads: pages, API and curation find,
refuse and check a saved trip, a package or a place the same way (``access.found_or_404``)."""

from __future__ import annotations

from flask_babel import gettext

from tourroute.models import Package, Place
from tourroute.services import curation, packages, trips
from tourroute.web.access import found_or_404, package_target, place_target


def trip_or_404(trip_id: str) -> trips.SavedTrip:
    """A saved trip; anyone with its unguessable id may read it."""
    return found_or_404(
        trips.load_trip(trip_id),
        missing=str(gettext("No itinerary has the id “%(id)s”.", id=trip_id)),
    )


def package_or_404(package_id: int) -> Package:
    """A package that is not archived and that the current person may manage."""
    package = packages.get_package(package_id)
    return found_or_404(
        None if package is None or package.archived else package,
        action="package.manage",
        target=package_target,
        missing=str(gettext("No package has the id %(id)d.", id=package_id)),
    )


def place_or_404(slug: str, action: str) -> Place:
    """A place, published or not, that the current person may do ``action`` to (curation and
    photo pages)."""
    return found_or_404(curation.get_place(slug), action=action, target=place_target)
