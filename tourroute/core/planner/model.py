"""The routing problem the optimiser solves: a team orienteering problem with time windows.

One model serves both the public benchmark and the trip planner, so it carries everything a trip
needs and the benchmark simply leaves unused: each route has its own start and end vertex, its own
day window and driving limit; a vertex may have several start windows per route (a place open
07:30–11:30 and 13:30–17:00, or closed that day: no window at all); a vertex may be mandatory;
an optional rank must never decrease along the routes taken one after another (theme stages);
and a *break* vertex (lunch) has no location of its own: it happens where the traveller is.

Windows bound the START of a visit, as the benchmark defines them; the trip planner subtracts the
visit length from closing times before building the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

#: Slack for comparing times that went through arithmetic on decimals.
TIME_EPS = 1e-7


@dataclass(frozen=True)
class RouteSpec:
    """One route (one day of a trip): where and when it starts and ends."""

    start: int
    end: int
    open_min: float
    close_min: float
    max_drive_min: float = math.inf
    #: Most visits the route may hold (breaks not counted); None: no limit.
    max_visits: int | None = None


@dataclass(frozen=True)
class Problem:
    """A TOPTW instance in the form the solver reads.

    ``windows[r][v]`` lists the start windows ``(earliest, latest)`` of vertex ``v`` on route
    ``r``; an empty tuple means ``v`` cannot be visited on that route (closed, or locked to
    another route). ``score[r, v]`` is what visiting ``v`` on route ``r`` is worth (a festival
    makes a place worth more on its days). A NaN ``rank`` leaves a vertex out of the order.
    ``candidates`` are the vertices that may be visited; route end points are not candidates.
    ``breaks`` are candidates without a location (``travel`` rows unused).
    """

    travel: npt.NDArray[np.float64]
    service: npt.NDArray[np.float64]
    score: npt.NDArray[np.float64]
    windows: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]
    routes: tuple[RouteSpec, ...]
    candidates: tuple[int, ...]
    mandatory: frozenset[int] = frozenset()
    breaks: frozenset[int] = frozenset()
    rank: npt.NDArray[np.float64] | None = None
    #: Kind index per vertex (-1: none) for diminishing returns (see ``worth``); None: every
    #: visit keeps its full score, as in the public benchmark.
    kind: npt.NDArray[np.intp] | None = None
    #: Share of its score the k-th visit of one kind keeps in a route / in all routes (the last
    #: factor repeats).
    day_factors: tuple[float, ...] = (1.0,)
    trip_factors: tuple[float, ...] = (1.0,)
    #: Worth lost per minute of driving, so that of two plans worth the same the one that drives
    #: less wins and a day does not cross a province for a little more worth (0: the benchmark).
    drive_cost: float = 0.0
    #: Theme stage index per vertex (-1: none) for the variety rule across stages (see
    #: ``worth``); None: no stage counts less, as in the public benchmark.
    stage: npt.NDArray[np.intp] | None = None
    #: Visits each stage needs at full worth; the k-th beyond keeps ``stage_factors[k]``.
    stage_need: tuple[int, ...] = ()
    stage_factors: tuple[float, ...] = (1.0,)
    #: Site group index per vertex (-1: none): a group visited in parts (so lunch fits between)
    #: counts as one visit of its kind, and parts away from the group's main day keep
    #: ``group_apart_factor`` (see ``worth``); None: no groups, as in the public benchmark.
    group: npt.NDArray[np.intp] | None = None
    group_apart_factor: float = 1.0
    #: Padded window arrays ``[route, vertex, k]`` for vectorised insertion; built on creation.
    win_open: npt.NDArray[np.float64] = field(init=False, repr=False)
    win_close: npt.NDArray[np.float64] = field(init=False, repr=False)
    is_break: npt.NDArray[np.bool_] = field(init=False, repr=False)
    is_mandatory: npt.NDArray[np.bool_] = field(init=False, repr=False)
    #: The same values laid out for the hot loops (built on creation): windows and scores by
    #: vertex then route, closes with ``TIME_EPS`` added, ranks with NaN replaced so that an
    #: unranked vertex passes both order tests, travel and service as Python lists.
    open_by_vertex: npt.NDArray[np.float64] = field(init=False, repr=False)
    close_by_vertex: npt.NDArray[np.float64] = field(init=False, repr=False)
    score_by_vertex: npt.NDArray[np.float64] = field(init=False, repr=False)
    rank_up: npt.NDArray[np.float64] | None = field(init=False, repr=False)
    rank_down: npt.NDArray[np.float64] | None = field(init=False, repr=False)
    rank_list: list[float] | None = field(init=False, repr=False)
    travel_rows: list[list[float]] = field(init=False, repr=False)
    service_list: list[float] = field(init=False, repr=False)
    #: ``group`` as a Python list, and each group's vertices (index = group), for the worth.
    group_list: list[int] | None = field(init=False, repr=False)
    group_parts: tuple[npt.NDArray[np.intp], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        size = self.score.shape[1]
        width = max(
            (len(w) for per_route in self.windows for w in per_route),
            default=1,
        )
        width = max(width, 1)
        w_open = np.full((len(self.routes), size, width), math.inf)
        w_close = np.full((len(self.routes), size, width), -math.inf)
        for r, per_route in enumerate(self.windows):
            for v, spans in enumerate(per_route):
                for k, (earliest, latest) in enumerate(spans):
                    w_open[r, v, k] = earliest
                    w_close[r, v, k] = latest
        object.__setattr__(self, "win_open", w_open)
        object.__setattr__(self, "win_close", w_close)
        is_break = np.zeros(size, dtype=bool)
        is_break[list(self.breaks)] = True
        object.__setattr__(self, "is_break", is_break)
        is_mandatory = np.zeros(size, dtype=bool)
        is_mandatory[list(self.mandatory)] = True
        object.__setattr__(self, "is_mandatory", is_mandatory)
        derived: dict[str, object] = {
            "open_by_vertex": np.ascontiguousarray(w_open.transpose(1, 0, 2)),
            "close_by_vertex": np.ascontiguousarray((w_close + TIME_EPS).transpose(1, 0, 2)),
            "score_by_vertex": np.ascontiguousarray(self.score.T),
            "rank_up": None,
            "rank_down": None,
            "rank_list": None,
            "travel_rows": self.travel.tolist(),
            "service_list": self.service.tolist(),
            "group_list": None,
            "group_parts": (),
        }
        if self.group is not None:
            derived["group_list"] = self.group.tolist()
            groups = int(self.group.max()) + 1
            derived["group_parts"] = tuple(np.flatnonzero(self.group == g) for g in range(groups))
        if self.rank is not None:
            unranked = np.isnan(self.rank)
            derived["rank_up"] = np.where(unranked, math.inf, self.rank)
            derived["rank_down"] = np.where(unranked, -math.inf, self.rank)
            derived["rank_list"] = self.rank.tolist()
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @property
    def size(self) -> int:
        return int(self.score.shape[1])


def uniform_windows(
    opens: npt.NDArray[np.float64], closes: npt.NDArray[np.float64], *, routes: int
) -> tuple[tuple[tuple[tuple[float, float], ...], ...], ...]:
    """One window per vertex, the same on every route (the benchmark's case)."""
    per_route = tuple(((float(o), float(c)),) for o, c in zip(opens, closes, strict=True))
    return tuple(per_route for _ in range(routes))
