"""The itinerary optimiser: a team orienteering solver with time windows, and the trip model.

Public entry points:

- ``plan_trip`` plans a themed multi-day trip (``trip``), ``validate_itinerary`` checks one;
- ``solve`` runs the search on any ``Problem`` (``search``, ``model``);
- ``solve_instance`` / ``run_instance`` run it on the public OPTW/TOPTW benchmark.
"""

from tourroute.core.planner.model import Problem, RouteSpec
from tourroute.core.planner.optw_solve import run_instance, solve_instance
from tourroute.core.planner.search import Budget, Solution, solve
from tourroute.core.planner.trip import plan_trip
from tourroute.core.planner.validate import validate_itinerary

__all__ = [
    "Budget",
    "Problem",
    "RouteSpec",
    "Solution",
    "plan_trip",
    "run_instance",
    "solve",
    "solve_instance",
    "validate_itinerary",
]
