"""Framework-free matching engine: stable, explainable many-to-one matching of job seekers and openings.

Typical use::

    from inzetbaar.matching.engine import load_instance, solve
    result = solve(load_instance("instance.json"), seed=7)

The array level (Market, draw_lottery, deferred_acceptance, blocking_pairs, ...) is for callers that
build preferences themselves and for national-scale runs. Numba and SciPy load only when solving.
"""

from .deferred_acceptance import PROPOSING_SIDES, deferred_acceptance, tie_broken_edge_order
from .explain import explain
from .instance import BENEFITS, SEAT_CLASSES, Instance, InstanceError, load_instance, parse_instance
from .market import Lottery, Market, draw_lottery
from .solve import METHODS, solve
from .stability import blocking_pairs, candidate_ranks, check_feasible, is_candidate_optimal, stable_matchings
from .welfare import max_welfare_assignment, maximum_matching_size, pair_welfare, total_welfare

__all__ = [
    "BENEFITS",
    "METHODS",
    "PROPOSING_SIDES",
    "SEAT_CLASSES",
    "Instance",
    "InstanceError",
    "Lottery",
    "Market",
    "blocking_pairs",
    "candidate_ranks",
    "check_feasible",
    "deferred_acceptance",
    "draw_lottery",
    "explain",
    "is_candidate_optimal",
    "load_instance",
    "max_welfare_assignment",
    "maximum_matching_size",
    "pair_welfare",
    "parse_instance",
    "solve",
    "stable_matchings",
    "tie_broken_edge_order",
    "total_welfare",
]
