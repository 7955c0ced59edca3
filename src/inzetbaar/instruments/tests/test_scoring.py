"""Scoring one response and many: reverse coding, the missing-value rule, validation, and equal paths."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzetbaar.instruments.definitions import InstrumentDefinition, load_library
from inzetbaar.instruments.scoring import ResponseError, compile_instrument

from .builders import mini


@pytest.fixture(scope="module")
def plan():
    return compile_instrument(InstrumentDefinition.model_validate(mini()))


def test_reverse_coding_turns_the_scale_around(plan):
    result = plan.score_one({"q1": 1, "q2": 1, "q3": 1, "q4": 1, "job": "a"})
    assert result.scores["mean4"] == (1 + 1 + 1 + 5) / 4
    assert plan.score_one({"q1": 1, "q2": 1, "q3": 1, "q4": 2, "job": "a"}).scores["sum4"] == 7


def test_weighted_conditional_and_total(plan):
    result = plan.score_one({"q1": 4, "q2": 2, "q3": 3, "q4": 5, "job": "b"})
    assert result.scores == {"mean4": 2.5, "sum4": 10, "weighted": 9, "by_job": 6, "total": 11.5}
    assert (result.total, result.total_band) == (11.5, "high")
    assert plan.score_one({"q1": 4, "q2": 2, "q3": 3, "q4": 5, "job": "a"}).scores["by_job"] == 4


def test_missing_optional_answers_follow_the_rule(plan):
    one_missing = plan.score_one({"q1": 4, "q2": 2, "q3": None, "q4": 5, "job": "a"})
    assert one_missing.scores["mean4"] == pytest.approx((4 + 2 + 1) / 3)  # mean of the answered
    assert one_missing.scores["sum4"] == pytest.approx((4 + 2 + 1) * 4 / 3)  # prorated
    two_missing = plan.score_one({"q1": 4, "q2": 2, "job": "a"})
    assert two_missing.scores["mean4"] == 3
    assert two_missing.scores["sum4"] is None  # below min_answered 3
    assert two_missing.scores["total"] == 3 + 9
    assert two_missing.bands == {"total": "high"}


def test_a_missing_scale_makes_what_builds_on_it_missing():
    data = mini()
    data["scales"][0]["rule"]["min_answered"] = 4
    plan = compile_instrument(InstrumentDefinition.model_validate(data))
    result = plan.score_one({"q1": 4, "q2": 2, "job": "a"})
    assert result.scores["mean4"] is None and result.total is None and result.total_band is None
    assert plan.score_matrix([plan.to_vector({"q1": 4, "q2": 2, "job": "a"})]).row(0) == result


def test_every_invalid_answer_is_named(plan):
    with pytest.raises(ResponseError) as caught:
        plan.score_one({"q1": 6, "q2": "veel", "q4": 2.5, "job": "c", "q9": 1})
    assert [str(problem) for problem in caught.value.problems] == [
        "q9: is not a variable of this instrument",
        "q1: 6 is outside the allowed 1–5",
        "q2: 'veel' is not a number",
        "q4: 2.5 is outside the allowed 1–5",
        "job: 'c' is not one of a, b",
    ]
    with pytest.raises(ResponseError, match="q1: is missing"):
        plan.score_one({"q2": 1, "job": "a"})


def test_a_response_is_stored_as_one_compact_vector(plan):
    answers = {"q1": 4, "q2": 2, "q3": None, "q4": 5, "job": "b"}
    vector = plan.to_vector(answers)
    assert vector.dtype == np.float32 and vector.shape == (len(plan.variables),)
    assert plan.from_vector(vector) == answers
    with pytest.raises(ResponseError):
        plan.to_vector({"q1": 0})


def test_check_matrix_names_every_bad_cell(plan):
    matrix = np.array([[1, 2, 3, 4, 0], [9, np.nan, 3, 2.5, 1], [1, 1, 1, 1, 7]], dtype=float)
    problems = [(p.row, p.variable, p.message) for p in plan.check_matrix(matrix)]
    assert problems == [
        (1, "q1", "9 is outside the allowed 1–5"),
        (1, "q2", "is missing"),
        (1, "q4", "2.5 is outside the allowed 1–5"),
        (2, "job", "code position 7 is not one of 0–1"),
    ]


def cell(variable):
    """A hypothesis strategy for one valid encoded answer, NaN allowed where the item is optional."""
    if variable.codes:
        values = st.sampled_from(range(len(variable.codes)))
    elif variable.options:
        values = st.sampled_from(variable.options)
    else:
        steps = round((variable.high - variable.low) / variable.step)
        values = st.integers(0, steps).map(lambda k: variable.low + k * variable.step)
    values = values.map(float)
    return values if variable.required else st.one_of(values, st.just(math.nan))


def responses(plan):
    return st.lists(st.tuples(*(cell(v) for v in plan.variable_info)), min_size=1, max_size=30)


def assert_paths_agree(plan, rows):
    matrix = np.array(rows, dtype=float)
    arrays = plan.score_matrix(matrix)
    for index, row in enumerate(rows):
        one = plan.score_one(plan.from_vector(row))
        many = arrays.row(index)
        assert many.bands == one.bands and many.quadrant == one.quadrant
        for scale_id, value in one.scores.items():
            assert (value is None and many.scores[scale_id] is None) or many.scores[
                scale_id
            ] == pytest.approx(value)


SHIPPED = {definition.id: compile_instrument(definition) for definition in load_library()}


def random_rows(plan, generator, size):
    """Valid encoded responses drawn with NumPy: wide instruments make per-cell hypothesis draws slow."""
    columns = []
    for variable in plan.variable_info:
        if variable.codes:
            values = np.arange(len(variable.codes), dtype=float)
        elif variable.options:
            values = np.array(variable.options)
        else:
            values = np.arange(variable.low, variable.high + variable.step / 2, variable.step)
        column = generator.choice(values, size)
        if not variable.required:
            column[generator.random(size) < 0.3] = np.nan
        columns.append(column)
    return np.column_stack(columns).tolist()


@pytest.mark.parametrize("instrument", sorted(SHIPPED))
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 40))
def test_the_vectorised_path_equals_the_one_by_one_path_for_every_shipped_instrument(instrument, seed, size):
    plan = SHIPPED[instrument]
    assert_paths_agree(plan, random_rows(plan, np.random.default_rng(seed), size))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_vectorised_path_equals_the_one_by_one_path_with_missing_values(data):
    plan = compile_instrument(InstrumentDefinition.model_validate(mini()))
    assert_paths_agree(plan, data.draw(responses(plan)))
