"""The business case: the preset reproduces the care region's claim; people and euros are one capacity."""

import dataclasses

import pytest

from inzetbaar.absence import business_case


def test_care_region_preset_reproduces_545_employee_years_and_about_40_million():
    outcome = business_case.compute(business_case.CARE_REGION)
    assert outcome.freed_employee_years == pytest.approx(545)
    assert outcome.euros_per_year == pytest.approx(40_000_000, rel=0.01)
    assert outcome.target_rate == pytest.approx(6.0)
    # the euros are the freed days priced, the days the freed FTE at work: one capacity, two views
    assert outcome.euros_per_year == pytest.approx(outcome.freed_days * 400)
    assert outcome.freed_days == pytest.approx(outcome.freed_fte * 261)


def test_the_outcome_scales_with_the_reduction():
    half = business_case.compute(dataclasses.replace(business_case.CARE_REGION, reduction=0.5))
    assert half.freed_employee_years == pytest.approx(272.5)


@pytest.mark.parametrize(
    "change",
    [
        {"headcount": 0},
        {"part_time_factor": 1.2},
        {"working_days": 400},
        {"reduction": 8.0},
        {"cost_per_day": -1},
    ],
)
def test_impossible_inputs_are_refused(change):
    with pytest.raises(ValueError):
        business_case.compute(dataclasses.replace(business_case.CARE_REGION, **change))
