"""Deferred acceptance (Gale–Shapley) for many-to-one markets with capacities, reserves and a lottery.

Candidate-proposing is the default: it gives every candidate the best opening they can have in any
stable matching and makes honest ranking the best strategy for job seekers. Employer-proposing gives
the openings' optimum instead. Ties on either side are broken by the single lottery.
"""

from typing import Literal

import numpy as np

from .market import Lottery, Market

Proposing = Literal["candidates", "employers"]
PROPOSING_SIDES: tuple[Proposing, ...] = ("candidates", "employers")
Kernel = Literal["auto", "python", "compiled"]
# Below this many pairs the plain-Python loop finishes before Numba would have loaded (docs/benchmarks.md).
COMPILED_FROM_EDGES = 8_000_000


def deferred_acceptance(
    market: Market, lottery: Lottery, proposing: Proposing = "candidates", kernel: Kernel = "auto"
) -> np.ndarray:
    """The stable matching as the held edge of every candidate (-1 when unmatched).

    ``kernel`` picks the implementation: the Numba one, the plain-Python one, or (auto) by market size.
    """
    kernels = _kernels(kernel, market.n_edges)
    order = tie_broken_edge_order(market, lottery)
    opening = market.opening if order is None else market.opening[order]
    opening_rank = market.opening_rank if order is None else market.opening_rank[order]
    candidate_position = lottery.candidate_position
    capacity, reserved = _seats_that_can_fill(market)
    if proposing == "candidates":
        held = kernels.candidate_proposing(
            market.candidate_ptr,
            opening,
            opening_rank,
            candidate_position,
            capacity,
            reserved,
            market.target_group,
        )
    elif proposing == "employers":
        edge_candidate = market.edge_candidate()
        opening_key = opening_rank.astype(np.int64) * market.n_candidates + candidate_position[edge_candidate]
        opening_edges = np.lexsort((opening_key, opening))
        opening_ptr = np.zeros(market.n_openings + 1, dtype=np.int64)
        np.cumsum(np.bincount(opening, minlength=market.n_openings), out=opening_ptr[1:])
        held = kernels.opening_proposing(
            opening_ptr, opening_edges, edge_candidate, capacity, reserved, market.target_group
        )
    else:
        raise ValueError(f"proposing must be one of {PROPOSING_SIDES}, got {proposing!r}")
    if order is not None:
        matched = held >= 0
        held[matched] = order[held[matched]]
    return held


def _seats_that_can_fill(market: Market) -> tuple[np.ndarray, np.ndarray]:
    """Capacities (and reserves) cut to the number of acceptable candidates, when the seats outnumber them.

    An opening never holds more candidates than find it acceptable, so the outcome is the same, and the
    kernels' seat storage stays bounded by the input even for a capacity of a million.
    """
    if market.capacity.sum() <= market.n_edges:
        return market.capacity, market.reserved
    capacity = np.minimum(market.capacity, np.bincount(market.opening, minlength=market.n_openings))
    return capacity, np.minimum(market.reserved, capacity)


def _kernels(kernel: Kernel, n_edges: int):
    if kernel == "compiled" or (kernel == "auto" and n_edges >= COMPILED_FROM_EDGES):
        from . import kernels  # loads Numba: only for markets where it pays

        return kernels
    if kernel not in ("auto", "python"):
        raise ValueError(f"kernel must be auto, python or compiled, got {kernel!r}")
    from . import python_kernels

    return python_kernels


def tie_broken_edge_order(market: Market, lottery: Lottery) -> np.ndarray | None:
    """Edge order in which every candidate's list is strict (None when it already is).

    A candidate indifferent between openings takes them in the order the lottery drew the openings.
    """
    if not market.candidate_has_ties():
        return None
    return np.lexsort(
        (lottery.opening_position[market.opening], market.candidate_rank, market.edge_candidate())
    )
