"""Instrument definitions: the schema of a questionnaire file, its cross-checks, and the loader.

A definition is a versioned YAML or JSON file (docs/instruments.md): texts in Dutch and English, items
with response scales, scales with scoring rules, bands with advice, and who may see what. Loading checks
the structure with pydantic and then the references between parts; every problem is reported with the
file, the path inside it (``scales[2].rule.weights.q7``) and what is wrong. No Django here.
"""

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
DEFINITION_SUFFIXES = (".yaml", ".yml", ".json")
SHIPPED_PACKAGE = "inzetbaar.instruments"
SHIPPED_DIRECTORY = "definitions"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(_Model):
    """A text in both interface languages."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class NumericScale(_Model):
    """Answers are numbers from ``min`` to ``max`` in steps of ``step`` (e.g. a 0–10 grade)."""

    type: Literal["numeric"]
    id: Identifier
    min: float
    max: float
    step: float = Field(1, gt=0)
    min_label: Text | None = None
    max_label: Text | None = None

    @model_validator(mode="after")
    def _range(self):
        if self.max <= self.min:
            raise ValueError(f"max ({self.max:g}) must be above min ({self.min:g})")
        if not _is_whole((self.max - self.min) / self.step):
            raise ValueError(f"max − min must be a whole number of steps of {self.step:g}")
        return self


class Option(_Model):
    value: float
    label: Text


class OptionsScale(_Model):
    """Answers are one of a few labelled numeric values (e.g. 1, 4, 7)."""

    type: Literal["options"]
    id: Identifier
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self):
        values = [option.value for option in self.options]
        if len(set(values)) != len(values):
            raise ValueError("option values must be distinct")
        return self


class Code(_Model):
    code: Identifier
    label: Text


class CategoricalScale(_Model):
    """Answers are codes without an order (e.g. physical / mental / mixed job)."""

    type: Literal["categorical"]
    id: Identifier
    codes: list[Code] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct(self):
        codes = [code.code for code in self.codes]
        if len(set(codes)) != len(codes):
            raise ValueError("codes must be distinct")
        return self


ResponseScale = Annotated[NumericScale | OptionsScale | CategoricalScale, Field(discriminator="type")]


class Item(_Model):
    """One question; its id is the response variable's name."""

    id: Identifier
    text: Text
    response_scale: Identifier
    reverse: bool = False
    required: bool = True


class Group(_Model):
    """A question group: one page when responding."""

    id: Identifier
    title: Text
    intro: Text | None = None
    items: list[Item] = Field(min_length=1)


class LookupEntry(_Model):
    """Maps a whole-number raw score (``value``, or ``min``–``max`` inclusive, either end open) to a score."""

    value: float | None = None
    min: float | None = None
    max: float | None = None
    score: float

    @model_validator(mode="after")
    def _one_form(self):
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either value or min/max, not both")
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("give value, or min and/or max")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is below min ({self.min:g})")
        return self

    @property
    def low(self) -> float:
        return self.value if self.value is not None else (-math.inf if self.min is None else self.min)

    @property
    def high(self) -> float:
        return self.value if self.value is not None else (math.inf if self.max is None else self.max)


class _Rule(_Model):
    lookup: list[LookupEntry] | None = Field(None, min_length=1)


class SumRule(_Rule):
    """Sum of the items (or earlier scales); with ``min_answered`` below the count, prorated."""

    type: Literal["sum"]
    items: list[Identifier] = Field(min_length=1)
    min_answered: int | None = Field(None, ge=1)

    @property
    def inputs(self) -> list[str]:
        return list(self.items)


class MeanRule(_Rule):
    """Mean of the answered items (or earlier scales)."""

    type: Literal["mean"]
    items: list[Identifier] = Field(min_length=1)
    min_answered: int | None = Field(None, ge=1)

    @property
    def inputs(self) -> list[str]:
        return list(self.items)


class WeightedSumRule(_Rule):
    """Σ weight × value over the named items (or earlier scales); all must be answered."""

    type: Literal["weighted_sum"]
    weights: dict[Identifier, float] = Field(min_length=1)

    @property
    def inputs(self) -> list[str]:
        return list(self.weights)


class ConditionalWeightsRule(_Rule):
    """A weighted sum whose weights depend on the code given for a categorical item (``condition``)."""

    type: Literal["conditional_weights"]
    condition: Identifier
    weights: dict[Identifier, dict[Identifier, float]] = Field(min_length=1)

    @property
    def inputs(self) -> list[str]:
        return list(dict.fromkeys(name for case in self.weights.values() for name in case))


class CountRule(_Rule):
    """How many of the items were answered with one of ``values`` (raw answers, before reverse coding)."""

    type: Literal["count"]
    items: list[Identifier] = Field(min_length=1)
    values: list[float | str] = Field(min_length=1)

    @property
    def inputs(self) -> list[str]:
        return list(self.items)


Rule = Annotated[
    SumRule | MeanRule | WeightedSumRule | ConditionalWeightsRule | CountRule, Field(discriminator="type")
]


class Band(_Model):
    """A score band from ``from`` (inclusive) up to ``to`` (exclusive); an omitted end is open."""

    id: Identifier
    from_: float | None = Field(None, alias="from")
    to: float | None = None
    label: Text
    advice: Text | None = None

    def contains(self, score: float) -> bool:
        return (self.from_ is None or score >= self.from_) and (self.to is None or score < self.to)


class Scale(_Model):
    id: Identifier
    title: Text
    description: Text | None = None
    rule: Rule
    bands: list[Band] = []


class QuadrantCell(_Model):
    id: Identifier
    x: Literal["low", "high"]
    y: Literal["low", "high"]
    label: Text
    advice: Text


class Quadrants(_Model):
    """A four-cell result from two scales; ``high`` means at or above the split."""

    x: Identifier
    y: Identifier
    x_split: float
    y_split: float
    cells: list[QuadrantCell] = Field(min_length=4, max_length=4)


class Perspective(_Model):
    """A respondent role whose answers a report keeps apart (e.g. management, HR, works council)."""

    id: Identifier
    label: Text


class Licence(_Model):
    name: str = Field(min_length=1)
    holder: str = Field(min_length=1)
    url: str | None = None
    redistributable: bool
    note: Text | None = None


Kind = Literal["house", "radar", "quadrant", "company_scan", "evaluation", "index"]
Visibility = Literal["employee", "employee_and_occupational_physician", "organisation"]


class InstrumentDefinition(_Model):
    id: Identifier
    version: str = Field(pattern=r"^\d+(\.\d+)*$")
    kind: Kind
    title: Text
    description: Text
    licence: Licence
    min_group_size: int = Field(5, ge=1)
    individual_visibility: Visibility
    perspectives: list[Perspective] = []
    response_scales: list[ResponseScale] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    scales: list[Scale] = Field(min_length=1)
    total: Identifier | None = None
    quadrants: Quadrants | None = None

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))

    def response_scale(self, scale_id: str) -> NumericScale | OptionsScale | CategoricalScale:
        return next(scale for scale in self.response_scales if scale.id == scale_id)

    def scale(self, scale_id: str) -> Scale:
        return next(scale for scale in self.scales if scale.id == scale_id)


class Overlay(_Model):
    """A licensee's texts laid over a definition: item texts, group titles and option labels, no scoring."""

    overlay_for: Identifier
    version: str = Field(pattern=r"^\d+(\.\d+)*$")
    licence: Licence
    items: dict[Identifier, Text] = {}
    groups: dict[Identifier, Text] = {}
    option_labels: dict[Identifier, dict[str, Text]] = {}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


class DefinitionError(Exception):
    """A definition or overlay file that cannot be used; lists every problem with its path."""

    def __init__(self, file: str, problems: Sequence[Problem]):
        self.file = file
        self.problems = list(problems)
        super().__init__("\n".join(f"{file}: {problem.path}: {problem.message}" for problem in self.problems))


@dataclass(frozen=True)
class Facts:
    """What the checks know about an item's or scale's values: range, whole numbers, categories."""

    low: float
    high: float
    whole: bool
    categorical: bool = False


BROKEN = Facts(math.nan, math.nan, False)  # a scale with problems: what builds on it is not checked further


# --- reading files ----------------------------------------------------------------------------------


def load_definition(path: str | Path) -> InstrumentDefinition:
    """Read, validate and cross-check one definition file."""
    return _checked_definition(_read(Path(path)), str(path))


def parse_definition(text: str, source: str) -> InstrumentDefinition:
    """Validate and cross-check a definition given as text (one stored in the database); `source` names it
    in error messages, and its suffix says whether the text is JSON or YAML."""
    return _checked_definition(_parse(text, source, as_json=source.endswith(".json")), source)


def _checked_definition(data: dict[str, Any], file: str) -> InstrumentDefinition:
    definition = _validate(InstrumentDefinition, data, file)
    problems = check_definition(definition)
    if problems:
        raise DefinitionError(file, problems)
    return definition


def load_overlay(path: str | Path) -> Overlay:
    data = _read(Path(path))
    return _validate(Overlay, data, str(path))


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DefinitionError(str(path), [Problem("(file)", f"cannot be read: {error.strerror}")]) from None
    return _parse(text, str(path), as_json=path.suffix == ".json")


def _parse(text: str, file: str, *, as_json: bool) -> dict[str, Any]:
    try:
        data = json.loads(text) if as_json else yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise DefinitionError(file, [Problem(f"line {error.lineno}", error.msg)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise DefinitionError(file, [Problem(where, str(getattr(error, "problem", error)))]) from None
    if not isinstance(data, dict):
        raise DefinitionError(file, [Problem("(top)", "must be a mapping of fields")])
    return data


def _validate(model: type[_Model], data: dict[str, Any], file: str):
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(_format_location(detail["loc"], data), _format_message(detail))
            for detail in error.errors()
        ]
        raise DefinitionError(file, problems) from None


def _format_location(location: tuple, data: Any) -> str:
    path = ""
    node = data
    for key in location:
        if isinstance(node, dict) and key not in node and node.get("type") == key:
            continue  # the union tag pydantic inserts; the file has no such level
        if key == "[key]":
            continue  # the message says the key itself is wrong
        path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else str(key))
        node = _child(node, key)
    return path or "(top)"


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def _format_message(detail: dict) -> str:
    message = detail["msg"].removeprefix("Value error, ")
    value = detail.get("input")
    if detail["type"] != "missing" and isinstance(value, str | int | float | bool):
        message += f" (got {value!r})"
    return message


# --- cross-checks -----------------------------------------------------------------------------------


def check_definition(definition: InstrumentDefinition) -> list[Problem]:
    """The checks a schema cannot express: references, types, and ranges of lookups and bands."""
    problems: list[Problem] = []
    response_scales = _unique_ids(definition.response_scales, "response_scales", problems)
    facts: dict[str, Facts] = {}
    _unique_ids(definition.groups, "groups", problems)
    for g, group in enumerate(definition.groups):
        for i, item in enumerate(group.items):
            path = f"groups[{g}].items[{i}]"
            if item.id in facts:
                problems.append(Problem(f"{path}.id", f"duplicate item id {item.id!r}"))
            response_scale = response_scales.get(item.response_scale)
            if response_scale is None:
                problems.append(
                    Problem(f"{path}.response_scale", f"unknown response scale {item.response_scale!r}")
                )
                continue
            if item.reverse and isinstance(response_scale, CategoricalScale):
                problems.append(Problem(f"{path}.reverse", "reverse coding needs a numeric response scale"))
            facts[item.id] = response_scale_facts(response_scale)
    item_ids = set(facts)
    for s, scale in enumerate(definition.scales):
        path = f"scales[{s}]"
        if scale.id in facts:
            problems.append(Problem(f"{path}.id", f"{scale.id!r} is already an item or scale id"))
            continue
        scale_facts = _check_rule(scale.rule, f"{path}.rule", definition, facts, item_ids, problems)
        facts[scale.id] = scale_facts or BROKEN
        if scale_facts is not None:
            _check_bands(scale.bands, scale_facts, f"{path}.bands", problems)
    scale_ids = {scale.id for scale in definition.scales}
    if definition.total is not None and definition.total not in scale_ids:
        problems.append(Problem("total", f"unknown scale {definition.total!r}"))
    if definition.quadrants is not None:
        _check_quadrants(definition.quadrants, scale_ids, problems)
    if definition.kind == "company_scan" and len(definition.perspectives) < 2:
        problems.append(Problem("perspectives", "a company scan needs at least two respondent perspectives"))
    _unique_ids(definition.perspectives, "perspectives", problems)
    return problems


def response_scale_facts(scale: NumericScale | OptionsScale | CategoricalScale) -> Facts:
    if isinstance(scale, NumericScale):
        return Facts(scale.min, scale.max, _is_whole(scale.min) and _is_whole(scale.step))
    if isinstance(scale, OptionsScale):
        values = [option.value for option in scale.options]
        return Facts(min(values), max(values), all(_is_whole(value) for value in values))
    return Facts(0, len(scale.codes) - 1, True, categorical=True)


def _unique_ids(entries: Iterable, path: str, problems: list[Problem]) -> dict:
    seen: dict = {}
    for index, entry in enumerate(entries):
        if entry.id in seen:
            problems.append(Problem(f"{path}[{index}].id", f"duplicate id {entry.id!r}"))
        seen.setdefault(entry.id, entry)
    return seen


def _check_rule(rule, path, definition, facts, item_ids, problems) -> Facts | None:
    """Checks one rule and returns the facts of its result, or None when it is broken."""
    before = len(problems)
    if isinstance(rule, CountRule):
        raw = _check_count(rule, path, facts, item_ids, problems)
    elif isinstance(rule, ConditionalWeightsRule):
        raw = _check_conditional(rule, path, definition, facts, problems)
    else:
        keys = rule.weights if isinstance(rule, WeightedSumRule) else rule.items
        where = "weights" if isinstance(rule, WeightedSumRule) else "items"
        inputs = _numeric_inputs(keys, f"{path}.{where}", facts, problems)
        raw = None if inputs is None else _linear_facts(rule, inputs, path, problems)
    if raw is None or len(problems) > before:
        return None
    if rule.lookup is None:
        return raw
    return _check_lookup(rule.lookup, raw, f"{path}.lookup", problems)


def _numeric_inputs(keys, path, facts, problems) -> list[Facts] | None:
    found = []
    for index, key in enumerate(keys):
        where = f"{path}.{key}" if isinstance(keys, dict) else f"{path}[{index}]"
        fact = facts.get(key)
        if fact is BROKEN:
            continue  # its own problem is reported already
        if fact is None:
            problems.append(Problem(where, f"unknown item or earlier scale {key!r}"))
        elif fact.categorical:
            problems.append(
                Problem(where, f"{key!r} has a categorical response scale; it cannot be added up")
            )
        else:
            found.append(fact)
    return found if len(found) == len(keys) else None


def _linear_facts(rule, inputs: list[Facts], path, problems) -> Facts | None:
    count = len(inputs)
    if isinstance(rule, WeightedSumRule):
        weights = list(rule.weights.values())
        return _weighted_facts(weights, inputs)
    minimum = rule.min_answered or count
    if minimum > count:
        problems.append(Problem(f"{path}.min_answered", f"is {minimum} but the rule has only {count} items"))
        return None
    prorated = minimum < count
    if isinstance(rule, MeanRule):
        if prorated:
            return Facts(min(f.low for f in inputs), max(f.high for f in inputs), False)
        return Facts(sum(f.low for f in inputs) / count, sum(f.high for f in inputs) / count, False)
    if prorated:
        return Facts(count * min(f.low for f in inputs), count * max(f.high for f in inputs), False)
    return Facts(sum(f.low for f in inputs), sum(f.high for f in inputs), all(f.whole for f in inputs))


def _weighted_facts(weights: list[float], inputs: list[Facts]) -> Facts:
    low = sum(min(w * f.low, w * f.high) for w, f in zip(weights, inputs, strict=True))
    high = sum(max(w * f.low, w * f.high) for w, f in zip(weights, inputs, strict=True))
    whole = all(f.whole and _is_whole(w) for w, f in zip(weights, inputs, strict=True))
    return Facts(low, high, whole)


def _check_count(rule: CountRule, path, facts, item_ids, problems) -> Facts | None:
    kinds = set()
    for index, key in enumerate(rule.items):
        if key not in item_ids:
            problems.append(
                Problem(f"{path}.items[{index}]", f"unknown item {key!r} (count looks at answers)")
            )
        else:
            kinds.add(facts[key].categorical)
    if len(kinds) > 1:
        problems.append(Problem(f"{path}.items", "mixes categorical and numeric items"))
    categorical = kinds == {True}
    for index, value in enumerate(rule.values):
        if isinstance(value, str) != categorical:
            wanted = "codes (text)" if categorical else "numbers"
            problems.append(Problem(f"{path}.values[{index}]", f"the items take {wanted}, got {value!r}"))
    return Facts(0, len(rule.items), True)


def _check_conditional(rule: ConditionalWeightsRule, path, definition, facts, problems) -> Facts | None:
    on = facts.get(rule.condition)
    if on is None or not on.categorical:
        problems.append(
            Problem(
                f"{path}.condition", f"{rule.condition!r} is not an item with a categorical response scale"
            )
        )
        return None
    item = next(item for item in definition.items if item.id == rule.condition)
    codes = [code.code for code in definition.response_scale(item.response_scale).codes]
    for code in rule.weights:
        if code not in codes:
            problems.append(
                Problem(f"{path}.weights.{code}", f"{code!r} is not a code of {rule.condition!r}")
            )
    for code in codes:
        if code not in rule.weights:
            problems.append(Problem(f"{path}.weights", f"no weights for code {code!r} of {rule.condition!r}"))
    cases = []
    for code, weights in rule.weights.items():
        inputs = _numeric_inputs(weights, f"{path}.weights.{code}", facts, problems)
        if inputs is not None:
            cases.append(_weighted_facts(list(weights.values()), inputs))
    if len(cases) != len(rule.weights):
        return None
    return Facts(min(c.low for c in cases), max(c.high for c in cases), all(c.whole for c in cases))


def _check_lookup(entries: list[LookupEntry], raw: Facts, path, problems) -> Facts | None:
    if not raw.whole:
        problems.append(Problem(path, "a lookup needs a whole-number raw score; use bands for other scores"))
        return None
    for index, (before, after) in enumerate(pairwise(entries), start=1):
        if after.low <= before.high:
            problems.append(Problem(f"{path}[{index}]", "overlaps the entry before it (entries go up)"))
        elif after.low > before.high + 1:
            problems.append(Problem(f"{path}[{index}]", f"leaves a gap after {before.high:g}"))
    if entries[0].low > raw.low:
        problems.append(
            Problem(f"{path}[0]", f"starts at {entries[0].low:g}; raw scores go down to {raw.low:g}")
        )
    if entries[-1].high < raw.high:
        last = len(entries) - 1
        problems.append(
            Problem(f"{path}[{last}]", f"ends at {entries[-1].high:g}; raw scores go up to {raw.high:g}")
        )
    scores = [entry.score for entry in entries]
    return Facts(min(scores), max(scores), all(_is_whole(score) for score in scores))


def _check_bands(bands: list[Band], facts: Facts, path, problems) -> None:
    if not bands:
        return
    _unique_ids(bands, path, problems)
    first, last = bands[0], bands[-1]
    if first.from_ is not None and first.from_ > facts.low:
        problems.append(Problem(f"{path}[0].from", f"is {first.from_:g}; scores go down to {facts.low:g}"))
    if last.to is not None and last.to <= facts.high:
        problems.append(
            Problem(
                f"{path}[{len(bands) - 1}].to",
                f"is {last.to:g} (exclusive); scores go up to {facts.high:g}: omit 'to' on the top band",
            )
        )
    for index, (below, above) in enumerate(pairwise(bands), start=1):
        if below.to is None or above.from_ is None:
            problems.append(Problem(f"{path}[{index}]", "only the first band may omit 'from', the last 'to'"))
        elif above.from_ > below.to:
            problems.append(
                Problem(f"{path}[{index}].from", f"leaves a gap from {below.to:g} to {above.from_:g}")
            )
        elif above.from_ < below.to:
            problems.append(
                Problem(f"{path}[{index}].from", f"overlaps the band before, which ends at {below.to:g}")
            )
        if above.to is not None and above.from_ is not None and above.to <= above.from_:
            problems.append(Problem(f"{path}[{index}].to", "must be above 'from'"))


def _check_quadrants(quadrants: Quadrants, scale_ids: set[str], problems: list[Problem]) -> None:
    for axis in ("x", "y"):
        if getattr(quadrants, axis) not in scale_ids:
            problems.append(Problem(f"quadrants.{axis}", f"unknown scale {getattr(quadrants, axis)!r}"))
    if len({(cell.x, cell.y) for cell in quadrants.cells}) != 4:
        problems.append(Problem("quadrants.cells", "needs one cell for each of the four x/y combinations"))


def _is_whole(value: float) -> bool:
    return float(value).is_integer()


# --- overlays and the library -----------------------------------------------------------------------


def apply_overlay(
    definition: InstrumentDefinition, overlay: Overlay, file: str = "overlay"
) -> InstrumentDefinition:
    """The definition with the licensee's texts and licence; items, scales and scoring stay as they are."""
    problems = _overlay_problems(definition, overlay)
    if problems:
        raise DefinitionError(file, problems)
    groups = [
        group.model_copy(
            update={
                "title": overlay.groups.get(group.id, group.title),
                "items": [
                    item.model_copy(update={"text": overlay.items.get(item.id, item.text)})
                    for item in group.items
                ],
            }
        )
        for group in definition.groups
    ]
    response_scales = [
        _relabel(scale, overlay.option_labels.get(scale.id, {})) for scale in definition.response_scales
    ]
    return definition.model_copy(
        update={"groups": groups, "response_scales": response_scales, "licence": overlay.licence}
    )


def _overlay_problems(definition: InstrumentDefinition, overlay: Overlay) -> list[Problem]:
    problems = []
    if overlay.version != definition.version:
        problems.append(
            Problem("version", f"is {overlay.version} but {definition.id} is version {definition.version}")
        )
    item_ids = {item.id for item in definition.items}
    problems += [
        Problem(f"items.{key}", f"{definition.id} has no item {key!r}")
        for key in overlay.items
        if key not in item_ids
    ]
    group_ids = {group.id for group in definition.groups}
    problems += [
        Problem(f"groups.{key}", f"{definition.id} has no group {key!r}")
        for key in overlay.groups
        if key not in group_ids
    ]
    scales = {scale.id: scale for scale in definition.response_scales}
    for scale_id, labels in overlay.option_labels.items():
        scale = scales.get(scale_id)
        if scale is None or isinstance(scale, NumericScale):
            problems.append(
                Problem(f"option_labels.{scale_id}", "is not a response scale with options or codes")
            )
            continue
        known = {_option_key(entry) for entry in _entries(scale)}
        problems += [
            Problem(f"option_labels.{scale_id}.{key}", "is not one of its options")
            for key in labels
            if key not in known
        ]
    return problems


def _entries(scale: OptionsScale | CategoricalScale) -> list:
    return scale.options if isinstance(scale, OptionsScale) else scale.codes


def _option_key(entry: Option | Code) -> str:
    return f"{entry.value:g}" if isinstance(entry, Option) else entry.code


def _relabel(scale, labels: dict[str, Text]):
    if not labels:
        return scale
    field = "options" if isinstance(scale, OptionsScale) else "codes"
    entries = [
        entry.model_copy(update={"label": labels.get(_option_key(entry), entry.label)})
        for entry in _entries(scale)
    ]
    return scale.model_copy(update={field: entries})


class DefinitionLibrary:
    """The instruments available: each id in one or more versions."""

    def __init__(self, definitions: Iterable[tuple[InstrumentDefinition, str]]):
        self._by_key: dict[tuple[str, str], InstrumentDefinition] = {}
        self.sources: dict[tuple[str, str], str] = {}
        for definition, source in definitions:
            key = (definition.id, definition.version)
            if key in self._by_key:
                problem = Problem(
                    "id", f"{definition.id} version {definition.version} is also in {self.sources[key]}"
                )
                raise DefinitionError(source, [problem])
            self._by_key[key] = definition
            self.sources[key] = source

    def ids(self) -> list[str]:
        return sorted({instrument_id for instrument_id, _ in self._by_key})

    def get(self, instrument_id: str, version: str | None = None) -> InstrumentDefinition:
        """The given version, or the highest one; KeyError when unknown."""
        if version is not None:
            return self._by_key[(instrument_id, version)]
        versions = [d for (found, _), d in self._by_key.items() if found == instrument_id]
        if not versions:
            raise KeyError(instrument_id)
        return max(versions, key=lambda definition: definition.version_key)

    def __iter__(self) -> Iterator[InstrumentDefinition]:
        return iter(sorted(self._by_key.values(), key=lambda d: (d.id, d.version_key)))

    def with_overlay(self, path: str | Path) -> "DefinitionLibrary":
        overlay = load_overlay(path)
        key = (overlay.overlay_for, overlay.version)
        if key not in self._by_key:
            problem = Problem("overlay_for", f"no instrument {overlay.overlay_for} version {overlay.version}")
            raise DefinitionError(str(path), [problem])
        pairs = [
            (
                apply_overlay(definition, overlay, str(path)) if found == key else definition,
                self.sources[found],
            )
            for found, definition in self._by_key.items()
        ]
        return DefinitionLibrary(pairs)


def shipped_definition_files() -> list[Path]:
    folder = resources.files(SHIPPED_PACKAGE) / SHIPPED_DIRECTORY
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(DEFINITION_SUFFIXES))


def definition_files(directories: Iterable[str | Path]) -> list[Path]:
    return [
        path
        for directory in directories
        for path in sorted(Path(directory).iterdir())
        if path.suffix in DEFINITION_SUFFIXES
    ]


def load_library(
    extra_directories: Iterable[str | Path] = (), overlays: Iterable[str | Path] = (), shipped: bool = True
) -> DefinitionLibrary:
    """The shipped definitions, organisations' own directories, then licensee overlays over them."""
    files = (shipped_definition_files() if shipped else []) + definition_files(extra_directories)
    library = DefinitionLibrary((load_definition(path), str(path)) for path in files)
    for overlay in overlays:
        library = library.with_overlay(overlay)
    return library
