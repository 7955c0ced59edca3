"""Each factor score on its own."""

import numpy as np
import pytest

from inzetbaar.matching.engine.profiles.arrays import bit_matrix
from inzetbaar.matching.engine.profiles.factors import (
    CANDIDATE_WEIGHTS,
    EMPLOYER_WEIGHTS,
    hours_fit,
    meets_requirements,
    popcount64,
    sector_fit,
    skills_fit,
    text_fit,
    travel_fit,
)


def bits(*positions, width=130):
    return bit_matrix([positions], width)[0]


def test_popcount_counts_bits_across_the_word():
    assert popcount64(np.uint64(0)) == 0
    assert popcount64(np.uint64(0xFFFFFFFFFFFFFFFF)) == 64
    assert popcount64(np.uint64(0b1011)) == 3


def test_skills_fit_is_the_share_of_the_openings_skills_the_candidate_has():
    assert skills_fit(bits(1, 70, 129), bits(1, 70, 100, 3), 4) == pytest.approx(0.5)
    assert skills_fit(bits(), bits(5), 1) == 0.0
    assert skills_fit(bits(), bits(), 0) == 1.0


def test_requirements_are_a_hard_filter():
    assert meets_requirements(bits(2, 65, 7), bits(2, 65))
    assert not meets_requirements(bits(2), bits(2, 65))
    assert meets_requirements(bits(), bits())


@pytest.mark.parametrize(
    ("wish", "opening", "expected"),
    [
        ((24, 32), (32, 40), 1.0),
        ((16, 20), (24, 24), 0.75),
        ((8, 12), (36, 40), 0.0),
        ((0, 60), (40, 40), 1.0),
    ],
)
def test_hours_fit_falls_with_the_gap_between_wish_and_opening(wish, opening, expected):
    assert hours_fit(*wish, *opening) == pytest.approx(expected)


def test_sector_fit_rewards_wished_sectors_and_is_neutral_without_sector():
    wished = bits(3, 66)
    assert sector_fit(wished, 66) == 1.0
    assert sector_fit(wished, 4) == 0.0
    assert sector_fit(wished, -1) == 1.0


def test_travel_fit_falls_linearly_to_zero_at_the_maximum():
    assert travel_fit(0.0, 60.0) == 1.0
    assert travel_fit(45.0, 60.0) == pytest.approx(0.25)
    assert travel_fit(60.0, 60.0) == 0.0


def test_text_fit_counts_negative_similarity_as_none():
    assert text_fit(-0.3) == 0.0
    assert text_fit(0.42) == pytest.approx(0.42)


def test_weights_are_normalised_and_employers_ignore_passions_and_sector_wishes():
    assert CANDIDATE_WEIGHTS.as_array().sum() == pytest.approx(1.0)
    employer = EMPLOYER_WEIGHTS.as_array()
    assert employer.sum() == pytest.approx(1.0)
    assert employer[1] == employer[3] == 0.0
