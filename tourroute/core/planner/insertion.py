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

from tourroute.core.planner.model import TIME_EPS, Problem
from tourroute.core.planner.schedule import RouteTimes, visit_count
from tourroute.core.planner.worth import insertion_factors

#: Ratio given to mandatory vertices so that they are always inserted first.
MANDATORY_BONUS = 1e12
#: Added time below this counts as this, so free insertions rank by score and not by 1/0.
MIN_ADDED_MIN = 1e-3


def _rank_bounds(
    rank: npt.NDArray[np.float64], times: Sequence[RouteTimes]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Lowest and highest rank allowed in each gap, looking across all routes in order."""
    per_route = []
    for t in times:
        ranks = rank[t.seq]
        ranks[0] = ranks[-1] = math.nan
        per_route.append(ranks)
    lows: list[npt.NDArray[np.float64]] = []
    carry = -math.inf
    for ranks in per_route:
        running = np.maximum.accumulate(np.where(np.isnan(ranks), -math.inf, ranks))
        low = np.maximum(running[:-1], carry)
        carry = max(carry, float(running[-1]))
        lows.append(low)
    highs: list[npt.NDArray[np.float64]] = []
    carry = math.inf
    for ranks in reversed(per_route):
        after = np.where(np.isnan(ranks), math.inf, ranks)[1:]
        high = np.minimum(np.minimum.accumulate(after[::-1])[::-1], carry)
        carry = min(carry, float(high[0]))
        highs.append(high)
    highs.reverse()
    return np.concatenate(lows), np.concatenate(highs)


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
    table = np.concatenate([t.gaps for t in times], axis=1)
    counts = [len(t.seq) - 1 for t in times]
    gap_route = np.repeat(np.arange(len(times), dtype=np.intp), counts)
    drive_left = np.repeat(
        [spec.max_drive_min - t.drive_min for spec, t in zip(problem.routes, times, strict=True)],
        counts,
    )
    depart, arrive_after, slack_after = table[0], table[3], table[4]
    before = table[1].astype(np.intp)
    after = table[2].astype(np.intp)
    at_break, wait_after = table[6].astype(bool), table[7]
    delay_cap, slack_next = table[8], table[9]
    travel = problem.travel
    col = vertices[:, None]
    to_v = travel[before[None, :], col]
    from_v = travel[col, after[None, :]]
    direct = travel[before, after]
    is_break = problem.is_break[vertices]
    if is_break.any():
        to_v[is_break] = 0.0
        from_v[is_break] = direct
    arrive = depart[None, :] + to_v
    w_open = problem.win_open[gap_route[None, :], col]
    w_close = problem.win_close[gap_route[None, :], col]
    begin = np.maximum(arrive[:, :, None], w_open)
    begin = np.where(begin <= w_close + TIME_EPS, begin, math.inf).min(axis=2)
    visit_end = begin + problem.service[vertices][:, None]
    # Before a break the drive out of the new visit starts only after the break: the break is
    # delayed by the visit alone, and the detour's change lands on the position after it.
    detour = from_v - direct[None, :]
    delay = np.where(
        at_break[None, :], visit_end - arrive_after[None, :], visit_end + from_v - arrive_after
    )
    pushed = np.maximum(delay - wait_after[None, :], 0.0)
    fits = np.where(
        at_break[None, :],
        (pushed <= delay_cap[None, :] + TIME_EPS)
        & (pushed + detour <= slack_next[None, :] + TIME_EPS),
        delay <= slack_after[None, :] + TIME_EPS,
    )
    added = np.where(at_break[None, :], delay + detour, delay)
    ok = (
        np.isfinite(begin)
        & fits
        & (to_v + from_v - direct[None, :] <= drive_left[None, :] + TIME_EPS)
    )
    if problem.rank is not None:
        lows, highs = _rank_bounds(problem.rank, times)
        v_rank = problem.rank[vertices][:, None]
        in_order = (v_rank >= lows[None, :]) & (v_rank <= highs[None, :])
        ok &= in_order | np.isnan(v_rank)
    if any(spec.max_visits is not None for spec in problem.routes):
        full = [
            spec.max_visits is not None and visit_count(problem, t.seq[1:-1]) >= spec.max_visits
            for spec, t in zip(problem.routes, times, strict=True)
        ]
        ok &= ~(np.repeat(full, counts)[None, :] & ~is_break[:, None])
    score = problem.score[gap_route[None, :], col]
    if problem.kind is not None:
        factors = insertion_factors(problem, [t.seq[1:-1] for t in times])
        if factors is not None:
            score = score * factors[gap_route[None, :], col]
    value = score * score
    if noise is not None:
        value = value * noise[:, None]
    is_mandatory = problem.is_mandatory[vertices]
    ratio = value / np.maximum(added, MIN_ADDED_MIN)
    ratio[is_mandatory] = MANDATORY_BONUS - added[is_mandatory]
    ratio[~ok] = -math.inf
    return ratio, gap_route, table[5].astype(np.intp)
