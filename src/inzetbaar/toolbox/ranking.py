"""Ranking the toolbox for one organisation: which items fit, in what order, and why.

Framework-free: the catalogue comes in as plain ``Item`` facts and the choice menu's answers as a
``Profile``; the result is a list of ``Ranked`` items, each with the reasons that make up its score, so the
page can say why an item ranks where it does. Two rankings:

- ``rank``: the choice menu. Themes of concern weigh most; then whether the item fits who is asking, the
  stage the organisation is in, its size and sector; evidence breaks near-ties. Items that fit none of the
  themes asked about, or not the organisation's size, are left out.
- ``rank_for_gaps``: suggestions from a group report. Each published scale's gap (how far its mean lies
  below the top of its range, 0–1) is multiplied by how directly an item addresses that scale (1 for a
  scale it names, 0.5 for another scale on the same floor) and summed.

Reasons are (code, values) pairs; the caller turns them into text in the reader's language.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

LEVELS = ("awareness", "analysis", "implementation")

THEME_WEIGHT = 3.0
AUDIENCE_WEIGHT = 2.0
LEVEL_WEIGHT = 2.0
NEXT_LEVEL_WEIGHT = 1.0
SECTOR_WEIGHT = 1.0
EVIDENCE_WEIGHT = {"strong": 1.0, "moderate": 0.5, "practice": 0.0}
OWN_INSTRUMENT_WEIGHT = 0.5  # the platform's own instruments are ready to use today
SAME_FLOOR_RELEVANCE = 0.5


@dataclass(frozen=True)
class Item:
    slug: str
    name: str
    themes: frozenset[str]
    levels: frozenset[str]
    audiences: frozenset[str]
    sizes: frozenset[str] = frozenset()  # empty: any size
    sectors: frozenset[str] = frozenset()  # empty: any sector
    floors: frozenset[str] = frozenset()
    scales: frozenset[str] = frozenset()  # "instrument:scale"
    evidence: str = "practice"
    platform_instrument: str = ""


@dataclass(frozen=True)
class Profile:
    """The answers of the choice menu."""

    sector: str = ""
    size: str = ""
    asker: str = ""  # an audience code
    themes: frozenset[str] = frozenset()
    stage: str = ""  # a level code: where the organisation stands


@dataclass(frozen=True)
class Reason:
    code: str
    points: float
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ranked:
    item: Item
    score: float
    reasons: tuple[Reason, ...] = field(default=())


def _order(ranked: Iterable[Ranked]) -> list[Ranked]:
    evidence = {code: -weight for code, weight in EVIDENCE_WEIGHT.items()}
    return sorted(
        ranked,
        key=lambda r: (-round(r.score, 9), evidence.get(r.item.evidence, 0.0), r.item.name, r.item.slug),
    )


def _level_reasons(item: Item, stage: str) -> list[Reason]:
    if not stage:
        return []
    if stage in item.levels:
        return [Reason("level", LEVEL_WEIGHT, (stage,))]
    position = LEVELS.index(stage) if stage in LEVELS else -1
    following = LEVELS[position + 1] if 0 <= position < len(LEVELS) - 1 else None
    if following and following in item.levels:
        return [Reason("next_level", NEXT_LEVEL_WEIGHT, (following,))]
    return []


def score(item: Item, profile: Profile) -> Ranked | None:
    """One item's score and reasons for a profile, or None when it does not fit at all."""
    if profile.size and item.sizes and profile.size not in item.sizes:
        return None
    shared = sorted(item.themes & profile.themes)
    if profile.themes and not shared:
        return None
    reasons = [Reason("theme", THEME_WEIGHT * len(shared), tuple(shared))] if shared else []
    if profile.asker and profile.asker in item.audiences:
        reasons.append(Reason("audience", AUDIENCE_WEIGHT, (profile.asker,)))
    reasons += _level_reasons(item, profile.stage)
    if profile.size and item.sizes:
        reasons.append(Reason("size", 0.0, (profile.size,)))
    if profile.sector and profile.sector in item.sectors:
        reasons.append(Reason("sector", SECTOR_WEIGHT, (profile.sector,)))
    if EVIDENCE_WEIGHT.get(item.evidence):
        reasons.append(Reason("evidence", EVIDENCE_WEIGHT[item.evidence], (item.evidence,)))
    if item.platform_instrument and profile.stage in ("", "awareness", "analysis"):
        reasons.append(Reason("own_instrument", OWN_INSTRUMENT_WEIGHT, (item.platform_instrument,)))
    return Ranked(item, sum(r.points for r in reasons), tuple(reasons))


def rank(items: Iterable[Item], profile: Profile, limit: int | None = None) -> list[Ranked]:
    """The fitting items, best first (ties: stronger evidence, then name), at most `limit` of them."""
    found = _order(r for r in (score(item, profile) for item in items) if r is not None)
    return found[:limit] if limit is not None else found


@dataclass(frozen=True)
class Gap:
    """A published group mean of one scale, as a gap between 0 (at the top) and 1 (at the bottom)."""

    scale: str  # "instrument:scale"
    floor: str  # House of Work Ability floor the scale belongs to, or ""
    gap: float


def gap_of(mean: float, low: float, high: float, higher_is_better: bool = True) -> float:
    """How far a mean lies from the good end of its range, 0–1."""
    if high <= low:
        raise ValueError("a scale's range must not be empty")
    share = (mean - low) / (high - low)
    share = min(1.0, max(0.0, share))
    return 1.0 - share if higher_is_better else share


def weakest(gaps: Sequence[Gap], count: int = 3, minimum_gap: float = 0.0) -> list[Gap]:
    """The `count` largest gaps above `minimum_gap`, largest first."""
    chosen = [g for g in gaps if g.gap > minimum_gap]
    return sorted(chosen, key=lambda g: (-g.gap, g.scale))[:count]


def relevance(item: Item, gap: Gap) -> float:
    if gap.scale in item.scales:
        return 1.0
    if gap.floor and gap.floor in item.floors:
        return SAME_FLOOR_RELEVANCE
    return 0.0


def rank_for_gaps(
    items: Iterable[Item], gaps: Sequence[Gap], limit: int | None = 10, size: str = ""
) -> list[Ranked]:
    """Items ordered by the sum over the gaps of gap × relevance; items addressing no gap are left out."""
    found = []
    for item in items:
        if size and item.sizes and size not in item.sizes:
            continue
        reasons = []
        for gap in gaps:
            weight = relevance(item, gap)
            if weight:
                code = "scale" if weight == 1.0 else "floor"
                reasons.append(Reason(code, gap.gap * weight, (gap.scale, f"{gap.gap:.2f}")))
        if reasons:
            found.append(Ranked(item, sum(r.points for r in reasons), tuple(reasons)))
    ordered = _order(found)
    return ordered[:limit] if limit is not None else ordered


def as_item(facts: Mapping) -> Item:
    """An Item from a mapping of the catalogue's field names (a model's values or a data-file entry)."""
    return Item(
        slug=facts["slug"],
        name=facts["name"],
        themes=frozenset(facts.get("themes") or ()),
        levels=frozenset(facts.get("levels") or ()),
        audiences=frozenset(facts.get("audiences") or ()),
        sizes=frozenset(facts.get("sizes") or ()),
        sectors=frozenset(facts.get("sectors") or ()),
        floors=frozenset(facts.get("floors") or ()),
        scales=frozenset(facts.get("scales") or ()),
        evidence=facts.get("evidence") or "practice",
        platform_instrument=facts.get("platform_instrument") or "",
    )
