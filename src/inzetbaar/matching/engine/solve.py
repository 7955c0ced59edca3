"""One solve from instance to result: lottery, matching, checks, comparison figures and explanations.

The result is a plain dict ready for JSON (documented in docs/matching-instance.md). With the seed it
records, the same instance gives the same result again.
"""

import secrets
from collections.abc import Callable
from typing import Literal

import numpy as np

from .deferred_acceptance import PROPOSING_SIDES, Proposing, deferred_acceptance
from .explain import explain
from .instance import Instance
from .market import draw_lottery
from .stability import blocking_pairs, check_feasible
from .welfare import max_welfare_assignment, maximum_matching_size, total_welfare

Method = Literal["stable", "welfare"]
METHODS: tuple[Method, ...] = ("stable", "welfare")
STEPS = ("lottery", "matching", "checks", "maximum matching", "explanations")


def solve(
    instance: Instance,
    proposing: Proposing = "candidates",
    seed: int | None = None,
    method: Method = "stable",
    on_step: Callable[[str], None] = lambda step: None,
) -> dict:
    """Match the instance and describe the outcome; ``on_step`` hears each of STEPS as it starts."""
    if proposing not in PROPOSING_SIDES:
        raise ValueError(f"proposing must be one of {PROPOSING_SIDES}, got {proposing!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    market = instance.market
    seed = secrets.randbits(32) if seed is None else seed

    on_step("lottery")
    lottery = draw_lottery(market.n_candidates, market.n_openings, seed)
    on_step("matching")
    stable_edge = deferred_acceptance(market, lottery, proposing)
    assigned_edge = stable_edge if method == "stable" else max_welfare_assignment(market)
    on_step("checks")
    check_feasible(market, assigned_edge)
    blocking = blocking_pairs(market, assigned_edge)
    on_step("maximum matching")
    matched = int(np.count_nonzero(assigned_edge >= 0))
    max_possible = maximum_matching_size(market.candidate_ptr, market.opening, market.capacity, matched)
    on_step("explanations")

    candidate_ids, opening_ids = instance.candidate_ids, instance.opening_ids
    assigned_opening = market.assigned_opening(assigned_edge)
    result = {
        "method": method,
        "proposing": proposing,
        "seed": seed,
        "lottery": {
            "candidates": [candidate_ids[k] for k in lottery.candidate_order.tolist()],
            "openings": [opening_ids[k] for k in lottery.opening_order.tolist()],
        },
        "assignment": {
            candidate_id: None if opening < 0 else opening_ids[opening]
            for candidate_id, opening in zip(candidate_ids, assigned_opening.tolist(), strict=True)
        },
        "candidates": market.n_candidates,
        "seats": int(market.capacity.sum()),
        "matched": matched,
        "max_possible_matched": max_possible,
        "blocking_pair_count": int(blocking.size),
        "blocking_pairs": _pairs(instance, blocking),
    }
    if method == "welfare":
        result["welfare"] = total_welfare(market, assigned_edge)
        result["stable_for_comparison"] = {
            "matched": int(np.count_nonzero(stable_edge >= 0)),
            "welfare": total_welfare(market, stable_edge),
            "blocking_pair_count": int(blocking_pairs(market, stable_edge).size),
        }
    result["explanations"] = explain(instance, assigned_edge)
    return result


def _pairs(instance: Instance, edges: np.ndarray) -> list[dict[str, str]]:
    market = instance.market
    candidates = market.edge_candidate()[edges].tolist()
    openings = market.opening[edges].tolist()
    return [
        {"candidate": instance.candidate_ids[c], "opening": instance.opening_ids[o]}
        for c, o in zip(candidates, openings, strict=True)
    ]
