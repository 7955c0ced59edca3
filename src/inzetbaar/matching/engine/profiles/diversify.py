"""Short lists that leave nobody out for lack of alternatives, and the openings' own rankings.

When many candidates put the same few openings on their short lists, each of those openings can take
only its capacity, and candidates ranked low by it end up unmatched although openings with free seats
were acceptable to them. Diversification caps how many short lists an opening may appear on, relative
to its seats and to the average load per seat; a candidate dropped from an over-listed opening (the
one that opening ranks lowest, so the one least likely to get it) gets its next-best opening from its
pool instead: the best one still under its own cap, else the least-listed one. A candidate without a
spare keeps the pair, so no list gets shorter.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

DEFAULT_SEATS_FACTOR = 3.0
DEFAULT_ROUNDS = 4


@njit(cache=True)
def group_by_opening(selected, pool_opening, opening_count):
    """CSR of the selected (candidate, slot) pairs per opening: start offsets, candidates, slots."""
    counts = np.zeros(opening_count + 1, dtype=np.int64)
    for i in range(selected.shape[0]):
        for s in range(selected.shape[1]):
            if selected[i, s]:
                counts[pool_opening[i, s] + 1] += 1
    start = np.cumsum(counts)
    fill = start[:-1].copy()
    rows = np.empty(start[-1], dtype=np.int32)
    slots = np.empty(start[-1], dtype=np.int32)
    for i in range(selected.shape[0]):
        for s in range(selected.shape[1]):
            if selected[i, s]:
                o = pool_opening[i, s]
                rows[fill[o]], slots[fill[o]] = i, s
                fill[o] += 1
    return start, rows, slots


@njit(cache=True)
def ranked_segment(rows, slots, score_bits):
    """Positions of one opening's pairs, best candidate first (ties by candidate index).

    ``score_bits`` are the employer scores' float32 bits. One sort of 64-bit keys: the score's
    order-preserving bits, inverted so the best comes first, above the position; group_by_opening
    lists an opening's pairs in candidate order, so equal scores keep candidate order.
    """
    keys = np.empty(rows.shape[0], dtype=np.uint64)
    for p in range(rows.shape[0]):
        keys[p] = (descending_bits(score_bits[rows[p], slots[p]]) << np.uint64(32)) | np.uint64(p)
    keys.sort()
    return (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)


@njit(cache=True, inline="always")
def descending_bits(bits32):
    """32 bits that sort ascending as the float32 with these bits sorts descending (any sign)."""
    bits = np.uint64(bits32)
    if bits & np.uint64(0x80000000):
        return bits
    return np.uint64(0x7FFFFFFF) - bits


@njit(parallel=True, cache=True)
def rank_over_quota(start, rows, slots, score_bits, quota):
    """For every opening listed more often than its quota: its pairs' positions, best candidate first.

    The rankings depend only on the state at the start of a round, so they are sorted in parallel
    before the round's (sequential) moves.
    """
    order = np.empty(rows.shape[0], dtype=np.int64)
    for o in prange(start.shape[0] - 1):
        if start[o + 1] - start[o] > quota[o]:
            order[start[o] : start[o + 1]] = ranked_segment(
                rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]], score_bits
            )
    return order


@njit(cache=True)
def replacement_slot(selected, excluded, pool_opening, listed, quota, i, top_k):
    """The candidate's best spare opening still under its quota, else its least-listed spare; -1 if none.

    Spares lie beyond the first ``top_k`` slots: those start selected and leave only as excluded.
    """
    least, least_load = -1, np.inf
    for s in range(min(top_k, selected.shape[1]), selected.shape[1]):
        o = pool_opening[i, s]
        if o < 0 or selected[i, s] or excluded[i, s]:
            continue
        if listed[o] < quota[o]:
            return s
        load = listed[o] / max(quota[o], 1)
        if load < least_load:
            least, least_load = s, load
    return least


@njit(cache=True)
def diversify_kernel(pool_opening, score_bits, quota, top_k, rounds):
    n, pool_size = pool_opening.shape
    selected = np.zeros((n, pool_size), dtype=np.bool_)
    for i in range(n):
        for s in range(min(top_k, pool_size)):
            selected[i, s] = pool_opening[i, s] >= 0
    excluded = np.zeros((n, pool_size), dtype=np.bool_)
    for _ in range(rounds):
        start, rows, slots = group_by_opening(selected, pool_opening, quota.shape[0])
        listed = np.diff(start)
        changed = False
        order = rank_over_quota(start, rows, slots, score_bits, quota)
        for o in range(quota.shape[0]):
            if start[o + 1] - start[o] <= quota[o]:
                continue
            seg_rows, seg_slots = rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]]
            for position in order[start[o] + quota[o] : start[o + 1]]:
                i, s = seg_rows[position], seg_slots[position]
                spare = replacement_slot(selected, excluded, pool_opening, listed, quota, i, top_k)
                if spare < 0:
                    continue
                selected[i, s], excluded[i, s], selected[i, spare] = False, True, True
                listed[o] -= 1
                listed[pool_opening[i, spare]] += 1
                changed = True
        if not changed:
            break
    return selected


def appearance_quota(
    pool_opening: np.ndarray, capacity: np.ndarray, top_k: int, seats_factor: float
) -> np.ndarray:
    """Most short lists an opening may appear on: seats × factor × the average number of lists per seat."""
    listed = int(np.count_nonzero(pool_opening[:, :top_k] >= 0))
    seats = max(1, int(capacity.sum()))
    load = max(1.0, listed / seats)
    return np.ceil(capacity * seats_factor * load).astype(np.int64)


def diversify(
    pool_opening: np.ndarray,
    employer_score: np.ndarray,
    capacity: np.ndarray,
    top_k: int,
    seats_factor: float = DEFAULT_SEATS_FACTOR,
    rounds: int = DEFAULT_ROUNDS,
) -> np.ndarray:
    """Mask over the pools of the pairs that make up the short lists (at most ``top_k`` per candidate)."""
    quota = appearance_quota(pool_opening, capacity, top_k, seats_factor)
    return diversify_kernel(pool_opening, employer_score.view(np.uint32), quota, top_k, rounds)


def truncate(pool_opening: np.ndarray, top_k: int) -> np.ndarray:
    """Mask of the plain top-k, for comparison and for runs without diversification."""
    mask = np.zeros(pool_opening.shape, dtype=bool)
    mask[:, :top_k] = pool_opening[:, :top_k] >= 0
    return mask


@njit(parallel=True, cache=True)
def rank_segments(start, rows, slots, score_bits):
    order = np.empty(rows.shape[0], dtype=np.int32)
    for o in prange(start.shape[0] - 1):
        segment = ranked_segment(rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]], score_bits)
        for p in range(segment.shape[0]):
            order[start[o] + p] = rows[start[o] + segment[p]]
    return order


def opening_rankings(
    selected: np.ndarray, pool_opening: np.ndarray, employer_score: np.ndarray, opening_count: int
):
    """Each opening's list: the candidates who listed it, best employer-side score first (CSR)."""
    start, rows, slots = group_by_opening(selected, pool_opening, opening_count)
    return start, rank_segments(start, rows, slots, employer_score.view(np.uint32))
