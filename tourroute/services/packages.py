"""Tour packages: a saved trip an agency sells to one group, with its own title and notes.

The itinerary is stored in the API's JSON shape, like saved trips (``services.trips``), and
rebuilt against today's catalogue when read. Services flush; the request commits.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from tourroute.core.costs import CostEstimate, estimate_costs
from tourroute.core.domain import Itinerary
from tourroute.core.errors import InfeasibleError
from tourroute.core.messages import N_, TranslatableError
from tourroute.core.planner.fixed_order import RefusedEditError
from tourroute.core.planner.validate import RuleProblem
from tourroute.core.serialize import itinerary_from_dict, itinerary_to_dict
from tourroute.core.text import one_line
from tourroute.extensions import db
from tourroute.models import DOCUMENT_LANGS, Package, User
from tourroute.services import agency_profiles, audit, trips
from tourroute.services.retiming import UnpublishedStopError, retime_published

MAX_GROUP = 500
MAX_TITLE = 200
MAX_NOTES = 5000


class PackageError(TranslatableError):
    """A package cannot be changed as asked; ``field`` names the input at fault."""


class InfeasibleEditError(PackageError):
    """The edited stops are well-formed but cannot be scheduled (hours, day's end, driving).

    ``problems`` keeps each broken rule with its day, so a page can list them at the top and
    beside the day concerned.
    """

    def __init__(self, problems: tuple[RuleProblem, ...], message: str) -> None:
        super().__init__(
            N_("This edit cannot be scheduled: %(problems)s"), field="days", problems=message
        )
        self.problems = problems


@dataclass(frozen=True)
class Details:
    """What an agency writes about a package, apart from its itinerary."""

    title: str
    adults: int
    children: int
    notes: str
    lang: str


def _whole(raw: object, field: str) -> int:
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isascii() or not text.isdigit():
        raise PackageError(
            N_("Enter a whole number from 0 to %(maximum)d."), field=field, maximum=MAX_GROUP
        )
    value = int(text)
    if value > MAX_GROUP:
        raise PackageError(
            N_("Enter a whole number from 0 to %(maximum)d."), field=field, maximum=MAX_GROUP
        )
    return value


def _notes(raw: object, *, field: str, errors: dict[str, PackageError]) -> str:
    """Free text as stored (Unix line ends, trimmed); a fault goes into ``errors``."""
    text = str(raw).replace("\r\n", "\n").strip()
    if len(text) > MAX_NOTES:
        errors[field] = PackageError(
            N_("Notes can have at most %(maximum)d characters."), field=field, maximum=MAX_NOTES
        )
    return text


def check_details(
    *, title: object, adults: object, children: object, notes: object, lang: object
) -> tuple[Details | None, dict[str, PackageError]]:
    """The checked details, or every fault by field (so a form can show each beside its input)."""
    errors: dict[str, PackageError] = {}
    clean_title = one_line(title, maximum=MAX_TITLE)
    if clean_title is None:
        errors["title"] = PackageError(
            N_("Give the package a title of at most %(maximum)d characters."),
            field="title",
            maximum=MAX_TITLE,
        )
    counts: dict[str, int] = {}
    for field, raw in (("adults", adults), ("children", children)):
        try:
            counts[field] = _whole(raw, field)
        except PackageError as exc:
            errors[field] = exc
    if not errors.keys() & {"adults", "children"} and counts["adults"] + counts["children"] < 1:
        errors["adults"] = PackageError(N_("A group needs at least one person."), field="adults")
    clean_notes = _notes(notes, field="notes", errors=errors)
    if lang not in DOCUMENT_LANGS:
        errors["lang"] = PackageError(
            N_("“%(value)s” is not one of: %(allowed)s."),
            field="lang",
            value=str(lang),
            allowed=", ".join(DOCUMENT_LANGS),
        )
    if errors or clean_title is None:
        return None, errors
    return Details(
        clean_title, counts["adults"], counts["children"], clean_notes, str(lang)
    ), errors


def create_package(
    owner: User, itinerary: Itinerary, details: Details, *, source_itinerary_id: str | None = None
) -> Package:
    package = Package(
        owner_id=owner.id,
        title=details.title,
        adults=details.adults,
        children=details.children,
        notes=details.notes,
        lang=details.lang,
        itinerary_json=itinerary_to_dict(itinerary, lang=trips.STORED_LANG),
        source_itinerary_id=source_itinerary_id,
        archived=False,
    )
    db.session.add(package)
    db.session.flush()
    audit.record(owner, "package.create", "package", package.id, title=details.title)
    return package


def create_from_trip(owner: User, trip_id: str, *, lang: str) -> Package | None:
    """A package of a saved trip, titled by its dates; None when no trip has that id."""
    saved = trips.load_trip(trip_id)
    if saved is None:
        return None
    days = saved.itinerary.days
    title = f"{days[0].date.isoformat()} – {days[-1].date.isoformat()}"
    details = Details(title=title, adults=2, children=0, notes="", lang=lang)
    return create_package(owner, saved.itinerary, details, source_itinerary_id=trip_id)


def get_package(package_id: int) -> Package | None:
    return db.session.get(Package, package_id)


def packages_of(owner: User, *, archived: bool = False) -> list[Package]:
    return list(
        db.session.scalars(
            select(Package)
            .where(Package.owner_id == owner.id, Package.archived == archived)
            .order_by(Package.updated_at.desc(), Package.id.desc())
        )
    )


def package_by_share_token(token: str) -> Package | None:
    if not token or len(token) > 64:
        return None
    package: Package | None = db.session.scalar(
        select(Package).where(Package.share_token == token, Package.archived.is_(False))
    )
    return package


def itinerary_of(package: Package) -> Itinerary:
    return itinerary_from_dict(package.itinerary_json, places=trips.all_places())


def costs_of(package: Package, itinerary: Itinerary | None = None) -> CostEstimate:
    """The estimate at the owner's rates (defaults where the agency set none)."""
    rates = agency_profiles.rates_of(agency_profiles.profile_for_owner(package.owner_id))
    return estimate_costs(
        itinerary or itinerary_of(package),
        adults=package.adults,
        children=package.children,
        rates=rates,
    )


def update_details(actor: User, package: Package, details: Details) -> None:
    package.title, package.adults, package.children = (
        details.title,
        details.adults,
        details.children,
    )
    package.notes, package.lang = details.notes, details.lang
    audit.record(actor, "package.update", "package", package.id)


def day_slugs_of(package: Package) -> list[list[str]]:
    """The package's stops, day by day, in order (what the editor changes); a group stop is
    its members, which re-timing groups again."""
    return [
        [slug for stop in day.stops for slug in stop.slugs] for day in itinerary_of(package).days
    ]


def day_times_of(package: Package) -> tuple[int, int]:
    """When each day of the package starts and must end, in minutes after midnight."""
    request = itinerary_of(package).request
    return request.day_start_min, request.day_end_min


def edit_stops(
    actor: User,
    package: Package,
    day_slugs: list[list[str]],
    *,
    day_start_min: int | None = None,
    day_end_min: int | None = None,
) -> Itinerary:
    """Re-time the package for exactly these stops, day by day, or change nothing.

    ``day_start_min``/``day_end_min`` change the package's day times too (kept in its request,
    so every later edit and export uses them).

    Raises
    ------
    PackageError
        A slug names no published place, or the day times are out of order; the package is
        left as it was.
    InfeasibleEditError
        The timed plan breaks a rule; ``problems`` names each one.
    """
    start, end = day_times_of(package)
    start = start if day_start_min is None else day_start_min
    end = end if day_end_min is None else day_end_min
    if not 0 <= start < end <= 24 * 60:
        raise PackageError(N_("The day must end after it starts."), field="day_end")
    try:
        itinerary = retime_published(
            itinerary_of(package), day_slugs, day_start_min=start, day_end_min=end
        )
    except UnpublishedStopError as exc:
        raise PackageError(
            N_("No published place has the slug “%(value)s”."), field="days", value=exc.slug
        ) from exc
    except RefusedEditError as exc:
        raise InfeasibleEditError(exc.problems, exc.message) from exc
    except InfeasibleError as exc:
        raise PackageError(
            N_("This edit cannot be scheduled: %(problems)s"), field="days", problems=exc.message
        ) from exc
    package.itinerary_json = itinerary_to_dict(itinerary, lang=trips.STORED_LANG)
    audit.record(
        actor, "package.edit_stops", "package", package.id, days=day_slugs, day_times=[start, end]
    )
    return itinerary


def clone_package(actor: User, package: Package) -> Package:
    """A copy owned by the same agency, unshared, with " (2)" after the title."""
    copy = Package(
        owner_id=package.owner_id,
        title=f"{package.title} (2)"[:MAX_TITLE],
        adults=package.adults,
        children=package.children,
        notes=package.notes,
        lang=package.lang,
        itinerary_json=package.itinerary_json,
        source_itinerary_id=package.source_itinerary_id,
        archived=False,
    )
    db.session.add(copy)
    db.session.flush()
    audit.record(actor, "package.clone", "package", copy.id, source=package.id)
    return copy


def archive_package(actor: User, package: Package) -> None:
    """Deleting archives: the package leaves the lists, and its share link stops working."""
    package.archived, package.share_token = True, None
    audit.record(actor, "package.archive", "package", package.id)


def share_package(actor: User, package: Package) -> str:
    """Turn on (or keep) the read-only link; its token is 256 random bits. A draft is now sent."""
    if package.share_token is None:
        package.share_token = secrets.token_urlsafe(32)
        audit.record(actor, "package.share", "package", package.id)
    if package.status == "draft":
        package.status = "sent"
    return package.share_token


def unshare_package(actor: User, package: Package) -> None:
    """The link stops working; a proposal not yet accepted goes back to being a draft."""
    if package.share_token is not None:
        package.share_token = None
        audit.record(actor, "package.unshare", "package", package.id)
    if package.status == "sent":
        package.status = "draft"


MAX_ACCEPTED_BY = 200


def accept_package(
    package: Package, *, name: object, date: object, note: object
) -> dict[str, PackageError]:
    """The client accepts the proposal through the share link: who, on which date, and a note.

    Returns every fault by field and changes nothing when there is one. Accepting again
    replaces the earlier answer (a client may correct their name).
    """
    errors: dict[str, PackageError] = {}
    clean_name = one_line(name, maximum=MAX_ACCEPTED_BY)
    if clean_name is None:
        errors["name"] = PackageError(
            N_("Enter your name (at most %(maximum)d characters)."),
            field="name",
            maximum=MAX_ACCEPTED_BY,
        )
    try:
        accepted_on = dt.date.fromisoformat(str(date).strip())
    except ValueError:
        errors["date"] = PackageError(N_("Enter the date as YYYY-MM-DD."), field="date")
    clean_note = _notes(note, field="note", errors=errors)
    if errors or clean_name is None:
        return errors
    package.status = "accepted"
    package.accepted_by, package.accepted_on, package.accepted_note = (
        clean_name,
        accepted_on,
        clean_note,
    )
    package.accepted_at = dt.datetime.now(dt.UTC)
    audit.record(None, "package.accept", "package", package.id, name=clean_name)
    return errors
