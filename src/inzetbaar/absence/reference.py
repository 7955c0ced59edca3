"""The naive way to count absence: expand every employment and every absence part into days.

Never used by the app. It follows the definitions in :mod:`inzetbaar.absence.statistics` word for word,
day by day, in plain Python, so the tests can check the fast core against it on random data and the
benchmark can show what the day-by-day method costs. It returns the same :class:`Figures`.
"""

from collections import defaultdict

import numpy as np

from .statistics import CARE_BENCHMARK_CLASSES, OPEN, Employment, Figures, Spells, _days_in_year


def compute_by_days(
    employment: Employment,
    spells: Spells,
    periods,
    groups: int,
    *,
    classes=CARE_BENCHMARK_CLASSES,
    include_pregnancy: bool = False,
) -> Figures:
    periods = np.asarray(periods, dtype=np.int64).reshape(-1, 2)
    first_day, last_day = int(periods[0, 0]), int(periods[-1, 1])
    period_of = {}
    for index, (start, end) in enumerate(periods.tolist()):
        for day in range(start, end + 1):
            period_of[day] = index

    # (person, day) -> incapacity fraction; case -> first and last day (OPEN while running)
    sick = defaultdict(float)
    case_first: dict[int, int] = {}
    case_last: dict[int, int] = {}
    for person, case, start, end, fraction, pregnant in zip(
        spells.person.tolist(),
        spells.case.tolist(),
        spells.start.tolist(),
        spells.end.tolist(),
        spells.fraction.tolist(),
        spells.pregnancy.tolist(),
        strict=True,
    ):
        if pregnant and not include_pregnancy:
            continue
        case_first[case] = min(case_first.get(case, OPEN), start)
        case_last[case] = max(case_last.get(case, 0), end)
        for day in range(max(start, first_day), min(end, last_day) + 1):
            sick[person, day] += fraction
    person_of_case = {}
    for person, case in zip(spells.person.tolist(), spells.case.tolist(), strict=True):
        person_of_case[case] = person

    P = len(periods)
    sick_days = np.zeros((P, groups))
    employed_days = np.zeros((P, groups))
    employed = defaultdict(set)  # (period, group) -> people
    sick_people = defaultdict(set)
    person_days = defaultdict(set)  # (period, group) -> {(person, day)}
    employed_on = defaultdict(set)  # (person, day) -> groups, for every day of employment
    for person, group, start, end, ptf in zip(
        employment.person.tolist(),
        employment.group.tolist(),
        employment.start.tolist(),
        employment.end.tolist(),
        employment.ptf.tolist(),
        strict=True,
    ):
        for day in range(start, min(end, last_day) + 1):
            employed_on[person, day].add(group)
            p = period_of.get(day)
            if p is None:
                continue
            employed_days[p, group] += ptf
            employed[p, group].add(person)
            person_days[p, group].add((person, day))
            fraction = sick.get((person, day), 0.0)
            if fraction:
                sick_days[p, group] += ptf * fraction
                sick_people[p, group].add(person)

    reports = np.zeros((P, groups))
    ended_cases = np.zeros((P, groups))
    total_length = np.zeros((P, groups))
    class_counts = np.zeros((P, groups, len(classes)))
    for case, first in case_first.items():
        owners = employed_on.get((person_of_case[case], first), set())
        p_first = period_of.get(first)
        last = case_last[case]
        p_last = period_of.get(last) if last < OPEN else None
        length = last - first + 1
        k = next((i for i, c in enumerate(classes) if c.low <= length <= c.high), len(classes) - 1)
        for group in owners:
            if p_first is not None:
                reports[p_first, group] += 1
            if p_last is not None:
                ended_cases[p_last, group] += 1
                total_length[p_last, group] += length
                class_counts[p_last, group, k] += 1

    headcount = np.zeros((P, groups))
    average = np.zeros((P, groups))
    sick_count = np.zeros((P, groups))
    for (p, group), people in employed.items():
        headcount[p, group] = len(people)
    for (p, group), days in person_days.items():
        average[p, group] = len(days)
    for (p, group), people in sick_people.items():
        sick_count[p, group] = len(people)
    lengths = (periods[:, 1] - periods[:, 0] + 1).astype(float)[:, None]
    average /= lengths
    year_days = np.array([_days_in_year(p) for p in periods[:, 0]], dtype=float)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return Figures(
            periods=periods,
            classes=tuple(classes),
            absence_rate=np.where(employed_days > 0, 100 * sick_days / employed_days, np.nan),
            report_frequency=np.where(average > 0, reports / average * year_days / lengths, np.nan),
            mean_duration=np.where(ended_cases > 0, total_length / ended_cases, np.nan),
            zero_absence_share=np.where(headcount > 0, 100 * (headcount - sick_count) / headcount, np.nan),
            headcount=headcount.astype(np.int64),
            average_headcount=average,
            sick_days=sick_days,
            employed_days=employed_days,
            reports=reports.astype(np.int64),
            ended_cases=ended_cases.astype(np.int64),
            class_counts=class_counts.astype(np.int64),
        )
