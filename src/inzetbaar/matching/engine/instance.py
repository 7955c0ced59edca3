"""The JSON instance format: parsing, validation with errors that name the entry, and its Market.

The format is documented in docs/matching-instance.md and schema/instance.schema.json. Parsing is
written for national scale: :func:`load_instance` reads the id lists straight from the file's bytes
(:mod:`.rawlists`, vectorised) and decodes only the rest as JSON; a document that path does not cover,
or one with an error, goes the general way (:func:`parse_instance`: one dict lookup per id), which
names the offending entry. The join of the two sides' lists (who ranks whom back) is a sort of integer
keys, not a loop over pairs.
"""

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from . import rawlists
from .market import Market

SEAT_CLASSES = ("paid_job", "trial_placement", "work_experience")
BENEFITS = ("WW", "ZW", "WIA", "Wajong", "Participatiewet", "IOAW")
# A trial placement (proefplaatsing) keeps the benefit while working and a work-experience place is
# unpaid re-integration: both are for people on a benefit unless the instance says otherwise.
DEFAULT_ELIGIBLE_BENEFITS: dict[str, tuple[str, ...] | None] = {
    "paid_job": None,
    "trial_placement": BENEFITS,
    "work_experience": BENEFITS,
}

_TOP_LEVEL_FIELDS = {"candidates", "openings", "seat_classes", "meta"}
_CANDIDATE_FIELDS = {"id", "preferences", "target_group", "benefit", "factors", "meta"}
_OPENING_FIELDS = {"id", "capacity", "preferences", "seat_class", "reserved_seats", "meta"}

# Why a pair a candidate listed is not in the market (codes of Instance.listed_status; >= 0 is an edge).
NOT_ACCEPTABLE = -1
NOT_ELIGIBLE = -2


class InstanceError(ValueError):
    """An instance that cannot be solved as it is; the message names the offending entry and field."""


@dataclass(frozen=True, eq=False)
class Instance:
    """A parsed instance: ids, the candidates' declared lists (for explanations) and the Market."""

    candidate_ids: list[str]
    opening_ids: list[str]
    seat_class: list[str]  # per opening
    listed_ptr: np.ndarray  # int64: candidate c's declared list is listed_ptr[c]:listed_ptr[c + 1]
    listed_opening: np.ndarray  # int32 per declared entry
    listed_rank: np.ndarray  # int32: 0-based position in the candidate's list (a tie shares one)
    listed_status: np.ndarray  # int64: the market edge of the entry, or NOT_ACCEPTABLE / NOT_ELIGIBLE
    factors: list[dict | None]  # per candidate: {opening id: {category: score}} as given
    market: Market


def load_instance(path: str | Path) -> Instance:
    """Read and parse an instance file; every problem is an InstanceError naming the file or entry."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InstanceError(f"{path}: cannot read the file: {error.strerror}") from error
    decoded = rawlists.decode(raw)
    if decoded is not None:
        try:
            return _parse(*decoded)
        except (_NotFast, InstanceError):
            pass  # the general path below builds the same instance, or names the offending entry
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise InstanceError(f"{path}: not valid JSON: {error}") from error
    return parse_instance(data)


def parse_instance(data: object) -> Instance:
    """Validate a decoded JSON instance and build its Market."""
    return _parse(data, None)


class _NotFast(Exception):
    """The fast path cannot read these lists (an unknown id, say): the general path takes over."""


def _parse(data: object, raw_lists: rawlists.RawLists | None) -> Instance:
    """Validate a decoded instance; its preference lists are either in it or (fast path) in raw_lists."""
    if not isinstance(data, dict):
        raise InstanceError(f"the instance must be a JSON object, got {_json_type(data)}")
    _reject_unknown_fields("the instance", data, _TOP_LEVEL_FIELDS)
    candidates = _required_list(data, "candidates")
    openings = _required_list(data, "openings")
    eligible_benefits = _parse_seat_classes(data.get("seat_classes", {}))

    candidate_index = _index_ids("candidates", candidates, _CANDIDATE_FIELDS)
    opening_index = _index_ids("openings", openings, _OPENING_FIELDS)
    candidate_ids, opening_ids = list(candidate_index), list(opening_index)

    capacity, reserved, seat_class = _parse_openings(openings)
    target_group, benefit, factors = _parse_candidate_attributes(candidates, opening_index)
    if raw_lists is None:
        listed = _parse_lists("candidates", candidates, opening_index, "opening")
        ranked_by = _parse_lists("openings", openings, candidate_index, "candidate")
    else:
        listed = _raw_lists(candidates, rawlists.IdTable(opening_ids), raw_lists)
        ranked_by = _raw_lists(openings, rawlists.IdTable(candidate_ids), raw_lists)
    opening_rank = _rank_given_back(listed, ranked_by, (candidate_ids, opening_ids))
    eligible = _eligibility_matrix(eligible_benefits)[
        np.asarray([SEAT_CLASSES.index(name) for name in seat_class], dtype=np.int64)[listed.column],
        benefit[listed.row],
    ]
    in_market = (opening_rank >= 0) & eligible
    status = np.where(opening_rank >= 0, NOT_ELIGIBLE, NOT_ACCEPTABLE).astype(np.int64)
    status[in_market] = np.arange(int(in_market.sum()), dtype=np.int64)

    market_ptr = np.zeros(len(candidate_ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(listed.row[in_market], minlength=len(candidate_ids)), out=market_ptr[1:])
    market = Market(
        candidate_ptr=market_ptr,
        opening=listed.column[in_market],
        candidate_rank=listed.rank[in_market],
        opening_rank=opening_rank[in_market],
        capacity=capacity,
        reserved=reserved,
        target_group=target_group,
    )
    return Instance(
        candidate_ids=candidate_ids,
        opening_ids=opening_ids,
        seat_class=seat_class,
        listed_ptr=listed.ptr,
        listed_opening=listed.column,
        listed_rank=listed.rank,
        listed_status=status,
        factors=factors,
        market=market,
    )


@dataclass(frozen=True, eq=False)
class _Lists:
    """One side's declared lists in flat form: entry k is row[k] ranking column[k] at rank[k]."""

    ptr: np.ndarray
    row: np.ndarray
    column: np.ndarray
    rank: np.ndarray


def _required_list(data: dict, field: str) -> list:
    if field not in data:
        raise InstanceError(f'the instance has no "{field}" list')
    if not isinstance(data[field], list):
        raise InstanceError(f'"{field}" must be a list, got {_json_type(data[field])}')
    return data[field]


def _index_ids(kind: str, entries: list, allowed_fields: set[str]) -> dict[str, int]:
    """Map each id to its position; check every entry is an object with known fields and a unique id."""
    index: dict[str, int] = {}
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise InstanceError(f"{kind}[{position}]: must be an object, got {_json_type(entry)}")
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not entry_id:
            raise InstanceError(f'{kind}[{position}]: "id" must be a non-empty string, got {entry_id!r}')
        if entry_id in index:
            raise InstanceError(
                f'{kind}[{position}]: duplicate id "{entry_id}" (first used by {kind}[{index[entry_id]}])'
            )
        index[entry_id] = position
        if not entry.keys() <= allowed_fields:
            _reject_unknown_fields(f'{kind}[{position}] (id "{entry_id}")', entry, allowed_fields)
    return index


def _reject_unknown_fields(where: str, entry: dict, allowed_fields: set[str]) -> None:
    unknown = entry.keys() - allowed_fields
    if unknown:
        raise InstanceError(
            f"{where}: unknown field(s) {', '.join(sorted(map(repr, unknown)))}; "
            f"allowed: {', '.join(sorted(allowed_fields))}"
        )


def _where(kind: str, position: int, entry: dict) -> str:
    return f'{kind}[{position}] (id "{entry["id"]}")'


def _parse_seat_classes(value: object) -> dict[str, frozenset[str] | None]:
    if not isinstance(value, dict):
        raise InstanceError(f'"seat_classes" must be an object, got {_json_type(value)}')
    eligible = {
        name: None if rule is None else frozenset(rule) for name, rule in DEFAULT_ELIGIBLE_BENEFITS.items()
    }
    for name, rule in value.items():
        where = f'seat_classes["{name}"]'
        if name not in SEAT_CLASSES:
            raise InstanceError(f"{where}: unknown seat class; known: {', '.join(SEAT_CLASSES)}")
        if not isinstance(rule, dict) or rule.keys() != {"benefits"}:
            raise InstanceError(f'{where}: must be an object with only "benefits" (a list, or null for all)')
        benefits = rule["benefits"]
        if benefits is None:
            eligible[name] = None
            continue
        if not isinstance(benefits, list) or any(item not in BENEFITS for item in benefits):
            raise InstanceError(f'{where}: "benefits" must be null or a list of {", ".join(BENEFITS)}')
        eligible[name] = frozenset(benefits)
    return eligible


def _eligibility_matrix(eligible_benefits: dict[str, frozenset[str] | None]) -> np.ndarray:
    """Boolean [seat class, benefit code]; benefit code 0 is "no benefit", k is BENEFITS[k - 1]."""
    matrix = np.zeros((len(SEAT_CLASSES), len(BENEFITS) + 1), dtype=bool)
    for row, name in enumerate(SEAT_CLASSES):
        allowed = eligible_benefits[name]
        matrix[row] = [allowed is None or benefit in allowed for benefit in (None, *BENEFITS)]
    return matrix


def _parse_openings(openings: list) -> tuple[np.ndarray, np.ndarray, list[str]]:
    capacity, reserved, seat_class = [], [], []
    for position, entry in enumerate(openings):
        if "capacity" not in entry:
            raise InstanceError(f'{_where("openings", position, entry)}: "capacity" is missing')
        seats = _count(("openings", position, entry), "capacity", entry["capacity"], upper=None)
        capacity.append(seats)
        reserved.append(
            _count(("openings", position, entry), "reserved_seats", entry.get("reserved_seats", 0), seats)
        )
        name = entry.get("seat_class", "paid_job")
        if name not in SEAT_CLASSES:
            raise InstanceError(
                f'{_where("openings", position, entry)}: "seat_class" must be one of '
                f"{', '.join(SEAT_CLASSES)}, got {name!r}"
            )
        seat_class.append(name)
    return np.asarray(capacity, dtype=np.int64), np.asarray(reserved, dtype=np.int64), seat_class


def _count(location: tuple[str, int, dict], field: str, value: object, upper: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InstanceError(f'{_where(*location)}: "{field}" must be a non-negative integer, got {value!r}')
    if upper is not None and value > upper:
        raise InstanceError(f'{_where(*location)}: "{field}" ({value}) exceeds the capacity ({upper})')
    return value


def _parse_candidate_attributes(
    candidates: list, opening_index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, list[dict | None]]:
    benefit_code = {None: 0} | {name: code for code, name in enumerate(BENEFITS, start=1)}
    target_group, benefit, factors = [], [], []
    for position, entry in enumerate(candidates):
        in_target = entry.get("target_group", False)
        if not isinstance(in_target, bool):
            where = _where("candidates", position, entry)
            raise InstanceError(f'{where}: "target_group" must be true or false, got {in_target!r}')
        target_group.append(in_target)
        name = entry.get("benefit")
        if not isinstance(name, str | None) or name not in benefit_code:
            raise InstanceError(
                f'{_where("candidates", position, entry)}: "benefit" must be null or one of '
                f"{', '.join(BENEFITS)}, got {name!r}"
            )
        benefit.append(benefit_code[name])
        factors.append(_checked_factors(("candidates", position, entry), opening_index))
    return np.asarray(target_group, dtype=bool), np.asarray(benefit, dtype=np.int64), factors


def _checked_factors(location: tuple[str, int, dict], opening_index: dict[str, int]) -> dict | None:
    factors = location[2].get("factors")
    if factors is None:
        return None
    if not isinstance(factors, dict):
        raise InstanceError(f'{_where(*location)}: "factors" must be an object keyed by opening id')
    for opening_id, scores in factors.items():
        if opening_id not in opening_index:
            raise InstanceError(f'{_where(*location)}: factors: unknown opening id "{opening_id}"')
        if not isinstance(scores, dict) or not all(
            isinstance(score, int | float) and not isinstance(score, bool) and math.isfinite(score)
            for score in scores.values()
        ):
            raise InstanceError(
                f'{_where(*location)}: factors["{opening_id}"] must map categories to finite numbers'
            )
    return factors


def _parse_lists(kind: str, entries: list, index: dict[str, int], other: str) -> _Lists:
    """Flatten every entry's "preferences" into index arrays; ranks are positions, a tie shares one."""
    lookup = index.__getitem__
    flat: list[int] = []
    lengths = np.empty(len(entries), dtype=np.int64)
    tied_entries: list[tuple[int, list[int]]] = []
    for position, entry in enumerate(entries):
        preferences = entry.get("preferences")
        if not isinstance(preferences, list):
            where = _where(kind, position, entry)
            raise InstanceError(f'{where}: "preferences" must be a list, got {_json_type(preferences)}')
        start = len(flat)
        try:
            flat.extend(map(lookup, preferences))
        except (KeyError, TypeError):
            # Ties or a bad entry: the slow path below parses the list item by item.
            del flat[start:]
            members, ranks = _parse_tied_list(_where(kind, position, entry), preferences, index, other)
            flat.extend(members)
            tied_entries.append((start, ranks))
        lengths[position] = len(flat) - start
    ptr = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    rank = (np.arange(ptr[-1], dtype=np.int64) - np.repeat(ptr[:-1], lengths)).astype(np.int32)
    for start, ranks in tied_entries:
        rank[start : start + len(ranks)] = ranks
    return _Lists(
        ptr=ptr,
        row=np.repeat(np.arange(len(entries), dtype=np.int32), lengths),
        column=np.asarray(flat, dtype=np.int32),
        rank=rank,
    )


def _raw_lists(entries: list, ids: rawlists.IdTable, raw_lists: rawlists.RawLists) -> _Lists:
    """The same flat lists as _parse_lists, from the lists the fast path found in the bytes."""
    numbers = rawlists.list_numbers([entry.get("preferences") for entry in entries])
    if numbers is None:
        raise _NotFast
    number = np.asarray(numbers, dtype=np.int64)
    lengths = raw_lists.count[number]
    ptr = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    start_of_entry = np.repeat(ptr[:-1], lengths)
    position = np.arange(ptr[-1], dtype=np.int64)
    column = ids.lookup(raw_lists, np.repeat(raw_lists.first[number], lengths) - start_of_entry + position)
    if column is None:
        raise _NotFast
    rank = (position - start_of_entry).astype(np.int32)
    if raw_lists.tie_ranks:
        entry_of_list = dict(zip(numbers, range(len(entries)), strict=True))
        for list_number, ranks in raw_lists.tie_ranks.items():
            if list_number in entry_of_list:
                at = ptr[entry_of_list[list_number]]
                rank[at : at + len(ranks)] = ranks
    return _Lists(
        ptr=ptr,
        row=np.repeat(np.arange(len(entries), dtype=np.int32), lengths),
        column=column.astype(np.int32),
        rank=rank,
    )


def _parse_tied_list(where: str, preferences: list, index: dict[str, int], other: str) -> tuple[list, list]:
    members, ranks = [], []
    for position, item in enumerate(preferences):
        if isinstance(item, list) and not item:
            raise InstanceError(f"{where}: preferences[{position}]: a tie must list at least one id")
        for member in item if isinstance(item, list) else [item]:
            if not isinstance(member, str):
                raise InstanceError(
                    f"{where}: preferences[{position}]: expected an {other} id or a list of ids (a tie), "
                    f"got {_json_type(member)} {member!r}"
                )
            if member not in index:
                raise InstanceError(f'{where}: preferences[{position}]: unknown {other} id "{member}"')
            members.append(index[member])
            ranks.append(position)
    return members, ranks


def _rank_given_back(listed: _Lists, ranked_by: _Lists, ids: tuple[list[str], list[str]]) -> np.ndarray:
    """For every candidate list entry: the opening's rank of that candidate, or -1 if it does not list it.

    Both sides become sorted integer keys ``candidate * n_openings + opening`` (which also exposes an id
    listed twice); the join is then one search with sorted queries.
    """
    candidate_ids, opening_ids = ids
    n_openings = len(opening_ids)
    listed_keys, listed_entry = _sorted_with_entry(listed.row.astype(np.int64) * n_openings + listed.column)
    given_keys, given_entry = _sorted_with_entry(
        ranked_by.column.astype(np.int64) * n_openings + ranked_by.row
    )
    for kind, keys, entry, lists in (
        ("candidates", listed_keys, listed_entry, listed),
        ("openings", given_keys, given_entry, ranked_by),
    ):
        repeated = np.flatnonzero(keys[1:] == keys[:-1])
        if repeated.size:
            k = int(entry[repeated[0]])
            row, column = int(lists.row[k]), int(lists.column[k])
            row_ids, column_ids = (
                (candidate_ids, opening_ids) if kind == "candidates" else (opening_ids, candidate_ids)
            )
            raise InstanceError(
                f'{kind}[{row}] (id "{row_ids[row]}"): preferences list "{column_ids[column]}" twice'
            )
    rank = np.full(listed_keys.shape[0], -1, dtype=np.int32)
    if given_keys.shape[0]:
        found_at = np.minimum(np.searchsorted(given_keys, listed_keys), given_keys.shape[0] - 1)
        hit = given_keys[found_at] == listed_keys
        rank[listed_entry[hit]] = ranked_by.rank[given_entry[found_at[hit]]]
    return rank


def _sorted_with_entry(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys sorted, with each one's original position.

    When key and position fit in 63 bits together they are packed into one int64: a plain sort is
    several times faster than an argsort.
    """
    position_bits = max(keys.shape[0] - 1, 1).bit_length()
    if int(keys.max(initial=0)).bit_length() + position_bits <= 63:
        packed = np.sort((keys << position_bits) | np.arange(keys.shape[0], dtype=np.int64))
        return packed >> position_bits, packed & ((1 << position_bits) - 1)
    order = np.argsort(keys, kind="stable")
    return keys[order], order


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
