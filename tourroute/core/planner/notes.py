"""What the traveller should read before the days: a theme that needs more days, festival
crowds, a festival left out for another the same day, shows to book ahead. Codes and facts
only; the pages and the API word them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tourroute.core.domain import DayPlan, FestivalDates, Note, Theme, TripRequest
from tourroute.core.planner.trip_model import Candidate


def theme_note(request: TripRequest, theme: Theme | None, days: Sequence[DayPlan]) -> list[Note]:
    """A theme longer than the trip: how many days it needs and which stages the trip covers."""
    if theme is None or request.days >= theme.days:
        return []
    seen = {
        index
        for day in days
        for stop in day.stops
        for member in stop.members or (stop.place,)
        if (index := theme.stage_of(member)) is not None
    }
    covers = tuple((st.name_vi, st.name_en) for i, st in enumerate(theme.stages) if i in seen)
    return [Note(code="theme_days", needs=theme.days, covers=covers)]


def day_notes(
    request: TripRequest, days: Sequence[DayPlan], festivals: Sequence[FestivalDates]
) -> list[Note]:
    """Festival crowds at the stops that hold one, and shows staged by arrangement."""
    names: Mapping[str, tuple[str, str]] = {
        f.festival.slug: (f.festival.name_vi, f.festival.name_en) for f in festivals
    }
    notes: list[Note] = []
    for index, day in enumerate(days):
        for stop in day.stops:
            if stop.festival is not None:
                label = names.get(stop.festival, (stop.festival, stop.festival))
                notes.append(Note(code="festival_crowds", day=index, place=stop.place, label=label))
        for stop in day.stops:
            if stop.experience is not None and stop.experience.by_arrangement:
                label = (stop.experience.name_vi, stop.experience.name_en)
                venue = next(
                    (m for m in stop.members if m.slug == stop.experience.venue), stop.place
                )
                notes.append(Note(code="book_ahead", day=index, place=venue, label=label))
        for show in day.shows:
            if show.offer.by_arrangement:
                label = (show.offer.name_vi, show.offer.name_en)
                notes.append(Note(code="book_ahead", day=index, place=show.venue, label=label))
    return notes


def clash_notes(
    candidates: Sequence[Candidate],
    festivals_by_day: Mapping[str, Mapping[int, str]],
    festivals: Sequence[FestivalDates],
) -> list[Note]:
    """The festival places let go because other festivals held their day (see
    ``trip_search.release_festival_clashes``): said at the top, not only among the left-out."""
    names = {f.festival.slug: (f.festival.name_vi, f.festival.name_en) for f in festivals}
    notes = []
    for cand in candidates:
        if not cand.clashed:
            continue
        held = {d: f for s in sorted(cand.slugs) for d, f in festivals_by_day.get(s, {}).items()}
        day = min(held)
        label = names.get(held[day], (held[day], held[day]))
        notes.append(Note(code="festival_clash", day=day, place=cand.place, label=label))
    return notes
