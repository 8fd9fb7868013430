"""Plan a multi-day themed trip: the one entry point the services call.

The trip becomes a team orienteering problem with time windows (one route per day, see
``trip_model``), solved with a fixed number of iterations from the request's seed so the same
request always yields the same plan. Promises are kept or refused: a must-include, a locked
stop or (with festivals on) a festival place that no day and no night's lodging can hold makes
the request fail with the place and the reason, never a plan that quietly leaves it out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from tourroute.core.domain import (
    NEUTRAL_RULES,
    FestivalDates,
    Itinerary,
    LeftOut,
    Place,
    PlanRules,
    ShowOffer,
    SiteGroup,
    Theme,
    TravelTimes,
    TripRequest,
)
from tourroute.core.errors import InfeasibleError
from tourroute.core.planner.changes import diff
from tourroute.core.planner.explain import diagnose, explain
from tourroute.core.planner.notes import clash_notes, day_notes, theme_note
from tourroute.core.planner.trip_candidates import festival_days, select_candidates
from tourroute.core.planner.trip_feasibility import check_must_fit
from tourroute.core.planner.trip_model import TripModel, build_model, stage_needs
from tourroute.core.planner.trip_output import assemble
from tourroute.core.planner.trip_request import check_request
from tourroute.core.planner.trip_search import (
    TripPlan,
    check_days_fit,
    release_festival_clashes,
    search_trip,
)
from tourroute.core.reasons import left_out_text
from tourroute.core.words import words


def _previous_days(model: TripModel, previous: Itinerary) -> dict[int, int]:
    """Vertex → day of the previous trip's stops that are still candidates."""
    first = model.first_candidate
    found: dict[int, int] = {}
    for index, day in enumerate(previous.days):
        for stop in day.stops:
            for member in stop.members or (stop.place,):
                v = model.vertex_of.get(member.slug)
                if v is not None and v >= first and index < model.request.days:
                    found.setdefault(v, index)
    return found


def _refuse_missing(model: TripModel, plan: TripPlan, theme: Theme | None) -> None:
    """Raise for the first mandatory visit the plan could not hold, naming it and why."""
    for v in sorted(plan.missing()):
        if v < model.first_candidate:
            continue  # a lunch break: check_days_fit speaks for the day
        cand = model.candidate_of(v)
        reason, detail = diagnose(
            model,
            plan,
            v,
            theme=theme,
            routes=[[u for u in r if u in plan.problem.mandatory] for r in plan.routes],
        )
        request = model.request
        slugs = {cand.place.slug, *(m.slug for m in cand.members)}
        locked = {s.slug for s in request.locked}
        field = "festivals"
        if slugs & set(request.include):
            field = "include"
        if slugs & locked:
            field = "locked"
        name = cand.place.name_en or cand.place.name_vi
        why = left_out_text(LeftOut(cand.place, reason, (detail,)), words("en"))
        raise InfeasibleError(
            f"{name} cannot be kept in this trip: {why} Every day and every night's lodging "
            "was tried; remove it, or change the dates, the day times or the driving limit.",
            field=field,
            place=(cand.place.name_vi, cand.place.name_en),
            reason=reason,
        )


def plan_trip(
    request: TripRequest,
    *,
    places: Mapping[str, Place],
    themes: Mapping[str, Theme],
    festivals: Sequence[FestivalDates],
    travel: TravelTimes,
    groups: Mapping[str, SiteGroup] | None = None,
    shows: Sequence[ShowOffer] = (),
    rules: PlanRules = NEUTRAL_RULES,
    previous: Itinerary | None = None,
    asked: Collection[str] = (),
) -> Itinerary:
    """The best itinerary found for ``request``, with the reasons for what it leaves out.

    ``previous`` is the trip being re-planned: its stops stay where they were unless they no
    longer fit, and the result lists its ``changes`` (``asked``: the slugs the traveller acted
    on, whose changes are "at your request").

    Raises
    ------
    InvalidRequestError, UnknownPlaceError
        The request cannot be planned as asked (its ``field`` names the input at fault).
    InfeasibleError
        A must-include, locked or required festival place cannot fit on any day with any
        night's lodging; the message names it and says why.
    """
    theme = check_request(request, places=places, themes=themes)
    on_days = festival_days(request, festivals, places)
    candidates = select_candidates(
        request,
        places=places,
        theme=theme,
        festivals=on_days,
        groups=groups,
        rules=rules,
        offers=shows,
    )
    lodgings = sorted(slug for slug, p in places.items() if p.kind == "lodging")
    check_must_fit(request, candidates, lodgings=lodgings, travel=travel)
    model = build_model(
        request,
        candidates=candidates,
        endpoints=[request.start, request.end_place, *lodgings],
        travel=travel,
        ordered=theme is not None and theme.ordered,
        rules=rules,
        stage_need=stage_needs(theme, request, rules),
    )
    stable = previous is not None and len(previous.days) == request.days
    before = _previous_days(model, previous) if previous is not None and stable else None
    nights = [d.lodging.slug for d in previous.days] if previous and stable else None
    plan = search_trip(
        model, theme=theme, lodgings=lodgings, previous=before, previous_lodging=nights
    )
    model, plan = release_festival_clashes(
        model, plan, theme=theme, lodgings=lodgings, previous=before, previous_lodging=nights
    )
    check_days_fit(plan)
    _refuse_missing(model, plan, theme)
    left_out = explain(model, plan, places=places, theme=theme)
    it = assemble(
        model,
        plan,
        places=places,
        festivals=on_days,
        travel=travel,
        left_out=left_out,
        offers=shows,
    )
    days = it.days
    notes = (
        *theme_note(request, theme, days),
        *clash_notes(model.candidates, on_days, festivals),
        *day_notes(request, days, festivals),
    )
    changes = diff(previous, it, asked=asked) if previous is not None else ()
    return dataclasses.replace(it, notes=notes, changes=changes)
