"""Checks of a matching: feasibility, every blocking pair (reserve-aware), candidate-optimality.

A candidate ``c`` and an opening ``o`` that find each other acceptable block a matching when ``c``
strictly prefers ``o`` to what it has (or is unmatched) and ``o`` would take ``c``: ``o`` has a free
seat, or it holds a candidate ``d`` it ranks strictly below ``c`` whose seat ``c`` may take, or ``c``
is in the target group while ``o`` has fewer target-group holders than reserved seats and holds
someone outside the target group. ``c`` may take ``d``'s seat when both are in the target group or
both are not, when ``c`` is in the target group and ``d`` is not, or when ``d`` is in the target group
and ``o`` holds more target-group candidates than it reserved seats for. This is the fairness notion
of Hafalir, Yenmez & Yildirim (2013) for minority reserves; without reserves it is ordinary
stability. Ranks are the declared (weak) ones: a tie never blocks.
"""

from collections.abc import Iterator

import numpy as np

from .market import MAX_RANK, Market

_UNMATCHED_RANK = np.iinfo(np.int64).max


def check_feasible(market: Market, assigned_edge: np.ndarray) -> None:
    """Raise ValueError unless every candidate holds one of its own edges and no opening is over capacity."""
    assigned_edge = np.asarray(assigned_edge, dtype=np.int64)
    if assigned_edge.shape != (market.n_candidates,):
        raise ValueError("the assignment needs one edge (or -1) per candidate")
    matched = np.flatnonzero(assigned_edge >= 0)
    edges = assigned_edge[matched]
    if np.any(edges < market.candidate_ptr[matched]) or np.any(edges >= market.candidate_ptr[matched + 1]):
        raise ValueError("a candidate is assigned through an edge that is not its own")
    held = np.bincount(market.opening[edges], minlength=market.n_openings)
    if np.any(held > market.capacity):
        raise ValueError(f"opening {int(np.argmax(held > market.capacity))} holds more than its capacity")


def blocking_pairs(market: Market, assigned_edge: np.ndarray) -> np.ndarray:
    """Indices of all edges whose candidate and opening block the matching (see the module docstring)."""
    assigned_edge = np.asarray(assigned_edge, dtype=np.int64)
    # int32 and no per-edge candidate array: at national scale these temporaries dominate the time
    current_rank = np.minimum(candidate_ranks(market, assigned_edge), MAX_RANK + 1).astype(np.int32)
    lengths = np.diff(market.candidate_ptr)
    wanting = np.flatnonzero(market.candidate_rank < np.repeat(current_rank, lengths))
    candidate = np.searchsorted(market.candidate_ptr, wanting, side="right") - 1
    held = HolderSummary(market, assigned_edge)
    in_target = market.target_group[candidate]
    return wanting[held.would_take(market.opening[wanting], market.opening_rank[wanting], in_target)]


def candidate_ranks(market: Market, assigned_edge: np.ndarray) -> np.ndarray:
    """Each candidate's rank of its assigned opening (int64; the largest int64 when unmatched)."""
    ranks = np.full(market.n_candidates, _UNMATCHED_RANK, dtype=np.int64)
    matched = assigned_edge >= 0
    ranks[matched] = market.candidate_rank[assigned_edge[matched]]
    return ranks


class HolderSummary:
    """Per opening: how many it holds, how many from the target group, and the worst rank of each kind.

    The explanations read their cut-offs from it too; a worst rank of -1 means "holds none of that kind".
    """

    def __init__(self, market: Market, assigned_edge: np.ndarray):
        n_openings = market.n_openings
        matched = np.flatnonzero(assigned_edge >= 0)
        edges = assigned_edge[matched]
        opening = market.opening[edges]
        rank = market.opening_rank[edges]
        in_target = market.target_group[matched]
        self.count = np.bincount(opening, minlength=n_openings)
        self.target_count = np.bincount(opening[in_target], minlength=n_openings)
        self.worst_other = _worst_rank(opening[~in_target], rank[~in_target], n_openings)
        self.worst_target = _worst_rank(opening[in_target], rank[in_target], n_openings)
        self.surplus_targets = self.target_count > market.reserved
        self.reserve_open_to_claim = (self.target_count < market.reserved) & (self.count > self.target_count)
        self.has_free_seat = self.count < market.capacity

    def would_take(self, opening: np.ndarray, rank: np.ndarray, in_target: np.ndarray) -> np.ndarray:
        """Whether each opening would take a candidate of this rank and group (the blocking rule)."""
        return (
            self.has_free_seat[opening]
            | (rank < self.worst_other[opening])
            | ((rank < self.worst_target[opening]) & (in_target | self.surplus_targets[opening]))
            | (in_target & self.reserve_open_to_claim[opening])
        )


def _worst_rank(opening: np.ndarray, rank: np.ndarray, n_openings: int) -> np.ndarray:
    worst = np.full(n_openings, -1, dtype=np.int64)
    np.maximum.at(worst, opening, rank)
    return worst


def stable_matchings(market: Market) -> Iterator[np.ndarray]:
    """Every stable matching of a small market, by enumeration (exponential: tests and audits only)."""
    free_seats = market.capacity.copy()
    assigned_edge = np.full(market.n_candidates, -1, dtype=np.int64)

    def extend(candidate: int) -> Iterator[np.ndarray]:
        if candidate == market.n_candidates:
            if blocking_pairs(market, assigned_edge).size == 0:
                yield assigned_edge.copy()
            return
        yield from extend(candidate + 1)
        for edge in range(market.candidate_ptr[candidate], market.candidate_ptr[candidate + 1]):
            opening = market.opening[edge]
            if free_seats[opening] > 0:
                free_seats[opening] -= 1
                assigned_edge[candidate] = edge
                yield from extend(candidate + 1)
                assigned_edge[candidate] = -1
                free_seats[opening] += 1

    return extend(0)


def is_candidate_optimal(market: Market, assigned_edge: np.ndarray) -> bool:
    """Whether every candidate likes this matching at least as well as any stable matching (enumeration)."""
    ranks = candidate_ranks(market, np.asarray(assigned_edge, dtype=np.int64))
    return all(np.all(ranks <= candidate_ranks(market, other)) for other in stable_matchings(market))
