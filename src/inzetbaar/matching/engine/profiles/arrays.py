"""Profiles as NumPy columns: coordinates, travel limits, hours, and skills/sectors/requirements as bit sets.

Bit positions are numbered only over what openings ask for (their skills, requirements and sectors):
a candidate's other skills cannot change any score, so they need no bit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..instance import DEFAULT_ELIGIBLE_BENEFITS
from .embeddings import EmbeddingCache
from .locations import LocationResolver
from .model import CandidateProfile, Profiles
from .travel import TravelModel, max_one_way_minutes
from .vocabulary import Vocabulary


@dataclass
class CandidateArrays:
    ids: list[str]
    latitude: np.ndarray
    longitude: np.ndarray
    max_minutes: np.ndarray
    minutes_per_km: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray
    sector_bits: np.ndarray
    qualification_bits: np.ndarray
    skill_bits: np.ndarray
    text: np.ndarray
    has_text: np.ndarray
    target_group: np.ndarray
    benefit: list[str | None]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class OpeningArrays:
    ids: list[str]
    latitude: np.ndarray
    longitude: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray
    sector: np.ndarray
    requirement_bits: np.ndarray
    skill_bits: np.ndarray
    skill_count: np.ndarray
    text: np.ndarray
    has_text: np.ndarray
    capacity: np.ndarray
    reserved_seats: np.ndarray
    seat_class: list[str]
    employer: list[str]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class ProfileArrays:
    candidates: CandidateArrays
    openings: OpeningArrays
    unknown_labels: dict[str, set[str]] = field(default_factory=dict)


def words_for(bit_count: int) -> int:
    return max(1, -(-bit_count // 64))


def bit_matrix(index_sets: Sequence[Iterable[int]], bit_count: int) -> np.ndarray:
    """One row of uint64 words per entry with the given bit positions set."""
    matrix = np.zeros((len(index_sets), words_for(bit_count)), dtype=np.uint64)
    for row, indices in enumerate(index_sets):
        for index in indices:
            matrix[row, index >> 6] |= np.uint64(1) << np.uint64(index & 63)
    return matrix


def all_bits(rows: int, bit_count: int) -> np.ndarray:
    matrix = np.zeros((rows, words_for(bit_count)), dtype=np.uint64)
    return bit_matrix([range(bit_count)] * rows, bit_count) if rows and bit_count else matrix


class ConceptIndex:
    """Resolves labels of one kind to concept ids and numbers the concepts openings use."""

    def __init__(self, vocabulary: Vocabulary, kind: str) -> None:
        self.vocabulary, self.kind = vocabulary, kind
        self.positions: dict[str, int] = {}
        self.unknown: set[str] = set()

    def concept(self, label: str) -> str:
        if not self.vocabulary.is_known(self.kind, label):
            self.unknown.add(label)
        return self.vocabulary.resolve(self.kind, label)

    def number(self, concepts: Iterable[str]) -> list[int]:
        """Positions for an opening's concepts, creating them as needed."""
        return sorted({self.positions.setdefault(concept, len(self.positions)) for concept in concepts})

    def lookup(self, concepts: Iterable[str]) -> list[int]:
        """Positions for a candidate's concepts; concepts no opening uses get none."""
        found = (self.positions.get(concept) for concept in concepts)
        return sorted({position for position in found if position is not None})

    def concepts(self, labels: Iterable[str]) -> list[str]:
        return [self.concept(label) for label in labels]


def seat_class_requirements(seat_class: str) -> list[str]:
    """Seat classes open only to people on certain benefits become a hard requirement like a licence."""
    return [] if DEFAULT_ELIGIBLE_BENEFITS[seat_class] is None else [f"seat_class:{seat_class}"]


def eligible_seat_classes(benefit: str | None) -> list[str]:
    """The seat-class requirements a candidate meets through their benefit (same rule as the solver's)."""
    return [
        f"seat_class:{seat_class}"
        for seat_class, allowed in DEFAULT_ELIGIBLE_BENEFITS.items()
        if allowed is not None and benefit in allowed
    ]


def passend_werk_months(candidate: CandidateProfile) -> float | None:
    """Months on WW that the passend-werk travel rule counts; other benefits have no such rule here."""
    return candidate.months_unemployed if candidate.benefit in (None, "WW") else None


def encode_profiles(
    profiles: Profiles,
    vocabulary: Vocabulary,
    resolver: LocationResolver,
    travel: TravelModel,
    embeddings: EmbeddingCache | None,
    progress: Callable[[int], None] | None = None,
) -> ProfileArrays:
    """Turn checked profiles into columns; resolves locations (errors name the entry) and embeds texts."""
    skills, requirements, sectors = (
        ConceptIndex(vocabulary, kind) for kind in ("skill", "requirement", "sector")
    )
    openings = encode_openings(profiles, resolver, skills, requirements, sectors, embeddings, progress)
    candidates = encode_candidates(
        profiles, resolver, travel, skills, requirements, sectors, embeddings, progress
    )
    unknown = {index.kind: index.unknown for index in (skills, requirements, sectors) if index.unknown}
    return ProfileArrays(candidates, openings, unknown)


def embed_texts(
    embeddings: EmbeddingCache | None, texts: list[str], progress
) -> tuple[np.ndarray, np.ndarray]:
    if embeddings is None:
        return np.zeros((len(texts), 1), dtype=np.float32), np.zeros(len(texts), dtype=bool)
    return embeddings.embed(texts, progress)


def encode_openings(profiles, resolver, skills, requirements, sectors, embeddings, progress) -> OpeningArrays:
    rows = profiles.openings
    points = [resolver.resolve(o.location, f"openings[{i}] (id {o.id!r})") for i, o in enumerate(rows)]
    skill_sets = [skills.number(skills.concepts(o.skills)) for o in rows]
    requirement_sets = [
        requirements.number(requirements.concepts(o.requirements) + seat_class_requirements(o.seat_class))
        for o in rows
    ]
    sector = [sectors.number(sectors.concepts([o.sector]))[0] if o.sector else -1 for o in rows]
    text, has_text = embed_texts(embeddings, [o.description for o in rows], progress)
    return OpeningArrays(
        ids=[o.id for o in rows],
        latitude=np.array([p.latitude for p in points], dtype=np.float64),
        longitude=np.array([p.longitude for p in points], dtype=np.float64),
        hours_min=np.array([o.hours.minimum for o in rows], dtype=np.float32),
        hours_max=np.array([o.hours.maximum for o in rows], dtype=np.float32),
        sector=np.array(sector, dtype=np.int32),
        requirement_bits=bit_matrix(requirement_sets, len(requirements.positions)),
        skill_bits=bit_matrix(skill_sets, len(skills.positions)),
        skill_count=np.array([len(s) for s in skill_sets], dtype=np.int32),
        text=text,
        has_text=has_text,
        capacity=np.array([o.capacity for o in rows], dtype=np.int32),
        reserved_seats=np.array([o.reserved_seats for o in rows], dtype=np.int32),
        seat_class=[o.seat_class for o in rows],
        employer=[o.employer for o in rows],
    )


def encode_candidates(
    profiles, resolver, travel, skills, requirements, sectors, embeddings, progress
) -> CandidateArrays:
    rows = profiles.candidates
    points = [resolver.resolve(c.location, f"candidates[{i}] (id {c.id!r})") for i, c in enumerate(rows)]
    sector_count = len(sectors.positions)
    sector_bits = bit_matrix([sectors.lookup(sectors.concepts(c.sectors)) for c in rows], sector_count)
    open_to_all = np.array([not c.sectors for c in rows], dtype=bool)
    sector_bits[open_to_all] = all_bits(int(open_to_all.sum()), sector_count)
    text, has_text = embed_texts(embeddings, [c.passions for c in rows], progress)
    return CandidateArrays(
        ids=[c.id for c in rows],
        latitude=np.array([p.latitude for p in points], dtype=np.float64),
        longitude=np.array([p.longitude for p in points], dtype=np.float64),
        max_minutes=np.array(
            [max_one_way_minutes(c.max_travel_minutes, passend_werk_months(c)) for c in rows],
            dtype=np.float32,
        ),
        minutes_per_km=np.array(
            [travel.minutes_for_distance(1.0, c.travel_mode) for c in rows], dtype=np.float32
        ),
        hours_min=np.array([c.hours.minimum for c in rows], dtype=np.float32),
        hours_max=np.array([c.hours.maximum for c in rows], dtype=np.float32),
        sector_bits=sector_bits,
        qualification_bits=bit_matrix(
            [
                requirements.lookup(
                    requirements.concepts(c.qualifications) + eligible_seat_classes(c.benefit)
                )
                for c in rows
            ],
            len(requirements.positions),
        ),
        skill_bits=bit_matrix(
            [skills.lookup(skills.concepts(c.skills)) for c in rows], len(skills.positions)
        ),
        text=text,
        has_text=has_text,
        target_group=np.array([c.target_group for c in rows], dtype=bool),
        benefit=[c.benefit for c in rows],
    )
