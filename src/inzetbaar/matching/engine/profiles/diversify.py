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

from .intrinsics import prefetch_address

DEFAULT_SEATS_FACTOR = 3.0
DEFAULT_ROUNDS = 4


# Candidates are grouped by opening in this many parts in parallel; a fixed number, so the work split
# (not the result, which is the same for any number) does not depend on the number of threads.
GROUP_PARTS = 16
# Moves prefetch the pool rows of the candidate this many places ahead in the opening's ranking.
PREFETCH_AHEAD = 16


@njit(parallel=True, cache=True)
def group_by_opening(selected, pool_opening, score_bits, opening_count):
    """CSR of the selected (candidate, slot) pairs per opening: start offsets, candidates, slots, and
    the pairs' employer-score bits (copied while the pools are read in order, so that ranking an
    opening's pairs reads them contiguously instead of from random candidates' rows).

    Within an opening the pairs are in candidate order. Built in parallel over GROUP_PARTS ranges of
    candidates: each part counts its pairs per opening, and part p writes an opening's pairs after
    those of parts 0..p-1, so the result is the same as one sequential pass.
    """
    n = selected.shape[0]
    parts = GROUP_PARTS
    counts = np.zeros((parts, opening_count), dtype=np.int64)
    for p in prange(parts):
        for i in range(p * n // parts, (p + 1) * n // parts):
            for s in range(selected.shape[1]):
                if selected[i, s]:
                    counts[p, pool_opening[i, s]] += 1
    totals = np.zeros(opening_count + 1, dtype=np.int64)
    for o in prange(opening_count):
        total = 0
        for p in range(parts):
            total += counts[p, o]
        totals[o + 1] = total
    start = np.cumsum(totals)
    for o in prange(opening_count):
        offset = start[o]
        for p in range(parts):
            count = counts[p, o]
            counts[p, o] = offset
            offset += count
    rows = np.empty(start[-1], dtype=np.int32)
    slots = np.empty(start[-1], dtype=np.int32)
    bits = np.empty(start[-1], dtype=np.uint32)
    for p in prange(parts):
        fill = counts[p]
        for i in range(p * n // parts, (p + 1) * n // parts):
            for s in range(selected.shape[1]):
                if selected[i, s]:
                    o = pool_opening[i, s]
                    rows[fill[o]], slots[fill[o]], bits[fill[o]] = i, s, score_bits[i, s]
                    fill[o] += 1
    return start, rows, slots, bits


@njit(cache=True, inline="always")
def prefetch_entry(array, i, s):
    """Prefetch element [i, s] of a C-contiguous 2-D array (for another layout the hint is only wasted)."""
    prefetch_address(array.ctypes.data + (i * array.shape[1] + s) * array.itemsize)


@njit(cache=True)
def ranked_segment(bits):
    """Positions of one opening's pairs, best candidate first (ties by candidate index).

    ``bits`` are the pairs' employer scores as float32 bits, in candidate order (group_by_opening).
    One sort of 64-bit keys: the score's order-preserving bits, inverted so the best comes first,
    above the position, so equal scores keep candidate order.
    """
    keys = np.empty(bits.shape[0], dtype=np.uint64)
    for p in range(bits.shape[0]):
        keys[p] = (descending_bits(bits[p]) << np.uint64(32)) | np.uint64(p)
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
def rank_over_quota(start, bits, quota):
    """For every opening listed more often than its quota: its pairs' positions, best candidate first.

    The rankings depend only on the state at the start of a round, so they are sorted in parallel
    before the round's (sequential) moves.
    """
    order = np.empty(bits.shape[0], dtype=np.int64)
    for o in prange(start.shape[0] - 1):
        if start[o + 1] - start[o] > quota[o]:
            order[start[o] : start[o + 1]] = ranked_segment(bits[start[o] : start[o + 1]])
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
    spare_start = min(top_k, pool_size)
    for _ in range(rounds):
        start, rows, slots, bits = group_by_opening(selected, pool_opening, score_bits, quota.shape[0])
        listed = np.diff(start)
        changed = False
        order = rank_over_quota(start, bits, quota)
        for o in range(quota.shape[0]):
            if start[o + 1] - start[o] <= quota[o]:
                continue
            seg_rows, seg_slots = rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]]
            first, last = start[o] + quota[o], start[o + 1]
            for p in range(first, last):
                # The moves are sequential and each touches a random candidate's rows: fetch the rows
                # of a candidate further down the ranking while this one is handled (no effect on
                # the result, only on memory stalls).
                if p + PREFETCH_AHEAD < last:
                    ahead = order[p + PREFETCH_AHEAD]
                    k, slot_ahead = seg_rows[ahead], seg_slots[ahead]
                    prefetch_entry(pool_opening, k, spare_start)
                    prefetch_entry(selected, k, spare_start)
                    prefetch_entry(excluded, k, spare_start)
                    prefetch_entry(selected, k, slot_ahead)
                position = order[p]
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
def rank_segments(start, rows, bits):
    order = np.empty(rows.shape[0], dtype=np.int32)
    for o in prange(start.shape[0] - 1):
        segment = ranked_segment(bits[start[o] : start[o + 1]])
        for p in range(segment.shape[0]):
            order[start[o] + p] = rows[start[o] + segment[p]]
    return order


def opening_rankings(
    selected: np.ndarray, pool_opening: np.ndarray, employer_score: np.ndarray, opening_count: int
):
    """Each opening's list: the candidates who listed it, best employer-side score first (CSR)."""
    score_bits = employer_score.view(np.uint32)
    start, rows, _, bits = group_by_opening(selected, pool_opening, score_bits, opening_count)
    return start, rank_segments(start, rows, bits)
