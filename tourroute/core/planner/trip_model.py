"""Turn a trip request into the routing model: one route per day, one vertex per place.

Every place that can start, end or fill a day becomes a vertex once, so that trying another
lodging only changes the routes' end points, not the travel matrix. Each day also has a lunch
vertex without a location, mandatory on its own day, so the optimiser keeps lunch inside the
schedule rather than leaving it to be squeezed in afterwards.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tourroute.core.domain import (
    KINDS,
    NEUTRAL_RULES,
    Place,
    PlanRules,
    ShowOffer,
    SiteGroup,
    Theme,
    TravelTimes,
    TripRequest,
)
from tourroute.core.planner.model import Problem, RouteSpec
from tourroute.core.planner.trip_rules import (
    LUNCH_EARLIEST_MIN,
    LUNCH_LATEST_MIN,
    drive_min,
    early_spans,
    experience_extra_min,
    visit_length_min,
)

Spans = tuple[tuple[float, float], ...]
#: A re-planned stop is worth this much more on its old day, so it stays unless it cannot.
KEEP_FACTOR = 3.0


@dataclass(frozen=True)
class Candidate:
    """A place the trip may visit, with what it is worth on each day and where it may go."""

    place: Place
    #: Worth per trip day.
    scores: tuple[float, ...]
    #: Theme stage index, None when the place is outside the theme's order.
    stage: int | None
    mandatory: bool = False
    #: Days the place may be visited on (locked stops, required festivals); None: any.
    days: frozenset[int] | None = None
    #: A site group visited as one stop: ``place`` then stands for the whole visit (the first
    #: member's point and slug, the members' summed length and shared hours, see ``groups``).
    group: SiteGroup | None = None
    members: tuple[Place, ...] = ()
    #: Visit length multiplier on festival days the visit is required on (crowds).
    crowd: float = 1.0
    #: A festival place no longer required: another festival the same day holds that day, and
    #: one day cannot reach both (see ``trip_search.release_festival_clashes``).
    clashed: bool = False
    #: A daytime experience at one of the places visited, booked as part of the visit.
    experience: ShowOffer | None = None

    @property
    def slugs(self) -> frozenset[str]:
        """The places this visit stands for (a site group's members, or the place)."""
        return frozenset({self.place.slug, *(m.slug for m in self.members)})


@dataclass(frozen=True)
class TripModel:
    request: TripRequest
    slugs: tuple[str, ...]
    vertex_of: Mapping[str, int]
    candidates: tuple[Candidate, ...]
    #: Lunch vertex of each day (None when the day leaves no room for lunch).
    lunch: tuple[int | None, ...]
    travel_min: npt.NDArray[np.float64]
    #: Whether stages must be visited in order.
    ordered: bool
    rules: PlanRules = NEUTRAL_RULES
    #: Places each theme stage needs at full worth (see ``stage_needs``); empty: no limit.
    stage_need: tuple[int, ...] = ()

    def candidate_of(self, vertex: int) -> Candidate:
        return self.candidates[vertex - self.first_candidate]

    @property
    def first_candidate(self) -> int:
        return len(self.slugs) - len(self.candidates)


def lunch_span(request: TripRequest) -> tuple[float, float] | None:
    earliest = max(LUNCH_EARLIEST_MIN, request.day_start_min)
    latest = min(LUNCH_LATEST_MIN, request.day_end_min - request.lunch_min)
    if request.lunch_min <= 0 or latest < earliest:
        return None
    return float(earliest), float(latest)


def candidate_length(cand: Candidate, request: TripRequest) -> int:
    length = visit_length_min(cand.place, request.pace, crowd=cand.crowd)
    visited = cand.members or (cand.place,)
    return length + experience_extra_min(visited, cand.experience, request.pace)


def candidate_spans(cand: Candidate, request: TripRequest, day: int) -> Spans:
    """Start windows of the candidate's visit on ``day``."""
    return visit_spans(cand.place, request, day, length=candidate_length(cand, request))


def visit_spans(
    place: Place, request: TripRequest, day: int, *, length: int | None = None
) -> Spans:
    """Start windows of a visit on ``day``: it must also END before closing."""
    if length is None:
        length = visit_length_min(place, request.pace)
    if not place.hours.known:
        return ((float(request.day_start_min), float(request.day_end_min - length)),)
    spans = []
    for window in place.hours.windows_on(request.date_of(day)):
        if window.close_min - length >= window.open_min:
            spans.append((float(window.open_min), float(window.close_min - length)))
    return tuple(spans)


def stage_needs(theme: Theme | None, request: TripRequest, rules: PlanRules) -> tuple[int, ...]:
    """Places each stage of ``theme`` needs before more of it count less: its share of the
    trip's days (never less than one day) times ``rules.stage_places_per_day``, at least its
    own minimum.

    A trip shorter than its stages covers only some of them, and a full day of one stage beats
    a day crossing provinces to touch each; a theme of one stage has no variety across stages
    to keep, so it gets no limit (empty).
    """
    if theme is None or len(theme.stages) < 2 or rules.stage_places_per_day <= 0:
        return ()
    share = rules.stage_places_per_day * max(1.0, request.days / len(theme.stages))
    return tuple(max(stage.min_places, math.ceil(share - 1e-9)) for stage in theme.stages)


def build_model(
    request: TripRequest,
    *,
    candidates: Sequence[Candidate],
    endpoints: Sequence[str],
    travel: TravelTimes,
    ordered: bool,
    rules: PlanRules = NEUTRAL_RULES,
    stage_need: Sequence[int] = (),
) -> TripModel:
    lunch_needed = lunch_span(request) is not None
    slugs = [*dict.fromkeys(endpoints)]
    lunch = tuple((len(slugs) + day) if lunch_needed else None for day in range(request.days))
    lunch_count = request.days if lunch_needed else 0
    # Lunch vertices get labels no slug can take (slugs have no spaces) and no travel rows.
    slugs += [f"lunch {day}" for day in range(lunch_count)]
    slugs += [c.place.slug for c in candidates]
    lunch_vertices = {v for v in lunch if v is not None}
    located = [(i, s) for i, s in enumerate(slugs) if i not in lunch_vertices]
    size = len(slugs)
    matrix = np.zeros((size, size))
    index = {s: i for i, s in enumerate(slugs)}
    for i, a in located:
        for j, b in located:
            matrix[i, j] = drive_min(travel, a, b)
    return TripModel(
        request=request,
        slugs=tuple(slugs),
        vertex_of=index,
        candidates=tuple(candidates),
        lunch=lunch,
        travel_min=matrix,
        ordered=ordered,
        rules=rules,
        stage_need=tuple(stage_need),
    )


def to_problem(
    model: TripModel,
    *,
    lodging: Sequence[str],
    boost: Mapping[int, float] | None = None,
    keep: Mapping[int, int] | None = None,
) -> Problem:
    """The routing problem for one choice of nights' lodging (``lodging[d]`` ends day ``d``).

    ``boost`` multiplies the worth of a theme stage's places, to pull a short stage up to its
    minimum; ``keep`` (vertex → day) raises a vertex's worth on the day it had in the trip being
    re-planned, so that a re-plan moves only what it must.
    """
    request = model.request
    days = request.days
    size = len(model.slugs)
    first = model.first_candidate
    service = np.zeros(size)
    score = np.zeros((days, size))
    rank = np.full(size, math.nan)
    kind = np.full(size, -1, dtype=np.intp)
    stage = np.full(size, -1, dtype=np.intp)
    group = np.full(size, -1, dtype=np.intp)
    group_index: dict[str, int] = {}
    rules = model.rules
    max_visits = rules.max_sights_per_day.get(request.pace)
    windows: list[list[Spans]] = [[() for _ in range(size)] for _ in range(days)]
    origin_of = [model.vertex_of[s] for s in (request.start, *lodging[:-1])]
    span = lunch_span(request)
    for day, vertex in enumerate(model.lunch):
        if vertex is not None and span is not None:
            windows[day][vertex] = (span,)
            service[vertex] = request.lunch_min
    for k, cand in enumerate(model.candidates):
        v = first + k
        service[v] = candidate_length(cand, request)
        factor = 1.0 if boost is None or cand.stage is None else boost.get(cand.stage, 1.0)
        score[:, v] = np.array(cand.scores) * factor
        if keep is not None and v in keep:
            score[keep[v], v] *= KEEP_FACTOR
        kind[v] = KINDS.index(cand.place.kind)
        if cand.group is not None:
            group[v] = group_index.setdefault(cand.group.slug, len(group_index))
        if cand.stage is not None:
            stage[v] = cand.stage
        if cand.stage is not None and model.ordered:
            rank[v] = cand.stage
        for day in range(days):
            if cand.days is None or day in cand.days:
                spans = candidate_spans(cand, request, day)
                if cand.crowd != 1.0:
                    reach = request.day_start_min + model.travel_min[origin_of[day], v]
                    spans = early_spans(spans, reach_min=reach, rules=rules)
                windows[day][v] = spans
    origins = [request.start, *lodging[:-1]]
    routes = tuple(
        RouteSpec(
            start=model.vertex_of[origins[d]],
            end=model.vertex_of[lodging[d]],
            open_min=float(request.day_start_min),
            close_min=float(request.day_end_min),
            max_drive_min=float(request.max_drive_min_per_day),
            max_visits=max_visits,
        )
        for d in range(days)
    )
    mandatory = {first + k for k, c in enumerate(model.candidates) if c.mandatory}
    breaks = {v for v in model.lunch if v is not None}
    return Problem(
        travel=model.travel_min,
        service=service,
        score=score,
        windows=tuple(tuple(w) for w in windows),
        routes=routes,
        candidates=tuple(sorted(breaks)) + tuple(range(first, size)),
        mandatory=frozenset(mandatory | breaks),
        breaks=frozenset(breaks),
        rank=rank if not np.isnan(rank).all() else None,
        kind=kind,
        day_factors=rules.same_kind_day_factors,
        trip_factors=rules.same_kind_trip_factors,
        drive_cost=rules.drive_cost_per_min,
        stage=stage if model.stage_need else None,
        stage_need=model.stage_need,
        stage_factors=rules.stage_excess_factors,
        group=group if group_index else None,
        group_apart_factor=rules.group_apart_factor,
    )
