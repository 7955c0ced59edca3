"""Blocking drops no acceptable pair within reach, and the pools are exactly the brute-force top scores.

The kernel scores every pair within reach without its text term first and computes the text term
(bounded through int8 codes, then exactly) only where it can still change the top of the pool; these
tests compare the result, including the factor values, with scoring every pair in full.
"""

import numpy as np
import pytest

from inzetbaar.matching.engine.profiles.blocking import (
    code_dot,
    code_error,
    kth_largest_floor,
    quantize,
    row_dot,
    score_pools,
    tie_key,
)
from inzetbaar.matching.engine.profiles.factors import (
    CANDIDATE_WEIGHTS,
    distance_km,
    hours_fit,
    meets_requirements,
    sector_fit,
    skills_fit,
    text_fit,
    travel_fit,
)
from inzetbaar.matching.engine.profiles.synthetic import generate_arrays

from .conftest import MUNICIPALITIES

CENTROIDS = np.array([(p.latitude, p.longitude) for p in MUNICIPALITIES.values()])
WEIGHTS = CANDIDATE_WEIGHTS.as_array()


@pytest.fixture(scope="module")
def arrays():
    return generate_arrays(150, 400, CENTROIDS, seed=3, text_dimension=16)


def brute_force_factors(arrays) -> dict[tuple[int, int], list[float]]:
    """Every pair within reach that meets the requirements, scored without any grid."""
    c, o = arrays.candidates, arrays.openings
    reach = c.max_minutes.astype(np.float64) / c.minutes_per_km
    c_cos, o_cos = np.cos(np.radians(c.latitude)), np.cos(np.radians(o.latitude))
    factors = {}
    for i in range(len(c)):
        for j in range(len(o)):
            distance = distance_km(
                c.latitude[i], c.longitude[i], c_cos[i], o.latitude[j], o.longitude[j], o_cos[j]
            )
            if distance > reach[i] or not meets_requirements(c.qualification_bits[i], o.requirement_bits[j]):
                continue
            text = text_fit(row_dot(c.text, i, o.text, j)) if c.has_text[i] and o.has_text[j] else 0.0
            factors[i, j] = [
                skills_fit(c.skill_bits[i], o.skill_bits[j], o.skill_count[j]),
                text,
                hours_fit(c.hours_min[i], c.hours_max[i], o.hours_min[j], o.hours_max[j]),
                sector_fit(c.sector_bits[i], o.sector[j]),
                travel_fit(distance * c.minutes_per_km[i], c.max_minutes[i]),
            ]
    return factors


@pytest.fixture(scope="module")
def reference_factors(arrays):
    return brute_force_factors(arrays)


@pytest.fixture(scope="module")
def reference(reference_factors):
    return {pair: float(np.float32(np.dot(WEIGHTS, f))) for pair, f in reference_factors.items()}


@pytest.mark.parametrize("cell_km", [0.7, 5.0, 60.0])
def test_blocking_never_drops_a_feasible_pair_within_reach(arrays, reference, cell_km):
    pools = score_pools(arrays.candidates, arrays.openings, WEIGHTS, len(arrays.openings), cell_km)
    found = {(i, int(j)) for i, row in enumerate(pools.opening) for j in row if j >= 0}
    assert found == set(reference)
    assert pools.feasible.sum() == len(reference)
    assert 0 < len(reference) < len(arrays.candidates) * len(arrays.openings)


def test_kernel_dot_product_matches_numpy(arrays):
    """The brute force above uses the kernel's own (vectorised) dot product; it is NumPy's within 1e-6.

    Summation order can move a cosine by one float32 step, so two pairs whose scores differ by that
    much may be ordered differently than with a BLAS dot product; that is the only difference.
    """
    c, o = arrays.candidates, arrays.openings
    for i in range(0, len(c), 7):
        for j in range(0, len(o), 11):
            assert abs(row_dot(c.text, i, o.text, j) - float(c.text[i] @ o.text[j])) < 1e-6


@pytest.mark.parametrize(("pool_size", "cell_km"), [(1, 5.0), (5, 5.0), (5, 0.7), (12, 60.0), (40, 5.0)])
def test_pools_are_exactly_the_brute_force_top_k(arrays, reference, reference_factors, pool_size, cell_km):
    """The guarantee: each pool is the exact top pool_size by full score (ties by the pair lottery)."""
    pools = score_pools(arrays.candidates, arrays.openings, WEIGHTS, pool_size, cell_km)
    pruned = 0
    for i in range(len(arrays.candidates)):
        within_reach = [j for (c, j) in reference if c == i]
        pruned += len(within_reach) > pool_size
        ranked = sorted(within_reach, key=lambda j: (-reference[i, j], int(tie_key(i, j))))[:pool_size]
        listed = [int(j) for j in pools.opening[i] if j >= 0]
        assert listed == ranked
        assert np.allclose(pools.score[i, : len(listed)], [reference[i, j] for j in ranked], atol=1e-5)
        expected = [reference_factors[i, j] for j in ranked]
        assert np.allclose(pools.factors[i, : len(listed)], np.reshape(expected, (-1, 5)), atol=1e-6)
    # Most candidates have more openings within reach than the pool holds, so the pruning is exercised.
    assert pruned > len(arrays.candidates) // 2


def test_int8_text_bound_holds_for_awkward_vectors():
    rng = np.random.default_rng(5)
    dimension = 512
    spiky = np.zeros((3, dimension), dtype=np.float32)
    spiky[0, 0], spiky[1, :2], spiky[2] = 1.0, [0.6, -0.8], 1 / np.sqrt(dimension)
    gaussian = rng.normal(size=(200, dimension)).astype(np.float32)
    gaussian /= np.linalg.norm(gaussian, axis=1, keepdims=True)
    vectors = np.vstack([spiky, gaussian, -gaussian[:5], np.zeros((1, dimension), np.float32)])
    q = quantize(vectors)
    by_coordinates, used = [], []
    for i in range(len(vectors)):
        for j in range(0, len(vectors), 7):
            approx = q.scale[i] * q.scale[j] * code_dot(q.codes, i, q.codes, j)
            error = code_error(
                q.scale[i], q.l1[i], q.norm[i], q.residual[i],
                q.scale[j], q.l1[j], q.norm[j], q.residual[j], 0.25 * dimension,
            )  # fmt: skip
            exact = float(vectors[i].astype(np.float64) @ vectors[j].astype(np.float64))
            assert abs(exact - approx) <= error + 1e-6
            rounding = 0.25 * dimension * q.scale[i] * q.scale[j]
            by_coordinates.append(0.5 * (q.l1[i] * q.scale[j] + q.l1[j] * q.scale[i]) + rounding)
            used.append(error)
    # On embedding-like (Gaussian) vectors the norm bound is the tighter one, by about a third.
    assert np.mean(used) < 0.8 * np.mean(by_coordinates)


def test_histogram_threshold_never_exceeds_the_kth_largest():
    rng = np.random.default_rng(2)
    histogram = np.empty(1024, dtype=np.int64)
    for values in (
        rng.random(500).astype(np.float32),
        np.full(50, 0.25, np.float32),
        rng.random(7).astype(np.float32),
    ):
        for k in (1, 5, len(values)):
            assert kth_largest_floor(values, len(values), k, histogram) <= np.sort(values)[-k]
