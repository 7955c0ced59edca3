"""Per-pair factor scores, each in [0, 1], and how they are weighted into both sides' rankings.

The functions are compiled with Numba so the blocking kernel calls them per pair at national scale;
they are equally callable from Python, which is how the tests pin each one down.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from .intrinsics import bit_count
from .travel import KM_PER_DEGREE_LATITUDE

FACTOR_NAMES = ("skills", "text", "hours", "sector", "travel")
SKILLS, TEXT, HOURS, SECTOR, TRAVEL = range(len(FACTOR_NAMES))
# A gap of this many hours a week between wish and opening brings the hours factor to zero.
HOURS_TOLERANCE = 16.0


@dataclass(frozen=True)
class Weights:
    """Weights per factor, in FACTOR_NAMES order; see docs/matching-profiles.md for the reasoning."""

    skills: float
    text: float
    hours: float
    sector: float
    travel: float

    def as_array(self) -> np.ndarray:
        values = np.array([self.skills, self.text, self.hours, self.sector, self.travel], dtype=np.float32)
        return values / values.sum()


# Candidates rank by everything they told us; what they wish for (sector, hours, travel) weighs as much
# as what they can do, because a wanted job is a job that lasts.
CANDIDATE_WEIGHTS = Weights(skills=0.30, text=0.20, hours=0.15, sector=0.20, travel=0.15)
# Employers rank on what the work needs: fit to the required skills first, then hours and travel (a short
# commute predicts retention). Passions and the candidate's sector wish stay out of the employer's view.
EMPLOYER_WEIGHTS = Weights(skills=0.60, text=0.0, hours=0.20, sector=0.0, travel=0.20)


@njit(cache=True, inline="always")
def popcount64(word: np.uint64) -> int:
    """Set bits in a 64-bit word."""
    return bit_count(np.uint64(word))


@njit(cache=True)
def skills_fit(candidate_bits: np.ndarray, opening_bits: np.ndarray, required_count: int) -> float:
    """Share of the opening's skills that the candidate has; an opening that asks none fits everyone."""
    if required_count == 0:
        return 1.0
    shared = 0
    for word in range(opening_bits.shape[0]):
        shared += popcount64(candidate_bits[word] & opening_bits[word])
    return shared / required_count


@njit(cache=True)
def meets_requirements(candidate_bits: np.ndarray, opening_bits: np.ndarray) -> bool:
    """Hard filter: every requirement bit of the opening is among the candidate's qualifications."""
    missing = np.uint64(0)
    for word in range(opening_bits.shape[0]):
        missing |= opening_bits[word] & ~candidate_bits[word]
    return missing == 0


@njit(cache=True)
def hours_fit(wish_min: float, wish_max: float, opening_min: float, opening_max: float) -> float:
    """1 when the ranges overlap, falling linearly with the gap in hours a week."""
    gap = max(0.0, max(wish_min, opening_min) - min(wish_max, opening_max))
    return max(0.0, 1.0 - gap / HOURS_TOLERANCE)


@njit(cache=True)
def sector_fit(wished_sector_bits: np.ndarray, sector_index: int) -> float:
    """1 for a wished sector (or an opening without sector), else 0; no wishes means every bit is set."""
    if sector_index < 0:
        return 1.0
    word = wished_sector_bits[sector_index >> 6]
    return float((word >> np.uint64(sector_index & 63)) & np.uint64(1))


@njit(cache=True)
def travel_fit(minutes: float, max_minutes: float) -> float:
    """1 at the doorstep, 0 at the candidate's hard maximum."""
    if max_minutes <= 0.0:
        return 0.0
    return max(0.0, 1.0 - minutes / max_minutes)


@njit(cache=True)
def text_fit(cosine: float) -> float:
    """Cosine similarity of the two texts, negatives (unrelated) counted as 0."""
    return min(1.0, max(0.0, cosine))


@njit(cache=True)
def distance_km(lat1: float, lon1: float, cos1: float, lat2: float, lon2: float, cos2: float) -> float:
    """Great-circle distance by the equirectangular formula at the mean latitude.

    Within 0.1% of the haversine distance below 300 km, and needs no trigonometry per pair because the
    cosines of the latitudes are computed once per point.
    """
    dy = (lat2 - lat1) * KM_PER_DEGREE_LATITUDE
    dx = (lon2 - lon1) * KM_PER_DEGREE_LATITUDE * 0.5 * (cos1 + cos2)
    return np.sqrt(dx * dx + dy * dy)
