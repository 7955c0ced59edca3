"""From profiles to an instance: score within reach, keep short lists, diversify, rank both sides.

``build_preferences`` works on columns (``ProfileArrays``) and is what the national-scale benchmark
times; ``build_instance`` adds the JSON instance of docs/matching-instance.md with the factor scores
per listed pair that the explanations show.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field

import numpy as np
from numba import njit, prange

from ..welfare import maximum_matching_size
from .arrays import ProfileArrays
from .blocking import DEFAULT_CELL_KM, Pools, score_pools
from .diversify import DEFAULT_SEATS_FACTOR, diversify, opening_rankings, truncate
from .factors import CANDIDATE_WEIGHTS, EMPLOYER_WEIGHTS, FACTOR_NAMES, Weights

# Above this many acceptable pairs the maximum over all of them is not computed for the report.
FULL_MAXIMUM_PAIR_LIMIT = 2_000_000


@dataclass(frozen=True)
class BuildOptions:
    top_k: int = 30
    pool_factor: float = 2.0
    diversify: bool = True
    seats_factor: float = DEFAULT_SEATS_FACTOR
    cell_km: float = DEFAULT_CELL_KM
    candidate_weights: Weights = CANDIDATE_WEIGHTS
    employer_weights: Weights = EMPLOYER_WEIGHTS

    @property
    def pool_size(self) -> int:
        """Pool per candidate: the short list plus spares that diversification may move up."""
        return self.top_k if not self.diversify else max(self.top_k, math.ceil(self.top_k * self.pool_factor))


@dataclass
class BuiltPreferences:
    """Both sides' lists as index arrays; candidate lists in CSR form, pairs with their factor scores."""

    arrays: ProfileArrays
    pools: Pools
    selected: np.ndarray
    employer_score: np.ndarray
    opening_start: np.ndarray
    opening_candidates: np.ndarray
    options: BuildOptions
    report: dict = field(default_factory=dict)
    # Wall-clock seconds per stage: scoring, employer_scores, short_lists, rankings.
    timings: dict = field(default_factory=dict)

    def candidate_ptr(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.selected.sum(axis=1))]).astype(np.int64)

    def candidate_openings(self) -> np.ndarray:
        """Listed openings of all candidates, concatenated in candidate order and best first."""
        return self.pools.opening[self.selected]


@njit(parallel=True, cache=True)
def weighted_factors(factors, weights):
    scores = np.zeros(factors.shape[:2], dtype=np.float32)
    for i in prange(factors.shape[0]):
        for s in range(factors.shape[1]):
            total = np.float32(0.0)
            for f in range(factors.shape[2]):
                total += factors[i, s, f] * weights[f]
            scores[i, s] = total
    return scores


def employer_scores(pools: Pools, weights: Weights) -> np.ndarray:
    """Each pooled pair's score on the opening's side (a parallel loop: the pools hold 10⁸ pairs)."""
    return weighted_factors(pools.factors, weights.as_array())


def build_preferences(arrays: ProfileArrays, options: BuildOptions = BuildOptions()) -> BuiltPreferences:
    openings = arrays.openings
    timings, started = {}, time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[stage], started = now - started, now

    pools = score_pools(
        arrays.candidates, openings, options.candidate_weights.as_array(), options.pool_size, options.cell_km
    )
    lap("scoring")
    employer_score = employer_scores(pools, options.employer_weights)
    lap("employer_scores")
    if options.diversify:
        selected = diversify(
            pools.opening, employer_score, openings.capacity, options.top_k, options.seats_factor
        )
    else:
        selected = truncate(pools.opening, options.top_k)
    lap("short_lists")
    start, ranked = opening_rankings(selected, pools.opening, employer_score, len(openings))
    lap("rankings")
    return BuiltPreferences(arrays, pools, selected, employer_score, start, ranked, options, timings=timings)


def matched_share_report(built: BuiltPreferences) -> dict:
    """The most candidates the built lists can match, against the most all acceptable pairs allow.

    A stable matching on the lists matches at most the first number; the gap to the second is what
    truncating the lists costs. The second is computed only while the acceptable pairs stay few.
    """
    capacity = built.arrays.openings.capacity
    listed = maximum_matching_size(built.candidate_ptr(), built.candidate_openings(), capacity)
    acceptable_pairs = int(built.pools.feasible.sum())
    report = {
        "candidates": len(built.arrays.candidates),
        "seats": int(capacity.sum()),
        "acceptable_pairs": acceptable_pairs,
        "listed_pairs": int(built.selected.sum()),
        "max_matched_with_lists": listed,
        "max_matched_all_acceptable": None,
    }
    if acceptable_pairs <= FULL_MAXIMUM_PAIR_LIMIT:
        widest = int(built.pools.feasible.max(initial=0))
        full = score_pools(
            built.arrays.candidates,
            built.arrays.openings,
            built.options.candidate_weights.as_array(),
            widest,
            built.options.cell_km,
        )
        mask = full.opening >= 0
        full_ptr = np.concatenate([[0], np.cumsum(mask.sum(axis=1))])
        report["max_matched_all_acceptable"] = maximum_matching_size(full_ptr, full.opening[mask], capacity)
    return report


def pair_factors(factors: np.ndarray) -> dict[str, float]:
    return {name: round(float(value), 3) for name, value in zip(FACTOR_NAMES, factors, strict=True)}


def to_instance(built: BuiltPreferences) -> dict:
    """The instance JSON (docs/matching-instance.md), with per-pair factor scores for explanations."""
    candidates, openings = built.arrays.candidates, built.arrays.openings
    candidate_entries = []
    for i, candidate_id in enumerate(candidates.ids):
        slots = np.flatnonzero(built.selected[i])
        listed = [openings.ids[o] for o in built.pools.opening[i, slots]]
        entry = {
            "id": candidate_id,
            "preferences": listed,
            "factors": {
                opening_id: pair_factors(built.pools.factors[i, slot])
                for opening_id, slot in zip(listed, slots, strict=True)
            },
        }
        if candidates.target_group[i]:
            entry["target_group"] = True
        if candidates.benefit[i] is not None:
            entry["benefit"] = candidates.benefit[i]
        candidate_entries.append(entry)
    opening_entries = []
    for o, opening_id in enumerate(openings.ids):
        ranked = built.opening_candidates[built.opening_start[o] : built.opening_start[o + 1]]
        entry = {
            "id": opening_id,
            "capacity": int(openings.capacity[o]),
            "preferences": [candidates.ids[c] for c in ranked],
            "seat_class": openings.seat_class[o],
        }
        if openings.reserved_seats[o]:
            entry["reserved_seats"] = int(openings.reserved_seats[o])
        if openings.employer[o]:
            entry["meta"] = {"employer": openings.employer[o]}
        opening_entries.append(entry)
    meta = {
        "built_by": "inzetbaar match build",
        "factors": list(FACTOR_NAMES),
        "options": {
            key: value
            for key, value in asdict(built.options).items()
            if key not in ("candidate_weights", "employer_weights")
        },
        "weights": {
            "candidates": asdict(built.options.candidate_weights),
            "openings": asdict(built.options.employer_weights),
        },
    }
    if built.report:
        meta["report"] = built.report
    return {"candidates": candidate_entries, "openings": opening_entries, "meta": meta}
