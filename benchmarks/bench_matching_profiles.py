"""Benchmark: preference building from profiles with blocking, 1,000,000 candidates × 100,000 openings.

Generates synthetic profile columns around the real municipality centroids (see profiles/synthetic.py),
then times ``build_preferences``: blocking and exact top-k scoring within travel reach, short lists,
diversification and both sides' rankings, stage by stage, in wall-clock and in CPU seconds (the CPU
figure shows how much of the two cores the run got while other work shared the machine). Embedding
the free texts is timed apart, on real Dutch sentences with the shipped model, because a national run
embeds each distinct text once and keeps it in the cache file.

    .venv/bin/python benchmarks/bench_matching_profiles.py [--quick] [--no-embedding]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from pathlib import Path

import numpy as np

from inzetbaar.data import load_municipalities
from inzetbaar.matching.engine.profiles.build import BuildOptions, build_preferences
from inzetbaar.matching.engine.profiles.embeddings import UniversalSentenceEncoder
from inzetbaar.matching.engine.profiles.synthetic import (
    SECTOR_COUNT,
    TEXT_VARIANTS_PER_SECTOR,
    generate_arrays,
)

TARGET_SECONDS = 60.0
SAMPLE_TEXTS = [
    "Ik werk graag buiten in het groen en snoei hagen",
    "Magazijnmedewerker orderpicken met de heftruck in ploegendienst",
    "Ik zorg graag voor ouderen en help bij de maaltijd",
    "Schoonmaker voor kantoren in de avond, zelfstandig werken",
    "Kok of keukenhulp in een druk restaurant",
    "Administratief medewerker voor facturen en archief",
    "I like fixing bicycles and helping customers in a shop",
    "Productiemedewerker aan de lopende band, nauwkeurig en punctueel",
]


def measure_embedding(count: int) -> float:
    """Distinct texts embedded per second by the shipped model (warm, after loading)."""
    model = UniversalSentenceEncoder()
    model.encode(SAMPLE_TEXTS)
    texts = [f"{SAMPLE_TEXTS[k % len(SAMPLE_TEXTS)]} ({k})" for k in range(count)]
    started = time.perf_counter()
    model.encode(texts)
    return count / (time.perf_counter() - started)


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 candidates × 10,000 openings")
    parser.add_argument("--candidates", type=int, help="override the number of candidates")
    parser.add_argument("--openings", type=int, help="override the number of openings")
    parser.add_argument("--top-k", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-embedding", action="store_true", help="skip the embedding-rate measurement")
    args = parser.parse_args()
    candidates, openings = (100_000, 10_000) if args.quick else (1_000_000, 100_000)
    candidates, openings = args.candidates or candidates, args.openings or openings

    centroids = np.array([(m.latitude, m.longitude) for m in load_municipalities()])
    started = time.perf_counter()
    arrays = generate_arrays(candidates, openings, centroids, seed=args.seed)
    generated = time.perf_counter() - started

    # Compile (or load the cached machine code of) the kernels on a tiny run first.
    build_preferences(generate_arrays(50, 20, centroids, seed=0), BuildOptions(top_k=args.top_k))

    load_before = os.getloadavg()
    started, cpu_started = time.perf_counter(), time.process_time()
    built = build_preferences(arrays, BuildOptions(top_k=args.top_k))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    load_after = os.getloadavg()
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20

    lengths = built.selected.sum(axis=1)
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"instance: {candidates:,} candidates × {openings:,} openings, top-k {args.top_k}, seed {args.seed}"
    )
    print(f"generating profiles: {generated:.1f} s (not timed below)")
    print(f"acceptable pairs within reach: {int(built.pools.feasible.sum()):,}")
    print(f"listed pairs: {int(lengths.sum()):,}; empty lists: {int((lengths == 0).sum()):,}")
    stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in built.timings.items())
    print(f"stages: {stages}")
    print(
        f"preference building: {elapsed:.1f} s wall (target ≤ {TARGET_SECONDS:.0f} s), {cpu:.1f} s CPU, "
        f"peak {peak_gib:.1f} GiB"
    )
    print(
        "load average (1 min) before/after: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f} (this run adds up to 2)"
    )
    if not args.no_embedding:
        rate = measure_embedding(1000)
        distinct = SECTOR_COUNT * TEXT_VARIANTS_PER_SECTOR
        print(
            f"text embedding: {rate:,.0f} distinct texts/s; the synthetic profiles use {distinct:,} distinct "
            f"texts ({distinct / rate:.0f} s to embed once, then cached by hash); not included above"
        )


if __name__ == "__main__":
    main()
