"""Anonymity rules for group reports: which group figures may be shown without exposing fewer people
than the minimum, directly or by subtraction.

Every group figure of the platform (questionnaire means and band distributions per unit, breakdown and
wave; later the absence figures per unit) passes through :func:`decide` and :func:`apply`. The module
knows cells and counts only, not questionnaires, and imports no Django.

Model
    A *cell* is a group of respondents with a count (and optionally its number of members). A
    *partition* says that a total cell is the sum of disjoint part cells: a unit and its child units, a
    unit and the categories of a breakdown (age band, tenure band, job type), a breakdown category and
    the cells of a cross table. Respondents of the total that are in no part (a unit's own direct
    members, an unknown category) form a :class:`Remainder` cell, which is treated like any other part.
    A *wave link* says that two cells are the same group measured in two waves.

Rules, applied to a fixed point
    1. Primary suppression: a cell is hidden (``below_minimum``) when it has fewer respondents than the
       minimum, or fewer members than ``min_members`` (the "5/5" rule). A cell without respondents
       shows nothing and has nothing to hide (``no_respondents``); its count 0 counts as known.
    2. Waves: when two linked cells are both shown, their difference must not single out a group under
       the minimum: with the joined/left respondent counts, exactly one of them non-zero and below the
       minimum is refused; without them, an absolute change in respondents between 1 and minimum - 1
       is refused. The later cell is then hidden (``wave_difference``); the earlier one was usually
       released already.
    3. Partitions (complementary suppression, ``complementary``): in every partition, a single hidden
       cell could be computed as total minus the rest, so a second one is hidden (the smallest shown
       part, or the total when no part is left); and when the total is shown, the hidden parts together
       can be computed, so together they must form a publishable group.
    4. Audit: the rules above look at one partition at a time, but a reader can combine them (a parent
       minus a child's visible children, two breakdowns of one unit, a cross table). The audit takes
       the linear system of the hidden cells and an exact random solution of its homogeneous part (in
       rational arithmetic): a value or sum the reader can derive is zero in every such solution. A
       hidden cell under the minimum (or hidden for a wave) must not be determined, and no set of
       hidden cells with together 1 to minimum - 1 respondents may have a derivable sum. A violation
       hides the smallest shown cell of an equation around it, parts before totals, and the rules
       run again. A chance zero (odds about 2**-62) can only hide a cell too many, never too few.

Limits
    * The guarantee is about linear derivation (sums, means times counts, band counts) from what is
      shown. Counts can also be bounded by public headcounts (a hidden team of 3 members with 3
      respondents is known to be at most 3); the figures of such a cell still cannot be derived.
    * A published group whose members all answered alike reveals each member's answer; and members of
      a shown group who pool their own answers learn the rest of it. Both are inherent in any minimum.
    * The group search is exact while a connected set of hidden cells has at most ``_STATE_LIMIT``
      partial sums under the minimum; beyond that it covers the sums it reached (the single-cell check
      stays exact). Derived groups are judged on respondents; members are checked per partition.
    * Waves are compared per linked pair: the caller links every pair of cells a reader can compare.
      A union of hidden cells derivable in both waves is not compared across waves.

Cost: pure Python is enough. Partitions are checked incrementally; the algebra peels tree-shaped
equations without fill-in and row-reduces only cycles (cross tables); connected sets of hidden cells
found safe are not audited again. About 3,000 cells take 0.03 s at minimum 5 and 0.06 s at minimum 7;
at minimum 15 with nine in ten cells hidden about 1 s, spent in the group search.
See docs/disclosure.md for a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from random import Random
from typing import Any

BELOW_MINIMUM = "below_minimum"
COMPLEMENTARY = "complementary"
WAVE_DIFFERENCE = "wave_difference"
NO_RESPONDENTS = "no_respondents"

UNITS = "units"
"""The partition name of a unit into its child units (its remainder holds the direct members)."""

# Partial sums explored per connected set of hidden cells when searching for a derivable small group.
_STATE_LIMIT = 20_000


@dataclass(frozen=True)
class DisclosurePolicy:
    """The minimum a group needs before its figures may be shown (default 5; radar 7; WAI 15)."""

    min_respondents: int = 5
    min_members: int | None = None

    def __post_init__(self) -> None:
        if self.min_respondents < 1:
            raise ValueError(f"min_respondents must be at least 1, not {self.min_respondents}")
        if self.min_members is not None and self.min_members < 1:
            raise ValueError(f"min_members must be at least 1, not {self.min_members}")

    def allows(self, respondents: int, members: int | None = None) -> bool:
        """Whether a group of this size may be shown on its own."""
        if respondents < self.min_respondents:
            return False
        return self.min_members is None or members is None or members >= self.min_members


@dataclass(frozen=True)
class Decision:
    """Whether a cell's figures may be shown, and if not, why (one of the reason constants)."""

    published: bool
    reason: str | None = None


@dataclass(frozen=True)
class Remainder:
    """The respondents of ``total`` outside every part of its partition ``partition``."""

    total: Hashable
    partition: str


@dataclass(frozen=True)
class _Cell:
    respondents: int
    members: int | None


@dataclass(frozen=True)
class _Partition:
    total: Hashable
    parts: tuple[Hashable, ...]
    name: str


@dataclass(frozen=True)
class _WaveLink:
    earlier: Hashable
    later: Hashable
    joined: int | None
    left: int | None


class DisclosureProblem:
    """The cells of a report and how they add up; build it, then pass it to :func:`decide`."""

    def __init__(self) -> None:
        self._cells: dict[Hashable, _Cell] = {}
        self._partitions: list[_Partition] = []
        self._children: dict[Hashable, list[Hashable]] = {}
        self._links: list[_WaveLink] = []

    def add_cell(self, key: Hashable, respondents: int, members: int | None = None) -> None:
        if key in self._cells:
            raise ValueError(f"cell {key!r} is added twice")
        if respondents < 0:
            raise ValueError(f"cell {key!r}: respondents cannot be negative ({respondents})")
        if members is not None and members < respondents:
            raise ValueError(f"cell {key!r}: {respondents} respondents but only {members} members")
        self._cells[key] = _Cell(respondents, members)

    def add_unit(
        self, key: Hashable, respondents: int, members: int | None = None, parent: Hashable | None = None
    ) -> None:
        """A unit; its respondents include those of its child units and its own direct members."""
        self.add_cell(key, respondents, members)
        if parent is not None:
            self._children.setdefault(parent, []).append(key)

    def add_breakdown(
        self,
        unit: Hashable,
        name: str,
        categories: Mapping[Hashable, int],
        members: Mapping[Hashable, int] | None = None,
    ) -> None:
        """The cells of one breakdown of ``unit`` (category cell key -> respondents)."""
        for key, respondents in categories.items():
            self.add_cell(key, respondents, None if members is None else members.get(key))
        self.add_partition(unit, list(categories), name)

    def add_partition(self, total: Hashable, parts: Sequence[Hashable], name: str) -> None:
        """Declare that the disjoint ``parts`` (plus a remainder) make up ``total``."""
        if any(p.total == total and p.name == name for p in self._partitions):
            raise ValueError(f"partition {name!r} of {total!r} is added twice")
        self._partitions.append(_Partition(total, tuple(parts), name))

    def add_wave_link(
        self, earlier: Hashable, later: Hashable, joined: int | None = None, left: int | None = None
    ) -> None:
        """Two cells that are the same group in two waves; ``joined``/``left`` count respondents."""
        if (joined is None) != (left is None):
            raise ValueError(f"wave link {earlier!r} -> {later!r}: give both joined and left, or neither")
        self._links.append(_WaveLink(earlier, later, joined, left))

    def _resolve(self) -> tuple[dict[Hashable, _Cell], list[tuple[Hashable, ...]], list[_WaveLink]]:
        """All cells (remainders included) and the equations ``(total, *parts)`` between them."""
        partitions = list(self._partitions)
        for parent, children in self._children.items():
            partitions.append(_Partition(parent, tuple(children), UNITS))
        cells = dict(self._cells)
        equations = []
        for partition in partitions:
            for key in (partition.total, *partition.parts):
                if key not in cells:
                    raise ValueError(f"partition {partition.name!r} of {partition.total!r}: no cell {key!r}")
            remainder = _remainder(partition, cells)
            parts = partition.parts
            if remainder.respondents or remainder.members:
                cells[Remainder(partition.total, partition.name)] = remainder
                parts = (*parts, Remainder(partition.total, partition.name))
            equations.append((partition.total, *parts))
        for link in self._links:
            _check_link(link, cells)
        return cells, equations, self._links


def _remainder(partition: _Partition, cells: Mapping[Hashable, _Cell]) -> _Cell:
    total = cells[partition.total]
    parts = [cells[key] for key in partition.parts]
    respondents = total.respondents - sum(p.respondents for p in parts)
    if respondents < 0:
        raise ValueError(
            f"partition {partition.name!r} of {partition.total!r}: its parts have more respondents "
            f"({total.respondents - respondents}) than the total ({total.respondents})"
        )
    known = total.members is not None and all(p.members is not None for p in parts)
    members = total.members - sum(p.members for p in parts) if known else None
    if members is not None and members < respondents:
        raise ValueError(f"partition {partition.name!r} of {partition.total!r}: members do not add up")
    return _Cell(respondents, members)


def _check_link(link: _WaveLink, cells: Mapping[Hashable, _Cell]) -> None:
    for key in (link.earlier, link.later):
        if key not in cells:
            raise ValueError(f"wave link: no cell {key!r}")
    if link.joined is not None and link.left is not None:
        change = cells[link.later].respondents - cells[link.earlier].respondents
        if link.joined < 0 or link.left < 0 or link.joined - link.left != change:
            raise ValueError(
                f"wave link {link.earlier!r} -> {link.later!r}: joined {link.joined} - left {link.left} "
                f"does not equal the change in respondents ({change})"
            )


def decide(problem: DisclosureProblem, policy: DisclosurePolicy) -> dict[Hashable, Decision]:
    """Decide for every cell (remainders included) whether its figures may be shown."""
    cells, equations, links = problem._resolve()
    hidden = _primary(cells, policy)
    _apply_wave_rule(cells, links, hidden, policy)
    index = {key: i for i, key in enumerate(cells)}
    by_cell: dict[Hashable, list[int]] = {}
    for number, equation in enumerate(equations):
        for key in equation:
            by_cell.setdefault(key, []).append(number)
    safe: set[frozenset[Hashable]] = set()
    while True:
        _protect_partitions(cells, equations, by_cell, index, hidden, policy)
        violation = _audit(cells, equations, by_cell, hidden, policy, safe)
        if violation is None:
            break
        # A real violation always has a shown, non-empty cell around it: its derived value comes from one.
        hidden[_repair_partner(violation, cells, equations, by_cell, index, hidden)] = COMPLEMENTARY
    return {key: _decision(cell, hidden.get(key)) for key, cell in cells.items()}


def apply(decisions: Mapping[Hashable, Decision], figures: Mapping[Hashable, Any]) -> dict[Hashable, Any]:
    """The figures with every cell that may not be shown replaced by None.

    A figure without a decision is an error, so a new cell cannot slip past the rules.
    """
    missing = [key for key in figures if key not in decisions]
    if missing:
        raise KeyError(f"no disclosure decision for {missing!r}")
    return {key: value if decisions[key].published else None for key, value in figures.items()}


def trend_allowed(decisions: Mapping[Hashable, Decision], earlier: Hashable, later: Hashable) -> bool:
    """Whether the change between two linked wave cells may be shown: only between shown cells."""
    return decisions[earlier].published and decisions[later].published


def _decision(cell: _Cell, reason: str | None) -> Decision:
    if reason is not None:
        return Decision(False, reason)
    if cell.respondents == 0:
        return Decision(False, NO_RESPONDENTS)
    return Decision(True)


def _primary(cells: Mapping[Hashable, _Cell], policy: DisclosurePolicy) -> dict[Hashable, str]:
    return {
        key: BELOW_MINIMUM
        for key, cell in cells.items()
        if cell.respondents > 0 and not policy.allows(cell.respondents, cell.members)
    }


def _shown(key: Hashable, cells: Mapping[Hashable, _Cell], hidden: Mapping[Hashable, str]) -> bool:
    return key not in hidden and cells[key].respondents > 0


def _apply_wave_rule(
    cells: Mapping[Hashable, _Cell],
    links: Iterable[_WaveLink],
    hidden: dict[Hashable, str],
    policy: DisclosurePolicy,
) -> None:
    # Suppression only ever hides more, so pairs that pass here stay safe later on.
    for link in links:
        if _shown(link.earlier, cells, hidden) and _shown(link.later, cells, hidden):
            earlier, later = cells[link.earlier].respondents, cells[link.later].respondents
            if _singles_out(earlier, later, link.joined, link.left, policy.min_respondents):
                hidden[link.later] = WAVE_DIFFERENCE


def _singles_out(earlier: int, later: int, joined: int | None, left: int | None, minimum: int) -> bool:
    """Whether later minus earlier reduces to the answers of one group under the minimum."""
    if joined is None or left is None:
        # Unknown flows: a change of 0 swaps equally many people, a large change mixes many.
        return 0 < abs(later - earlier) < minimum
    moved = [n for n in (joined, left) if n]
    return len(moved) == 1 and moved[0] < minimum


def _protect_partitions(
    cells: Mapping[Hashable, _Cell],
    equations: Sequence[tuple[Hashable, ...]],
    by_cell: Mapping[Hashable, list[int]],
    index: Mapping[Hashable, int],
    hidden: dict[Hashable, str],
    policy: DisclosurePolicy,
) -> None:
    pending = sorted({n for key in hidden for n in by_cell.get(key, ())})
    while pending:
        number = pending.pop()
        partner = _partition_partner(equations[number], cells, index, hidden, policy)
        if partner is not None:
            hidden[partner] = COMPLEMENTARY
            pending.extend(by_cell[partner])
            pending.append(number)


def _partition_partner(
    equation: tuple[Hashable, ...],
    cells: Mapping[Hashable, _Cell],
    index: Mapping[Hashable, int],
    hidden: Mapping[Hashable, str],
    policy: DisclosurePolicy,
) -> Hashable | None:
    """The cell to hide next so this partition does not expose a hidden cell, or None if it is safe."""
    total, *parts = equation
    unknown = [key for key in equation if key in hidden]
    if not unknown:
        return None
    if len(unknown) > 1 and total in hidden:
        return None
    if len(unknown) > 1 and _group_allowed([cells[key] for key in unknown], policy):
        return None
    shown_parts = sorted(
        (key for key in parts if _shown(key, cells, hidden)), key=lambda k: _size(k, cells, index)
    )
    if shown_parts:
        return shown_parts[0]
    # Only the total is left to hide; when it is empty too, the hidden parts are empty and safe.
    return total if _shown(total, cells, hidden) else None


def _group_allowed(group: Sequence[_Cell], policy: DisclosurePolicy) -> bool:
    respondents = sum(cell.respondents for cell in group)
    members = None if any(c.members is None for c in group) else sum(c.members for c in group)
    return respondents == 0 or policy.allows(respondents, members)


def _size(key: Hashable, cells: Mapping[Hashable, _Cell], index: Mapping[Hashable, int]) -> tuple[int, int]:
    # Smallest first hides the least; insertion order makes ties deterministic.
    return cells[key].respondents, index[key]


def _audit(
    cells: Mapping[Hashable, _Cell],
    equations: Sequence[tuple[Hashable, ...]],
    by_cell: Mapping[Hashable, list[int]],
    hidden: Mapping[Hashable, str],
    policy: DisclosurePolicy,
    safe: set[frozenset[Hashable]],
) -> frozenset[Hashable] | None:
    """A set of hidden cells whose sum a reader can derive although it must stay hidden, or None.

    ``safe`` remembers connected sets already found safe: a repair changes only one of them.
    """
    for component in _components(hidden, equations, by_cell):
        if frozenset(component) in safe:
            continue
        violation = _audit_component(component, cells, equations, by_cell, hidden, policy)
        if violation is not None:
            return violation
        safe.add(frozenset(component))
    return None


def _audit_component(
    component: Sequence[Hashable],
    cells: Mapping[Hashable, _Cell],
    equations: Sequence[tuple[Hashable, ...]],
    by_cell: Mapping[Hashable, list[int]],
    hidden: Mapping[Hashable, str],
    policy: DisclosurePolicy,
) -> frozenset[Hashable] | None:
    columns = {key: j for j, key in enumerate(component)}
    rows = [
        {columns[key]: (1 if key == equations[n][0] else -1) for key in equations[n] if key in columns}
        for n in sorted({n for key in component for n in by_cell.get(key, ())})
    ]
    # A random exact solution of the homogeneous system. A derivable cell (or sum) is zero in every
    # solution, so nothing derivable is missed; a chance zero (odds about 2**-62) only hides one cell
    # too many. Scaled to whole numbers so the group search below adds integers.
    solution = _null_vector(rows, _peel(rows, len(component)), len(component), Random(len(component)))
    scale = math.lcm(*(v.denominator for v in solution))
    freedom = [int(v * scale) for v in solution]
    for key, direction in zip(component, freedom, strict=True):
        if hidden[key] in (BELOW_MINIMUM, WAVE_DIFFERENCE) and direction == 0:
            return frozenset([key])
    small = [
        (key, direction)
        for key, direction in zip(component, freedom, strict=True)
        if cells[key].respondents < policy.min_respondents and direction
    ]
    return _derivable_small_group(small, cells, policy.min_respondents)


def _components(
    hidden: Mapping[Hashable, str],
    equations: Sequence[tuple[Hashable, ...]],
    by_cell: Mapping[Hashable, list[int]],
) -> list[list[Hashable]]:
    """The hidden cells grouped by the equations that tie them together."""
    seen: set[Hashable] = set()
    components = []
    for start in hidden:
        if start in seen:
            continue
        seen.add(start)
        component, stack = [], [start]
        while stack:
            key = stack.pop()
            component.append(key)
            for number in by_cell.get(key, ()):
                for other in equations[number]:
                    if other in hidden and other not in seen:
                        seen.add(other)
                        stack.append(other)
        components.append(component)
    return components


@dataclass(frozen=True)
class _Elimination:
    peeled: list[tuple[int, int]]  # (row, the unknown it defines), in peeling order
    core: dict[int, dict[int, Fraction]]  # reduced rows of what could not be peeled, by pivot


def _peel(rows: Sequence[Mapping[int, int]], size: int) -> _Elimination:
    """Order the elimination: a row with an unknown found in no other row defines that unknown.

    Trees and breakdowns peel away completely without fill-in; only cycles (cross tables) are left
    for exact row reduction.
    """
    occurrences: list[set[int]] = [set() for _ in range(size)]
    for i, row in enumerate(rows):
        for j in row:
            occurrences[j].add(i)
    remaining = set(range(len(rows)))
    peeled = []
    stack = list(range(len(rows)))
    while stack:
        i = stack.pop()
        if i not in remaining:
            continue
        private = [j for j in rows[i] if len(occurrences[j]) == 1]
        if not private:
            continue
        remaining.discard(i)
        peeled.append((i, private[0]))
        for j in rows[i]:
            occurrences[j].discard(i)
            stack.extend(occurrences[j])
    return _Elimination(peeled, _reduce([rows[i] for i in sorted(remaining)]))


def _reduce(rows: Iterable[Mapping[int, int]]) -> dict[int, dict[int, Fraction]]:
    """Reduced row echelon form in exact rational arithmetic, as pivot column -> row."""
    pivots: dict[int, dict[int, Fraction]] = {}
    for raw in rows:
        row = {j: Fraction(v) for j, v in raw.items()}
        # Pivot rows are kept fully reduced, so one pass over them clears every pivot column.
        for pivot, pivot_row in pivots.items():
            factor = row.get(pivot)
            if factor:
                _add_scaled(row, pivot_row, -factor)
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {j: v / scale for j, v in row.items()}
        for pivot_row in pivots.values():
            factor = pivot_row.get(pivot)
            if factor:
                _add_scaled(pivot_row, row, -factor)
        pivots[pivot] = row
    return pivots


def _add_scaled(target: dict[int, Fraction], source: Mapping[int, Fraction], factor: Fraction) -> None:
    for j, value in source.items():
        new = target.get(j, 0) + factor * value
        if new:
            target[j] = new
        else:
            target.pop(j, None)


def _null_vector(
    rows: Sequence[Mapping[int, int]], elimination: _Elimination, size: int, rng: Random
) -> list[Fraction]:
    """An exact solution of rows · x = 0 with random values for the free unknowns."""
    values: dict[int, Fraction] = {}

    def free(j: int) -> Fraction:
        return values.setdefault(j, Fraction(rng.randrange(1, 2**62)))

    for row in elimination.core.values():
        for j in row:
            if j not in elimination.core:
                free(j)
    for pivot, row in elimination.core.items():
        values[pivot] = -sum((v * values[j] for j, v in row.items() if j != pivot), Fraction(0))
    # Backwards: every other unknown of a peeled row is defined later, in the core, or free.
    for i, defined in reversed(elimination.peeled):
        row = rows[i]
        rest = sum((v * free(j) for j, v in row.items() if j != defined), Fraction(0))
        values[defined] = -rest / row[defined]
    return [free(j) for j in range(size)]


def _derivable_small_group(
    small: Sequence[tuple[Hashable, int]], cells: Mapping[Hashable, _Cell], minimum: int
) -> frozenset[Hashable] | None:
    """A set of small hidden cells with 1 to minimum - 1 respondents whose sum is derivable, or None.

    ``small`` pairs each cell with its value in a random solution; a derivable set sums to zero.
    """
    # Partial sums of the solution, each with its respondent counts under the minimum.
    states: dict[int, dict[int, frozenset[Hashable]]] = {0: {0: frozenset()}}
    size = 1
    for key, direction in small:
        respondents = cells[key].respondents
        found = []
        for value, by_count in states.items():
            for count, group in by_count.items():
                total = count + respondents
                if total >= minimum:
                    continue
                if value + direction == 0:
                    return group | {key}
                found.append((value + direction, total, group | {key}))
        for value, count, group in found:
            by_count = states.setdefault(value, {})
            if count not in by_count:
                by_count[count] = group
                size += 1
        if size > _STATE_LIMIT:
            return None
    return None


def _repair_partner(
    violation: frozenset[Hashable],
    cells: Mapping[Hashable, _Cell],
    equations: Sequence[tuple[Hashable, ...]],
    by_cell: Mapping[Hashable, list[int]],
    index: Mapping[Hashable, int],
    hidden: Mapping[Hashable, str],
) -> Hashable:
    """The smallest shown cell in an equation around the violation, parts before totals."""
    numbers = {n for key in violation for n in by_cell.get(key, ())}
    totals = {equations[n][0] for n in numbers}
    candidates = {key for n in numbers for key in equations[n] if _shown(key, cells, hidden)}
    if not candidates:
        # Derived through equations further away: widen to the whole connected set of hidden cells.
        component = next(c for c in _components(hidden, equations, by_cell) if violation & set(c))
        numbers = {n for key in component for n in by_cell.get(key, ())}
        totals = {equations[n][0] for n in numbers}
        candidates = {key for n in numbers for key in equations[n] if _shown(key, cells, hidden)}
    return min(candidates, key=lambda k: (k in totals, *_size(k, cells, index)))
