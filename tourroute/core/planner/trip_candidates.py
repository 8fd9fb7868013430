"""Which places a trip may visit and what each is worth on each day.

A site group whose members the trip may visit becomes one candidate (see ``groups``): a member
asked for, locked or celebrating a festival makes the whole group so, and an excluded member is
simply left out of the group's visit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from tourroute.core.domain import (
    NEUTRAL_RULES,
    VISIT_KINDS,
    FestivalDates,
    Place,
    PlanRules,
    ShowOffer,
    SiteGroup,
    Theme,
    TripRequest,
)
from tourroute.core.planner.groups import group_visit
from tourroute.core.planner.trip_model import Candidate
from tourroute.core.planner.trip_rules import FAVOUR_FACTOR, FESTIVAL_FACTOR, visit_length_min

#: Festival held at a place on a trip day: ``festivals_by_day[slug][day] = festival slug``.
FestivalDays = Mapping[str, Mapping[int, str]]


def festival_days(
    request: TripRequest, festivals: Sequence[FestivalDates], places: Mapping[str, Place]
) -> dict[str, dict[int, str]]:
    found: dict[str, dict[int, str]] = {}
    for dates in festivals:
        for day in range(request.days):
            if dates.start <= request.date_of(day) <= dates.end:
                for slug in dates.festival.places:
                    if slug in places:
                        found.setdefault(slug, {}).setdefault(day, dates.festival.slug)
    return found


def base_worth(place: Place, request: TripRequest) -> float:
    """What a visit is worth before festivals: the curator's interest, cubed.

    Interest is a 1–10 rating, and a traveller values a highlight far above a few minor stops:
    with a linear worth the optimiser would trade the Hùng Kings' Temple (10, three hours) for
    three small village shrines (7 each, an hour each). Cubing (scaled so 10 stays 10) makes a
    10 worth about three 7s, which keeps the highlights in the plan.
    """
    worth = place.interest**3 / 100
    return worth * (FAVOUR_FACTOR if place.kind in request.favour_kinds else 1.0)


def _visits(
    request: TripRequest,
    places: Mapping[str, Place],
    groups: Mapping[str, SiteGroup],
    *,
    max_min: int,
    alone: Collection[str] = (),
) -> list[tuple[SiteGroup | None, tuple[Place, ...]]]:
    """Each visitable place alone, or with the other members of its group.

    A group longer than ``max_min`` at the trip's pace is split, in walking order, into visits
    no longer than that, so that no single visit swallows the lunch window. A member in
    ``alone`` (the venue of a daytime experience, which fills its own visit) is its own visit.
    """
    ends = (request.start, request.end_place)

    def visitable(slug: str) -> bool:
        place = places.get(slug)
        return (
            place is not None
            and place.kind in VISIT_KINDS
            and slug not in request.exclude
            and slug not in ends
        )

    grouped: set[str] = set()
    visits: list[tuple[SiteGroup | None, tuple[Place, ...]]] = []
    for group in groups.values():
        members = [places[s] for s in group.members if visitable(s)]
        grouped.update(group.members)
        if len(members) == 1:
            visits.append((None, (members[0],)))
            continue
        # a part of the group's visit of its own, so the stops still read as one group's
        visits += [(group, (m,)) for m in members if m.slug in alone]
        chunk: list[Place] = []
        for member in (m for m in members if m.slug not in alone):
            length = visit_length_min(member, request.pace)
            if chunk and sum(visit_length_min(m, request.pace) for m in chunk) + length > max_min:
                visits.append((group, tuple(chunk)))
                chunk = []
            chunk.append(member)
        if chunk:
            visits.append((group, tuple(chunk)))
    visits += [(None, (places[s],)) for s in sorted(places) if s not in grouped and visitable(s)]
    return visits


def _group_worth(members: Sequence[float], rules: PlanRules) -> float:
    """Members of one visit add up with the same-day factors of their kind."""
    factors = rules.same_kind_day_factors
    ranked = sorted(members, reverse=True)
    return sum(w * factors[min(i, len(factors) - 1)] for i, w in enumerate(ranked))


def daytime_experiences(offers: Sequence[ShowOffer], rules: PlanRules) -> dict[str, ShowOffer]:
    """Venue slug → the daytime experience booked there (tea picking at a farm).

    Offers of the evening kinds are evening shows (see ``shows``); the others happen during the
    day at their venue, which the planner visits for the experience's length. Only offers staged
    by arrangement are taken: a fixed timetable would need its own start windows.
    """
    if rules.experience_factor == 1.0:
        return {}
    daytime = [o for o in offers if o.kind not in rules.evening_kinds and o.by_arrangement]
    return {o.venue: o for o in sorted(daytime, key=lambda o: o.slug, reverse=True)}


def select_candidates(
    request: TripRequest,
    *,
    places: Mapping[str, Place],
    theme: Theme | None,
    festivals: FestivalDays,
    groups: Mapping[str, SiteGroup] | None = None,
    rules: PlanRules = NEUTRAL_RULES,
    offers: Sequence[ShowOffer] = (),
) -> list[Candidate]:
    """Theme places, must-includes and (when asked) festival places, minus the excluded.

    A festival place becomes mandatory, on its festival days only, when the traveller asked for
    festivals, and its visit is then longer and early (crowds); a locked stop is mandatory on
    its own day. A visit of a daytime experience's venue books the experience: it lasts the
    experience's length and its venue is worth ``rules.experience_factor`` more.
    """
    experiences = daytime_experiences(offers, rules)
    must = request.promised
    locked = {s.slug: s.day for s in request.locked}
    chosen: list[Candidate] = []
    visits = _visits(
        request, places, groups or {}, max_min=rules.group_visit_max_min, alone=experiences
    )
    for group, members in visits:
        slugs = [m.slug for m in members]
        stages = [s for m in members if (s := theme.stage_of(m) if theme else None) is not None]
        stage = stages[0] if stages else None
        on_days: dict[int, str] = {}
        for slug in slugs:
            for day, fest in festivals.get(slug, {}).items():
                on_days.setdefault(day, fest)
        festival_required = request.festivals and bool(on_days)
        is_must = any(s in must for s in slugs)
        if not (theme is None or stage is not None or is_must or festival_required):
            continue
        allowed: frozenset[int] | None = None
        locked_days = {locked[s] for s in slugs if s in locked}
        if locked_days:
            allowed = frozenset(locked_days)
        elif festival_required:
            allowed = frozenset(on_days)
        experience = next((experiences[s] for s in slugs if s in experiences), None)
        worth = _group_worth(
            [
                base_worth(m, request)
                * (rules.experience_factor if experience and m.slug == experience.venue else 1.0)
                for m in members
            ],
            rules,
        )
        crowded = festival_required and not locked_days
        chosen.append(
            Candidate(
                place=group_visit(members) if group is not None else members[0],
                scores=tuple(
                    worth * (FESTIVAL_FACTOR if d in on_days else 1.0) for d in range(request.days)
                ),
                stage=stage,
                mandatory=is_must or festival_required,
                days=allowed,
                group=group,
                members=members if group is not None else (),
                crowd=rules.festival_visit_factor if crowded else 1.0,
                experience=experience,
            )
        )
    return chosen
