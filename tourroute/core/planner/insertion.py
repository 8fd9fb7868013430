"""Best insertion: every unvisited vertex against every gap of every route, in one numpy pass.

A gap's feasibility test uses the slack of the position after it (see ``schedule``), so the
whole table costs a handful of array operations; the greedy rule then takes the insertion with
the best ratio score² / added time (Vansteenwegen et al., 2009), which favours valuable vertices
that cost little time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tourroute.core.planner.model import TIME_EPS, Problem
from tourroute.core.planner.schedule import RouteTimes

#: Ratio given to mandatory vertices so that they are always inserted first.
MANDATORY_BONUS = 1e12
#: Added time below this counts as this, so free insertions rank by score and not by 1/0.
MIN_ADDED_MIN = 1e-3


@dataclass(frozen=True)
class Insertion:
    vertex: int
    route: int
    #: Index in the route's visit list (0 = first visit).
    index: int


def _rank_bounds(problem: Problem, times: Sequence[RouteTimes]) -> tuple[list[float], list[float]]:
    """Lowest and highest rank allowed in each gap, looking across all routes in order."""
    rank = problem.rank
    gaps_total = sum(len(t.seq) - 1 for t in times)
    if rank is None:
        return [-math.inf] * gaps_total, [math.inf] * gaps_total
    lows: list[float] = []
    running = -math.inf
    for t in times:
        for p in range(len(t.seq) - 1):
            if p >= 1 and not math.isnan(rank[t.seq[p]]):
                running = max(running, float(rank[t.seq[p]]))
            lows.append(running)
    per_route_highs: list[list[float]] = []
    running = math.inf
    for t in reversed(times):
        last_visit = len(t.seq) - 2
        highs: list[float] = []
        for p in range(len(t.seq) - 2, -1, -1):
            v = t.seq[p + 1]
            if p + 1 <= last_visit and not math.isnan(rank[v]):
                running = min(running, float(rank[v]))
            highs.append(running)
        highs.reverse()
        per_route_highs.append(highs)
    per_route_highs.reverse()
    return lows, [h for highs in per_route_highs for h in highs]


def ratio_table(
    problem: Problem,
    times: Sequence[RouteTimes],
    vertices: npt.NDArray[np.intp],
    *,
    noise: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Ratio of inserting each of ``vertices`` (rows) in each gap (columns); -inf if infeasible.

    Also returns, per column, the route and the visit index the insertion would take.
    """
    routes: list[int] = []
    index: list[int] = []
    depart: list[float] = []
    loc_before: list[int] = []
    loc_after: list[int] = []
    arrive_after: list[float] = []
    slack_after: list[float] = []
    drive_left: list[float] = []
    for r, t in enumerate(times):
        gaps = len(t.seq) - 1
        routes.extend([r] * gaps)
        index.extend(range(gaps))
        depart.extend(t.depart[:-1])
        loc_before.extend(t.loc[:-1])
        loc_after.extend(t.loc[1:])
        arrive_after.extend(t.arrive[1:])
        slack_after.extend(t.slack[1:])
        drive_left.extend([problem.routes[r].max_drive_min - t.drive_min] * gaps)
    lows, highs = _rank_bounds(problem, times)
    gap_route = np.array(routes, dtype=np.intp)
    before = np.array(loc_before, dtype=np.intp)
    after = np.array(loc_after, dtype=np.intp)
    travel = problem.travel
    col = vertices[:, None]
    to_v = travel[before[None, :], col]
    from_v = travel[col, after[None, :]]
    direct = travel[before, after]
    is_break = problem.is_break[vertices]
    if is_break.any():
        to_v[is_break] = 0.0
        from_v[is_break] = direct
    arrive = np.array(depart)[None, :] + to_v
    w_open = problem.win_open[gap_route[None, :], col]
    w_close = problem.win_close[gap_route[None, :], col]
    begin = np.maximum(arrive[:, :, None], w_open)
    begin = np.where(begin <= w_close + TIME_EPS, begin, math.inf).min(axis=2)
    added = begin + problem.service[vertices][:, None] + from_v - np.array(arrive_after)[None, :]
    ok = (
        np.isfinite(begin)
        & (added <= np.array(slack_after)[None, :] + TIME_EPS)
        & (to_v + from_v - direct[None, :] <= np.array(drive_left)[None, :] + TIME_EPS)
    )
    if problem.rank is not None:
        v_rank = problem.rank[vertices][:, None]
        in_order = (v_rank >= np.array(lows)[None, :]) & (v_rank <= np.array(highs)[None, :])
        ok &= in_order | np.isnan(v_rank)
    score = problem.score[gap_route[None, :], col]
    value = score * score
    if noise is not None:
        value = value * noise[:, None]
    is_mandatory = problem.is_mandatory[vertices]
    ratio = value / np.maximum(added, MIN_ADDED_MIN)
    ratio[is_mandatory] = MANDATORY_BONUS - added[is_mandatory]
    ratio[~ok] = -math.inf
    return ratio, gap_route, np.array(index, dtype=np.intp)
