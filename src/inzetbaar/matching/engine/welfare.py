"""What stability costs: the maximum-welfare assignment and the maximum possible number of matches.

Welfare of a pair is the sum of both sides' satisfaction, each on a 0–1 scale: a side that gets its
first acceptable choice scores 1, and each acceptable alternative it ranks strictly higher lowers the
score by 1/(number of acceptable alternatives). An unmatched candidate scores 0. The assignment is a
linear programme over the pairs with the same capacities, acceptability and eligibility as the stable
matching (reserves are a priority rule, not a capacity, so they do not bind it); its constraint matrix
is totally unimodular, so the dual simplex returns a whole-numbered optimum. SciPy is imported only
when these functions run.
"""

import numpy as np

from .market import Market


def pair_welfare(market: Market) -> np.ndarray:
    """The welfare of every edge (float64, between 0 and 2) as defined in the module docstring."""
    candidate = market.edge_candidate()
    candidate_score = _satisfaction(candidate, market.candidate_rank, market.n_candidates)
    opening_score = _satisfaction(market.opening, market.opening_rank, market.n_openings)
    return candidate_score + opening_score


def _satisfaction(owner: np.ndarray, rank: np.ndarray, n_owners: int) -> np.ndarray:
    """1 − (alternatives the owner ranks strictly higher) / (the owner's acceptable alternatives)."""
    stride = int(rank.max(initial=0)) + 1
    owner_base = owner.astype(np.int64) * stride
    sorted_keys = np.sort(owner_base + rank)
    strictly_better = np.searchsorted(sorted_keys, owner_base + rank) - np.searchsorted(
        sorted_keys, owner_base
    )
    listed = np.bincount(owner, minlength=n_owners)[owner]
    return 1.0 - strictly_better / listed


def total_welfare(market: Market, assigned_edge: np.ndarray) -> float:
    """The welfare of a matching: the sum over its pairs."""
    edges = assigned_edge[assigned_edge >= 0]
    return float(pair_welfare(market)[edges].sum())


def max_welfare_assignment(market: Market) -> np.ndarray:
    """The assignment (held edge per candidate, -1 unmatched) with the largest total welfare."""
    from scipy.optimize import linprog

    assigned_edge = np.full(market.n_candidates, -1, dtype=np.int64)
    if market.n_edges == 0:
        return assigned_edge
    constraints, bounds = _assignment_constraints(market.candidate_ptr, market.opening, market.capacity)
    solution = linprog(-pair_welfare(market), A_ub=constraints, b_ub=bounds, bounds=(0, 1), method="highs-ds")
    if solution.status != 0:
        raise RuntimeError(f"the welfare programme did not solve: {solution.message}")
    chosen = np.flatnonzero(solution.x > 0.5)
    assigned_edge[market.edge_candidate()[chosen]] = chosen
    return assigned_edge


def _assignment_constraints(candidate_ptr: np.ndarray, edge_opening: np.ndarray, capacity: np.ndarray):
    """Rows: one seat per candidate, then ``capacity`` per opening; one column per edge."""
    from scipy.sparse import csr_array

    n_candidates = candidate_ptr.shape[0] - 1
    n_edges = edge_opening.shape[0]
    edge_candidate = np.repeat(np.arange(n_candidates), np.diff(candidate_ptr))
    rows = np.concatenate([edge_candidate, n_candidates + edge_opening.astype(np.int64)])
    columns = np.concatenate([np.arange(n_edges), np.arange(n_edges)])
    matrix = csr_array(
        (np.ones(2 * n_edges), (rows, columns)), shape=(n_candidates + capacity.shape[0], n_edges)
    )
    return matrix, np.concatenate([np.ones(n_candidates), capacity])


def maximum_matching_size(candidate_ptr, edge_opening, capacity, known_size: int = 0) -> int:
    """The most candidates that can be matched at once under these acceptable pairs and capacities.

    Arguments are a Market's arrays (``market.candidate_ptr, market.opening, market.capacity``): the
    acceptable openings of candidate c are ``edge_opening[candidate_ptr[c]:candidate_ptr[c + 1]]``.
    Solved as a maximum flow source → candidates (1) → openings (1 per pair) → sink (capacity), unless
    ``known_size`` (the size of a matching at hand) already reaches the bound min(candidates with a
    pair, sum over openings of min(capacity, pairs)), which is then the answer.
    """
    candidate_ptr = np.asarray(candidate_ptr, dtype=np.int64)
    edge_opening = np.asarray(edge_opening, dtype=np.int64)
    capacity = np.asarray(capacity, dtype=np.int64)
    n_candidates, n_openings = candidate_ptr.shape[0] - 1, capacity.shape[0]
    with_pairs = int(np.count_nonzero(np.diff(candidate_ptr)))
    # No opening can take more candidates than find it acceptable (this also keeps capacities in int32).
    capacity = np.minimum(capacity, np.bincount(edge_opening, minlength=n_openings))
    usable_seats = int(capacity.sum())
    if known_size >= min(with_pairs, usable_seats):
        return known_size

    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import maximum_flow

    source, sink = 0, 1 + n_candidates + n_openings
    candidate_node = 1 + np.arange(n_candidates)
    opening_node = 1 + n_candidates + np.arange(n_openings)
    edge_candidate = np.repeat(candidate_node, np.diff(candidate_ptr))
    tails = np.concatenate([np.full(n_candidates, source), edge_candidate, opening_node])
    heads = np.concatenate([candidate_node, 1 + n_candidates + edge_opening, np.full(n_openings, sink)])
    capacities = np.concatenate([np.ones(n_candidates + edge_opening.shape[0]), capacity]).astype(np.int32)
    graph = csr_array((capacities, (tails, heads)), shape=(sink + 1, sink + 1))
    return int(maximum_flow(graph, source, sink, method="dinic").flow_value)
