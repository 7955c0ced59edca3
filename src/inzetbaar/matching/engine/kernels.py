"""Compiled proposal loops of deferred acceptance (Numba), working on the flat arrays of a Market.

Both loops implement the openings' choice rule with minority reserves (Hafalir, Yenmez & Yildirim
2013): an opening first takes the best target-group candidates up to its reserved seats, then fills
the remaining seats with the best of everyone else; reserved seats nobody from the target group
claims fall back to the others. Ties are already broken: an opening compares candidates by the key
``opening_rank * n_candidates + lottery position``, a candidate compares offers by edge order.

Importing this module loads Numba, so the engine imports it only when it solves.
"""

import numpy as np
from numba import njit

_jit = njit(cache=True, nogil=True)


@_jit
def _sift_up(keys, holders, start, index):
    while index > 0:
        parent = (index - 1) >> 1
        if keys[start + parent] >= keys[start + index]:
            return
        _swap(keys, holders, start + parent, start + index)
        index = parent


@_jit
def _sift_down(keys, holders, start, size, index):
    while True:
        child = 2 * index + 1
        if child >= size:
            return
        if child + 1 < size and keys[start + child + 1] > keys[start + child]:
            child += 1
        if keys[start + index] >= keys[start + child]:
            return
        _swap(keys, holders, start + index, start + child)
        index = child


@_jit
def _swap(keys, holders, a, b):
    keys[a], keys[b] = keys[b], keys[a]
    holders[a], holders[b] = holders[b], holders[a]


@_jit
def _push(keys, holders, start, size, key, holder):
    """Add to a max-heap stored at ``start``; the worst-ranked holder stays on top."""
    keys[start + size] = key
    holders[start + size] = holder
    _sift_up(keys, holders, start, size)


@_jit
def _replace_top(keys, holders, start, size, key, holder):
    """Put ``holder`` in place of the worst-ranked one and return the one it replaced."""
    replaced = holders[start]
    keys[start] = key
    holders[start] = holder
    _sift_down(keys, holders, start, size, 0)
    return replaced


@_jit
def _pop_top(keys, holders, start, size):
    """Remove the worst-ranked holder (``size`` is the size before removal) and return it."""
    worst = holders[start]
    keys[start] = keys[start + size - 1]
    holders[start] = holders[start + size - 1]
    _sift_down(keys, holders, start, size - 1, 0)
    return worst


# Columns of the per-opening and per-candidate state rows: one row is one cache line, because on a
# national market every proposal lands on a random opening and most of the time goes to memory misses.
_GENERAL_START, _GENERAL_SIZE, _CAPACITY, _RESERVED, _RESERVE_START, _RESERVE_SIZE = range(6)
_NEXT_EDGE, _END, _LOTTERY, _IN_TARGET, _LAST_CUTOFF_SEEN = range(5)
# Proposals gathered per batch: their memory loads are independent, so the processor overlaps the misses.
_BATCH = 256


@_jit
def candidate_proposing(
    candidate_ptr, edge_opening, edge_opening_rank, lottery_position, capacity, reserved, target_group
):
    """Candidate-proposing deferred acceptance; returns the held edge of every candidate (-1: none).

    Each opening keeps two max-heaps of tentatively accepted candidates: the reserved seats (target
    group only) and the general seats. A proposal is accepted, displaces the worst general holder, or
    is rejected, and a rejected candidate goes back on the stack of candidates still to propose. The
    outcome does not depend on the order of proposals, which lets the loop take them in batches: first
    the memory loads of a whole batch, then the admissions one by one.
    """
    n_candidates = candidate_ptr.shape[0] - 1
    opening_state, general_keys, general_holders, reserve_keys, reserve_holders = _opening_seats(
        capacity, reserved
    )
    candidate_state = np.zeros((n_candidates, 8), np.int64)
    proposing = np.empty(n_candidates, np.int64)
    n_proposing = 0
    for candidate in range(n_candidates - 1, -1, -1):
        candidate_state[candidate, _NEXT_EDGE] = candidate_ptr[candidate]
        candidate_state[candidate, _END] = candidate_ptr[candidate + 1]
        candidate_state[candidate, _LOTTERY] = lottery_position[candidate]
        candidate_state[candidate, _IN_TARGET] = target_group[candidate]
        if candidate_ptr[candidate] < candidate_ptr[candidate + 1]:
            proposing[n_proposing] = candidate
            n_proposing += 1
    batch_candidate = np.empty(_BATCH, np.int64)
    batch_edge = np.empty(_BATCH, np.int64)
    batch_opening = np.empty(_BATCH, np.int64)
    batch_key = np.empty(_BATCH, np.int64)
    batch_start = np.empty(_BATCH, np.int64)

    while n_proposing > 0:
        size = min(_BATCH, n_proposing)
        # Gather in passes of independent loads (candidate rows, then edges, then openings, then heaps):
        # within a pass the processor overlaps the misses; the admissions then find them in cache.
        for i in range(size):
            batch_candidate[i] = proposing[n_proposing - 1 - i]
            batch_edge[i] = candidate_state[batch_candidate[i], _NEXT_EDGE]
        for i in range(size):
            batch_opening[i] = edge_opening[batch_edge[i]]
            batch_key[i] = (
                edge_opening_rank[batch_edge[i]] * n_candidates
                + candidate_state[batch_candidate[i], _LOTTERY]
            )
        for i in range(size):
            batch_start[i] = opening_state[batch_opening[i], _GENERAL_START]
        for i in range(size):
            if opening_state[batch_opening[i], _CAPACITY] > 0:
                # Stored so that the compiler keeps the load: it pulls the heap top into cache early.
                candidate_state[batch_candidate[i], _LAST_CUTOFF_SEEN] = general_keys[batch_start[i]]
        n_proposing -= size
        for i in range(size):
            rejected = _admit(
                opening_state[batch_opening[i]],
                batch_candidate[i],
                batch_key[i],
                candidate_state[batch_candidate[i], _IN_TARGET],
                general_keys,
                general_holders,
                reserve_keys,
                reserve_holders,
            )
            if rejected >= 0:
                candidate_state[rejected, _NEXT_EDGE] += 1
                if candidate_state[rejected, _NEXT_EDGE] < candidate_state[rejected, _END]:
                    proposing[n_proposing] = rejected
                    n_proposing += 1

    held_edge = np.full(n_candidates, -1, np.int64)
    for candidate in range(n_candidates):
        if candidate_state[candidate, _NEXT_EDGE] < candidate_state[candidate, _END]:
            held_edge[candidate] = candidate_state[candidate, _NEXT_EDGE]
    return held_edge


@_jit
def _opening_seats(capacity, reserved):
    """Per-opening state rows and the flat heap storage of the general and the reserved seats."""
    n_openings = capacity.shape[0]
    opening_state = np.zeros((n_openings, 8), np.int64)
    general_total, reserve_total = 0, 0
    for opening in range(n_openings):
        opening_state[opening, _GENERAL_START] = general_total
        opening_state[opening, _CAPACITY] = capacity[opening]
        opening_state[opening, _RESERVED] = reserved[opening]
        opening_state[opening, _RESERVE_START] = reserve_total
        general_total += capacity[opening]
        reserve_total += reserved[opening]
    return (
        opening_state,
        np.zeros(general_total, np.int64),
        np.empty(general_total, np.int64),
        np.zeros(reserve_total, np.int64),
        np.empty(reserve_total, np.int64),
    )


@_jit
def _admit(state, candidate, key, in_target, general_keys, general_holders, reserve_keys, reserve_holders):
    """One proposal to the opening whose state row is ``state``; returns who is rejected (-1: nobody)."""
    moving, moving_key = candidate, key
    if in_target and state[_RESERVED] > 0:
        start, size = state[_RESERVE_START], state[_RESERVE_SIZE]
        if size < state[_RESERVED]:
            _push(reserve_keys, reserve_holders, start, size, key, candidate)
            state[_RESERVE_SIZE] = size + 1
            moving = -1
        elif key < reserve_keys[start]:
            moving_key = reserve_keys[start]
            moving = _replace_top(reserve_keys, reserve_holders, start, size, key, candidate)
    start, size = state[_GENERAL_START], state[_GENERAL_SIZE]
    held = state[_RESERVE_SIZE] + size
    if moving < 0:
        if held <= state[_CAPACITY]:
            return -1
        state[_GENERAL_SIZE] = size - 1
        return _pop_top(general_keys, general_holders, start, size)
    if held < state[_CAPACITY]:
        _push(general_keys, general_holders, start, size, moving_key, moving)
        state[_GENERAL_SIZE] = size + 1
        return -1
    if size > 0 and moving_key < general_keys[start]:
        return _replace_top(general_keys, general_holders, start, size, moving_key, moving)
    return moving


_UNTOUCHED, _GENERAL_OFFER, _RESERVE_OFFER, _DECLINED = 0, 1, 2, 3


@_jit
def opening_proposing(opening_ptr, opening_edges, edge_candidate, capacity, reserved, target_group):
    """Opening-proposing deferred acceptance; returns the held edge of every candidate (-1: none).

    ``opening_edges`` lists each opening's edges best first (ties broken); a candidate prefers the
    smaller edge index. Every opening keeps offers out to its choice among the candidates who have not
    declined it: the best target-group candidates for the reserved seats, the best others for the rest.
    """
    n_candidates = target_group.shape[0]
    n_openings = capacity.shape[0]
    status = np.zeros(opening_edges.shape[0], np.int8)
    next_for_reserve = opening_ptr[:-1].copy()
    next_for_general = opening_ptr[:-1].copy()
    reserve_offers = np.zeros(n_openings, np.int64)
    general_offers = np.zeros(n_openings, np.int64)
    held_position = np.full(n_candidates, -1, np.int64)
    pending = np.empty(opening_edges.shape[0], np.int64)
    n_pending = 0
    for opening in range(n_openings):
        n_pending = _make_offers(
            opening,
            opening_ptr,
            opening_edges,
            edge_candidate,
            capacity,
            reserved,
            target_group,
            status,
            next_for_reserve,
            next_for_general,
            reserve_offers,
            general_offers,
            pending,
            n_pending,
        )
    while n_pending > 0:
        n_pending -= 1
        position = pending[n_pending]
        candidate = edge_candidate[opening_edges[position]]
        held = held_position[candidate]
        if held < 0:
            held_position[candidate] = position
            continue
        declined = position
        if opening_edges[position] < opening_edges[held]:
            held_position[candidate] = position
            declined = held
        opening = _opening_of(opening_ptr, declined)
        if status[declined] == _RESERVE_OFFER:
            reserve_offers[opening] -= 1
        else:
            general_offers[opening] -= 1
        status[declined] = _DECLINED
        n_pending = _make_offers(
            opening,
            opening_ptr,
            opening_edges,
            edge_candidate,
            capacity,
            reserved,
            target_group,
            status,
            next_for_reserve,
            next_for_general,
            reserve_offers,
            general_offers,
            pending,
            n_pending,
        )

    assigned = np.full(n_candidates, -1, np.int64)
    for candidate in range(n_candidates):
        if held_position[candidate] >= 0:
            assigned[candidate] = opening_edges[held_position[candidate]]
    return assigned


@_jit
def _opening_of(opening_ptr, position):
    return np.searchsorted(opening_ptr, position, side="right") - 1


@_jit
def _make_offers(
    opening,
    opening_ptr,
    opening_edges,
    edge_candidate,
    capacity,
    reserved,
    target_group,
    status,
    next_for_reserve,
    next_for_general,
    reserve_offers,
    general_offers,
    pending,
    n_pending,
):
    """Top up ``opening``'s offers to its choice among the candidates who have not declined it."""
    end = opening_ptr[opening + 1]
    position = next_for_reserve[opening]
    while reserve_offers[opening] < reserved[opening] and position < end:
        if target_group[edge_candidate[opening_edges[position]]] and status[position] != _DECLINED:
            if status[position] == _GENERAL_OFFER:
                general_offers[opening] -= 1  # already holds an offer: it moves to a reserved seat
            else:
                pending[n_pending] = position
                n_pending += 1
            status[position] = _RESERVE_OFFER
            reserve_offers[opening] += 1
        position += 1
    next_for_reserve[opening] = position
    position = next_for_general[opening]
    while reserve_offers[opening] + general_offers[opening] < capacity[opening] and position < end:
        if status[position] == _UNTOUCHED:
            status[position] = _GENERAL_OFFER
            general_offers[opening] += 1
            pending[n_pending] = position
            n_pending += 1
        position += 1
    next_for_general[opening] = position
    return n_pending
