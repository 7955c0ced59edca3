"""Synthetic profile columns spread over the Netherlands, for the tests and the national-scale benchmark.

People and openings sit around municipality centroids (a few km of scatter), so their density follows
the municipal map. Texts are stand-in unit vectors clustered by sector, the way real job descriptions
and passions cluster by field; skills, requirements, hours and travel wishes follow simple mixes of
entry-level work.
"""

from __future__ import annotations

import numpy as np

from .arrays import CandidateArrays, OpeningArrays, ProfileArrays, bit_matrix
from .travel import DEFAULT_SPEEDS_KMH, TravelModel

SECTOR_COUNT = 16
SKILLS_PER_SECTOR = 12
REQUIREMENT_COUNT = 8
TEXT_VARIANTS_PER_SECTOR = 64
SCATTER_KM = 3.0
TRAVEL_WISHES = np.array([20.0, 30.0, 45.0, 60.0, 90.0])
TRAVEL_WISH_SHARES = np.array([0.15, 0.35, 0.3, 0.15, 0.05])


def scatter_points(rng, centroids: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    chosen = centroids[rng.integers(0, len(centroids), count)]
    offsets = rng.normal(0.0, SCATTER_KM / 111.0, size=(count, 2))
    latitude = chosen[:, 0] + offsets[:, 0]
    longitude = chosen[:, 1] + offsets[:, 1] / np.cos(np.radians(chosen[:, 0]))
    return latitude, longitude


def sector_texts(rng, dimension: int) -> np.ndarray:
    """[sector, variant, dimension] unit vectors: variants of one sector lie close together."""
    centres = rng.normal(size=(SECTOR_COUNT, 1, dimension))
    vectors = centres + 0.8 * rng.normal(size=(SECTOR_COUNT, TEXT_VARIANTS_PER_SECTOR, dimension))
    vectors /= np.linalg.norm(vectors, axis=2, keepdims=True)
    return vectors.astype(np.float32)


def skill_sets(rng, sectors: np.ndarray, low: int, high: int) -> list[np.ndarray]:
    """Skills mostly from the person's or opening's own sector, sometimes from a neighbouring one."""
    sizes = rng.integers(low, high + 1, len(sectors))
    home = rng.random((len(sectors), high)) < 0.8
    sector_of_skill = np.where(home, sectors[:, None], rng.integers(0, SECTOR_COUNT, (len(sectors), high)))
    skills = sector_of_skill * SKILLS_PER_SECTOR + rng.integers(0, SKILLS_PER_SECTOR, (len(sectors), high))
    return [row[:size] for row, size in zip(skills, sizes, strict=True)]


def generate_arrays(
    candidate_count: int,
    opening_count: int,
    centroids: np.ndarray,
    seed: int = 0,
    text_dimension: int = 512,
) -> ProfileArrays:
    """Candidates and openings as columns; ``centroids`` is an array of (latitude, longitude) rows."""
    rng = np.random.default_rng(seed)
    texts = sector_texts(rng, text_dimension)
    skill_bit_count = SECTOR_COUNT * SKILLS_PER_SECTOR
    travel = TravelModel()

    o_sector = rng.integers(0, SECTOR_COUNT, opening_count)
    o_skills = skill_sets(rng, o_sector, 0, 4)
    o_requirements = [np.flatnonzero(rng.random(REQUIREMENT_COUNT) < 0.06) for _ in range(opening_count)]
    o_hours = rng.choice([16.0, 20.0, 24.0, 32.0, 36.0, 40.0], opening_count)
    o_lat, o_lon = scatter_points(rng, centroids, opening_count)
    openings = OpeningArrays(
        ids=[f"o{j}" for j in range(opening_count)],
        latitude=o_lat,
        longitude=o_lon,
        hours_min=(o_hours - 4).astype(np.float32),
        hours_max=o_hours.astype(np.float32),
        sector=o_sector.astype(np.int32),
        requirement_bits=bit_matrix(o_requirements, REQUIREMENT_COUNT),
        skill_bits=bit_matrix([np.unique(s) for s in o_skills], skill_bit_count),
        skill_count=np.array([len(np.unique(s)) for s in o_skills], dtype=np.int32),
        text=texts[o_sector, rng.integers(0, TEXT_VARIANTS_PER_SECTOR, opening_count)],
        has_text=rng.random(opening_count) < 0.9,
        capacity=rng.choice([1, 1, 1, 2, 3, 5, 10, 20], opening_count).astype(np.int32),
        reserved_seats=np.zeros(opening_count, dtype=np.int32),
        seat_class=["paid_job"] * opening_count,
        employer=[""] * opening_count,
    )

    c_sector = rng.integers(0, SECTOR_COUNT, candidate_count)
    wished = [np.unique(np.append(rng.integers(0, SECTOR_COUNT, 2), s)) for s in c_sector]
    c_lat, c_lon = scatter_points(rng, centroids, candidate_count)
    c_hours_min = rng.choice([0.0, 12.0, 16.0, 24.0, 32.0], candidate_count)
    modes = rng.choice(list(DEFAULT_SPEEDS_KMH), candidate_count)
    candidates = CandidateArrays(
        ids=[f"c{i}" for i in range(candidate_count)],
        latitude=c_lat,
        longitude=c_lon,
        max_minutes=rng.choice(TRAVEL_WISHES, candidate_count, p=TRAVEL_WISH_SHARES).astype(np.float32),
        minutes_per_km=np.array([travel.minutes_for_distance(1.0, m) for m in modes], dtype=np.float32),
        hours_min=c_hours_min.astype(np.float32),
        hours_max=(c_hours_min + rng.choice([8.0, 12.0, 20.0], candidate_count)).astype(np.float32),
        sector_bits=bit_matrix(wished, SECTOR_COUNT),
        qualification_bits=bit_matrix(
            [np.flatnonzero(rng.random(REQUIREMENT_COUNT) < 0.5) for _ in range(candidate_count)],
            REQUIREMENT_COUNT,
        ),
        skill_bits=bit_matrix(skill_sets(rng, c_sector, 1, 8), skill_bit_count),
        text=texts[c_sector, rng.integers(0, TEXT_VARIANTS_PER_SECTOR, candidate_count)],
        has_text=rng.random(candidate_count) < 0.8,
        target_group=rng.random(candidate_count) < 0.1,
        benefit=[None] * candidate_count,
    )
    return ProfileArrays(candidates, openings)
