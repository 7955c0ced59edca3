"""Scoring instruments: one response with named errors, many responses as NumPy arrays, group aggregates.

``compile_instrument(definition)`` turns a definition into a :class:`ScoringPlan` once. The plan scores
one response (a dict of variable → value) in plain Python with every invalid answer named, or a whole
matrix of responses with array operations; both follow the same rules and give the same results. No
Django here: the web app, the CLI and the benchmark all call this module.

Matrix encoding: one row per response, one column per variable in ``plan.variables`` order, numbers as
they are, a categorical answer as the position of its code in the response scale, NaN for missing. The
same encoding, as float32, is the compact vector a response is stored as (``to_vector``/``from_vector``).

Missing-value rule:
- a required item must be answered: ``score_one`` raises, ``check_matrix`` names the cell;
- ``sum`` and ``mean`` score a scale when at least ``min_answered`` inputs are answered (default: all).
  The mean is taken over the answered inputs; a sum with answers missing is prorated (the sum of the
  answered inputs × inputs / answered), so a skipped item neither lowers nor raises it;
- ``weighted_sum``, ``conditional_weights`` and ``count`` need all their inputs, otherwise the scale is
  missing; a missing scale makes every scale built on it, its band and the quadrant missing too.

Every scale score is rounded to 9 decimals before it is banded or used further, so that floating-point
noise (2.9999999999999996 for 3) cannot move a respondent to another band.
"""

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .definitions import (
    CategoricalScale,
    ConditionalWeightsRule,
    CountRule,
    InstrumentDefinition,
    MeanRule,
    NumericScale,
    OptionsScale,
    WeightedSumRule,
)

NO_BAND = -1
NO_SPREAD = 1e-12  # a variance below this is rounding noise around zero: alpha is undefined
DECIMALS = 9  # scale scores are rounded so that a mean of thirds meant as 3 falls in the band from 3


# --- response variables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One response variable: what it accepts and how it is coded for scoring."""

    id: str
    required: bool
    low: float
    high: float
    step: float = 1.0
    options: tuple[float, ...] = ()
    codes: tuple[str, ...] = ()
    reverse: bool = False

    @property
    def categorical(self) -> bool:
        return bool(self.codes)

    @property
    def allowed(self) -> str:
        if self.codes:
            return ", ".join(self.codes)
        if self.options:
            return ", ".join(f"{value:g}" for value in self.options)
        steps = "" if self.step == 1 else f" in steps of {self.step:g}"
        return f"{self.low:g}–{self.high:g}{steps}"

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not an acceptable answer, or None when it is."""
        if _is_missing(value):
            return "is missing" if self.required else None
        if self.codes:
            return None if value in self.codes else f"{value!r} is not one of {self.allowed}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number"
        if self.options:
            return None if value in self.options else f"{value:g} is not one of {self.allowed}"
        if not self.low <= value <= self.high or not float((value - self.low) / self.step).is_integer():
            return f"{value:g} is outside the allowed {self.allowed}"
        return None

    def parse(self, text: str) -> Any:
        """A CSV cell as an answer: empty is missing; ValueError when a number cannot be read."""
        text = text.strip()
        if not text:
            return None
        if self.codes:
            return text
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise ValueError(f"{text!r} is not a number")
        return int(value) if value.is_integer() else value

    def encode(self, value: Any) -> float:
        if _is_missing(value):
            return math.nan
        return float(self.codes.index(value)) if self.codes else float(value)

    def decode(self, number: float) -> Any:
        if math.isnan(number):
            return None
        if self.codes:
            return self.codes[int(number)]
        return int(number) if float(number).is_integer() else float(number)

    def invalid_cells(self, column: np.ndarray) -> np.ndarray:
        """The rows of an encoded column that ``problem`` would reject."""
        missing = np.isnan(column)
        if self.codes:
            bad = ~np.isin(column, np.arange(len(self.codes)))
        elif self.options:
            bad = ~np.isin(column, self.options)
        else:
            steps = (column - self.low) / self.step
            bad = (column < self.low) | (column > self.high) | (steps != np.round(steps))
        bad &= ~missing
        return bad | missing if self.required else bad


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _variables(definition: InstrumentDefinition) -> tuple[Variable, ...]:
    found = []
    for item in definition.items:
        scale = definition.response_scale(item.response_scale)
        if isinstance(scale, CategoricalScale):
            codes = tuple(code.code for code in scale.codes)
            found.append(Variable(item.id, item.required, 0, len(codes) - 1, codes=codes))
        elif isinstance(scale, OptionsScale):
            values = tuple(option.value for option in scale.options)
            found.append(
                Variable(
                    item.id, item.required, min(values), max(values), options=values, reverse=item.reverse
                )
            )
        else:
            assert isinstance(scale, NumericScale)
            found.append(
                Variable(item.id, item.required, scale.min, scale.max, scale.step, reverse=item.reverse)
            )
    return tuple(found)


# --- compiled rules: each scores one response in Python (`one`) and a matrix with NumPy (`many`) ----


@dataclass(frozen=True)
class _Context:
    """The arrays a rule reads in ``many``: raw answers, coded item values and the scales so far."""

    raw: np.ndarray
    items: np.ndarray
    scores: np.ndarray

    def gather(self, refs: tuple[int, ...]) -> np.ndarray:
        width = self.items.shape[1]
        if max(refs) < width:
            if refs == tuple(range(refs[0], refs[0] + len(refs))):
                return self.items[:, refs[0] : refs[0] + len(refs)]  # a view: no copy
            return self.items[:, list(refs)]
        if min(refs) >= width:
            return self.scores[:, np.asarray(refs) - width]
        return np.column_stack([self.items[:, r] if r < width else self.scores[:, r - width] for r in refs])


@dataclass(frozen=True)
class _Linear:
    """sum, mean and weighted_sum: Σ weight × value with the missing-value rule."""

    refs: tuple[int, ...]
    weights: tuple[float, ...]
    mean: bool
    min_answered: int

    def one(self, values: list, raw: list) -> float | None:
        answered = [
            (w, values[r]) for w, r in zip(self.weights, self.refs, strict=True) if values[r] is not None
        ]
        if len(answered) < self.min_answered:
            return None
        total = sum(w * x for w, x in answered)
        count, size = len(answered), len(self.refs)
        if self.mean:
            return total / count
        return total if count == size else total * size / count

    def many(self, context: _Context) -> np.ndarray:
        block = context.gather(self.refs)
        weights = np.asarray(self.weights)
        result = _weighted_sum(block, weights)  # NaN exactly where some input is missing
        incomplete = np.flatnonzero(np.isnan(result))
        if self.mean:
            result /= len(self.refs)
        if len(incomplete) == 0:
            return result
        partial = block[incomplete]
        answered = ~np.isnan(partial)
        count = answered.sum(axis=1)
        total = _weighted_sum(np.where(answered, partial, 0.0), weights)
        with np.errstate(divide="ignore", invalid="ignore"):
            filled = total / count if self.mean else total * len(self.refs) / count
        result[incomplete] = np.where(count >= self.min_answered, filled, np.nan)
        return result


def _weighted_sum(block: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Σ weight × value column by column: the order ``one`` adds in, so both paths agree to the bit.

    ``weights`` is one weight per column, or one row of weights per response.
    """
    total = np.zeros(block.shape[0])
    for column in range(block.shape[1]):
        total += block[:, column] * (weights[column] if weights.ndim == 1 else weights[:, column])
    return total


@dataclass(frozen=True)
class _Conditional:
    """conditional_weights: the weight row is chosen by the code answered on the ``condition`` item."""

    condition: int
    refs: tuple[int, ...]
    table: tuple[tuple[float, ...], ...]  # codes × inputs

    def one(self, values: list, raw: list) -> float | None:
        code = raw[self.condition]
        inputs = [values[r] for r in self.refs]
        if code is None or None in inputs:
            return None
        return sum(w * x for w, x in zip(self.table[int(code)], inputs, strict=True))

    def many(self, context: _Context) -> np.ndarray:
        code = context.raw[:, self.condition]
        missing = np.isnan(code)
        weights = np.asarray(self.table)[np.where(missing, 0, code).astype(np.intp)]
        result = _weighted_sum(context.gather(self.refs), weights)
        result[missing] = np.nan
        return result


@dataclass(frozen=True)
class _Count:
    """count: how many raw answers are among ``matches`` (codes as their positions)."""

    refs: tuple[int, ...]
    matches: frozenset[float]

    def one(self, values: list, raw: list) -> float | None:
        answers = [raw[r] for r in self.refs]
        if None in answers:
            return None
        return float(sum(x in self.matches for x in answers))

    def many(self, context: _Context) -> np.ndarray:
        block = context.raw[:, list(self.refs)]
        result = np.isin(block, list(self.matches)).sum(axis=1, dtype=np.float64)
        result[np.isnan(block).any(axis=1)] = np.nan
        return result


@dataclass(frozen=True)
class _Lookup:
    """A table from inclusive raw-score ranges to scores; searchsorted on the lower ends."""

    lows: tuple[float, ...]
    highs: tuple[float, ...]
    scores: tuple[float, ...]

    def one(self, raw: float | None) -> float | None:
        if raw is None:
            return None
        index = bisect.bisect_right(self.lows, raw) - 1
        return self.scores[index] if index >= 0 and raw <= self.highs[index] else None

    def many(self, raw: np.ndarray) -> np.ndarray:
        index = np.searchsorted(self.lows, raw, side="right") - 1
        safe = np.clip(index, 0, None)
        highs, scores = np.asarray(self.highs), np.asarray(self.scores)
        return np.where((index >= 0) & (raw <= highs[safe]), scores[safe], np.nan)


@dataclass(frozen=True)
class _Bands:
    """Half-open bands [from, to); the checks guarantee they tile the score range."""

    starts: tuple[float, ...]  # the first is -inf
    ids: tuple[str, ...]

    def one(self, score: float | None) -> int:
        return NO_BAND if score is None else bisect.bisect_right(self.starts, score) - 1

    def many(self, scores: np.ndarray) -> np.ndarray:
        index = np.searchsorted(self.starts, scores, side="right") - 1
        return np.where(np.isnan(scores), NO_BAND, index).astype(np.int16)


@dataclass(frozen=True)
class _Step:
    id: str
    rule: _Linear | _Conditional | _Count
    lookup: _Lookup | None
    bands: _Bands | None

    def one(self, values: list, raw: list) -> float | None:
        score = self.rule.one(values, raw)
        score = self.lookup.one(score) if self.lookup else score
        return None if score is None else float(np.round(score, DECIMALS))

    def many(self, context: _Context) -> np.ndarray:
        score = self.rule.many(context)
        return np.round(self.lookup.many(score) if self.lookup else score, DECIMALS)


def _compile_step(scale, index_of: Mapping[str, int], variables: Sequence[Variable]) -> _Step:
    rule = scale.rule
    refs = tuple(index_of[name] for name in rule.inputs)
    if isinstance(rule, CountRule):
        variable = variables[refs[0]]
        compiled = _Count(refs, frozenset(variable.encode(value) for value in rule.values))
    elif isinstance(rule, ConditionalWeightsRule):
        codes = variables[index_of[rule.condition]].codes
        table = tuple(tuple(rule.weights[code].get(name, 0.0) for name in rule.inputs) for code in codes)
        compiled = _Conditional(index_of[rule.condition], refs, table)
    elif isinstance(rule, WeightedSumRule):
        compiled = _Linear(refs, tuple(rule.weights.values()), False, len(refs))
    else:
        minimum = rule.min_answered or len(refs)
        compiled = _Linear(refs, (1.0,) * len(refs), isinstance(rule, MeanRule), minimum)
    lookup = None
    if rule.lookup:
        entries = rule.lookup
        lookup = _Lookup(
            *(
                tuple(entry.low for entry in entries),
                tuple(e.high for e in entries),
                tuple(e.score for e in entries),
            )
        )
    bands = None
    if scale.bands:
        starts = (-math.inf, *(band.from_ for band in scale.bands[1:]))
        bands = _Bands(starts, tuple(band.id for band in scale.bands))
    return _Step(scale.id, compiled, lookup, bands)


# --- results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerProblem:
    variable: str
    value: Any
    message: str

    def __str__(self) -> str:
        return f"{self.variable}: {self.message}"


class ResponseError(ValueError):
    """A response that cannot be scored; ``problems`` names every variable that is wrong."""

    def __init__(self, problems: Sequence[AnswerProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class MatrixProblem:
    row: int  # 0-based row of the matrix
    variable: str
    message: str


@dataclass(frozen=True)
class ScoreResult:
    """One response's scores (None when missing), band ids per banded scale, total and quadrant."""

    scores: dict[str, float | None]
    bands: dict[str, str | None]
    total: float | None
    total_band: str | None
    quadrant: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "scores": self.scores,
            "bands": self.bands,
            "total": self.total,
            "total_band": self.total_band,
            "quadrant": self.quadrant,
        }


@dataclass(frozen=True)
class ScoreArrays:
    """Many responses' results: ``scores`` and ``bands`` have one column per scale (``plan.scale_ids``).

    ``bands`` holds the band's position in the scale's band list, -1 where missing or unbanded;
    ``quadrant`` the cell's position (-1 missing) or None; ``items`` the reverse-coded item values.
    """

    plan: "ScoringPlan"
    scores: np.ndarray
    bands: np.ndarray
    quadrant: np.ndarray | None
    items: np.ndarray

    @property
    def total(self) -> np.ndarray | None:
        index = self.plan.total_index
        return None if index is None else self.scores[:, index]

    @property
    def total_band(self) -> np.ndarray | None:
        index = self.plan.total_index
        return None if index is None else self.bands[:, index]

    def row(self, index: int) -> ScoreResult:
        """One row as a :class:`ScoreResult`, the same shape ``score_one`` returns."""
        values = [None if math.isnan(x) else float(x) for x in self.scores[index]]
        bands = [int(b) for b in self.bands[index]]
        quadrant = None if self.quadrant is None else int(self.quadrant[index])
        return self.plan.result(values, bands, quadrant)


# --- the plan -----------------------------------------------------------------------------------------


class ScoringPlan:
    """A definition compiled for scoring: variables in a fixed order and one step per scale."""

    def __init__(self, definition: InstrumentDefinition):
        self.definition = definition
        self.variable_info = _variables(definition)
        self.variables = tuple(variable.id for variable in self.variable_info)
        self.scale_ids = tuple(scale.id for scale in definition.scales)
        index_of = {name: i for i, name in enumerate(self.variables)}
        index_of |= {name: len(self.variables) + i for i, name in enumerate(self.scale_ids)}
        self._steps = tuple(_compile_step(scale, index_of, self.variable_info) for scale in definition.scales)
        self.band_ids = tuple(step.bands.ids if step.bands else () for step in self._steps)
        self.total_index = None if definition.total is None else self.scale_ids.index(definition.total)
        self._reversed = np.array([v.reverse for v in self.variable_info])
        self._reverse_sums = np.array([v.low + v.high for v in self.variable_info])
        self.reliability_items = self._reliability_items()
        self._quadrants = self._compile_quadrants()

    # storage ---------------------------------------------------------------------------------------

    def to_vector(self, answers: Mapping[str, Any]) -> np.ndarray:
        """A checked response as float32 in ``variables`` order: one database row, not one per item."""
        self._raise_problems(answers)
        return np.array([v.encode(answers.get(v.id)) for v in self.variable_info], dtype=np.float32)

    def from_vector(self, vector: Sequence[float]) -> dict[str, Any]:
        return {v.id: v.decode(float(x)) for v, x in zip(self.variable_info, vector, strict=True)}

    # one response ----------------------------------------------------------------------------------

    def validate(self, answers: Mapping[str, Any]) -> list[AnswerProblem]:
        """Every problem of a response: unknown variables, missing required answers, values not allowed."""
        problems = [
            AnswerProblem(name, answers[name], "is not a variable of this instrument")
            for name in answers
            if name not in self.variables
        ]
        for variable in self.variable_info:
            message = variable.problem(answers.get(variable.id))
            if message:
                problems.append(AnswerProblem(variable.id, answers.get(variable.id), message))
        return problems

    def score_one(self, answers: Mapping[str, Any]) -> ScoreResult:
        """Score one response in plain Python; ResponseError lists every invalid answer."""
        self._raise_problems(answers)
        raw = [None if _is_missing(x := answers.get(v.id)) else v.encode(x) for v in self.variable_info]
        values = [
            None if x is None else (v.low + v.high - x if v.reverse else x)
            for v, x in zip(self.variable_info, raw, strict=True)
        ]
        scores = []
        for step in self._steps:
            score = step.one(values, raw)
            values.append(score)
            scores.append(score)
        bands = [
            step.bands.one(score) if step.bands else NO_BAND
            for step, score in zip(self._steps, scores, strict=True)
        ]
        return self.result(scores, bands, self._quadrant_one(scores))

    def _raise_problems(self, answers: Mapping[str, Any]) -> None:
        problems = self.validate(answers)
        if problems:
            raise ResponseError(problems)

    def result(self, scores: list[float | None], bands: list[int], quadrant: int | None) -> ScoreResult:
        """A ScoreResult from positions (as both scoring paths produce them)."""
        band_ids = {
            scale_id: (ids[band] if band != NO_BAND else None)
            for scale_id, ids, band in zip(self.scale_ids, self.band_ids, bands, strict=True)
            if ids
        }
        total = None if self.total_index is None else scores[self.total_index]
        total_band = None if self.total_index is None else band_ids.get(self.definition.total)
        cell = None
        if quadrant is not None and quadrant != NO_BAND:
            cell = self.definition.quadrants.cells[quadrant].id
        return ScoreResult(dict(zip(self.scale_ids, scores, strict=True)), band_ids, total, total_band, cell)

    # many responses --------------------------------------------------------------------------------

    def check_matrix(self, matrix: np.ndarray) -> list[MatrixProblem]:
        """Every invalid cell of an encoded matrix, by row and variable."""
        matrix = self._as_matrix(matrix)
        problems = []
        for column, variable in enumerate(self.variable_info):
            for row in np.flatnonzero(variable.invalid_cells(matrix[:, column])).tolist():
                problems.append(
                    MatrixProblem(row, variable.id, self._cell_message(variable, matrix[row, column]))
                )
        return sorted(problems, key=lambda p: (p.row, self.variables.index(p.variable)))

    @staticmethod
    def _cell_message(variable: Variable, number: float) -> str:
        if variable.categorical and not math.isnan(number):
            return f"code position {number:g} is not one of 0–{len(variable.codes) - 1}"
        return variable.problem(variable.decode(number)) or "is not valid"

    def score_matrix(self, matrix: np.ndarray) -> ScoreArrays:
        """Score every row of an encoded matrix (check it first with ``check_matrix``)."""
        raw = self._as_matrix(matrix)
        items = raw
        if self._reversed.any():
            items = raw.copy()
            columns = np.flatnonzero(self._reversed)
            items[:, columns] = self._reverse_sums[columns] - raw[:, columns]
        scores = np.empty((raw.shape[0], len(self._steps)))
        context = _Context(raw, items, scores)
        bands = np.full(scores.shape, NO_BAND, dtype=np.int16)
        for index, step in enumerate(self._steps):
            scores[:, index] = step.many(context)
            if step.bands:
                bands[:, index] = step.bands.many(scores[:, index])
        return ScoreArrays(self, scores, bands, self._quadrant_many(scores), items)

    def _as_matrix(self, matrix: np.ndarray) -> np.ndarray:
        matrix = np.asarray(matrix, dtype=np.float64)
        if matrix.ndim != 2 or matrix.shape[1] != len(self.variables):
            raise ValueError(
                f"expected a matrix with {len(self.variables)} columns, got shape {matrix.shape}"
            )
        return matrix

    # quadrants and reliability --------------------------------------------------------------------

    def _compile_quadrants(self) -> tuple[int, int, float, float, np.ndarray] | None:
        quadrants = self.definition.quadrants
        if quadrants is None:
            return None
        table = np.zeros((2, 2), dtype=np.int8)
        for position, cell in enumerate(quadrants.cells):
            table[int(cell.x == "high"), int(cell.y == "high")] = position
        x, y = self.scale_ids.index(quadrants.x), self.scale_ids.index(quadrants.y)
        return x, y, quadrants.x_split, quadrants.y_split, table

    def _quadrant_one(self, scores: list[float | None]) -> int | None:
        if self._quadrants is None:
            return None
        x, y, x_split, y_split, table = self._quadrants
        if scores[x] is None or scores[y] is None:
            return NO_BAND
        return int(table[int(scores[x] >= x_split), int(scores[y] >= y_split)])

    def _quadrant_many(self, scores: np.ndarray) -> np.ndarray | None:
        if self._quadrants is None:
            return None
        x, y, x_split, y_split, table = self._quadrants
        cell = table[(scores[:, x] >= x_split).astype(np.intp), (scores[:, y] >= y_split).astype(np.intp)]
        return np.where(np.isnan(scores[:, x]) | np.isnan(scores[:, y]), NO_BAND, cell).astype(np.int8)

    def _reliability_items(self) -> dict[int, np.ndarray]:
        """Scales whose alpha means something: sums or means of at least two items."""
        found = {}
        for index, (scale, step) in enumerate(zip(self.definition.scales, self._steps, strict=True)):
            simple = isinstance(step.rule, _Linear) and not isinstance(scale.rule, WeightedSumRule)
            if simple and len(step.rule.refs) >= 2 and max(step.rule.refs) < len(self.variables):
                found[index] = np.array(step.rule.refs)
        return found


def compile_instrument(definition: InstrumentDefinition) -> ScoringPlan:
    return ScoringPlan(definition)


# --- group aggregates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupAggregates:
    """Per group (rows) and scale (columns): answered count, mean, sample SD, Cronbach's alpha.

    ``band_counts[k]`` is a groups × bands array for scale k. Groups below an instrument's minimum are
    still here: hiding them is the job of the disclosure rules, not of arithmetic.
    """

    scale_ids: tuple[str, ...]
    band_ids: tuple[tuple[str, ...], ...]
    respondents: np.ndarray
    n: np.ndarray
    mean: np.ndarray
    sd: np.ndarray
    alpha: np.ndarray
    band_counts: tuple[np.ndarray, ...]


def aggregate(scores: ScoreArrays, group_codes: np.ndarray, n_groups: int | None = None) -> GroupAggregates:
    """Aggregate scored responses per group code (0 … n_groups−1, e.g. from :func:`combine_keys`)."""
    codes = np.asarray(group_codes, dtype=np.intp)
    if codes.shape != (scores.scores.shape[0],):
        raise ValueError("one group code per scored response is needed")
    groups = int(codes.max()) + 1 if n_groups is None else n_groups
    if groups and len(codes) and (codes.min() < 0 or codes.max() >= groups):
        raise ValueError(f"group codes must lie in 0…{groups - 1}")
    plan = scores.plan
    width = len(plan.scale_ids)
    n = np.zeros((groups, width), dtype=np.int64)
    mean, sd, alpha = (np.full((groups, width), np.nan) for _ in range(3))
    band_counts = []
    for k in range(width):
        column = scores.scores[:, k]
        valid = ~np.isnan(column)
        n[:, k], mean[:, k], sd[:, k] = _group_moments(column[valid], codes[valid], groups)
        band_counts.append(_band_counts(scores.bands[:, k], codes, groups, len(plan.band_ids[k])))
        if k in plan.reliability_items:
            alpha[:, k] = cronbach_alpha(scores.items[:, plan.reliability_items[k]], codes, groups)
    respondents = np.bincount(codes, minlength=groups)
    return GroupAggregates(plan.scale_ids, plan.band_ids, respondents, n, mean, sd, alpha, tuple(band_counts))


def _group_moments(values: np.ndarray, codes: np.ndarray, groups: int) -> tuple[np.ndarray, ...]:
    """Count, mean and sample SD per group, in one pass over values shifted by their first value.

    The shift keeps the sums of squares small, so they do not cancel when the spread is small.
    """
    count = np.bincount(codes, minlength=groups)
    shift = values[0] if len(values) else 0.0
    shifted = values - shift
    sums = np.bincount(codes, weights=shifted, minlength=groups)
    squares = np.bincount(codes, weights=shifted * shifted, minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = np.maximum(squares - sums * sums / count, 0.0) / (count - 1)
        mean = sums / count + shift
    return count, mean, np.sqrt(np.where(count > 1, variance, np.nan))


def _band_counts(bands: np.ndarray, codes: np.ndarray, groups: int, size: int) -> np.ndarray:
    if size == 0:
        return np.zeros((groups, 0), dtype=np.int64)
    valid = bands != NO_BAND
    return np.bincount(codes[valid] * size + bands[valid], minlength=groups * size).reshape(groups, size)


def cronbach_alpha(block: np.ndarray, group_codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Cronbach's alpha per group over respondents who answered every item (listwise deletion).

    alpha = k / (k − 1) × (1 − Σ item variances / variance of the item sum), variances with n − 1.
    The item variances are summed through Σ (x − mean)² = Σ x² − n × mean², so the block is read in a
    few passes (shifted by its first complete row, see ``_group_moments``); incomplete rows go to an
    extra group that is dropped, which saves copying the block.
    """
    complete = ~np.isnan(block).any(axis=1)
    codes = np.where(complete, group_codes, n_groups)
    k = block.shape[1]
    shifted = block - (block[np.argmax(complete)] if complete.any() else 0.0)
    count = np.bincount(codes, minlength=n_groups + 1)[:n_groups]
    item_sums = np.column_stack(
        [np.bincount(codes, weights=shifted[:, j], minlength=n_groups + 1)[:n_groups] for j in range(k)]
    )
    squares = np.bincount(codes, weights=np.einsum("ij,ij->i", shifted, shifted), minlength=n_groups + 1)
    row_sums = shifted.sum(axis=1)
    total_sums = np.bincount(codes, weights=row_sums, minlength=n_groups + 1)[:n_groups]
    total_squares = np.bincount(codes, weights=row_sums * row_sums, minlength=n_groups + 1)[:n_groups]
    with np.errstate(divide="ignore", invalid="ignore"):
        item_variance = (squares[:n_groups] - (item_sums * item_sums).sum(axis=1) / count) / (count - 1)
        total_variance = (total_squares - total_sums * total_sums / count) / (count - 1)
        alpha = k / (k - 1) * (1 - item_variance / total_variance)
    return np.where((count > 1) & (total_variance > NO_SPREAD), alpha, np.nan)


def combine_keys(*keys: Sequence) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """One dense group code per row from several keys (e.g. unit × wave), and each key's value per code."""
    levels, positions = zip(*(_dense(np.asarray(key)) for key in keys), strict=True)
    combined = np.zeros(len(positions[0]), dtype=np.int64)
    for level, position in zip(levels, positions, strict=True):
        combined = combined * len(level) + position
    present, codes = _dense(combined)
    table = []
    for level in reversed(levels):
        table.append(level[present % len(level)])
        present = present // len(level)
    return codes, tuple(reversed(table))


def _dense(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values and each row's position among them; a bincount for small non-negative integers."""
    if (
        values.dtype.kind in "iu"
        and len(values)
        and values.min() >= 0
        and values.max() < 4 * len(values) + 1024
    ):
        seen = np.bincount(values) > 0
        return np.flatnonzero(seen), (np.cumsum(seen) - 1)[values]
    return np.unique(values, return_inverse=True)
