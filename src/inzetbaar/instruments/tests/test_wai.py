"""The Work Ability Index scored exactly by the published rules: each dimension, and every band edge."""

import pytest

from inzetbaar.instruments.definitions import load_library
from inzetbaar.instruments.scoring import compile_instrument

DISEASES = [f"wai3_d{number:02d}" for number in range(1, 52)]


@pytest.fixture(scope="module")
def plan():
    return compile_instrument(load_library().get("wai"))


def answers(**changes):
    """A full response: total 7 + 8 + 7 + 6 + 5 + 7 + 4 = 44 unless changed."""
    base = {disease: 0 for disease in DISEASES}
    base |= {
        "wai1": 7,
        "wai2_job": "mixed",
        "wai2_physical": 4,
        "wai2_mental": 4,
        "wai4": 6,
        "wai5": 5,
        "wai6": 7,
    }
    base |= {"wai7a": 4, "wai7b": 4, "wai7c": 4}
    return base | changes


def test_the_definition_has_the_issue_variables_and_rules(plan):
    definition = plan.definition
    assert plan.variables == (
        "wai1",
        "wai2_job",
        "wai2_physical",
        "wai2_mental",
        *DISEASES,
        "wai4",
        "wai5",
        "wai6",
        "wai7a",
        "wai7b",
        "wai7c",
    )
    assert definition.min_group_size == 15
    assert definition.individual_visibility == "employee_and_occupational_physician"
    assert definition.licence.redistributable is False
    assert definition.total == "wai_total"


def test_the_example_response_scores_44_excellent(plan):
    result = plan.score_one(answers())
    assert result.scores == {
        "wai_d1": 7,
        "wai_d2": 8,
        "wai_d3": 7,
        "wai_d4": 6,
        "wai_d5": 5,
        "wai_d6": 7,
        "wai_d7": 4,
        "wai_total": 44,
    }
    assert result.total_band == "excellent"


@pytest.mark.parametrize("value", [0, 3, 10])
def test_dimension_1_is_the_grade_itself(plan, value):
    assert plan.score_one(answers(wai1=value)).scores["wai_d1"] == value


@pytest.mark.parametrize(
    ("job", "physical", "mental", "expected"),
    [
        ("physical", 4, 2, 4 * 1.5 + 2 * 0.5),  # 7
        ("mental", 4, 2, 4 * 0.5 + 2 * 1.5),  # 5
        ("mixed", 4, 2, 6),
        ("physical", 1, 1, 2),
        ("mental", 5, 5, 10),
        ("physical", 3, 4, 6.5),
    ],
)
def test_dimension_2_weights_demands_by_job_type(plan, job, physical, mental, expected):
    result = plan.score_one(answers(wai2_job=job, wai2_physical=physical, wai2_mental=mental))
    assert result.scores["wai_d2"] == expected


@pytest.mark.parametrize(
    ("diagnosed", "expected"), [(0, 7), (1, 5), (2, 4), (3, 3), (4, 2), (5, 1), (9, 1), (51, 1)]
)
def test_dimension_3_counts_only_physician_diagnoses(plan, diagnosed, expected):
    response = answers(**{disease: 2 for disease in DISEASES[:diagnosed]})
    response |= {disease: 1 for disease in DISEASES[diagnosed:]}  # own opinion never counts
    assert plan.score_one(response).scores["wai_d3"] == expected


@pytest.mark.parametrize(
    ("variable", "scale", "value"),
    [
        ("wai4", "wai_d4", 1),
        ("wai4", "wai_d4", 6),
        ("wai5", "wai_d5", 1),
        ("wai5", "wai_d5", 3),
        ("wai6", "wai_d6", 1),
        ("wai6", "wai_d6", 4),
    ],
)
def test_dimensions_4_to_6_are_the_answer_scores(plan, variable, scale, value):
    assert plan.score_one(answers(**{variable: value})).scores[scale] == value


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [
        (0, 0, 0, 1),
        (1, 1, 1, 1),
        (2, 1, 1, 2),
        (2, 2, 2, 2),
        (3, 2, 2, 3),
        (3, 3, 3, 3),
        (4, 3, 3, 4),
        (4, 4, 4, 4),
    ],
)
def test_dimension_7_sums_three_items_into_four_classes(plan, a, b, c, expected):
    assert plan.score_one(answers(wai7a=a, wai7b=b, wai7c=c)).scores["wai_d7"] == expected


def by_dimension(d1, job, physical, mental, diagnosed, d4, d5, d6, mental_resources):
    response = answers(
        wai1=d1, wai2_job=job, wai2_physical=physical, wai2_mental=mental, wai4=d4, wai5=d5, wai6=d6
    )
    response |= {disease: 2 for disease in DISEASES[:diagnosed]}
    return response | dict(zip(("wai7a", "wai7b", "wai7c"), mental_resources, strict=True))


@pytest.mark.parametrize(
    ("response", "total", "band"),
    [
        (by_dimension(0, "mixed", 1, 1, 51, 1, 1, 1, (0, 0, 0)), 7, "poor"),  # 0+2+1+1+1+1+1
        (by_dimension(5, "mixed", 3, 3, 2, 4, 3, 4, (1, 1, 1)), 27, "poor"),  # 5+6+4+4+3+4+1
        (by_dimension(5, "physical", 3, 4, 1, 4, 2, 4, (1, 1, 1)), 27.5, "poor"),  # 5+6.5+5+4+2+4+1
        (by_dimension(6, "mixed", 3, 3, 2, 4, 3, 4, (1, 1, 1)), 28, "moderate"),  # 6+6+4+4+3+4+1
        (by_dimension(8, "physical", 4, 3, 0, 5, 4, 4, (1, 1, 1)), 36.5, "moderate"),  # 8+7.5+7+5+4+4+1
        (by_dimension(7, "mixed", 4, 4, 0, 5, 4, 4, (2, 2, 2)), 37, "good"),  # 7+8+7+5+4+4+2
        (by_dimension(8, "physical", 4, 3, 0, 6, 5, 7, (3, 3, 3)), 43.5, "good"),  # 8+7.5+7+6+5+7+3
        (answers(), 44, "excellent"),
        (by_dimension(10, "mixed", 5, 5, 0, 6, 5, 7, (4, 4, 4)), 49, "excellent"),  # 10+10+7+6+5+7+4
    ],
)
def test_bands_have_the_issue_boundaries(plan, response, total, band):
    result = plan.score_one(response)
    assert (result.total, result.total_band) == (total, band)
    assert plan.score_matrix([plan.to_vector(response)]).row(0) == result
