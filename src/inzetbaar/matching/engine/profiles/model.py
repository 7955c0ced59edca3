"""The profile file: candidates and openings as JSON, checked field by field into plain records.

Every error names the entry (``candidates[3] (id "c4")``) and the field, because the people who
write these files are client managers and employer-service staff, not programmers.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..instance import BENEFITS, SEAT_CLASSES
from .errors import ProfileError

CANDIDATE_FIELDS = {
    "id", "skills", "talents", "passions", "wishes", "location", "months_unemployed",
    "benefit_start", "benefit", "target_group", "qualifications",
}  # fmt: skip
WISH_FIELDS = {"hours", "sectors", "max_travel_minutes", "travel_mode"}
OPENING_FIELDS = {
    "id", "employer", "sector", "location", "hours", "capacity", "seat_class", "reserved_seats",
    "skills", "requirements", "description",
}  # fmt: skip
TOP_LEVEL_FIELDS = {"reference_date", "candidates", "openings"}
TRAVEL_MODES = ("car", "public_transport", "bicycle", "mixed")
MAX_WEEKLY_HOURS = 60
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True, slots=True)
class HoursRange:
    minimum: float
    maximum: float


ANY_HOURS = HoursRange(0.0, float(MAX_WEEKLY_HOURS))


@dataclass(frozen=True, slots=True)
class CandidateProfile:
    id: str
    skills: tuple[str, ...]
    passions: str
    hours: HoursRange
    sectors: tuple[str, ...]
    max_travel_minutes: float | None
    travel_mode: str | None
    location: Mapping
    months_unemployed: float | None
    benefit: str | None
    target_group: bool
    qualifications: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OpeningProfile:
    id: str
    employer: str
    sector: str | None
    location: Mapping
    hours: HoursRange
    capacity: int
    seat_class: str
    reserved_seats: int
    skills: tuple[str, ...]
    requirements: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Profiles:
    candidates: list[CandidateProfile]
    openings: list[OpeningProfile]


def entry_name(side: str, index: int, raw: object) -> str:
    entry_id = raw.get("id") if isinstance(raw, Mapping) else None
    return f"{side}[{index}]" + (f" (id {entry_id!r})" if isinstance(entry_id, str) else "")


def load_profiles_file(path: str | Path, today: dt.date | None = None) -> Profiles:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError(f"{path}: cannot read profile file ({error.strerror})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    return parse_profiles(data, today=today)


def parse_profiles(data: object, today: dt.date | None = None) -> Profiles:
    """Check a decoded profile document; ``today`` (or its ``reference_date``) dates benefit starts."""
    if not isinstance(data, Mapping):
        raise ProfileError("profile file: the top level must be an object with candidates and openings")
    reject_unknown_fields(data, TOP_LEVEL_FIELDS, "profile file")
    reference = parse_date(data["reference_date"], "reference_date") if "reference_date" in data else None
    reference = reference or today or dt.date.today()
    candidates = [
        parse_candidate(raw, entry_name("candidates", index, raw), reference)
        for index, raw in enumerate(require_list(data, "candidates", "profile file"))
    ]
    openings = [
        parse_opening(raw, entry_name("openings", index, raw))
        for index, raw in enumerate(require_list(data, "openings", "profile file"))
    ]
    reject_duplicate_ids(candidates, "candidates")
    reject_duplicate_ids(openings, "openings")
    return Profiles(candidates, openings)


def reject_duplicate_ids(entries: list, side: str) -> None:
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise ProfileError(
                f"{side}[{index}]: id {entry.id!r} is already used by {side}[{seen[entry.id]}]"
            )
        seen[entry.id] = index


def reject_unknown_fields(raw: Mapping, allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ProfileError(
            f"{where}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def require_object(raw: object, where: str) -> Mapping:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"{where}: must be an object, got {type(raw).__name__}")
    return raw


def require_list(raw: Mapping, key: str, where: str) -> list:
    value = raw.get(key)
    if not isinstance(value, list):
        raise ProfileError(f"{where}: {key} must be a list")
    return value


def require_id(raw: Mapping, where: str) -> str:
    value = raw.get("id")
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"{where}: id must be a non-empty string")
    return value


def optional_text(raw: Mapping, key: str, where: str) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProfileError(f"{where}: {key} must be text")
    return value.strip()


def optional_labels(raw: Mapping, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProfileError(f"{where}: {key} must be a list of text labels")
    return tuple(item for item in value if item.strip())


def optional_number(raw: Mapping, key: str, where: str, *, minimum: float = 0.0) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise ProfileError(f"{where}: {key} must be a number of at least {minimum:g}, got {value!r}")
    return float(value)


def parse_date(value: object, where: str) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ProfileError(f"{where}: must be a date as YYYY-MM-DD, got {value!r}")


def parse_hours(value: object, where: str) -> HoursRange:
    """Hours a week: a number, or ``{"min": …, "max": …}`` with either end optional."""
    if value is None:
        return ANY_HOURS
    if isinstance(value, int | float) and not isinstance(value, bool):
        low = high = float(value)
    elif isinstance(value, Mapping):
        reject_unknown_fields(value, {"min", "max"}, where)
        low = optional_number(value, "min", where)
        high = optional_number(value, "max", where)
        low = ANY_HOURS.minimum if low is None else low
        high = ANY_HOURS.maximum if high is None else high
    else:
        raise ProfileError(f"{where}: must be a number or an object with min and max")
    if not (0 <= low <= high <= MAX_WEEKLY_HOURS):
        raise ProfileError(
            f"{where}: needs 0 ≤ min ≤ max ≤ {MAX_WEEKLY_HOURS} hours a week, got {low:g}–{high:g}"
        )
    return HoursRange(low, high)


def months_between(start: dt.date, reference: dt.date) -> float:
    return max(0.0, (reference - start).days / DAYS_PER_MONTH)


def parse_candidate(raw: object, where: str, reference: dt.date) -> CandidateProfile:
    raw = require_object(raw, where)
    reject_unknown_fields(raw, CANDIDATE_FIELDS, where)
    wishes = require_object(raw.get("wishes", {}), f"{where}: wishes")
    reject_unknown_fields(wishes, WISH_FIELDS, f"{where}: wishes")
    travel_mode = wishes.get("travel_mode")
    if travel_mode is not None and travel_mode not in TRAVEL_MODES:
        raise ProfileError(f"{where}: wishes.travel_mode must be one of {', '.join(TRAVEL_MODES)}")
    months = optional_number(raw, "months_unemployed", where)
    if "benefit_start" in raw:
        if months is not None:
            raise ProfileError(f"{where}: give months_unemployed or benefit_start, not both")
        months = months_between(parse_date(raw["benefit_start"], f"{where}: benefit_start"), reference)
    benefit = raw.get("benefit")
    if benefit is not None and benefit not in BENEFITS:
        raise ProfileError(f"{where}: benefit must be one of {', '.join(BENEFITS)}, got {benefit!r}")
    target_group = raw.get("target_group", False)
    if not isinstance(target_group, bool):
        raise ProfileError(f"{where}: target_group must be true or false")
    if "location" not in raw:
        raise ProfileError(f"{where}: location is missing")
    return CandidateProfile(
        id=require_id(raw, where),
        skills=optional_labels(raw, "skills", where) + optional_labels(raw, "talents", where),
        passions=optional_text(raw, "passions", where),
        hours=parse_hours(wishes.get("hours"), f"{where}: wishes.hours"),
        sectors=optional_labels(wishes, "sectors", f"{where}: wishes"),
        max_travel_minutes=optional_number(wishes, "max_travel_minutes", f"{where}: wishes", minimum=1),
        travel_mode=travel_mode,
        location=raw["location"],
        months_unemployed=months,
        benefit=benefit,
        target_group=target_group,
        qualifications=optional_labels(raw, "qualifications", where),
    )


def parse_opening(raw: object, where: str) -> OpeningProfile:
    raw = require_object(raw, where)
    reject_unknown_fields(raw, OPENING_FIELDS, where)
    capacity = raw.get("capacity", 1)
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise ProfileError(f"{where}: capacity must be a whole number of at least 0, got {capacity!r}")
    reserved = raw.get("reserved_seats", 0)
    if isinstance(reserved, bool) or not isinstance(reserved, int) or not 0 <= reserved <= capacity:
        raise ProfileError(
            f"{where}: reserved_seats must be from 0 to capacity ({capacity}), got {reserved!r}"
        )
    seat_class = raw.get("seat_class", SEAT_CLASSES[0])
    if seat_class not in SEAT_CLASSES:
        raise ProfileError(
            f"{where}: seat_class must be one of {', '.join(SEAT_CLASSES)}, got {seat_class!r}"
        )
    sector = raw.get("sector")
    if sector is not None and (not isinstance(sector, str) or not sector.strip()):
        raise ProfileError(f"{where}: sector must be a non-empty text label")
    if "location" not in raw:
        raise ProfileError(f"{where}: location is missing")
    return OpeningProfile(
        id=require_id(raw, where),
        employer=optional_text(raw, "employer", where),
        sector=sector,
        location=raw["location"],
        hours=parse_hours(raw.get("hours"), f"{where}: hours"),
        capacity=capacity,
        seat_class=seat_class,
        reserved_seats=reserved,
        skills=optional_labels(raw, "skills", where),
        requirements=optional_labels(raw, "requirements", where),
        description=optional_text(raw, "description", where),
    )
