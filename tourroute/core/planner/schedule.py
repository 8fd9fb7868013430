"""Timing of one route: the forward pass (arrivals, starts) and the backward pass (max shift).

The max shift of a position (Vansteenwegen et al., 2009) is how long its start may be delayed
without breaking a later window or the route's end time. With it, checking an insertion costs
O(1) instead of replaying the whole route, which is what makes the search fast. It is exact when
each vertex has one window per route and an upper bound otherwise (see ``route_times``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from tourroute.core.planner.model import TIME_EPS, Problem, RouteSpec

#: Rows of :attr:`RouteTimes.gaps`, one column per gap (see there); the integer rows first,
#: so that one conversion of ``gaps[:INT_ROWS]`` gives them all.
LOC_BEFORE, LOC_AFTER, VISIT_INDEX, ROUTE, INT_ROWS = range(5)
DEPART, ARRIVE_AFTER, SLACK_AFTER, AT_BREAK, WAIT_AFTER = range(4, 9)
DELAY_CAP, SLACK_NEXT, DRIVE_LEFT = range(9, 12)


@dataclass(frozen=True)
class RouteTimes:
    """Timing of ``seq`` = route start, visits…, route end (``None`` fields when infeasible)."""

    seq: list[int]
    loc: list[int]
    arrive: list[float]
    start: list[float]
    depart: list[float]
    #: For each position, how much its arrival may be delayed (waiting + max shift).
    slack: list[float]
    #: For each position, its latest start (the route's close at the end points).
    latest: list[float]
    drive_min: float
    feasible: bool
    #: The route's index, driving limit, and whether it holds its most visits already.
    route: int = 0
    max_drive_min: float = math.inf
    full: bool = False

    @cached_property
    def gaps(self) -> npt.NDArray[np.float64]:
        """Per gap (columns) what an insertion test reads, as one array, computed once per
        timing (the search asks for it at every insertion it considers).

        Rows (named by this module's row constants): location before, next location (of the
        first located position after the gap), visit index, the route, depart before, arrival
        after, slack after, whether the position after is a break, its waiting time, how long
        its start may be delayed, the slack of the position after it, and the driving still
        allowed. Bounds (slacks, delay cap, driving left) include ``TIME_EPS`` already.
        A break takes place where the traveller is, so a visit inserted just before lunch moves
        lunch to the new place, and the drive it saves or adds shows only after lunch: the
        test needs both.
        """
        n = len(self.seq) - 1
        is_break = [float(v != here) for v, here in zip(self.seq[1:], self.loc[1:], strict=True)]
        next_loc = self.loc[1:]
        if any(is_break):
            next_loc = list(next_loc)
            for p in range(n - 2, -1, -1):
                if is_break[p]:
                    next_loc[p] = next_loc[p + 1]
        wait = [b - a for a, b in zip(self.arrive[1:], self.start[1:], strict=True)]
        delay_cap = [b - a + TIME_EPS for a, b in zip(self.start[1:], self.latest[1:], strict=True)]
        slack_after = [s + TIME_EPS for s in self.slack[1:]]
        slack_next = [*slack_after[1:], slack_after[-1]]
        drive_left = self.max_drive_min - self.drive_min + TIME_EPS
        return np.array(
            [
                self.loc[:-1],
                next_loc,
                range(n),
                [self.route] * n,
                self.depart[:-1],
                self.arrive[1:],
                slack_after,
                is_break,
                wait,
                delay_cap,
                slack_next,
                [drive_left] * n,
            ],
            dtype=np.float64,
        ).reshape(12, n)


def earliest_start(spans: Sequence[tuple[float, float]], arrive: float) -> float | None:
    """First moment at or after ``arrive`` inside one of the windows."""
    for earliest, latest in spans:
        begin = arrive if arrive > earliest else earliest
        if begin <= latest + TIME_EPS:
            return begin
    return None


def visit_count(problem: Problem, visits: Sequence[int]) -> int:
    """Visits that count towards a route's ``max_visits``: every one but the breaks."""
    return sum(1 for v in visits if v not in problem.breaks)


def route_times(
    problem: Problem, route: int, visits: Sequence[int], *, spec: RouteSpec | None = None
) -> RouteTimes:
    """Replay a route from its start and compute every position's slack.

    ``spec`` replaces the route's own start and end (to try another night's lodging).
    """
    spec = problem.routes[route] if spec is None else spec
    windows = problem.windows[route]
    travel = problem.travel_rows
    service = problem.service_list
    breaks = problem.breaks
    seq = [spec.start, *visits, spec.end]
    loc = [spec.start]
    arrive = [spec.open_min]
    start = [spec.open_min]
    depart = [spec.open_min]
    latest = [spec.close_min]
    drive = 0.0
    feasible = True
    here = spec.start
    time = spec.open_min
    for v in visits:
        if v in breaks:
            leg = 0.0
        else:
            leg = travel[here][v]
            here = v
        drive += leg
        arr = time + leg
        begin = earliest_start(windows[v], arr)
        if begin is None:
            feasible = False
        loc.append(here)
        arrive.append(arr)
        start.append(arr if begin is None else begin)
        # The last window's latest start: with several windows a delay may jump to a later
        # one, so this slack can only overestimate, never reject a feasible insertion; the
        # search replays every insertion it makes (exact with one window per vertex).
        latest.append(windows[v][-1][1] if begin is not None else -math.inf)
        time = start[-1] + service[v]
        depart.append(time)
    leg = travel[here][spec.end]
    drive += leg
    arr = time + leg
    loc.append(spec.end)
    arrive.append(arr)
    start.append(arr)
    depart.append(arr)
    latest.append(spec.close_min)
    if arr > spec.close_min + TIME_EPS or drive > spec.max_drive_min + TIME_EPS:
        feasible = False
    visits_left = (
        math.inf if spec.max_visits is None else spec.max_visits - visit_count(problem, visits)
    )
    if visits_left < 0:
        feasible = False
    n = len(seq)
    slack = [0.0] * n
    max_shift = spec.close_min - arr
    slack[n - 1] = max_shift
    for p in range(n - 2, 0, -1):
        wait_next = start[p + 1] - arrive[p + 1]
        max_shift = min(latest[p] - start[p], wait_next + max_shift)
        slack[p] = start[p] - arrive[p] + max_shift
    return RouteTimes(
        route=route,
        max_drive_min=spec.max_drive_min,
        full=visits_left <= 0,
        seq=seq,
        loc=loc,
        arrive=arrive,
        start=start,
        depart=depart,
        slack=slack,
        latest=latest,
        drive_min=drive,
        feasible=feasible,
    )
