"""Standard OPTW/TOPTW benchmark instances (Righini & Salani; Montemanni & Gambardella).

The benchmark is how we measure the optimiser against published results and peer solvers, so the
parser and the feasibility rules here follow the instance README exactly: vertex 0 is the start and
end of every route, its closing time is each route's time budget, a visit must *start* inside its
window, waiting is allowed, and travel time is the Euclidean distance rounded *down* to one decimal
(Solomon sets) or two (Cordeau's ``pr`` sets).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tourroute.core.errors import DataError

#: Slack for comparing times that went through decimal rounding.
EPSILON = 1e-6


@dataclass(frozen=True)
class OptwInstance:
    """One benchmark instance; arrays are indexed by vertex id, vertex 0 being the depot."""

    name: str
    x: npt.NDArray[np.float64]
    y: npt.NDArray[np.float64]
    service: npt.NDArray[np.float64]
    score: npt.NDArray[np.float64]
    open_time: npt.NDArray[np.float64]
    close_time: npt.NDArray[np.float64]
    travel: npt.NDArray[np.float64]

    @property
    def size(self) -> int:
        """Number of vertices including the depot."""
        return len(self.score)

    @property
    def budget(self) -> float:
        return float(self.close_time[0])


def _decimals_for(name: str) -> int:
    return 2 if name.startswith("pr") else 1


def travel_matrix(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], *, decimals: int
) -> npt.NDArray[np.float64]:
    """Euclidean distances rounded down to ``decimals``, as the benchmark defines travel time."""
    dist = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    scale = 10.0**decimals
    # The tiny nudge keeps values such as 2.9999999999 (really 3.0) from being floored to 2.9.
    floored: npt.NDArray[np.float64] = np.floor(dist * scale + 1e-9) / scale
    return floored


def parse_instance(text: str, *, name: str) -> OptwInstance:
    """Parse an instance file's text (format in the instance README)."""
    rows: list[list[float]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line_no <= 2 or not line.strip():
            continue
        parts = line.split()
        try:
            vertex = int(parts[0])
            values = [float(p) for p in parts[1:5]]
            open_t, close_t = float(parts[-2]), float(parts[-1])
        except (ValueError, IndexError) as exc:
            raise DataError(f"{name}: line {line_no} is not a vertex line: {line!r}") from exc
        if vertex != len(rows):
            raise DataError(f"{name}: line {line_no} has vertex {vertex}, expected {len(rows)}")
        rows.append([*values, open_t, close_t])
    if len(rows) < 2:
        raise DataError(f"{name}: no vertices found")
    table = np.array(rows, dtype=np.float64)
    x, y = table[:, 0].copy(), table[:, 1].copy()
    return OptwInstance(
        name=name,
        x=x,
        y=y,
        service=table[:, 2].copy(),
        score=table[:, 3].copy(),
        open_time=table[:, 4].copy(),
        close_time=table[:, 5].copy(),
        travel=travel_matrix(x, y, decimals=_decimals_for(name)),
    )


def load_instance(path: Path) -> OptwInstance:
    return parse_instance(path.read_text(encoding="utf-8"), name=path.stem)


@dataclass(frozen=True)
class RouteCheck:
    score: float
    duration: float
    problems: tuple[str, ...]

    @property
    def feasible(self) -> bool:
        return not self.problems


def check_routes(instance: OptwInstance, routes: Sequence[Sequence[int]]) -> RouteCheck:
    """Recompute every route from scratch and list each rule it breaks.

    Independent of the solver on purpose: a solver bug cannot hide behind its own bookkeeping.
    """
    problems: list[str] = []
    seen: set[int] = set()
    score = 0.0
    longest = 0.0
    for r, route in enumerate(routes):
        time, here = 0.0, 0
        for v in route:
            if not 0 < v < instance.size:
                problems.append(f"route {r}: vertex {v} does not exist")
                continue
            if v in seen:
                problems.append(f"route {r}: vertex {v} visited twice")
            seen.add(v)
            arrive = time + float(instance.travel[here, v])
            start = max(arrive, float(instance.open_time[v]))
            if start > instance.close_time[v] + EPSILON:
                problems.append(
                    f"route {r}: vertex {v} starts at {start:.2f} after its close "
                    f"{instance.close_time[v]:.2f}"
                )
            time, here = start + float(instance.service[v]), v
            score += float(instance.score[v])
        time += float(instance.travel[here, 0])
        longest = max(longest, time)
        if time > instance.budget + EPSILON:
            problems.append(f"route {r}: returns at {time:.2f}, budget {instance.budget:.2f}")
    if math.isnan(score):
        problems.append("score is not a number")
    return RouteCheck(score=score, duration=longest, problems=tuple(problems))
