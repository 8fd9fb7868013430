"""One loader per kind of object that more than one blueprint loads: pages and API find, refuse
and check a saved trip or a package the same way (``access.found_or_404``)."""

from __future__ import annotations

from flask_babel import gettext

from tourroute.models import Package
from tourroute.services import packages, trips
from tourroute.web.access import found_or_404, package_target


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
