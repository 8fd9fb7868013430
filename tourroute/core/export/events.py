"""How a programme event reads: its time, its title and its notes, in one language.

Every document (text, PDF, calendar, spreadsheet) and the agency's package page print events
the same way because they all ask here.
"""

from __future__ import annotations

from tourroute.core.domain import Lodging, Place, hhmm
from tourroute.core.programme import MINUTES_PER_DAY, VISIT_EVENTS, ProgrammeEvent
from tourroute.core.words import LODGING_KIND_NAMES, PRECISION_NAMES, Words

#: Events that happen at one moment, shown with a single time.
MOMENTS: tuple[str, ...] = ("leave", "arrive", "overnight")


def event_time(event: ProgrammeEvent) -> str:
    """``08:00`` for a moment, ``09:10–10:40`` for a span."""
    if event.kind in MOMENTS:
        return hhmm(event.start_min)
    return f"{hhmm(event.start_min)}–{hhmm(event.end_min % MINUTES_PER_DAY)}"


def place_description(place: Place, lang: str) -> str:
    """The description in ``lang``, or the other language's when that one is missing."""
    if lang == "en":
        return place.description_en or place.description_vi
    return place.description_vi or place.description_en


def visit_name(event: ProgrammeEvent, lang: str) -> str:
    """What a visit is called: the group's name for a group visit, else the place's."""
    return event.stop.name(lang) if event.stop is not None else event.place.name(lang)


def lodging_line(lodging: Lodging, w: Words) -> str:
    """``Hotel X (hotel) · 1 Main St · 0208 3855 888 · https://…``: what a traveller books by."""
    kind = w.gettext(LODGING_KIND_NAMES[lodging.kind])
    contact = [c for c in (lodging.address, lodging.phone, lodging.website) if c]
    return " · ".join([f"{lodging.name} ({kind})", *contact])


def event_title(event: ProgrammeEvent, w: Words) -> str:
    """What happens, in a few words: ``Drive to Đền Hùng``, ``3. Đền Hùng``, ``Lunch``."""
    lang = w.lang
    name = event.place.name(lang)
    if event.kind == "leave":
        return w.gettext("Leave %(place)s", place=name)
    if event.kind == "drive":
        return w.gettext("Drive to %(place)s", place=name)
    if event.kind in VISIT_EVENTS:
        title = f"{event.number}. {visit_name(event, lang)}"
        return w.gettext("%(visit)s (continued)", visit=title) if event.continued else title
    if event.kind == "lunch":
        return w.gettext("Lunch")
    if event.kind == "show":
        assert event.show is not None
        return w.gettext("%(show)s at %(place)s", show=event.show.offer.name(lang), place=name)
    if event.kind == "arrive":
        return w.gettext("End: %(place)s", place=name)
    return w.gettext("Night: %(place)s", place=name)


def event_notes(event: ProgrammeEvent, w: Words, *, descriptions: bool = True) -> list[str]:
    """The lines under the title: the drive, the kind and province, waits, flags, booking,
    and for a night the named places to stay in its area."""
    lang = w.lang
    if event.kind == "drive":
        assert event.leg is not None
        return [w.drive(event.leg)]
    if event.kind == "lunch":
        return [w.minutes(event.duration_min)]
    notes: list[str] = []
    if event.kind == "overnight" and event.place.lodgings:
        notes.append(w.gettext("Where to stay:"))
        notes += [lodging_line(item, w) for item in event.place.lodgings]
    if event.kind in ("visit", "group_visit"):
        assert event.stop is not None
        place = event.place
        notes.append(f"{w.kind(place.kind)}, {w.province(place.province)}")
        if event.kind == "group_visit":
            members = ", ".join(m.name(lang) for m in event.members)
            notes.append(w.gettext("Together: %(places)s", places=members))
        if event.wait_min:
            notes.append(
                w.gettext(
                    "Arrive %(time)s; the visit starts %(start)s",
                    time=hhmm(event.stop.arrive_min),
                    start=hhmm(event.start_min),
                )
            )
        if event.stop.festival:
            notes.append(w.gettext("Festival day"))
        if (experience := event.stop.experience) is not None:
            notes.append(experience.name(lang))
        if place.precision != "exact":
            notes.append(w.gettext(PRECISION_NAMES.get(place.precision, place.precision)))
        if not place.hours.known:
            notes.append(w.gettext("Opening hours unknown — assumed daylight"))
        if descriptions and (text := place_description(place, lang)):
            notes.append(text)
    offer = event.show.offer if event.show is not None else None
    if event.stop is not None and event.stop.experience is not None:
        offer = event.stop.experience
    if offer is not None and event.book_ahead:
        note = offer.booking_note_en if lang == "en" else offer.booking_note_vi
        notes.append(w.gettext("Book ahead: staged for groups on request."))
        if note:
            notes.append(note)
    return notes
