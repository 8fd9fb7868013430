"""Best insertion: every unvisited vertex against every gap of every route, in one numpy pass.

A gap's feasibility test uses the slack of the position after it (see ``schedule``), so the
whole table costs a handful of array operations; the greedy rule then takes the insertion with
the best ratio score² / added time (Vansteenwegen et al., 2009), which favours valuable vertices
that cost little time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tourroute.core.planner.model import Problem
from tourroute.core.planner.schedule import (
    ARRIVE_AFTER,
    AT_BREAK,
    DELAY_CAP,
    DEPART,
    DRIVE_LEFT,
    INT_ROWS,
    LOC_AFTER,
    LOC_BEFORE,
    ROUTE,
    SLACK_AFTER,
    SLACK_NEXT,
    VISIT_INDEX,
    WAIT_AFTER,
    RouteTimes,
)
from tourroute.core.planner.worth import insertion_factors

#: Ratio given to mandatory vertices so that they are always inserted first.
MANDATORY_BONUS = 1e12
#: Added time below this counts as this, so free insertions rank by score and not by 1/0.
MIN_ADDED_MIN = 1e-3


def _rank_bounds(
    rank: list[float], times: Sequence[RouteTimes]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Lowest and highest rank allowed in each gap, looking across all routes in order.

    A gap's lowest is the highest rank placed before it (in its route or an earlier one),
    its highest the lowest rank placed after it; route end points and unranked vertices do not
    count. Plain Python: a few dozen positions, where each array operation would cost more.
    """
    lows: list[float] = []
    carry = -math.inf
    for t in times:
        for v in t.seq[1:-1]:
            lows.append(carry)
            r = rank[v]
            if r > carry:  # False for NaN
                carry = r
        lows.append(carry)
    highs: list[float] = []
    carry = math.inf
    for t in reversed(times):
        highs.append(carry)
        for v in reversed(t.seq[1:-1]):
            r = rank[v]
            if r < carry:
                carry = r
            highs.append(carry)
    highs.reverse()
    return np.array(lows), np.array(highs)


def ratio_table(
    problem: Problem,
    times: Sequence[RouteTimes],
    vertices: npt.NDArray[np.intp],
    *,
    noise: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Ratio of inserting each of ``vertices`` (rows) in each gap (columns); -inf if infeasible.

    Also returns, per column, the route and the visit index the insertion would take. The
    arrays are small (tens of vertices, a dozen gaps) and the search builds thousands of
    tables per plan, so the cost is the number of array operations, kept low here: what
    depends only on the routes comes precomputed in their ``gaps``, what depends only on the
    problem in its by-vertex layouts.
    """
    table = np.concatenate([t.gaps for t in times], axis=1)
    ints = table[:INT_ROWS].astype(np.intp)
    before, after, gap_index, gap_route = (
        ints[LOC_BEFORE],
        ints[LOC_AFTER],
        ints[VISIT_INDEX],
        ints[ROUTE],
    )
    depart, arrive_after, wait_after = table[DEPART], table[ARRIVE_AFTER], table[WAIT_AFTER]
    at_break = table[AT_BREAK] > 0
    travel = problem.travel
    to_v = travel.take(before, axis=0).take(vertices, axis=1).T
    from_v = travel.take(vertices, axis=0).take(after, axis=1)
    direct = travel[before, after]
    is_break = problem.is_break[vertices]
    if is_break.any():
        to_v[is_break] = 0.0
        from_v[is_break] = direct
    arrive = depart + to_v
    w_open = problem.open_by_vertex.take(vertices, axis=0).take(gap_route, axis=1)
    w_close = problem.close_by_vertex.take(vertices, axis=0).take(gap_route, axis=1)
    begin = np.maximum(arrive[:, :, None], w_open)
    begin = np.where(begin <= w_close, begin, math.inf)
    begin = begin[:, :, 0] if begin.shape[2] == 1 else begin.min(axis=2)
    visit_end = begin + problem.service[vertices][:, None]
    # Before a break the drive out of the new visit starts only after the break: the break is
    # delayed by the visit alone, and the detour's change lands on the position after it.
    detour = from_v - direct
    delay = np.where(at_break, visit_end - arrive_after, visit_end + from_v - arrive_after)
    pushed = np.maximum(delay - wait_after, 0.0)
    fits = np.where(
        at_break,
        (pushed <= table[DELAY_CAP]) & (pushed + detour <= table[SLACK_NEXT]),
        delay <= table[SLACK_AFTER],
    )
    added = np.where(at_break, delay + detour, delay)
    ok = np.isfinite(begin) & fits & (to_v + from_v - direct <= table[DRIVE_LEFT])
    if problem.rank_list is not None:
        assert problem.rank_up is not None and problem.rank_down is not None
        lows, highs = _rank_bounds(problem.rank_list, times)
        ok &= problem.rank_up[vertices][:, None] >= lows
        ok &= problem.rank_down[vertices][:, None] <= highs
    if any(t.full for t in times):
        full = np.repeat([t.full for t in times], [len(t.seq) - 1 for t in times])
        ok &= ~(full & ~is_break[:, None])
    score = problem.score_by_vertex.take(vertices, axis=0).take(gap_route, axis=1)
    if problem.kind is not None:
        factors = insertion_factors(problem, [t.seq[1:-1] for t in times])
        if factors is not None:
            score = score * factors.take(gap_route, axis=0).take(vertices, axis=1).T
    value = score * score
    if noise is not None:
        value = value * noise[:, None]
    ratio = value / np.maximum(added, MIN_ADDED_MIN)
    is_mandatory = problem.is_mandatory[vertices]
    if is_mandatory.any():
        ratio[is_mandatory] = MANDATORY_BONUS - added[is_mandatory]
    ratio[~ok] = -math.inf
    return ratio, gap_route, gap_index
