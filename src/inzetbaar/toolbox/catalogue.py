"""Loading the catalogue's data files (``toolbox/catalogue/*.yaml``) into the database.

Every entry is checked first (required fields, known codes, scales that exist in the questionnaire
definitions); one problem stops the whole load and names the file, the entry and the field. Loading is
idempotent: an unchanged entry is left alone, a changed one is updated, and an item edited in the admin
(``edited_locally``) is kept as it is.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from . import choices
from .models import CatalogueItem

DATA_DIR = Path(__file__).parent / "catalogue"
REQUIRED = ("slug", "name", "kind", "summary", "description", "themes", "levels", "audiences", "cost")
REQUIRED += ("duration", "evidence", "provider", "targets")
LISTS = {
    "targets": choices.Target,
    "themes": choices.Theme,
    "floors": choices.Floor,
    "levels": choices.Level,
    "audiences": choices.Audience,
    "sizes": None,  # core SizeClass, checked below
}
SINGLE = {"kind": choices.Kind, "cost": choices.Cost, "evidence": choices.Evidence}
FIELDS = {f.name for f in CatalogueItem._meta.get_fields()} - {"id", "active", "edited_locally"}


class CatalogueError(ValueError):
    pass


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited in the admin, left alone

    def as_text(self) -> str:
        return (
            f"{len(self.created)} nieuw, {len(self.updated)} bijgewerkt, {len(self.unchanged)} ongewijzigd, "
            f"{len(self.kept)} in beheer gewijzigd en behouden"
        )


def _known_scales() -> set[str]:
    from inzetbaar.instruments import services

    found = set()
    for definition in services.library():
        found |= {f"{definition.id}:{scale.id}" for scale in definition.scales}
    return found


def _problems(entry: dict, where: str, scales: set[str]) -> list[str]:
    from inzetbaar.core.models import SizeClass

    problems = [f"{where}: veld {name!r} ontbreekt" for name in REQUIRED if not entry.get(name)]
    problems += [f"{where}: onbekend veld {name!r}" for name in entry if name not in FIELDS]
    for name, vocabulary in LISTS.items():
        allowed = set((vocabulary or SizeClass).values)
        values = entry.get(name) or []
        if not isinstance(values, list):
            problems.append(f"{where}: veld {name!r} moet een lijst zijn")
            continue
        problems += [f"{where}: veld {name!r}: onbekende code {v!r}" for v in values if v not in allowed]
    for name, vocabulary in SINGLE.items():
        if entry.get(name) and entry[name] not in vocabulary.values:
            problems.append(f"{where}: veld {name!r}: onbekende code {entry[name]!r}")
    problems += [
        f"{where}: veld 'scales': onbekende schaal {s!r}"
        for s in entry.get("scales") or []
        if s not in scales
    ]
    return problems


def read_entries(directory: Path = DATA_DIR) -> list[dict]:
    """All entries of the data files, checked; raises CatalogueError listing every problem."""
    scales = _known_scales()
    entries, problems, seen = [], [], {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            problems.append(f"{path.name}: geen geldige YAML ({error})")
            continue
        if not isinstance(loaded, list):
            problems.append(f"{path.name}: verwacht een lijst met onderdelen")
            continue
        for number, entry in enumerate(loaded, start=1):
            slug = entry.get("slug", "?") if isinstance(entry, dict) else "?"
            where = f"{path.name}, onderdeel {number} ({slug})"
            if not isinstance(entry, dict):
                problems.append(f"{where}: verwacht velden")
                continue
            problems += _problems(entry, where, scales)
            if entry.get("slug") in seen:
                problems.append(f"{where}: code {entry['slug']!r} staat ook in {seen[entry['slug']]}")
            seen[entry.get("slug")] = path.name
            entries.append(entry)
    if problems:
        raise CatalogueError("\n".join(problems))
    return entries


def _checksum(entry: dict) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def load(directory: Path = DATA_DIR) -> LoadResult:
    result = LoadResult()
    for entry in read_entries(directory):
        checksum = _checksum(entry)
        values = {
            name: entry.get(name, [] if name in LISTS or name in ("sectors", "scales") else "")
            for name in FIELDS
        }
        values["source_checksum"] = checksum
        values.pop("slug")
        item = CatalogueItem.objects.filter(slug=entry["slug"]).first()
        if item is None:
            CatalogueItem.objects.create(slug=entry["slug"], **values)
            result.created.append(entry["slug"])
        elif item.edited_locally:
            result.kept.append(item.slug)
        elif item.source_checksum == checksum:
            result.unchanged.append(item.slug)
        else:
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
            result.updated.append(item.slug)
    return result
