"""Skill, sector and requirement vocabularies: Dutch/English labels and synonyms mapped to concept ids.

The project ships its own compact vocabulary (``data/vocabulary.csv``) for entry-level and
re-integration work. A user may add the official ESCO skills export; its concepts extend the built-in
ones, and a label known to both resolves to the built-in concept so the two never split a skill.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import ProfileError

KINDS = ("skill", "sector", "requirement")
ESCO_REQUIRED_COLUMNS = ("conceptUri", "preferredLabel")


def normalise_label(label: str) -> str:
    """Lower-case, accent-free, punctuation-free form under which labels are compared."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in without_accents).split()
    return " ".join(words)


@dataclass
class Vocabulary:
    """Labels per kind, each mapped to one concept id; ``preferred`` gives a concept's display label."""

    labels: dict[str, dict[str, str]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    preferred: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, concept_id: str, labels: Iterable[str], *, source: str, strict: bool) -> None:
        """Register a concept's labels; with ``strict`` a label owned by another concept is an error."""
        table = self.labels[kind]
        for label in labels:
            key = normalise_label(label)
            if not key:
                continue
            owner = table.get(key)
            if owner is None:
                table[key] = concept_id
            elif owner != concept_id and strict:
                raise ProfileError(f"{source}: label {label!r} of {concept_id} already belongs to {owner}")
        self.preferred.setdefault(concept_id, next((lb for lb in labels if lb.strip()), concept_id))

    def resolve(self, kind: str, label: str) -> str:
        """The concept id of a label; an unknown label is its own concept, so exact matches still count."""
        key = normalise_label(label)
        return self.labels[kind].get(key, f"{kind}:{key}")

    def is_known(self, kind: str, label: str) -> bool:
        return normalise_label(label) in self.labels[kind]

    def merged_with(self, other: Vocabulary) -> Vocabulary:
        """A copy where this vocabulary's labels win and ``other`` only adds labels not yet known."""
        merged = Vocabulary()
        for kind in KINDS:
            merged.labels[kind] = {**other.labels[kind], **self.labels[kind]}
        merged.preferred = {**other.preferred, **self.preferred}
        return merged


def split_labels(cell: str, separator: str) -> list[str]:
    return [part.strip() for part in cell.split(separator) if part.strip()]


def load_builtin_vocabulary() -> Vocabulary:
    """The project's own vocabulary shipped in ``data/vocabulary.csv``."""
    source = resources.files(__package__).joinpath("data/vocabulary.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return read_vocabulary_csv(handle, source_name="vocabulary.csv")


def read_vocabulary_csv(handle: Iterable[str], *, source_name: str) -> Vocabulary:
    """Read the project format: concept_id, kind, group, labels_nl, labels_en (labels split by |)."""
    vocabulary = Vocabulary()
    for row_number, row in enumerate(csv.DictReader(handle), start=2):
        where = f"{source_name} row {row_number}"
        kind = row.get("kind", "")
        if kind not in KINDS:
            raise ProfileError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        concept_id = (row.get("concept_id") or "").strip()
        if not concept_id:
            raise ProfileError(f"{where}: concept_id is empty")
        labels = split_labels(row.get("labels_nl") or "", "|") + split_labels(row.get("labels_en") or "", "|")
        if not labels:
            raise ProfileError(f"{where}: {concept_id} has no labels")
        vocabulary.add(kind, concept_id, labels, source=where, strict=True)
    return vocabulary


def load_esco_skills(paths: Iterable[str | Path]) -> Vocabulary:
    """Read one or more ESCO skills CSV exports (e.g. skills_nl.csv and skills_en.csv) into a vocabulary.

    Rows of different languages share ``conceptUri`` and so merge into one concept. ``altLabels`` and
    ``hiddenLabels`` hold newline-separated synonyms. ESCO reuses some synonyms across concepts; the
    first concept read keeps such a label, preferred labels before synonyms.
    """
    vocabulary = Vocabulary()
    synonyms: list[tuple[str, list[str]]] = []
    for path in paths:
        for concept_id, preferred, others in read_esco_rows(Path(path)):
            vocabulary.add("skill", concept_id, [preferred], source=str(path), strict=False)
            synonyms.append((concept_id, others))
    for concept_id, others in synonyms:
        vocabulary.add("skill", concept_id, others, source="esco", strict=False)
    return vocabulary


def read_esco_rows(path: Path) -> list[tuple[str, str, list[str]]]:
    """(conceptUri, preferredLabel, synonyms) per row; a missing column or empty field names the row."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ProfileError(f"{path}: cannot read ESCO file ({error.strerror})") from error
    with handle:
        reader = csv.DictReader(handle)
        missing = [column for column in ESCO_REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ProfileError(f"{path}: not an ESCO skills export, missing column(s) {', '.join(missing)}")
        rows = []
        for row_number, row in enumerate(reader, start=2):
            concept_id = (row.get("conceptUri") or "").strip()
            preferred = (row.get("preferredLabel") or "").strip()
            if not concept_id or not preferred:
                field_name = "conceptUri" if not concept_id else "preferredLabel"
                raise ProfileError(f"{path} row {row_number}: {field_name} is empty")
            others = split_labels(row.get("altLabels") or "", "\n")
            others += split_labels(row.get("hiddenLabels") or "", "\n")
            rows.append((concept_id, preferred, others))
    return rows
