"""Blocking and scoring: each candidate's exact best openings within travel reach, pruning only work.

Openings are bucketed in a latitude/longitude grid. A candidate visits just the grid cells that its
circle of reach can touch and drops pairs beyond reach or short of a hard requirement. Per candidate:

1. every pair left gets its four cheap factors (the *partial* score, everything but text); a histogram
   gives a lower bound T0 of the pool_size-th best partial score, which is also a lower bound of the
   pool_size-th best full score because the text term is never negative;
2. pairs with partial + text weight < T0 cannot enter the pool. The others, best partial score first
   (ordered by the histogram's bins), get the text cosine bounded through int8 codes of both vectors
   (``quantize``; the error bound is exact up to float32 rounding, covered by TEXT_MARGIN). The
   pool_size-th best lower bound seen so far is a rising floor under the pool_size-th best full score,
   so later pairs whose partial + text weight falls below it skip the code product; the lower bounds
   of all pairs kept give a second threshold T1 >= T0;
3. only pairs whose upper bound reaches T1 (and the weakest pool entry so far) get the exact 512-long
   dot product, and a heap keeps the best, ties broken by the pair lottery.

So the pools are exactly the brute-force top pool_size by full score with the same factor values, and
``feasible`` counts every pair within reach; tests/test_blocking.py checks both against brute force.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from .arrays import CandidateArrays, OpeningArrays
from .factors import (
    FACTOR_NAMES,
    HOURS,
    SECTOR,
    SKILLS,
    TEXT,
    TRAVEL,
    distance_km,
    hours_fit,
    popcount64,
    sector_fit,
    text_fit,
    travel_fit,
)
from .intrinsics import dot_int8
from .travel import KM_PER_DEGREE_LATITUDE

DEFAULT_CELL_KM = 5.0
# Score thresholds are lowered by this much so float32 rounding never drops a pair that could enter.
SCORE_MARGIN = 1e-5
# Added to the int8 error bound of a cosine: covers float32 rounding of the exact dot product (at most
# 512 * 2**-24 for unit vectors) and of the scales, with room to spare.
TEXT_MARGIN = 1e-4
HISTOGRAM_BINS = 1024
EDGE_SLACK_KM = 1e-6
# Candidates are scored in chunks of neighbours (same or adjacent grid cells), in shuffled chunk order
# so that the threads' static shares of the work are equally dense.
CHUNK = 256
BLOCKS = 64


@dataclass
class OpeningGrid:
    """Openings sorted by grid cell; ``cell_start[c]:cell_start[c + 1]`` are the openings of cell c."""

    order: np.ndarray
    cell_start: np.ndarray
    origin: tuple[float, float]
    cell_degrees: tuple[float, float]
    shape: tuple[int, int]


def build_grid(latitude: np.ndarray, longitude: np.ndarray, cell_km: float = DEFAULT_CELL_KM) -> OpeningGrid:
    if len(latitude) == 0:
        return OpeningGrid(np.zeros(0, np.int64), np.zeros(2, np.int64), (0.0, 0.0), (1.0, 1.0), (1, 1))
    lat0, lon0 = float(latitude.min()), float(longitude.min())
    # Cells are at least cell_km wide everywhere: the width of a degree of longitude shrinks northwards.
    dlat = cell_km / KM_PER_DEGREE_LATITUDE
    dlon = cell_km / (KM_PER_DEGREE_LATITUDE * math.cos(math.radians(float(np.abs(latitude).max()))))
    shape = (int((latitude.max() - lat0) / dlat) + 1, int((longitude.max() - lon0) / dlon) + 1)
    grid = OpeningGrid(np.zeros(0, np.int64), np.zeros(0, np.int64), (lat0, lon0), (dlat, dlon), shape)
    cell = grid_cell(latitude, longitude, grid)
    grid.order = np.argsort(cell, kind="stable")
    grid.cell_start = np.searchsorted(cell[grid.order], np.arange(shape[0] * shape[1] + 1)).astype(np.int64)
    return grid


def grid_cell(latitude: np.ndarray, longitude: np.ndarray, grid: OpeningGrid) -> np.ndarray:
    """Row-major cell number of each point (points outside the grid get the nearest edge cell)."""
    rows = np.clip(
        ((latitude - grid.origin[0]) / grid.cell_degrees[0]).astype(np.int64), 0, grid.shape[0] - 1
    )
    cols = np.clip(
        ((longitude - grid.origin[1]) / grid.cell_degrees[1]).astype(np.int64), 0, grid.shape[1] - 1
    )
    return rows * grid.shape[1] + cols


@dataclass
class Pools:
    """Per candidate its best openings, best first: opening index (-1 = empty), score and factors."""

    opening: np.ndarray
    score: np.ndarray
    factors: np.ndarray
    feasible: np.ndarray


@njit(cache=True)
def cell_window(lat, lon, reach_km, origin, cell_degrees, shape):
    """Row and column ranges of the cells that can hold a point within ``reach_km``."""
    dlat = reach_km / KM_PER_DEGREE_LATITUDE
    highest = min(89.0, max(abs(lat - dlat), abs(lat + dlat)))
    # distance_km uses the mean of both cosines, so the narrowest degree of longitude in the band bounds it.
    mean_cos = 0.5 * (math.cos(math.radians(lat)) + math.cos(math.radians(highest)))
    dlon = reach_km / (KM_PER_DEGREE_LATITUDE * mean_cos)
    row0 = max(0, math.floor((lat - dlat - origin[0]) / cell_degrees[0]))
    row1 = min(shape[0] - 1, math.floor((lat + dlat - origin[0]) / cell_degrees[0]))
    col0 = max(0, math.floor((lon - dlon - origin[1]) / cell_degrees[1]))
    col1 = min(shape[1] - 1, math.floor((lon + dlon - origin[1]) / cell_degrees[1]))
    return row0, row1, col0, col1


@njit(cache=True, inline="always")
def tie_key(candidate, opening):
    """A per-candidate lottery number for an opening (splitmix64 of the pair, so distinct per pair).

    Equal scores are common (profiles made from the same few labels); breaking them by a lottery
    rather than by opening order spreads candidates over equally good openings instead of queueing
    them all at the first one.
    """
    z = (np.uint64(candidate) << np.uint64(32)) + np.uint64(opening) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@njit(cache=True, inline="always")
def ranks_above(score_a, key_a, score_b, key_b):
    """Strict order of pool entries: higher score first, then the lower lottery number."""
    return score_a > score_b or (score_a == score_b and key_a < key_b)


@njit(cache=True, inline="always")
def sift_down(scores, keys, slots, size, position):
    """Restore the min-heap (weakest entry on top) below ``position``; ``slots`` point into the pool."""
    while True:
        child = 2 * position + 1
        if child >= size:
            return
        if child + 1 < size and ranks_above(
            scores[slots[child]], keys[slots[child]], scores[slots[child + 1]], keys[slots[child + 1]]
        ):
            child += 1
        top, low = slots[position], slots[child]
        if not ranks_above(scores[top], keys[top], scores[low], keys[low]):
            return
        slots[position], slots[child] = low, top
        position = child


@njit(cache=True, inline="always")
def heapify(scores, keys, slots, size):
    for position in range(size // 2 - 1, -1, -1):
        sift_down(scores, keys, slots, size, position)


@njit(cache=True)
def row_columns(lat, lon, reach_km, mean_cos, row, origin, cell_degrees, shape):
    """Columns of one grid row that the circle of reach can touch (empty range when it misses the row).

    The row's nearest latitude leaves ``sqrt(reach² - dy²)`` km east-west; ``mean_cos`` is the smallest
    mean cosine ``distance_km`` can use within reach, so no opening within reach falls outside.
    """
    band_low = origin[0] + row * cell_degrees[0]
    band_high = band_low + cell_degrees[0]
    dy = 0.0
    if lat < band_low:
        dy = (band_low - lat) * KM_PER_DEGREE_LATITUDE
    elif lat > band_high:
        dy = (lat - band_high) * KM_PER_DEGREE_LATITUDE
    dy = max(0.0, dy - EDGE_SLACK_KM)
    if dy > reach_km:
        return 1, 0
    dlon = (math.sqrt(reach_km * reach_km - dy * dy) + EDGE_SLACK_KM) / (KM_PER_DEGREE_LATITUDE * mean_cos)
    col0 = max(0, math.floor((lon - dlon - origin[1]) / cell_degrees[1]))
    col1 = min(shape[1] - 1, math.floor((lon + dlon - origin[1]) / cell_degrees[1]))
    return col0, col1


@njit(cache=True)
def window_mean_cos(lat, reach_km):
    """The smallest mean cosine of latitudes ``distance_km`` can use for a point within reach."""
    dlat = reach_km / KM_PER_DEGREE_LATITUDE
    highest = min(89.0, max(abs(lat - dlat), abs(lat + dlat)))
    return 0.5 * (math.cos(math.radians(lat)) + math.cos(math.radians(highest)))


@njit(cache=True)
def kth_largest_floor(values, count, k, histogram):
    """A lower bound of the k-th largest of ``values[:count]`` (scores in [0, 1]): its histogram bin's floor.

    The bin count is a power of two, so ``value * bins`` is exact and every value lies at or above the
    lower edge of its bin. Values below 0 (not produced by non-negative weights) make the bound -inf.
    """
    bins = histogram.shape[0]
    histogram[:] = 0
    for q in range(count):
        b = int(values[q] * bins)
        histogram[min(max(b, 0), bins - 1)] += 1
    seen = 0
    for b in range(bins - 1, 0, -1):
        seen += histogram[b]
        if seen >= k:
            return b / bins
    return -np.inf


@njit(cache=True, inline="always")
def push_lower(best, count, value):
    """Keep the ``best.shape[0]`` largest values in the min-heap ``best[:count]``; return the heap's floor
    once it is full (the k-th largest value so far), else -inf."""
    k = best.shape[0]
    if count < k:
        position = count
        best[position] = value
        while position > 0:
            parent = (position - 1) // 2
            if best[parent] <= best[position]:
                break
            best[parent], best[position] = best[position], best[parent]
            position = parent
        return best[0] if count + 1 == k else -np.inf
    if value > best[0]:
        best[0] = value
        position = 0
        while True:
            child = 2 * position + 1
            if child >= k:
                break
            if child + 1 < k and best[child + 1] < best[child]:
                child += 1
            if best[position] <= best[child]:
                break
            best[position], best[child] = best[child], best[position]
            position = child
    return best[0]


@njit(cache=True, inline="always")
def has_requirements(qualification_bits, i, requirement_bits, j):
    """Hard filter on the 2-D bit matrices without slicing: every requirement bit of opening j is held."""
    missing = np.uint64(0)
    for word in range(requirement_bits.shape[1]):
        missing |= requirement_bits[j, word] & ~qualification_bits[i, word]
    return missing == 0


@njit(cache=True, inline="always")
def shared_skills(skill_bits, i, opening_bits, j, required_count):
    if required_count == 0:
        return 1.0
    shared = 0
    for word in range(opening_bits.shape[1]):
        shared += popcount64(skill_bits[i, word] & opening_bits[j, word])
    return shared / required_count


@njit(cache=True, fastmath=True)
def row_dot(a, i, b, j):
    """Dot product of row i of ``a`` and row j of ``b`` (float32), free to reorder the sum so it vectorises.

    Any summation order is within 512 * 2**-24 of the exact value for unit vectors, far inside the
    bounds' margins. Not inlined at the Numba level: the caller's IR would lose the fastmath flags.
    """
    total = np.float32(0.0)
    for k in range(a.shape[1]):
        total += a[i, k] * b[j, k]
    return total


@njit(cache=True, inline="always")
def code_dot(a, i, b, j):
    """Exact integer dot product of two int8 code rows (C-contiguous matrices)."""
    width = a.shape[1]
    return dot_int8(a.ctypes.data + i * width, b.ctypes.data + j * width, width)


@njit(parallel=True, cache=True)
def score_pools_kernel(
    cand, opens, grid, weights, visit_order, chunk_start, chunk_order, scratch_size,
    out_opening, out_score, out_factors, out_feasible,
):  # fmt: skip
    c_lat, c_lon, c_reach, c_max_min, c_min_per_km, c_hmin, c_hmax = cand[:7]
    c_sector, c_qual, c_skill, c_text, c_has, c_codes, c_scale, c_l1, c_norm, c_residual = cand[7:]
    o_lat, o_lon, o_hmin, o_hmax, o_sector, o_req, o_skill, o_count = opens[:8]
    o_text, o_has, o_index, o_codes, o_scale, o_l1, o_norm, o_residual = opens[8:]
    quarter_dimension = 0.25 * c_text.shape[1]
    cell_start, origin, cell_degrees, shape = grid
    pool_size = out_opening.shape[1]
    text_weight = weights[TEXT]
    c_cos = np.cos(np.radians(c_lat))
    o_cos = np.cos(np.radians(o_lat))
    # Scratch is allocated once per block of chunks, not per chunk: fresh pages cost more in page faults
    # than the scoring they serve. Blocks take every BLOCKS-th chunk of the shuffled order.
    blocks = min(BLOCKS, chunk_order.shape[0])
    for b in prange(blocks):
        partials = np.empty(scratch_size, dtype=np.float32)
        where = np.empty(scratch_size, dtype=np.int32)
        where_kept = np.empty(scratch_size, dtype=np.int32)
        upper = np.empty(scratch_size, dtype=np.float32)
        lower = np.empty(scratch_size, dtype=np.float32)
        distances = np.empty(scratch_size, dtype=np.float64)
        histogram = np.empty(HISTOGRAM_BINS, dtype=np.int64)
        heap = np.empty(pool_size, dtype=np.int64)
        keys = np.zeros(pool_size, dtype=np.uint64)
        by_partial = np.empty(scratch_size, dtype=np.int32)
        bin_fill = np.empty(HISTOGRAM_BINS + 1, dtype=np.int64)
        best_lower = np.empty(pool_size, dtype=np.float32)
        sort_buffers = (
            np.empty(pool_size, dtype=np.int64),
            np.empty(pool_size, dtype=np.float32),
            np.empty((pool_size, out_factors.shape[2]), dtype=np.float32),
        )
        for t in range(b, chunk_order.shape[0], blocks):
            chunk = chunk_order[t]
            for v in range(chunk_start[chunk], chunk_start[chunk + 1]):
                i = visit_order[v]
                scores, indices, factors = out_score[i], out_opening[i], out_factors[i]
                sector_bits = c_sector[i]
                lat, lon, cos_lat, reach, has_text = c_lat[i], c_lon[i], c_cos[i], c_reach[i], c_has[i]
                hmin, hmax, minutes_per_km, max_minutes = c_hmin[i], c_hmax[i], c_min_per_km[i], c_max_min[i]
                # 1. Every opening within reach that meets the requirements, with its score without text.
                found = 0
                mean_cos = window_mean_cos(lat, reach)
                row0, row1, _, _ = cell_window(lat, lon, reach, origin, cell_degrees, shape)
                for row in range(row0, row1 + 1):
                    col0, col1 = row_columns(lat, lon, reach, mean_cos, row, origin, cell_degrees, shape)
                    # Branch-free: every opening is written, only kept ones advance ``found`` (a
                    # kept/dropped branch would be mispredicted for about one opening in three).
                    for j in range(cell_start[row * shape[1] + col0], cell_start[row * shape[1] + col1 + 1]):
                        distance = distance_km(lat, lon, cos_lat, o_lat[j], o_lon[j], o_cos[j])
                        where[found], distances[found] = j, distance
                        found += (distance <= reach) & has_requirements(c_qual, i, o_req, j)
                for q in range(found):
                    j, distance = where[q], distances[q]
                    skills = shared_skills(c_skill, i, o_skill, j, o_count[j])
                    hours = hours_fit(hmin, hmax, o_hmin[j], o_hmax[j])
                    sector = sector_fit(sector_bits, o_sector[j])
                    travel = travel_fit(distance * minutes_per_km, max_minutes)
                    partial = weights[SKILLS] * skills + weights[HOURS] * hours
                    partial += weights[SECTOR] * sector + weights[TRAVEL] * travel
                    partials[q] = partial
                out_feasible[i] = found
                # 2. The pool_size-th best full score is at least the pool_size-th best partial (text >= 0).
                floor0 = -np.inf
                if found > pool_size:
                    floor0 = kth_largest_floor(partials, found, pool_size, histogram) - SCORE_MARGIN
                # 3. Bounds on the text term from the int8 codes, best partial score first. The
                # pool_size best lower bounds seen so far bound the pool_size-th best full score from
                # below, so this running floor rises quickly and spares later pairs the code product.
                if found > pool_size:
                    # The histogram still counts the partial scores: order the pairs by bin, best first.
                    bin_fill[0] = 0
                    for bin_ in range(HISTOGRAM_BINS):
                        bin_fill[bin_ + 1] = bin_fill[bin_] + histogram[HISTOGRAM_BINS - 1 - bin_]
                    for q in range(found):
                        cell_bin = min(max(int(partials[q] * HISTOGRAM_BINS), 0), HISTOGRAM_BINS - 1)
                        rank = HISTOGRAM_BINS - 1 - cell_bin
                        by_partial[bin_fill[rank]] = q
                        bin_fill[rank] += 1
                else:
                    for q in range(found):
                        by_partial[q] = q
                kept, lowers, running = 0, 0, floor0
                for r in range(found):
                    q = by_partial[r]
                    j, partial = where[q], partials[q]
                    high = low = partial
                    if has_text and o_has[j]:
                        if partial + text_weight < running:
                            continue
                        approx = c_scale[i] * o_scale[j] * code_dot(c_codes, i, o_codes, j)
                        error = TEXT_MARGIN + code_error(
                            c_scale[i], c_l1[i], c_norm[i], c_residual[i],
                            o_scale[j], o_l1[j], o_norm[j], o_residual[j], quarter_dimension,
                        )  # fmt: skip
                        high = partial + text_weight * text_fit(approx + error)
                        low = partial + text_weight * text_fit(approx - error)
                    if high < running:
                        continue
                    where_kept[kept], upper[kept], lower[kept] = j, high, low
                    kept += 1
                    if found > pool_size:
                        running = max(running, push_lower(best_lower, lowers, np.float32(low)) - SCORE_MARGIN)
                        lowers = min(lowers + 1, pool_size)
                floor1 = floor0
                if found > pool_size:
                    floor1 = max(floor0, kth_largest_floor(lower, kept, pool_size, histogram) - SCORE_MARGIN)
                # 4. Exact scores (full text dot product) only for pairs whose upper bound can still enter.
                filled, heap_ready = 0, False
                weakest = -np.inf
                for q in range(kept):
                    if upper[q] < floor1 or upper[q] < weakest - SCORE_MARGIN:
                        continue
                    j = where_kept[q]
                    distance = distance_km(lat, lon, cos_lat, o_lat[j], o_lon[j], o_cos[j])
                    skills = shared_skills(c_skill, i, o_skill, j, o_count[j])
                    hours = hours_fit(hmin, hmax, o_hmin[j], o_hmax[j])
                    sector = sector_fit(sector_bits, o_sector[j])
                    travel = travel_fit(distance * minutes_per_km, max_minutes)
                    partial = weights[SKILLS] * skills + weights[HOURS] * hours
                    partial += weights[SECTOR] * sector + weights[TRAVEL] * travel
                    text = 0.0
                    if has_text and o_has[j]:
                        text = text_fit(row_dot(c_text, i, o_text, j))
                    total = np.float32(partial + text_weight * text)
                    key = tie_key(i, o_index[j])
                    if filled < pool_size:
                        slot = filled
                        filled += 1
                    else:
                        slot = heap[0]
                        if not ranks_above(total, key, scores[slot], keys[slot]):
                            continue
                    scores[slot], indices[slot], keys[slot] = total, o_index[j], key
                    factors[slot, SKILLS], factors[slot, TEXT], factors[slot, HOURS] = skills, text, hours
                    factors[slot, SECTOR], factors[slot, TRAVEL] = sector, travel
                    if filled == pool_size:
                        if heap_ready:
                            sift_down(scores, keys, heap, pool_size, 0)
                        else:
                            for p in range(pool_size):
                                heap[p] = p
                            heapify(scores, keys, heap, pool_size)
                            heap_ready = True
                        weakest = scores[heap[0]]
                sort_pool(scores, indices, keys, factors, filled, heap, heap_ready, sort_buffers)


@njit(cache=True)
def sort_pool(scores, indices, keys, factors, filled, heap, heap_ready, buffers):
    """Best first (ties by lottery); empty slots stay at the end with index -1.

    Pops the pool's min-heap (weakest on top) from the back of ``order`` forward, then moves the
    entries into that order through preallocated buffers: no allocation per candidate.
    """
    order, spare_scores, spare_factors = buffers
    if not heap_ready:
        for p in range(filled):
            heap[p] = p
        heapify(scores, keys, heap, filled)
    for size in range(filled, 0, -1):
        order[size - 1] = heap[0]
        heap[0] = heap[size - 1]
        sift_down(scores, keys, heap, size - 1, 0)
    for t in range(filled):
        spare_scores[t] = scores[order[t]]
        spare_factors[t] = factors[order[t]]
        order[t] = indices[order[t]]
    for t in range(filled):
        scores[t] = spare_scores[t]
        indices[t] = order[t]
        factors[t] = spare_factors[t]


@dataclass
class QuantizedTexts:
    """Text vectors rounded to int8 (``vector ≈ scale * codes``) with, per vector, the L1 and L2 norms of
    the rounded vector and the L2 norm of the rounding error (all rounded up, so bounds built on them hold).
    """

    codes: np.ndarray
    scale: np.ndarray
    l1: np.ndarray
    norm: np.ndarray
    residual: np.ndarray


# float32 copies of the norms are rounded up by this factor, far more than float32's relative error.
ROUND_UP = 1.0 + 1e-6


@njit(parallel=True, cache=True)
def quantize_kernel(text, codes, scale, l1, norm, residual):
    for i in prange(text.shape[0]):
        largest = 0.0
        for k in range(text.shape[1]):
            largest = max(largest, abs(text[i, k]))
        step = largest / 127.0 if largest > 0.0 else 1.0
        total, squares, error = 0, 0, 0.0
        for k in range(text.shape[1]):
            code = min(127.0, max(-127.0, np.rint(text[i, k] / step)))
            codes[i, k] = np.int8(code)
            total += abs(int(code))
            squares += int(code) * int(code)
            if largest > 0.0:
                error += (text[i, k] - step * code) ** 2
        scale[i] = step if largest > 0.0 else 0.0
        l1[i] = step * total
        norm[i] = (step * np.sqrt(squares) if largest > 0.0 else 0.0) * ROUND_UP
        residual[i] = np.sqrt(error) * ROUND_UP


def quantize(text: np.ndarray) -> QuantizedTexts:
    """Each row as int8 codes times one scale; every coordinate is off by at most half a step."""
    quantized = QuantizedTexts(
        np.empty(text.shape, dtype=np.int8),
        *(np.empty(len(text), dtype=np.float32) for _ in range(4)),
    )
    if len(text):
        quantize_kernel(
            text, quantized.codes, quantized.scale, quantized.l1, quantized.norm, quantized.residual
        )
    return quantized


@njit(cache=True, inline="always")
def code_error(c_scale, c_l1, c_norm, c_residual, o_scale, o_l1, o_norm, o_residual, quarter_dimension):
    """Bound on |c·o − ĉ·ô| for vectors c, o and their roundings ĉ, ô (errors e = c − ĉ, |e_k| ≤ step/2).

    c·o − ĉ·ô = ĉ·e_o + e_c·ô + e_c·e_o. Two bounds hold and the smaller is used: coordinate-wise
    (|ĉ·e_o| ≤ |ĉ|₁ step_o / 2, |e_c·e_o| ≤ d step_c step_o / 4) and Cauchy–Schwarz with the actual
    rounding errors (|ĉ·e_o| ≤ |ĉ|₂ |e_o|₂), which is about a third tighter for embedding vectors.
    """
    by_coordinates = 0.5 * (c_l1 * o_scale + o_l1 * c_scale) + quarter_dimension * c_scale * o_scale
    by_norms = c_norm * o_residual + c_residual * o_norm + c_residual * o_residual
    return min(by_coordinates, by_norms)


def chunks_of_neighbours(visit_order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Chunk boundaries over the cell-sorted candidates, and a shuffled order to process the chunks in."""
    start = np.append(np.arange(0, len(visit_order), CHUNK), len(visit_order)).astype(np.int64)
    order = np.random.default_rng(0).permutation(len(start) - 1).astype(np.int64)
    return start, order


def score_pools(
    candidates: CandidateArrays,
    openings: OpeningArrays,
    weights: np.ndarray,
    pool_size: int,
    cell_km: float = DEFAULT_CELL_KM,
) -> Pools:
    """Each candidate's best ``pool_size`` openings within travel reach that pass the hard filters.

    Exact: the pools equal a brute-force top ``pool_size`` over all such pairs by full score (ties by
    the pair lottery), with the same factor values, and ``feasible`` counts all such pairs.
    """
    reach_km = candidates.max_minutes.astype(np.float64) / candidates.minutes_per_km
    grid = build_grid(openings.latitude, openings.longitude, cell_km)
    order = grid.order
    n = len(candidates)
    pools = Pools(
        opening=np.full((n, pool_size), -1, dtype=np.int32),
        score=np.full((n, pool_size), -np.inf, dtype=np.float32),
        factors=np.zeros((n, pool_size, len(FACTOR_NAMES)), dtype=np.float32),
        feasible=np.zeros(n, dtype=np.int64),
    )
    if n == 0 or len(openings) == 0 or pool_size == 0:
        return pools
    o_text = openings.text[order]
    c_quant, o_quant = quantize(candidates.text), quantize(o_text)
    cand = (
        candidates.latitude, candidates.longitude, reach_km, candidates.max_minutes,
        candidates.minutes_per_km, candidates.hours_min, candidates.hours_max, candidates.sector_bits,
        candidates.qualification_bits, candidates.skill_bits, candidates.text, candidates.has_text,
        c_quant.codes, c_quant.scale, c_quant.l1, c_quant.norm, c_quant.residual,
    )  # fmt: skip
    opens = (
        openings.latitude[order], openings.longitude[order], openings.hours_min[order],
        openings.hours_max[order], openings.sector[order], openings.requirement_bits[order],
        openings.skill_bits[order], openings.skill_count[order], o_text, openings.has_text[order],
        order.astype(np.int32), o_quant.codes, o_quant.scale, o_quant.l1, o_quant.norm, o_quant.residual,
    )  # fmt: skip
    grid_args = (grid.cell_start, grid.origin, grid.cell_degrees, grid.shape)
    # Neighbours score the same openings: visiting candidates cell by cell keeps those openings' text
    # vectors in the processor cache instead of fetching them from memory for every candidate.
    visit_order = np.argsort(grid_cell(candidates.latitude, candidates.longitude, grid), kind="stable")
    chunk_start, chunk_order = chunks_of_neighbours(visit_order)
    score_pools_kernel(
        cand,
        opens,
        grid_args,
        weights.astype(np.float32),
        visit_order,
        chunk_start,
        chunk_order,
        len(openings) + 1,
        pools.opening,
        pools.score,
        pools.factors,
        pools.feasible,
    )
    return pools
