"""A slow, plainly written deferred acceptance with reserves: the cross-check of the compiled kernels.

It follows the textbook: openings choose with the minority-reserve choice rule written out as
sorting, and the proposing side works round by round. Nothing here is shared with the kernels.
"""

import numpy as np

from inzetbaar.matching.engine import Lottery, Market


def choose(market: Market, opening: int, applicants: set[int], key) -> set[int]:
    """The opening's choice among applicants: best target-group ones for the reserve, then the best."""
    by_rank = sorted(applicants, key=key)
    reserve = [c for c in by_rank if market.target_group[c]][: market.reserved[opening]]
    rest = [c for c in by_rank if c not in reserve]
    return set(reserve + rest[: market.capacity[opening] - len(reserve)])


def strict_preferences(market: Market, lottery: Lottery):
    """Tie-broken lists: per candidate (openings best first) and per opening (key function on candidates)."""
    candidate_position = lottery.candidate_position
    opening_position = lottery.opening_position
    edge_candidate = market.edge_candidate()
    lists = [[] for _ in range(market.n_candidates)]
    edge_of = {}
    for edge in range(market.n_edges):
        candidate, opening = int(edge_candidate[edge]), int(market.opening[edge])
        lists[candidate].append((int(market.candidate_rank[edge]), int(opening_position[opening]), opening))
        edge_of[candidate, opening] = edge
    candidate_lists = [[opening for *_, opening in sorted(entries)] for entries in lists]

    def opening_key(opening: int):
        def key(candidate: int):
            rank = int(market.opening_rank[edge_of[candidate, opening]])
            return rank, int(candidate_position[candidate])

        return key

    return candidate_lists, opening_key, edge_of


def candidate_proposing(market: Market, lottery: Lottery) -> np.ndarray:
    candidate_lists, opening_key, edge_of = strict_preferences(market, lottery)
    next_choice = [0] * market.n_candidates
    held: list[set[int]] = [set() for _ in range(market.n_openings)]
    while True:
        proposals: dict[int, set[int]] = {}
        for candidate, ranking in enumerate(candidate_lists):
            is_held = any(candidate in holders for holders in held)
            if not is_held and next_choice[candidate] < len(ranking):
                proposals.setdefault(ranking[next_choice[candidate]], set()).add(candidate)
                next_choice[candidate] += 1
        if not proposals:
            break
        for opening, applicants in proposals.items():
            held[opening] = choose(market, opening, held[opening] | applicants, opening_key(opening))
    return _as_edges(market, held, edge_of)


def employer_proposing(market: Market, lottery: Lottery) -> np.ndarray:
    candidate_lists, opening_key, edge_of = strict_preferences(market, lottery)
    not_declined = [set() for _ in range(market.n_openings)]
    for candidate, opening in edge_of:
        not_declined[opening].add(candidate)
    while True:
        offers: dict[int, list[int]] = {}
        for opening in range(market.n_openings):
            for candidate in choose(market, opening, not_declined[opening], opening_key(opening)):
                offers.setdefault(candidate, []).append(opening)
        declined = False
        for candidate, openings in offers.items():
            best = min(openings, key=candidate_lists[candidate].index)
            for opening in openings:
                if opening != best:
                    not_declined[opening].discard(candidate)
                    declined = True
        if not declined:
            break
    held = [set() for _ in range(market.n_openings)]
    for candidate, openings in offers.items():
        held[min(openings, key=candidate_lists[candidate].index)].add(candidate)
    return _as_edges(market, held, edge_of)


def blocking_pairs_by_choice(market: Market, lottery: Lottery, assigned_edge: np.ndarray) -> set[int]:
    """Blocking edges by the general definition: c prefers o, and o chooses c from its holders plus c."""
    candidate_lists, opening_key, edge_of = strict_preferences(market, lottery)
    holders = [set() for _ in range(market.n_openings)]
    current = {}
    for candidate, edge in enumerate(assigned_edge.tolist()):
        if edge >= 0:
            holders[int(market.opening[edge])].add(candidate)
            current[candidate] = int(market.opening[edge])
    blocking = set()
    for (candidate, opening), edge in edge_of.items():
        ranking = candidate_lists[candidate]
        prefers = candidate not in current or ranking.index(opening) < ranking.index(current[candidate])
        if prefers and candidate in choose(
            market, opening, holders[opening] | {candidate}, opening_key(opening)
        ):
            blocking.add(edge)
    return blocking


def _as_edges(market: Market, held: list[set[int]], edge_of: dict) -> np.ndarray:
    assigned_edge = np.full(market.n_candidates, -1, dtype=np.int64)
    for opening, holders in enumerate(held):
        for candidate in holders:
            assigned_edge[candidate] = edge_of[candidate, opening]
    return assigned_edge
