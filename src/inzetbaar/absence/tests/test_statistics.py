"""The absence figures: worked examples by hand, and the fast core against the day-by-day reference."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzetbaar.absence import statistics as stats
from inzetbaar.absence.reference import compute_by_days


def d(text: str) -> int:
    return datetime.date.fromisoformat(text).toordinal()


JANUARY = [(d("2024-01-01"), d("2024-01-31"))]


def test_absence_rate_weights_part_time_and_fraction():
    # Two people all January: one full time, one half time. The half-timer is half sick for 10 days.
    employment = stats.Employment.from_lists(
        [1, 2], [0, 0], [d("2023-01-01")] * 2, [stats.OPEN] * 2, [1.0, 0.5]
    )
    spells = stats.Spells.from_lists([2], [7], [d("2024-01-11")], [d("2024-01-20")], [0.5])
    f = stats.compute(employment, spells, JANUARY, 1)
    assert f.absence_rate[0, 0] == pytest.approx(100 * (0.5 * 0.5 * 10) / (31 * 1.5))
    assert f.zero_absence_share[0, 0] == pytest.approx(50.0)
    assert f.reports[0, 0] == 1
    assert f.report_frequency[0, 0] == pytest.approx(1 / 2 * 366 / 31)
    assert f.mean_duration[0, 0] == pytest.approx(10)
    assert f.class_counts[0, 0].tolist() == [1, 0, 0, 0]


def test_running_case_counts_only_days_inside_and_no_duration():
    employment = stats.Employment.from_lists([1], [0], [d("2020-01-01")], [stats.OPEN], [1.0])
    spells = stats.Spells.from_lists([1], [1], [d("2023-12-20")], [stats.OPEN], [1.0])
    f = stats.compute(employment, spells, JANUARY, 1)
    assert f.absence_rate[0, 0] == pytest.approx(100.0)
    assert f.reports[0, 0] == 0  # reported in December
    assert np.isnan(f.mean_duration[0, 0])
    assert f.zero_absence_share[0, 0] == 0


def test_change_of_fraction_is_not_a_new_report_and_duration_spans_parts_and_earlier_days():
    employment = stats.Employment.from_lists([1], [0], [d("2020-01-01")], [stats.OPEN], [1.0])
    spells = stats.Spells.from_lists(
        [1, 1], [5, 5], [d("2023-12-25"), d("2024-01-05")], [d("2024-01-04"), d("2024-01-10")], [1.0, 0.5]
    )
    f = stats.compute(employment, spells, JANUARY, 1)
    assert f.reports[0, 0] == 0
    assert f.ended_cases[0, 0] == 1
    assert f.mean_duration[0, 0] == pytest.approx(17)  # 25 December to 10 January
    assert f.class_counts[0, 0].tolist() == [0, 1, 0, 0]
    assert f.sick_days[0, 0] == pytest.approx(4 + 3)


def test_joiner_counts_for_employed_days_only():
    employment = stats.Employment.from_lists([1], [0], [d("2024-01-17")], [stats.OPEN], [1.0])
    f = stats.compute(employment, stats.Spells.from_lists([], [], [], [], []), JANUARY, 1)
    assert f.employed_days[0, 0] == 15
    assert f.average_headcount[0, 0] == pytest.approx(15 / 31)
    assert f.headcount[0, 0] == 1
    assert f.zero_absence_share[0, 0] == 100


def test_pregnancy_left_out_unless_asked():
    employment = stats.Employment.from_lists([1], [0], [d("2020-01-01")], [stats.OPEN], [1.0])
    spells = stats.Spells.from_lists([1], [1], [d("2024-01-01")], [d("2024-01-31")], [1.0], [True])
    assert stats.compute(employment, spells, JANUARY, 1).absence_rate[0, 0] == 0
    assert stats.compute(employment, spells, JANUARY, 1, include_pregnancy=True).absence_rate[0, 0] == 100


def test_long_case_counts_in_last_class_and_classes_are_configurable():
    employment = stats.Employment.from_lists([1], [0], [d("2020-01-01")], [stats.OPEN], [1.0])
    spells = stats.Spells.from_lists([1], [1], [d("2021-06-01")], [d("2024-01-15")], [1.0])
    f = stats.compute(employment, spells, JANUARY, 1)
    assert f.class_counts[0, 0].tolist() == [0, 0, 0, 1]
    other = stats.compute(
        employment, spells, JANUARY, 1, classes=stats.parse_classes("1-7,8-42,43-365,366-999")
    )
    assert other.class_counts[0, 0].tolist() == [0, 0, 0, 1]
    with pytest.raises(ValueError):
        stats.parse_classes("1-14,20-30")


def test_calendar_periods():
    months = stats.month_periods(datetime.date(2024, 1, 15), datetime.date(2024, 3, 31))
    assert [datetime.date.fromordinal(int(x)).isoformat() for x in months[:, 0]] == [
        "2024-01-15",
        "2024-02-01",
        "2024-03-01",
    ]
    assert len(stats.quarter_periods(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))) == 4
    assert len(stats.year_periods(datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))) == 2
    with pytest.raises(ValueError):
        stats.compute(
            stats.Employment.from_lists([], [], [], [], []),
            stats.Spells.from_lists([], [], [], [], []),
            [(10, 20), (15, 30)],
            1,
        )


BASE = d("2023-11-01")


@st.composite
def data(draw):
    people = draw(st.integers(1, 6))
    groups = draw(st.integers(1, 3))
    employment_rows, spell_rows = [], []
    case = 0
    for person in range(people):
        cursor = BASE + draw(st.integers(-40, 60))
        for _ in range(draw(st.integers(1, 3))):
            length = draw(st.integers(1, 120))
            end = stats.OPEN if draw(st.booleans()) and length > 100 else cursor + length
            employment_rows.append(
                (
                    person,
                    draw(st.integers(0, groups - 1)),
                    cursor,
                    end,
                    draw(st.sampled_from([0.5, 0.8, 1.0])),
                )
            )
            if end == stats.OPEN:
                break
            cursor = end + draw(st.integers(-20, 30))  # overlapping or with a gap
        day = BASE + draw(st.integers(-30, 40))
        for _ in range(draw(st.integers(0, 3))):
            case += 1
            parts = draw(st.integers(1, 2))
            for part in range(parts):
                length = draw(st.integers(1, 40))
                running = part == parts - 1 and draw(st.integers(0, 5)) == 0
                end = stats.OPEN if running else day + length - 1
                spell_rows.append(
                    (person, case, day, end, draw(st.sampled_from([1.0, 0.5])), draw(st.integers(0, 9)) == 0)
                )
                if running:
                    break
                day = end + 1
            day += draw(st.integers(1, 30))
    return employment_rows, spell_rows, groups


@settings(max_examples=150, deadline=None)
@given(data(), st.booleans(), st.sampled_from(["months", "one"]), st.booleans())
def test_core_matches_day_by_day_reference(generated, include_pregnancy, shape, sparse_codes):
    employment_rows, spell_rows, groups = generated
    if sparse_codes:  # large codes take the sorting paths instead of the counting ones
        employment_rows = [(p * 10**12 - 5, *rest) for p, *rest in employment_rows]
        spell_rows = [(p * 10**12 - 5, c * 10**12, *rest) for p, c, *rest in spell_rows]
    employment = stats.Employment.from_lists(*zip(*employment_rows, strict=True))
    spells = (
        stats.Spells.from_lists(*zip(*spell_rows, strict=True))
        if spell_rows
        else stats.Spells.from_lists([], [], [], [], [])
    )
    if shape == "months":
        periods = stats.month_periods(datetime.date(2023, 12, 1), datetime.date(2024, 3, 31))
    else:
        periods = [(d("2023-12-10"), d("2024-02-20"))]
    fast = stats.compute(employment, spells, periods, groups, include_pregnancy=include_pregnancy)
    slow = compute_by_days(employment, spells, periods, groups, include_pregnancy=include_pregnancy)
    for name in (
        "absence_rate",
        "report_frequency",
        "mean_duration",
        "zero_absence_share",
        "headcount",
        "average_headcount",
        "reports",
        "ended_cases",
        "class_counts",
    ):
        np.testing.assert_allclose(
            getattr(fast, name), getattr(slow, name), rtol=1e-9, atol=1e-9, err_msg=name
        )
