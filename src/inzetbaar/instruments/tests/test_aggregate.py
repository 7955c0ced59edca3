"""Group aggregates with NumPy group-by equal a naive computation; Cronbach's alpha against a hand example."""

import numpy as np
import pytest

from inzetbaar.instruments.definitions import InstrumentDefinition
from inzetbaar.instruments.scoring import aggregate, combine_keys, compile_instrument, cronbach_alpha

from .builders import mini


def test_cronbach_alpha_matches_a_hand_computed_example():
    # item variances 5/3, 19/12, 11/12 (sum 25/6); sums 6, 8, 10, 14 have variance 35/3;
    # alpha = 3/2 × (1 − (25/6) / (35/3)) = 27/28
    block = np.array([[1, 2, 3], [2, 3, 3], [3, 3, 4], [4, 5, 5]], dtype=float)
    assert cronbach_alpha(block, np.zeros(4, dtype=int), 1)[0] == pytest.approx(27 / 28)


def test_cronbach_alpha_leaves_out_incomplete_rows_and_degenerate_groups():
    block = np.array([[1, 2, 3], [2, 3, 3], [3, 3, 4], [4, 5, 5], [1, np.nan, 1], [2, 2, 2], [3, 3, 3]])
    alpha = cronbach_alpha(block, np.array([0, 0, 0, 0, 0, 1, 2]), 4)
    assert alpha[0] == pytest.approx(27 / 28)
    assert np.isnan(alpha[1:]).all()  # one respondent, or none


def naive(plan, scores, codes, groups):
    """Per group with plain Python lists: the reference for aggregate()."""
    expected = []
    for group in range(groups):
        rows = [i for i in range(len(codes)) if codes[i] == group]
        per_scale = []
        for k in range(len(plan.scale_ids)):
            values = [scores.scores[i, k] for i in rows if not np.isnan(scores.scores[i, k])]
            mean = sum(values) / len(values) if values else np.nan
            sd = (
                (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
                if len(values) > 1
                else np.nan
            )
            bands = [sum(1 for i in rows if scores.bands[i, k] == b) for b in range(len(plan.band_ids[k]))]
            per_scale.append((len(values), mean, sd, bands))
        expected.append((len(rows), per_scale))
    return expected


def test_aggregate_equals_a_naive_computation():
    plan = compile_instrument(InstrumentDefinition.model_validate(mini()))
    generator = np.random.default_rng(7)
    size = 400
    matrix = generator.integers(1, 6, size=(size, len(plan.variables))).astype(float)
    matrix[:, plan.variables.index("job")] = generator.integers(0, 2, size)
    for optional in ("q3", "q4"):
        column = plan.variables.index(optional)
        matrix[generator.random(size) < 0.3, column] = np.nan
    units = generator.choice(["care", "finance", "ict"], size)
    waves = generator.integers(2024, 2026, size)
    codes, (unit_of, wave_of) = combine_keys(units, waves)
    assert all(units[i] == unit_of[codes[i]] and waves[i] == wave_of[codes[i]] for i in range(size))
    groups = len(unit_of)
    scores = plan.score_matrix(matrix)
    result = aggregate(scores, codes)
    for group, (respondents, per_scale) in enumerate(naive(plan, scores, codes, groups)):
        assert result.respondents[group] == respondents
        for k, (n, mean, sd, bands) in enumerate(per_scale):
            assert result.n[group, k] == n
            assert result.mean[group, k] == pytest.approx(mean)
            assert result.sd[group, k] == pytest.approx(sd)
            assert list(result.band_counts[k][group]) == bands
    sum4 = plan.scale_ids.index("sum4")
    for group in range(groups):
        block = scores.items[codes == group][:, :4]
        block = block[~np.isnan(block).any(axis=1)]
        item_variances = block.var(axis=0, ddof=1).sum()
        expected = 4 / 3 * (1 - item_variances / block.sum(axis=1).var(ddof=1))
        assert result.alpha[group, sum4] == pytest.approx(expected)
    assert np.isnan(result.alpha[:, plan.scale_ids.index("weighted")]).all()


def test_empty_groups_and_bad_codes():
    plan = compile_instrument(InstrumentDefinition.model_validate(mini()))
    scores = plan.score_matrix(np.array([[1, 2, 3, 4, 0]] * 3, dtype=float))
    result = aggregate(scores, np.array([0, 0, 2]), n_groups=4)
    assert list(result.respondents) == [2, 0, 1, 0]
    assert np.isnan(result.mean[1]).all() and np.isnan(result.sd[2]).all()
    with pytest.raises(ValueError, match="group codes"):
        aggregate(scores, np.array([0, 5, 1]), n_groups=3)
