"""Random instances in the JSON format for the engine's tests, and a Hypothesis strategy over them."""

import numpy as np
from hypothesis import strategies as st


def random_instance(
    rng: np.random.Generator,
    n_candidates: int,
    n_openings: int,
    list_length: int,
    max_capacity: int,
    ties: bool = False,
    reserves: bool = False,
    one_sided_entries: bool = True,
) -> dict:
    """A random instance: candidates list random openings, openings rank those (and maybe others) back."""
    candidates = []
    applicants: list[list[str]] = [[] for _ in range(n_openings)]
    for c in range(n_candidates):
        length = int(rng.integers(0, min(list_length, n_openings) + 1))
        chosen = rng.choice(n_openings, size=length, replace=False).tolist()
        for o in chosen:
            applicants[o].append(f"c{c}")
        candidate = {"id": f"c{c}", "preferences": _group(rng, [f"o{o}" for o in chosen], ties)}
        if reserves:
            candidate["target_group"] = bool(rng.random() < 0.4)
        candidates.append(candidate)
    openings = []
    for o in range(n_openings):
        ranked = [c for c in applicants[o] if not one_sided_entries or rng.random() < 0.9]
        if one_sided_entries and n_candidates and rng.random() < 0.5:
            ranked.append(f"c{int(rng.integers(n_candidates))}")  # someone who may not list it back
        ranked = list(dict.fromkeys(ranked))
        rng.shuffle(ranked)
        capacity = int(rng.integers(0 if one_sided_entries else 1, max_capacity + 1))
        opening = {"id": f"o{o}", "capacity": capacity, "preferences": _group(rng, ranked, ties)}
        if reserves:
            opening["reserved_seats"] = int(rng.integers(0, capacity + 1))
        openings.append(opening)
    return {"candidates": candidates, "openings": openings}


def _group(rng: np.random.Generator, items: list[str], ties: bool) -> list:
    """The items best first; with ties, runs of neighbours become tie groups (nested lists)."""
    if not ties:
        return items
    grouped, position = [], 0
    while position < len(items):
        size = int(rng.integers(1, 4))
        group = items[position : position + size]
        grouped.append(group[0] if len(group) == 1 else group)
        position += size
    return grouped


@st.composite
def instances(
    draw, ties: bool = False, reserves: bool = False, max_candidates: int = 6, max_openings: int = 3
):
    """Small random instances (small enough for enumerating all matchings)."""
    return random_instance(
        np.random.default_rng(draw(st.integers(0, 2**32 - 1))),
        n_candidates=draw(st.integers(0, max_candidates)),
        n_openings=draw(st.integers(1, max_openings)),
        list_length=3,
        max_capacity=2,
        ties=ties,
        reserves=reserves,
    )
