"""Text embeddings: each distinct text once, cached by hash; the shipped model works offline, in Dutch."""

import socket

import numpy as np
import pytest

from inzetbaar.matching.engine.profiles.embeddings import EmbeddingCache, UniversalSentenceEncoder


def test_each_distinct_text_is_embedded_once(embedder):
    cache = EmbeddingCache(embedder)
    vectors, has_text = cache.embed(["tuin onderhoud", "tuin  onderhoud", "", "magazijn"])
    assert embedder.encoded == ["tuin onderhoud", "magazijn"]
    assert has_text.tolist() == [True, True, False, True]
    assert np.array_equal(vectors[0], vectors[1]) and not vectors[2].any()
    cache.embed(["magazijn"])
    assert len(embedder.encoded) == 2


def test_cache_file_keeps_vectors_between_runs_without_the_texts(tmp_path, embedder):
    path = tmp_path / "cache.npz"
    first = EmbeddingCache(embedder, path)
    vectors, _ = first.embed(["persoonlijke gegevens blijven thuis"])
    first.save()
    assert b"persoonlijke" not in path.read_bytes()
    second = EmbeddingCache(embedder, path)
    again, _ = second.embed(["persoonlijke gegevens blijven thuis"])
    assert len(embedder.encoded) == 1 and np.array_equal(vectors, again)


@pytest.fixture(scope="module")
def universal_encoder():
    return UniversalSentenceEncoder()


def test_shipped_model_loads_with_the_network_unavailable(universal_encoder, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = universal_encoder.encode(["Ik werk graag buiten in het groen"])
    assert vectors.shape == (1, 512)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)


def test_dutch_passions_are_closest_to_the_fitting_job_and_cross_languages(universal_encoder):
    passions = universal_encoder.encode(["Ik zorg graag voor ouderen", "I like working in a garden"])
    jobs = universal_encoder.encode(
        ["Zorgmedewerker in een verpleeghuis voor ouderen", "Hovenier voor tuinonderhoud en groenvoorziening"]
    )
    similarity = passions @ jobs.T
    assert similarity[0, 0] > similarity[0, 1]
    assert similarity[1, 1] > similarity[1, 0]
