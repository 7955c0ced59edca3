"""Shared fixtures: small municipality tables, a deterministic stand-in embedder, profile documents."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from inzetbaar.matching.engine.profiles.locations import LocationResolver, Point

MUNICIPALITIES = {
    "GM0363": Point(52.3728, 4.8936),  # Amsterdam
    "GM0599": Point(51.9225, 4.4792),  # Rotterdam
    "GM0344": Point(52.0907, 5.1214),  # Utrecht
    "GM0014": Point(53.2194, 6.5665),  # Groningen
}


class WordHashEmbedder:
    """Bag of hashed words: texts sharing words are similar. Counts what it was asked to encode."""

    name = "word-hash-test"
    dimension = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded.extend(texts)
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                vectors[row, hashlib.sha256(word.encode()).digest()[0] % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)


@pytest.fixture
def resolver() -> LocationResolver:
    return LocationResolver(municipality_loader=lambda: MUNICIPALITIES)


@pytest.fixture
def embedder() -> WordHashEmbedder:
    return WordHashEmbedder()


def candidate(identifier: str, **fields) -> dict:
    return {"id": identifier, "location": {"municipality": "GM0363"}, **fields}


def opening(identifier: str, **fields) -> dict:
    return {"id": identifier, "capacity": 1, "location": {"municipality": "GM0363"}, **fields}
