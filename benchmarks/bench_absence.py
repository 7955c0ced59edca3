"""Benchmark of the absence statistics: monthly figures per unit for 1,000,000 absence parts of 100,000
employees over five years, against the naive method that expands every employment and absence part
into days (``inzetbaar.absence.reference``).

The fast core is timed on the full data (best of three, each run also computes the organisation total as
an extra group). The naive method runs on a subset of the employees (``--naive-share``, default 1 %) and is
extrapolated linearly to the full size; on a smaller subset both methods must give the same figures.
Targets: at most 5 s and at least 20x faster. The figures go to docs/benchmarks.md ("Absence statistics").

    .venv/bin/python benchmarks/bench_absence.py            # 1,000,000 parts, 100,000 employees
    .venv/bin/python benchmarks/bench_absence.py --quick    # a tenth of that
"""

import argparse
import datetime
import os
import platform
import time

import numpy as np

from inzetbaar.absence.reference import compute_by_days
from inzetbaar.absence.statistics import OPEN, Employment, Spells, compute, month_periods

FIRST, LAST = datetime.date(2020, 1, 1), datetime.date(2024, 12, 31)
UNITS = 250
TARGET_SECONDS, TARGET_SPEEDUP = 5.0, 20


def synthetic(employees: int, parts: int, seed: int = 1):
    """Employment with joiners, leavers and unit changes; absence cases of one to three parts."""
    rng = np.random.default_rng(seed)
    first, last = FIRST.toordinal(), LAST.toordinal()
    person = np.arange(employees)
    start = rng.integers(first - 3000, last - 30, employees)
    leaves = rng.random(employees) < 0.3
    end = np.where(leaves, np.minimum(start + rng.integers(60, 3000, employees), last), OPEN)
    unit = rng.integers(0, UNITS, employees)
    ptf = rng.choice([0.5, 0.6, 0.72, 0.89, 1.0], employees)
    # A third changes unit once: the first row ends, a second starts the next day in another unit.
    moves = (rng.random(employees) < 0.33) & (np.minimum(end, last) - np.maximum(start, first) > 60)
    span = np.minimum(end, last) - np.maximum(start, first)
    change = np.maximum(start, first) + (rng.random(employees) * span).astype(np.int64)
    employment = Employment(
        np.concatenate([person, person[moves]]),
        np.concatenate([unit, rng.integers(0, UNITS, employees)[moves]]),
        np.concatenate([start, change[moves] + 1]),
        np.concatenate([np.where(moves, change, end), end[moves]]),
        np.concatenate([ptf, ptf[moves]]),
    )
    # Cases: a person, a first day inside their employment, one to three parts.
    cases = int(parts / 1.5 * 1.15)
    case_person = rng.integers(0, employees, cases)
    lo = np.maximum(start[case_person], first - 400)
    hi = np.minimum(end[case_person], last)
    ok = hi > lo
    case_person, lo, hi = case_person[ok], lo[ok], hi[ok]
    case_start = lo + (rng.random(len(lo)) * (hi - lo)).astype(np.int64)
    part_count = rng.choice([1, 2, 3], len(case_start), p=[0.6, 0.3, 0.1])
    total = np.cumsum(part_count)
    whole = total <= parts
    cut = int(whole.sum())  # the first case that does not fit gets the parts still missing
    if cut < len(part_count) and total[cut - 1] < parts:
        part_count[cut] = parts - total[cut - 1]
        whole[cut] = True
    case_person, case_start, part_count = case_person[whole], case_start[whole], part_count[whole]
    case_id = np.repeat(np.arange(len(case_start)), part_count)
    index_in_case = np.arange(len(case_id)) - np.repeat(np.cumsum(part_count) - part_count, part_count)
    lengths = np.maximum(1, rng.lognormal(1.6, 1.3, len(case_id)).astype(np.int64))
    lengths = np.minimum(lengths, 400)
    # Parts follow each other: each starts the day after the previous one ended.
    first_part = np.r_[0, np.cumsum(part_count)[:-1]]
    done = np.cumsum(lengths) - lengths  # days of all earlier parts
    earlier_in_case = done - np.repeat(done[first_part], part_count)
    part_start = np.repeat(case_start, part_count) + earlier_in_case
    part_end = part_start + lengths - 1
    last_part = index_in_case == np.repeat(part_count, part_count) - 1
    running = last_part & (part_end > last)
    part_end = np.where(running, OPEN, part_end)
    fraction = np.where(index_in_case == 0, 1.0, rng.choice([0.5, 0.25, 1.0], len(case_id)))
    pregnancy = np.repeat(rng.random(len(case_start)) < 0.01, part_count)
    spells = Spells(np.repeat(case_person, part_count), case_id, part_start, part_end, fraction, pregnancy)
    return employment, spells


def with_total(employment: Employment) -> Employment:
    """Every row once more in the organisation's group (``UNITS``)."""
    return Employment(
        np.concatenate([employment.person, employment.person]),
        np.concatenate([employment.group, np.full(len(employment.group), UNITS)]),
        np.concatenate([employment.start, employment.start]),
        np.concatenate([employment.end, employment.end]),
        np.concatenate([employment.ptf, employment.ptf]),
    )


def subset(employment: Employment, spells: Spells, employees: int):
    keep_e = employment.person < employees
    keep_s = spells.person < employees
    return (
        Employment(*(a[keep_e] for a in vars(employment).values())),
        Spells(*(a[keep_s] for a in vars(spells).values())),
    )


def _expand(start: np.ndarray, end: np.ndarray):
    """Row index and day of every day of every interval: the per-day expansion itself."""
    lengths = np.maximum(end - start + 1, 0)
    rows = np.repeat(np.arange(len(start)), lengths)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, start[rows] + offsets


def absence_rate_by_days_numpy(employment: Employment, spells: Spells, periods: np.ndarray, groups: int):
    """The absence rate alone, by a vectorised per-day expansion (a fairer day-by-day baseline than
    plain Python): every employed day and every sick day as an array element, joined on (person, day)."""
    first, last = int(periods[0, 0]), int(periods[-1, 1])
    period_of = np.full(last - first + 1, -1)
    for index, (a, b) in enumerate(periods.tolist()):
        period_of[a - first : b - first + 1] = index
    emp_rows, emp_days = _expand(np.maximum(employment.start, first), np.minimum(employment.end, last))
    keep = ~spells.pregnancy
    sp_rows, sp_days = _expand(np.maximum(spells.start[keep], first), np.minimum(spells.end[keep], last))
    cells = period_of[emp_days - first] * groups + employment.group[emp_rows]
    employed = np.bincount(cells, weights=employment.ptf[emp_rows], minlength=len(periods) * groups)
    # the incapacity of each (person, day), then looked up for every employed day
    width = last - first + 1
    sick_key = spells.person[keep][sp_rows] * width + (sp_days - first)
    order = np.argsort(sick_key, kind="stable")
    sick_key, fraction = sick_key[order], spells.fraction[keep][sp_rows][order]
    if len(sick_key):  # overlapping parts of one person add up, as in the definition's sum
        starts = np.flatnonzero(np.r_[True, sick_key[1:] != sick_key[:-1]])
        sick_key, fraction = sick_key[starts], np.add.reduceat(fraction, starts)
    emp_key = employment.person[emp_rows] * width + (emp_days - first)
    at = np.minimum(np.searchsorted(sick_key, emp_key), max(len(sick_key) - 1, 0))
    hit = (sick_key[at] == emp_key) if len(sick_key) else np.zeros(len(emp_key), dtype=bool)
    sick = np.bincount(
        cells[hit], weights=employment.ptf[emp_rows][hit] * fraction[at[hit]], minlength=len(periods) * groups
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(employed > 0, 100 * sick / employed, np.nan).reshape(len(periods), groups)


def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, NumPy {np.__version__}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    parser.add_argument(
        "--naive-share", type=float, default=0.01, help="share of employees for the naive run"
    )
    args = parser.parse_args()
    employees, parts = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    print(machine())
    employment, spells = synthetic(employees, parts)
    periods = month_periods(FIRST, LAST)
    print(
        f"{len(spells.person):,} absence parts ({len(np.unique(spells.case)):,} cases) of {employees:,} "
        f"employees, {len(employment.person):,} employment rows, {UNITS} units + total, {len(periods)} months"
    )

    # Same figures: the core and the day-by-day method on a small subset.
    small_e, small_s = subset(employment, spells, 300)
    fast = compute(with_total(small_e), small_s, periods, UNITS + 1)
    slow = compute_by_days(with_total(small_e), small_s, periods, UNITS + 1)
    for name in ("absence_rate", "report_frequency", "mean_duration", "zero_absence_share", "class_counts"):
        np.testing.assert_allclose(
            getattr(fast, name), getattr(slow, name), rtol=1e-9, atol=1e-9, err_msg=name
        )
    print(
        f"check: the core and the day-by-day method agree on the first 300 employees "
        f"({len(small_s.person)} parts)"
    )

    runs = []
    for _ in range(3):
        began = time.perf_counter()
        figures = compute(with_total(employment), spells, periods, UNITS + 1)
        runs.append(time.perf_counter() - began)
    best = min(runs)
    total_rate = np.nansum(figures.sick_days[:, UNITS]) / np.nansum(figures.employed_days[:, UNITS]) * 100
    print(
        f"core: best {best:.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)}); "
        f"absence rate over five years {total_rate:.2f} %"
    )

    naive_employees = max(1, round(employees * args.naive_share))
    naive_e, naive_s = subset(employment, spells, naive_employees)
    began = time.perf_counter()
    compute_by_days(with_total(naive_e), naive_s, periods, UNITS + 1)
    naive = time.perf_counter() - began
    scaled = naive * employees / naive_employees
    speedup = scaled / best
    print(
        f"day by day: {naive:.2f} s for {naive_employees:,} employees ({len(naive_s.person):,} parts) "
        f"-> about {scaled:.0f} s for all; speed-up about {speedup:.0f}x"
    )

    share = 0.1
    numpy_employees = round(employees * share)
    numpy_e, numpy_s = subset(employment, spells, numpy_employees)
    numpy_e = with_total(numpy_e)
    np.testing.assert_allclose(
        absence_rate_by_days_numpy(numpy_e, numpy_s, periods, UNITS + 1),
        compute(numpy_e, numpy_s, periods, UNITS + 1).absence_rate,
        rtol=1e-9,
        atol=1e-9,
    )
    began = time.perf_counter()
    absence_rate_by_days_numpy(numpy_e, numpy_s, periods, UNITS + 1)
    vectorised = time.perf_counter() - began
    print(
        f"day by day in NumPy, absence rate only: {vectorised:.2f} s for {numpy_employees:,} employees "
        f"-> about {vectorised / share:.1f} s for all; the core is about {vectorised / share / best:.0f}x "
        "faster (information; the target compares with the full day-by-day method above)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    ok = best <= TARGET_SECONDS and speedup >= TARGET_SPEEDUP
    print("targets met" if ok else f"TARGET MISSED (<= {TARGET_SECONDS} s and >= {TARGET_SPEEDUP}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
