"""The standard absence figures (the Dutch 1996 standard, as Vernet and HR systems count them).

Pure NumPy, no Django: the app, the command line and the benchmark call :func:`compute` with arrays.
Days are integers (``date.toordinal()``); an end day is the last day, inclusive; ``OPEN`` marks an
employment or absence case that has not ended. Every figure is computed per period and per group:

- verzuimpercentage (``absence_rate``): sum of ptf x aof over the sick days in the period, divided by
  the sum of ptf over the employed days, x 100. Sick days count only while the person is employed in
  the group, so running cases count only their days inside the period and leavers their employed days.
- meldingsfrequentie (``report_frequency``): cases whose first day lies in the period, divided by the
  average headcount (each person weighted by employed days / days in the period), scaled to a year
  (x days in the year of the period's first day / days in the period). A case with several parts
  (a change of incapacity fraction) is one report.
- gemiddelde verzuimduur (``mean_duration``): mean length (last day - first day + 1, days before the
  period included) of the cases whose last day lies in the period; running cases are left out.
- nulverzuim (``zero_absence_share``): percentage of the people employed in the period without a
  single absence day in it.
- duration classes (``class_counts``): the cases ended in the period by their length, in configurable
  classes (default the care benchmark's 1-14, 15-91, 92-365, 366-730 days; a longer case counts in
  the last class).
Pregnancy-related absence is left out unless asked for. A case belongs to the group(s) in which the
person was employed on its first day (reports, durations, classes).

How it stays fast without expanding spells into days: absence parts are first intersected with the
employment intervals of the same person (a sort and a searchsorted join). Weighted day sums use
difference arrays on a calendar axis per group (``O(rows + groups x days)``): +w on the first day,
-w after the last, two cumulative sums, and a period's sum is a difference of prefix sums. Distinct
people per period come from merged intervals per person and group, counted on the period axis with a
correction where two intervals of the same person touch the same period.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

import numpy as np

OPEN = 4_000_000  # beyond date.max.toordinal() (3,652,059): "not ended"


@dataclass(frozen=True)
class DurationClass:
    low: int  # first length in days (inclusive)
    high: int  # last length in days (inclusive)

    @property
    def label(self) -> str:
        return f"{self.low}-{self.high}"


CARE_BENCHMARK_CLASSES = (
    DurationClass(1, 14),
    DurationClass(15, 91),
    DurationClass(92, 365),
    DurationClass(366, 730),
)
OCCUPATIONAL_HEALTH_CLASSES = (
    DurationClass(1, 7),
    DurationClass(8, 42),
    DurationClass(43, 365),
    DurationClass(366, 730),
)


def parse_classes(text: str) -> tuple[DurationClass, ...]:
    """Classes from "1-14,15-91,92-365,366-730": ascending, without gaps or overlaps."""
    classes = []
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        classes.append(DurationClass(int(low), int(high)))
    check_classes(classes)
    return tuple(classes)


def check_classes(classes) -> None:
    if not classes:
        raise ValueError("at least one duration class is needed")
    if classes[0].low != 1:
        raise ValueError("the first duration class must start at 1 day")
    for before, after in itertools.pairwise(classes):
        if after.low != before.high + 1:
            raise ValueError(f"duration classes must follow each other: {before.label} then {after.label}")
    if any(c.high < c.low for c in classes):
        raise ValueError("a duration class ends before it starts")


@dataclass(frozen=True)
class Employment:
    """Employment intervals; one person may have several rows (unit change, other hours, two units)."""

    person: np.ndarray  # int64 codes
    group: np.ndarray  # int64 group codes, 0..groups-1 (a row repeated for every group it counts in)
    start: np.ndarray  # int64 first day
    end: np.ndarray  # int64 last day, OPEN while employed
    ptf: np.ndarray  # float64 part-time factor: contract hours / full-time hours

    @classmethod
    def from_lists(cls, person, group, start, end, ptf) -> Employment:
        return cls(
            np.asarray(person, dtype=np.int64),
            np.asarray(group, dtype=np.int64),
            np.asarray(start, dtype=np.int64),
            np.asarray(end, dtype=np.int64),
            np.asarray(ptf, dtype=np.float64),
        )


@dataclass(frozen=True)
class Spells:
    """Absence parts; a case whose incapacity changes has one row per part (same ``case``)."""

    person: np.ndarray  # int64 codes (the same coding as Employment.person)
    case: np.ndarray  # int64 case codes
    start: np.ndarray  # int64 first day of the part
    end: np.ndarray  # int64 last day of absence of the part, OPEN while it runs
    fraction: np.ndarray  # float64 incapacity fraction (aof), 0 < aof <= 1
    pregnancy: np.ndarray  # bool: pregnancy-related, left out by default

    @classmethod
    def from_lists(cls, person, case, start, end, fraction, pregnancy=None) -> Spells:
        person = np.asarray(person, dtype=np.int64)
        return cls(
            person,
            np.asarray(case, dtype=np.int64),
            np.asarray(start, dtype=np.int64),
            np.asarray(end, dtype=np.int64),
            np.asarray(fraction, dtype=np.float64),
            np.zeros(len(person), dtype=bool) if pregnancy is None else np.asarray(pregnancy, dtype=bool),
        )


@dataclass
class Figures:
    """The figures as arrays of shape (periods, groups); NaN where a figure has nothing to count."""

    periods: np.ndarray  # (P, 2) first and last day
    classes: tuple[DurationClass, ...]
    absence_rate: np.ndarray  # percent
    report_frequency: np.ndarray  # reports per employee per year
    mean_duration: np.ndarray  # days
    zero_absence_share: np.ndarray  # percent
    headcount: np.ndarray  # distinct people employed in the period (int)
    average_headcount: np.ndarray
    sick_days: np.ndarray  # sum of ptf x aof over sick days
    employed_days: np.ndarray  # sum of ptf over employed days
    reports: np.ndarray  # int
    ended_cases: np.ndarray  # int
    class_counts: np.ndarray = field(repr=False)  # (P, G, K) int


def month_periods(first: datetime.date, last: datetime.date) -> np.ndarray:
    """The calendar months from the month of ``first`` to that of ``last``, clipped to [first, last]."""
    return _calendar_periods(first, last, 1)


def quarter_periods(first: datetime.date, last: datetime.date) -> np.ndarray:
    return _calendar_periods(first, last, 3)


def year_periods(first: datetime.date, last: datetime.date) -> np.ndarray:
    return _calendar_periods(first, last, 12)


def _calendar_periods(first: datetime.date, last: datetime.date, months: int) -> np.ndarray:
    if last < first:
        raise ValueError("the period ends before it starts")
    rows = []
    year, month = first.year, (first.month - 1) // months * months + 1
    while datetime.date(year, month, 1) <= last:
        nxt_month, nxt_year = month + months, year
        while nxt_month > 12:
            nxt_month, nxt_year = nxt_month - 12, nxt_year + 1
        start = max(datetime.date(year, month, 1), first)
        end = min(datetime.date(nxt_year, nxt_month, 1) - datetime.timedelta(days=1), last)
        rows.append((start.toordinal(), end.toordinal()))
        year, month = nxt_year, nxt_month
    return np.array(rows, dtype=np.int64)


def compute(
    employment: Employment,
    spells: Spells,
    periods,
    groups: int,
    *,
    classes=CARE_BENCHMARK_CLASSES,
    include_pregnancy: bool = False,
) -> Figures:
    """All figures for ascending, non-overlapping ``periods`` (rows of first and last day)."""
    periods = np.asarray(periods, dtype=np.int64).reshape(-1, 2)
    _check_periods(periods)
    check_classes(classes)
    if not include_pregnancy and len(spells.pregnancy) and spells.pregnancy.any():
        keep = ~spells.pregnancy
        spells = Spells(*(np.asarray(a)[keep] for a in _fields(spells)))
    axis = _Axis(periods)

    case_index, cases = _codes(spells.case)
    case_start = np.full(cases, OPEN, dtype=np.int64)
    np.minimum.at(case_start, case_index, spells.start)
    case_end = np.zeros(cases, dtype=np.int64)
    np.maximum.at(case_end, case_index, spells.end)

    piece_spell, piece_emp, piece_lo, piece_hi = _join(spells, employment)
    piece_group = employment.group[piece_emp]
    piece_person = employment.person[piece_emp]

    sick_days = axis.day_sums(
        piece_group,
        piece_lo,
        piece_hi,
        employment.ptf[piece_emp] * spells.fraction[piece_spell],
        groups,
    )
    employed_days = axis.day_sums(employment.group, employment.start, employment.end, employment.ptf, groups)

    emp_key, emp_lo, emp_hi = _merge(
        employment.person * groups + employment.group, employment.start, employment.end
    )
    emp_group = emp_key % groups
    headcount = axis.distinct(emp_key, emp_group, emp_lo, emp_hi, groups)
    person_days = axis.day_sums(emp_group, emp_lo, emp_hi, np.ones(len(emp_key)), groups)
    sick_key, sick_lo, sick_hi = _merge(piece_person * groups + piece_group, piece_lo, piece_hi)
    sick_people = axis.distinct(sick_key, sick_key % groups, sick_lo, sick_hi, groups)

    # A case belongs to the groups where the person was employed on its first day.
    piece_case = case_index[piece_spell]
    first = piece_lo == case_start[piece_case]
    owner = _distinct(piece_case[first] * groups + piece_group[first])
    owner_case, owner_group = owner // groups, owner % groups
    reports = axis.count_on_day(owner_group, case_start[owner_case], groups)
    ended = case_end[owner_case] < OPEN
    ended_case, ended_group = owner_case[ended], owner_group[ended]
    ended_cases = axis.count_on_day(ended_group, case_end[ended_case], groups)
    length = case_end[ended_case] - case_start[ended_case] + 1
    total_length = axis.count_on_day(ended_group, case_end[ended_case], groups, weights=length)
    class_of = np.minimum(np.searchsorted([c.high for c in classes], length, side="left"), len(classes) - 1)
    class_counts = np.stack(
        [
            axis.count_on_day(ended_group[class_of == k], case_end[ended_case][class_of == k], groups)
            for k in range(len(classes))
        ],
        axis=-1,
    )

    lengths = (periods[:, 1] - periods[:, 0] + 1).astype(np.float64)[:, None]
    average_headcount = person_days / lengths
    with np.errstate(divide="ignore", invalid="ignore"):
        absence_rate = np.where(employed_days > 0, 100.0 * sick_days / employed_days, np.nan)
        year_days = np.array([_days_in_year(p) for p in periods[:, 0]], dtype=np.float64)[:, None]
        report_frequency = np.where(
            average_headcount > 0, reports / average_headcount * year_days / lengths, np.nan
        )
        mean_duration = np.where(ended_cases > 0, total_length / ended_cases, np.nan)
        zero_absence_share = np.where(headcount > 0, 100.0 * (headcount - sick_people) / headcount, np.nan)
    return Figures(
        periods=periods,
        classes=tuple(classes),
        absence_rate=absence_rate,
        report_frequency=report_frequency,
        mean_duration=mean_duration,
        zero_absence_share=zero_absence_share,
        headcount=headcount.astype(np.int64),
        average_headcount=average_headcount,
        sick_days=sick_days,
        employed_days=employed_days,
        reports=reports.astype(np.int64),
        ended_cases=ended_cases.astype(np.int64),
        class_counts=class_counts.astype(np.int64),
    )


def _fields(spells: Spells):
    return (spells.person, spells.case, spells.start, spells.end, spells.fraction, spells.pregnancy)


def _days_in_year(day: int) -> int:
    return 366 if _is_leap(datetime.date.fromordinal(int(day)).year) else 365


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _check_periods(periods: np.ndarray) -> None:
    if len(periods) == 0:
        raise ValueError("at least one period is needed")
    if (periods[:, 1] < periods[:, 0]).any():
        raise ValueError("a period ends before it starts")
    if (periods[1:, 0] <= periods[:-1, 1]).any():
        raise ValueError("periods must be ascending and must not overlap")


def _codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Dense codes 0..n-1 for the values (kept as they are when they already are small non-negative)."""
    if len(values) == 0:
        return values.astype(np.int64), 0
    low, high = int(values.min()), int(values.max())
    if low >= 0 and high < 4 * len(values) + 1024:
        return values.astype(np.int64), high + 1
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.empty(len(values), dtype=bool)
    new[0] = True
    new[1:] = ordered[1:] != ordered[:-1]
    codes = np.empty(len(values), dtype=np.int64)
    codes[order] = np.cumsum(new) - 1
    return codes, int(new.sum())


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a sort is faster here than np.unique's hash table)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _join(spells: Spells, employment: Employment):
    """Intersect every absence part with the employment intervals of the same person."""
    order = np.argsort(employment.person, kind="stable")
    sorted_person = employment.person[order]
    both = np.concatenate([employment.person, spells.person])
    if len(both) and both.min() >= 0 and both.max() < 4 * len(both) + 1024:
        # Small non-negative codes: each person's rows by counting, without a binary search per spell.
        per_person = np.bincount(employment.person, minlength=int(both.max()) + 1)
        left = (np.cumsum(per_person) - per_person)[spells.person]
        counts = per_person[spells.person]
    else:
        left = np.searchsorted(sorted_person, spells.person, side="left")
        counts = np.searchsorted(sorted_person, spells.person, side="right") - left
    total = int(counts.sum())
    spell_index = np.repeat(np.arange(len(counts)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    emp_index = order[np.repeat(left, counts) + offsets]
    lo = np.maximum(spells.start[spell_index], employment.start[emp_index])
    hi = np.minimum(spells.end[spell_index], employment.end[emp_index])
    overlap = lo <= hi
    return spell_index[overlap], emp_index[overlap], lo[overlap], hi[overlap]


def _merge(key: np.ndarray, lo: np.ndarray, hi: np.ndarray):
    """Merge overlapping or adjacent intervals with the same key; sorted by key, then start."""
    if len(key) == 0:
        return key, lo, hi
    span = int(key.max()) - int(key.min()) + 1
    if span < 2**62 // (2 * OPEN):  # one combined sort key is faster than lexsort
        order = np.argsort((key - key.min()) * (2 * OPEN) + lo, kind="stable")
    else:
        order = np.lexsort((lo, key))
    key, lo, hi = key[order], lo[order], hi[order]
    # A running maximum of the ends within a key: lift each key's ends above every earlier key's.
    changes = np.empty(len(key), dtype=bool)
    changes[0] = True
    changes[1:] = key[1:] != key[:-1]
    lift = (np.cumsum(changes) - 1) * (2 * OPEN)
    reach = np.maximum.accumulate(lift + hi)
    new = changes.copy()
    new[1:] |= lift[1:] + lo[1:] > reach[:-1] + 1
    starts = np.flatnonzero(new)
    merged_hi = np.maximum.reduceat(hi, starts)
    return key[starts], lo[starts], merged_hi


class _Axis:
    """The calendar of the periods: day sums by difference arrays, distinct counts per period."""

    def __init__(self, periods: np.ndarray):
        self.periods = periods
        self.first = int(periods[0, 0])
        self.days = int(periods[-1, 1]) - self.first + 1

    def day_sums(self, group, lo, hi, weight, groups: int) -> np.ndarray:
        """(P, G): the sum over the periods' days of the weights of the intervals covering each day."""
        lo = np.maximum(lo, self.first) - self.first
        hi = np.minimum(hi, self.first + self.days - 1) - self.first
        keep = lo <= hi
        group, lo, hi, weight = group[keep], lo[keep], hi[keep], np.asarray(weight, dtype=np.float64)[keep]
        width = self.days + 1
        size = groups * width
        delta = np.bincount(group * width + lo, weights=weight, minlength=size)
        delta -= np.bincount(group * width + hi + 1, weights=weight, minlength=size)
        daily = np.cumsum(delta.reshape(groups, width), axis=1)[:, : self.days]
        prefix = np.zeros((groups, width))
        np.cumsum(daily, axis=1, out=prefix[:, 1:])
        first = self.periods[:, 0] - self.first
        last = self.periods[:, 1] - self.first
        return (prefix[:, last + 1] - prefix[:, first]).T

    def _touched(self, lo, hi):
        """The first and last period each interval touches (first > last when it touches none)."""
        first = np.searchsorted(self.periods[:, 1], lo, side="left")
        last = np.searchsorted(self.periods[:, 0], hi, side="right") - 1
        return first, last

    def distinct(self, key, group, lo, hi, groups: int) -> np.ndarray:
        """(P, G): how many keys have an interval touching each period; intervals merged per key."""
        count = len(self.periods)
        first, last = self._touched(lo, hi)
        valid = first <= last
        width = count + 1
        size = groups * width
        delta = np.bincount(group[valid] * width + first[valid], minlength=size)
        delta -= np.bincount(group[valid] * width + last[valid] + 1, minlength=size)
        # Two intervals of one key in the same period count once: take that period off once.
        shared = (key[1:] == key[:-1]) & valid[1:] & valid[:-1] & (last[:-1] == first[1:])
        twice = group[:-1][shared] * width + last[:-1][shared]
        delta -= np.bincount(twice, minlength=size)
        delta += np.bincount(twice + 1, minlength=size)
        return np.cumsum(delta.reshape(groups, width), axis=1)[:, :count].T.astype(np.float64)

    def count_on_day(self, group, day, groups: int, weights=None) -> np.ndarray:
        """(P, G): how many events (or the sum of their weights) fall on a day inside each period."""
        count = len(self.periods)
        index = np.searchsorted(self.periods[:, 1], day, side="left")
        inside = index < count
        inside[inside] &= self.periods[index[inside], 0] <= day[inside]
        cells = index[inside] * groups + group[inside]
        w = None if weights is None else np.asarray(weights, dtype=np.float64)[inside]
        return (
            np.bincount(cells, weights=w, minlength=count * groups).reshape(count, groups).astype(np.float64)
        )
