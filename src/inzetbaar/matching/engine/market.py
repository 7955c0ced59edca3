"""The engine's array form of a two-sided market: mutually acceptable pairs with both sides' ranks.

Every algorithm of the engine works on a :class:`Market`, a CSR-like set of flat NumPy arrays, so that a
national instance (a million candidates with fifty acceptable openings each) fits in a few hundred MB
and a compiled kernel can walk it. Ids, seat classes and explanations live one level up, in
:mod:`inzetbaar.matching.engine.instance`.
"""

from dataclasses import dataclass

import numpy as np

# The largest int32 stands for "unmatched" in rank comparisons, so ranks stay below it.
MAX_RANK = np.iinfo(np.int32).max - 1


@dataclass(frozen=True, eq=False)
class Market:
    """Mutually acceptable candidate–opening pairs ("edges"), grouped by candidate, best first.

    Edges of candidate ``c`` are ``candidate_ptr[c]:candidate_ptr[c + 1]``. Ranks are "lower is
    better"; equal ranks are a tie, which the lottery breaks. A pair is in the market only when both
    sides find each other acceptable and the candidate is eligible for the opening's seat class.
    """

    candidate_ptr: np.ndarray  # int64, n_candidates + 1
    opening: np.ndarray  # int32 per edge
    candidate_rank: np.ndarray  # int32 per edge: the candidate's rank of the opening, non-decreasing
    opening_rank: np.ndarray  # int32 per edge: the opening's rank of the candidate
    capacity: np.ndarray  # int64 per opening
    reserved: np.ndarray  # int64 per opening: seats reserved for the target group, 0..capacity
    target_group: np.ndarray  # bool per candidate: in the banenafspraak target group

    def __post_init__(self):
        for name, dtype in _DTYPES.items():
            object.__setattr__(self, name, np.ascontiguousarray(getattr(self, name), dtype=dtype))
        n_edges = self.opening.shape[0]
        if self.candidate_ptr.shape != (self.target_group.shape[0] + 1,):
            raise ValueError("candidate_ptr must have one entry more than target_group")
        if self.candidate_ptr[0] != 0 or self.candidate_ptr[-1] != n_edges:
            raise ValueError("candidate_ptr must run from 0 to the number of edges")
        if self.candidate_rank.shape[0] != n_edges or self.opening_rank.shape[0] != n_edges:
            raise ValueError("opening, candidate_rank and opening_rank must have one entry per edge")
        # The compiled kernels index without bounds checks: an opening out of range must not get there.
        if n_edges and (self.opening.min() < 0 or self.opening.max() >= self.capacity.shape[0]):
            raise ValueError("every edge's opening must be an index into capacity")
        if np.any(np.diff(self.candidate_ptr) < 0):
            raise ValueError("candidate_ptr must be non-decreasing")
        for ranks in (self.candidate_rank, self.opening_rank):
            if n_edges and (ranks.min() < 0 or ranks.max() > MAX_RANK):
                raise ValueError(f"ranks must lie between 0 and {MAX_RANK}")
        if self.capacity.shape != self.reserved.shape:
            raise ValueError("capacity and reserved must have one entry per opening")
        if np.any(self.reserved < 0) or np.any(self.reserved > self.capacity):
            raise ValueError("reserved seats must lie between 0 and the capacity")

    @property
    def n_candidates(self) -> int:
        return self.target_group.shape[0]

    @property
    def n_openings(self) -> int:
        return self.capacity.shape[0]

    @property
    def n_edges(self) -> int:
        return self.opening.shape[0]

    def edge_candidate(self) -> np.ndarray:
        """The candidate of every edge (int32)."""
        lengths = np.diff(self.candidate_ptr)
        return np.repeat(np.arange(self.n_candidates, dtype=np.int32), lengths)

    def candidate_has_ties(self) -> bool:
        """Whether some candidate ranks two acceptable openings equal (the lottery must then reorder).

        Works in chunks: one temporary the size of all edges would cost more in fresh memory pages
        than the comparison itself.
        """
        rank, last_of_candidate = self.candidate_rank, self.candidate_ptr[1:-1] - 1
        smallest = 1
        for low in range(0, self.n_edges - 1, _CHUNK):
            high = min(low + _CHUNK, self.n_edges - 1)
            steps = rank[low + 1 : high + 1] - rank[low:high]  # non-negative int32: no overflow
            first, last = np.searchsorted(last_of_candidate, (low, high))
            boundaries = last_of_candidate[first:last]
            steps[boundaries[boundaries >= low] - low] = 1  # a step into the next candidate's list
            smallest = min(smallest, int(steps.min()))
        if smallest < 0:
            raise ValueError("each candidate's edges must be sorted by candidate_rank, best first")
        return smallest == 0

    def assigned_opening(self, assigned_edge: np.ndarray) -> np.ndarray:
        """The opening of every candidate's assigned edge (-1 when unmatched)."""
        opening = np.full(assigned_edge.shape[0], -1, dtype=np.int64)
        matched = assigned_edge >= 0
        opening[matched] = self.opening[assigned_edge[matched]]
        return opening

    @classmethod
    def from_preferences(
        cls,
        candidate_preferences: list[list[int]],
        opening_preferences: list[list[int]],
        capacity: list[int],
        reserved: list[int] | None = None,
        target_group: list[bool] | None = None,
    ) -> "Market":
        """A market from strict lists of indices, best first; only mutually listed pairs are kept."""
        opening_rank = [
            {candidate: position for position, candidate in enumerate(ranking)}
            for ranking in opening_preferences
        ]
        ptr, openings, candidate_ranks, opening_ranks = [0], [], [], []
        for candidate, ranking in enumerate(candidate_preferences):
            for position, opening in enumerate(ranking):
                if candidate in opening_rank[opening]:
                    openings.append(opening)
                    candidate_ranks.append(position)
                    opening_ranks.append(opening_rank[opening][candidate])
            ptr.append(len(openings))
        n_openings = len(capacity)
        return cls(
            candidate_ptr=ptr,
            opening=openings,
            candidate_rank=candidate_ranks,
            opening_rank=opening_ranks,
            capacity=capacity,
            reserved=[0] * n_openings if reserved is None else reserved,
            target_group=[False] * len(candidate_preferences) if target_group is None else target_group,
        )


_CHUNK = 1 << 22

_DTYPES = {
    "candidate_ptr": np.int64,
    "opening": np.int32,
    "candidate_rank": np.int32,
    "opening_rank": np.int32,
    "capacity": np.int64,
    "reserved": np.int64,
    "target_group": np.bool_,
}


@dataclass(frozen=True, eq=False)
class Lottery:
    """The single lottery that breaks every tie: one random order of candidates and one of openings.

    ``candidate_order[k]`` is the candidate drawn k-th; an opening that ranks two candidates equal
    prefers the one drawn first (and a candidate indifferent between openings takes the opening drawn
    first). One order for all openings ("single tie-breaking") keeps the result efficient and auditable.
    """

    seed: int
    candidate_order: np.ndarray  # int64 permutation
    opening_order: np.ndarray  # int64 permutation

    @property
    def candidate_position(self) -> np.ndarray:
        return _inverse_permutation(self.candidate_order)

    @property
    def opening_position(self) -> np.ndarray:
        return _inverse_permutation(self.opening_order)


def draw_lottery(n_candidates: int, n_openings: int, seed: int) -> Lottery:
    """Draw the lottery from ``seed`` with NumPy's PCG64 generator, so the same seed gives the same draw."""
    generator = np.random.default_rng(seed)
    return Lottery(
        seed=seed,
        candidate_order=generator.permutation(n_candidates),
        opening_order=generator.permutation(n_openings),
    )


def _inverse_permutation(order: np.ndarray) -> np.ndarray:
    position = np.empty_like(order)
    position[order] = np.arange(order.shape[0], dtype=order.dtype)
    return position
