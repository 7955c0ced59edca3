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
def ranked_segment(rows, slots, employer_score):
    """Positions of one opening's pairs, best candidate first (ties by candidate index)."""
    keys = np.empty(rows.shape[0], dtype=np.float64)
    for p in range(rows.shape[0]):
        keys[p] = -employer_score[rows[p], slots[p]]
    # group_by_opening lists each opening's pairs in candidate order, so one stable sort suffices.
    return np.argsort(keys, kind="mergesort")


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
def diversify_kernel(pool_opening, employer_score, quota, top_k, rounds):
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
        for o in range(quota.shape[0]):
            if start[o + 1] - start[o] <= quota[o]:
                continue
            seg_rows, seg_slots = rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]]
            ranked = ranked_segment(seg_rows, seg_slots, employer_score)
            for position in ranked[quota[o] :]:
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
    return diversify_kernel(pool_opening, employer_score, quota, top_k, rounds)


def truncate(pool_opening: np.ndarray, top_k: int) -> np.ndarray:
    """Mask of the plain top-k, for comparison and for runs without diversification."""
    mask = np.zeros(pool_opening.shape, dtype=bool)
    mask[:, :top_k] = pool_opening[:, :top_k] >= 0
    return mask


@njit(parallel=True, cache=True)
def rank_segments(start, rows, slots, employer_score):
    order = np.empty(rows.shape[0], dtype=np.int32)
    for o in prange(start.shape[0] - 1):
        segment = ranked_segment(
            rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]], employer_score
        )
        for p in range(segment.shape[0]):
            order[start[o] + p] = rows[start[o] + segment[p]]
    return order


def opening_rankings(
    selected: np.ndarray, pool_opening: np.ndarray, employer_score: np.ndarray, opening_count: int
):
    """Each opening's list: the candidates who listed it, best employer-side score first (CSR)."""
    start, rows, slots = group_by_opening(selected, pool_opening, opening_count)
    return start, rank_segments(start, rows, slots, employer_score)
