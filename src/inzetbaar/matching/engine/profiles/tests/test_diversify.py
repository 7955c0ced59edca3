"""The parallel and prefetching diversification kernel against a plain sequential reference of the rule."""

import numpy as np
import pytest

from inzetbaar.matching.engine.profiles.diversify import (
    GROUP_PARTS,
    appearance_quota,
    diversify,
    group_by_opening,
    opening_rankings,
)


def random_pools(seed, candidates, openings, pool_size, empty_share=0.1):
    """Pools of distinct openings per candidate, best first, some rows cut short (-1), random scores."""
    rng = np.random.default_rng(seed)
    # A few popular openings, so that many of them go over their quota.
    popularity = 1.0 / (1.0 + np.arange(openings)) ** 1.2
    pool = np.full((candidates, pool_size), -1, dtype=np.int32)
    for i in range(candidates):
        length = pool_size if rng.random() > empty_share else int(rng.integers(0, pool_size))
        pool[i, :length] = rng.choice(openings, length, replace=False, p=popularity / popularity.sum())
    # Rounded scores, so that ties (broken by candidate order) occur.
    score = np.round(rng.random((candidates, pool_size)), 2).astype(np.float32)
    capacity = rng.choice([1, 1, 2, 3, 5], openings).astype(np.int32)
    return pool, score, capacity


def reference_group(selected, pool):
    """Per opening, the selected (candidate, slot) pairs in candidate order."""
    groups = {}
    for i, s in zip(*np.nonzero(selected), strict=True):
        groups.setdefault(int(pool[i, s]), []).append((int(i), int(s)))
    return groups


def reference_diversify(pool, score, capacity, top_k, seats_factor=3.0, rounds=4):
    """The documented rule, one move at a time in opening order (docs/matching-profiles.md)."""
    quota = appearance_quota(pool, capacity, top_k, seats_factor)
    size = pool.shape[1]
    selected = np.zeros(pool.shape, dtype=bool)
    selected[:, :top_k] = pool[:, :top_k] >= 0
    excluded = np.zeros(pool.shape, dtype=bool)
    for _ in range(rounds):
        groups = reference_group(selected, pool)
        listed = np.zeros(len(capacity), dtype=np.int64)
        for o, pairs in groups.items():
            listed[o] = len(pairs)
        changed = False
        for o in range(len(capacity)):
            pairs = groups.get(o, [])
            if len(pairs) <= quota[o]:
                continue
            # Best candidate first by the opening's score; equal scores keep candidate order.
            ranked = sorted(pairs, key=lambda pair: -score[pair])
            for i, s in ranked[quota[o] :]:
                spare, least = -1, np.inf
                for t in range(min(top_k, size), size):
                    other = pool[i, t]
                    if other < 0 or selected[i, t] or excluded[i, t]:
                        continue
                    if listed[other] < quota[other]:
                        spare = t
                        break
                    load = listed[other] / max(quota[other], 1)
                    if load < least:
                        spare, least = t, load
                if spare < 0:
                    continue
                selected[i, s], excluded[i, s], selected[i, spare] = False, True, True
                listed[o] -= 1
                listed[pool[i, spare]] += 1
                changed = True
        if not changed:
            break
    return selected


@pytest.mark.parametrize("candidates", [0, 1, GROUP_PARTS - 1, GROUP_PARTS + 1, 257])
def test_parallel_grouping_equals_one_sequential_pass(candidates):
    pool, score, capacity = random_pools(candidates, candidates, 30, 8)
    selected = (pool >= 0) & (np.random.default_rng(1).random(pool.shape) < 0.7)
    start, rows, slots, bits = group_by_opening(selected, pool, score.view(np.uint32), len(capacity))
    expected = reference_group(selected, pool)
    for o in range(len(capacity)):
        pairs = list(zip(rows[start[o] : start[o + 1]], slots[start[o] : start[o + 1]], strict=True))
        assert pairs == expected.get(o, [])
        assert (bits[start[o] : start[o + 1]] == score.view(np.uint32)[selected & (pool == o)]).all()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("top_k", [1, 4, 8])
def test_kernel_follows_the_sequential_rule_exactly(seed, top_k):
    pool, score, capacity = random_pools(seed, 400, 40, 12)
    selected = diversify(pool, score, capacity, top_k, seats_factor=1.0)
    assert (selected == reference_diversify(pool, score, capacity, top_k, seats_factor=1.0)).all()
    # No list gets shorter, none longer than top_k, and only pooled openings are listed.
    assert (selected.sum(axis=1) == (pool[:, :top_k] >= 0).sum(axis=1)).all()
    assert not (selected & (pool < 0)).any()


def test_openings_rank_their_candidates_best_first():
    pool, score, capacity = random_pools(3, 300, 30, 10)
    selected = diversify(pool, score, capacity, 5)
    start, ranked = opening_rankings(selected, pool, score, len(capacity))
    groups = reference_group(selected, pool)
    for o in range(len(capacity)):
        expected = [i for i, _ in sorted(groups.get(o, []), key=lambda pair: -score[pair])]
        assert list(ranked[start[o] : start[o + 1]]) == expected
