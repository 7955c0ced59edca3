"""Explanations of a matching, per candidate: what they got and why, and why not what they ranked higher.

For a matched pair: both sides' rank of each other and, when the instance carries them, the per-category
factor scores that built the preferences. For every opening a candidate ranked strictly higher than the
one they got (all of them when unmatched), one reason:

- ``not_acceptable``: the opening does not list the candidate;
- ``not_eligible``: the candidate is not eligible for the opening's seat class;
- ``no_seats``: the opening has capacity 0;
- ``full``: every seat is held by candidates the opening ranks strictly higher (``cutoff_rank`` is the
  opening's rank of the last one it took, ``rank_at_opening`` the candidate's own);
- ``lost_tie_break``: full, and the opening ranks the candidate equal to its cut-off: the lottery decided;
- ``reserved_for_target_group``: the candidate outranks someone who holds a reserved seat;
- ``would_accept``: the opening would take the candidate (a blocking pair; only in a non-stable result).
"""

import numpy as np

from .instance import NOT_ACCEPTABLE, NOT_ELIGIBLE, Instance
from .stability import HolderSummary, candidate_ranks

_REASONS = (
    "not_acceptable",
    "not_eligible",
    "no_seats",
    "full",
    "lost_tie_break",
    "reserved_for_target_group",
    "would_accept",
)
_WITH_CUTOFF = {"full", "lost_tie_break", "reserved_for_target_group"}


def explain(instance: Instance, assigned_edge: np.ndarray) -> dict[str, dict]:
    """Per candidate id: the assigned opening, ranks and factors, and the reasons for every miss."""
    market = instance.market
    assigned_edge = np.asarray(assigned_edge, dtype=np.int64)
    listed_row = np.repeat(np.arange(market.n_candidates), np.diff(instance.listed_ptr))
    missed = np.flatnonzero(instance.listed_rank < candidate_ranks(market, assigned_edge)[listed_row])
    bounds = np.searchsorted(listed_row[missed], np.arange(market.n_candidates + 1)).tolist()
    not_obtained = _missed_entries(instance, assigned_edge, missed)

    matched = assigned_edge >= 0
    if market.n_edges:
        edge = np.where(matched, assigned_edge, 0)
        candidate_rank = (market.candidate_rank[edge] + 1).tolist()
        opening_rank = (market.opening_rank[edge] + 1).tolist()
    else:
        candidate_rank = opening_rank = [0] * market.n_candidates
    opening_ids = instance.opening_ids
    explanations = []
    for candidate, (opening, own_rank, their_rank, factors, low, high) in enumerate(
        zip(
            market.assigned_opening(assigned_edge).tolist(),
            candidate_rank,
            opening_rank,
            instance.factors,
            bounds[:-1],
            bounds[1:],
            strict=True,
        )
    ):
        if opening < 0:
            explanation = {"assigned": None, "unmatched_because": _unmatched_because(instance, candidate)}
        else:
            opening_id = opening_ids[opening]
            explanation = {"assigned": opening_id, "candidate_rank": own_rank, "opening_rank": their_rank}
            if factors is not None and opening_id in factors:
                explanation["factors"] = factors[opening_id]
        explanation["not_obtained"] = not_obtained[low:high]
        explanations.append(explanation)
    return dict(zip(instance.candidate_ids, explanations, strict=True))


def _missed_entries(instance: Instance, assigned_edge: np.ndarray, missed: np.ndarray) -> list[dict]:
    """One {"opening", "reason"[, "cutoff_rank", "rank_at_opening"]} per missed list entry."""
    reason, cutoff, rank_at_opening = _reasons(instance, assigned_edge, missed)
    opening_ids = instance.opening_ids
    with_cutoff = [name in _WITH_CUTOFF for name in _REASONS]
    return [
        {
            "opening": opening_ids[opening],
            "reason": _REASONS[code],
            "cutoff_rank": cut,
            "rank_at_opening": own,
        }
        if with_cutoff[code]
        else {"opening": opening_ids[opening], "reason": _REASONS[code]}
        for opening, code, cut, own in zip(
            instance.listed_opening[missed].tolist(),
            reason.tolist(),
            (cutoff + 1).tolist(),
            (rank_at_opening + 1).tolist(),
            strict=True,
        )
    ]


def _unmatched_because(instance: Instance, candidate: int) -> str:
    start, end = instance.listed_ptr[candidate], instance.listed_ptr[candidate + 1]
    if start == end:
        return "empty_list"
    if instance.market.candidate_ptr[candidate] == instance.market.candidate_ptr[candidate + 1]:
        return "no_mutually_acceptable_opening"
    return "acceptable_openings_full"


def _reasons(instance: Instance, assigned_edge: np.ndarray, missed: np.ndarray):
    """Reason code, cut-off rank and own rank (0-based, -1 where not applicable) per missed entry."""
    market = instance.market
    status = instance.listed_status[missed]
    reason = np.where(status == NOT_ELIGIBLE, 1, 0)
    cutoff = np.full(missed.shape[0], -1, dtype=np.int64)
    rank_at_opening = np.full(missed.shape[0], -1, dtype=np.int64)
    in_market = np.flatnonzero((status != NOT_ACCEPTABLE) & (status != NOT_ELIGIBLE))
    edges = status[in_market]
    opening = market.opening[edges]
    rank = market.opening_rank[edges].astype(np.int64)
    in_target = market.target_group[market.edge_candidate()[edges]]
    held = HolderSummary(market, assigned_edge)
    last_taken = np.maximum(held.worst_other[opening], held.worst_target[opening])
    blocked_by_reserve = ~in_target & ~held.surplus_targets[opening] & (held.worst_target[opening] > rank)
    code = np.select(
        [
            market.capacity[opening] == 0,
            held.would_take(opening, rank, in_target),
            blocked_by_reserve,
            rank == last_taken,
        ],
        [2, 6, 5, 4],
        default=3,
    )
    reason[in_market] = code
    cutoff[in_market] = last_taken
    rank_at_opening[in_market] = rank
    return reason, cutoff, rank_at_opening
