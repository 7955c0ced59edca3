"""Deferred acceptance in plain Python (heapq on lists): the kernels for small and medium markets.

Same contract as :mod:`.kernels` (arguments, result, choice rule with minority reserves). Loading
Numba and its compiled code costs about half a second per process, more than this loop needs for a
market of a few million pairs, so the engine runs these below a size threshold and the compiled ones
above it (see docs/benchmarks.md). The tests check that both give identical results.

A heap entry is the negated key ``opening_rank * n_candidates + lottery position``: keys are unique,
the heap top is the worst-ranked holder, and the candidate is recovered from the key's remainder.
"""

from heapq import heappop, heappush, heapreplace

import numpy as np


def candidate_proposing(
    candidate_ptr, edge_opening, edge_opening_rank, lottery_position, capacity, reserved, target_group
):
    """Candidate-proposing deferred acceptance; returns the held edge of every candidate (-1: none)."""
    n_candidates = target_group.shape[0]
    if not reserved.any() or not target_group.any():
        return _candidate_proposing_without_reserves(
            candidate_ptr, edge_opening, edge_opening_rank, lottery_position, capacity
        )
    ends = candidate_ptr[1:].tolist()
    # memoryview: a proposal touches few edges, so per-item access beats converting every edge to a list
    opening_of, rank_of = memoryview(edge_opening), memoryview(edge_opening_rank)
    position = lottery_position.tolist()
    drawn = np.argsort(lottery_position).tolist()
    capacity, reserved, target_group = capacity.tolist(), reserved.tolist(), target_group.tolist()
    general: list[list[int]] = [[] for _ in capacity]
    reserve: list[list[int]] = [[] for _ in capacity]
    next_edge = candidate_ptr[:-1].tolist()

    for first in range(n_candidates):
        candidate = first
        while next_edge[candidate] < ends[candidate]:
            edge = next_edge[candidate]
            opening = opening_of[edge]
            moving = rank_of[edge] * n_candidates + position[candidate]
            if target_group[candidate] and reserved[opening]:
                seats = reserve[opening]
                if len(seats) < reserved[opening]:
                    heappush(seats, -moving)
                    moving = -1
                elif moving < -seats[0]:
                    moving = -heapreplace(seats, -moving)
            seats = general[opening]
            held = len(reserve[opening]) + len(seats)
            if moving < 0:
                if held <= capacity[opening]:
                    break
                rejected = -heappop(seats)
            elif held < capacity[opening]:
                heappush(seats, -moving)
                break
            elif seats and moving < -seats[0]:
                rejected = -heapreplace(seats, -moving)
            else:
                rejected = moving
            candidate = drawn[rejected % n_candidates]
            next_edge[candidate] += 1

    held_edge = np.asarray(next_edge, dtype=np.int64)
    held_edge[held_edge == candidate_ptr[1:]] = -1
    return held_edge


def _candidate_proposing_without_reserves(
    candidate_ptr, edge_opening, edge_opening_rank, lottery_position, capacity
):
    """The same loop when no reserve can apply (no reserved seats or no target group): one heap each."""
    n_candidates = lottery_position.shape[0]
    ends = candidate_ptr[1:].tolist()
    opening_of, rank_of = memoryview(edge_opening), memoryview(edge_opening_rank)
    position = lottery_position.tolist()
    drawn = np.argsort(lottery_position).tolist()
    free = capacity.tolist()
    seats: list[list[int]] = [[] for _ in free]
    next_edge = candidate_ptr[:-1].tolist()

    for first in range(n_candidates):
        candidate = first
        edge = next_edge[candidate]
        while edge < ends[candidate]:
            opening = opening_of[edge]
            moving = rank_of[edge] * n_candidates + position[candidate]
            if free[opening]:
                free[opening] -= 1
                heappush(seats[opening], -moving)
                break
            held = seats[opening]
            if held and moving < -held[0]:
                moving = -heapreplace(held, -moving)
            candidate = drawn[moving % n_candidates]
            edge = next_edge[candidate] + 1
            next_edge[candidate] = edge

    held_edge = np.asarray(next_edge, dtype=np.int64)
    held_edge[held_edge == candidate_ptr[1:]] = -1
    return held_edge


def opening_proposing(opening_ptr, opening_edges, edge_candidate, capacity, reserved, target_group):
    """Opening-proposing deferred acceptance; returns the held edge of every candidate (-1: none).

    Each opening keeps offers out to its choice among the candidates who have not declined it: the
    best target-group candidates for the reserved seats, then the best of the rest.
    """
    edges = opening_edges.tolist()
    candidate_at = edge_candidate[opening_edges].tolist()
    in_target = target_group[edge_candidate[opening_edges]].tolist()
    ends = opening_ptr[1:].tolist()
    capacity, reserved = capacity.tolist(), reserved.tolist()
    reserve_offers: list[set[int]] = [set() for _ in capacity]
    general_offers: list[set[int]] = [set() for _ in capacity]
    declined: set[int] = set()
    next_for_reserve = opening_ptr[:-1].tolist()
    next_for_general = opening_ptr[:-1].tolist()
    opening_at = np.repeat(np.arange(len(capacity)), np.diff(opening_ptr)).tolist()
    held = [-1] * target_group.shape[0]

    def make_offers(opening: int) -> list[int]:
        offers = []
        position, end = next_for_reserve[opening], ends[opening]
        while len(reserve_offers[opening]) < reserved[opening] and position < end:
            if in_target[position] and position not in declined:
                if position in general_offers[opening]:
                    general_offers[opening].remove(position)  # already holds an offer: now a reserved seat
                else:
                    offers.append(position)
                reserve_offers[opening].add(position)
            position += 1
        next_for_reserve[opening] = position
        position = next_for_general[opening]
        while (
            len(reserve_offers[opening]) + len(general_offers[opening]) < capacity[opening] and position < end
        ):
            if position not in declined and position not in reserve_offers[opening]:
                general_offers[opening].add(position)
                offers.append(position)
            position += 1
        next_for_general[opening] = position
        return offers

    pending = [offer for opening in range(len(capacity)) for offer in make_offers(opening)]
    while pending:
        position = pending.pop()
        candidate = candidate_at[position]
        current = held[candidate]
        if current < 0:
            held[candidate] = position
            continue
        loser = position
        if edges[position] < edges[current]:
            held[candidate], loser = position, current
        opening = opening_at[loser]
        reserve_offers[opening].discard(loser)
        general_offers[opening].discard(loser)
        declined.add(loser)
        pending.extend(make_offers(opening))

    return np.asarray([edges[position] if position >= 0 else -1 for position in held], dtype=np.int64)
