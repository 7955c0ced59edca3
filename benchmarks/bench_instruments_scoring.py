"""Benchmark of instrument scoring: 1,000,000 responses of a 30-item instrument into a unit × wave report.

Times the vectorised path (score_matrix, combine_keys, aggregate) against scoring response by response
in a Python loop (score_one per response, Python accumulation per group). The loop runs on a sample and
is extrapolated linearly to the full size; the figures go to docs/benchmarks.md ("Instrument scoring").

    .venv/bin/python benchmarks/bench_instruments_scoring.py            # 1,000,000 responses
    .venv/bin/python benchmarks/bench_instruments_scoring.py --quick    # 100,000 responses
"""

import argparse
import math
import os
import platform
import time
from collections import defaultdict

import numpy as np

from inzetbaar.instruments.definitions import InstrumentDefinition, check_definition
from inzetbaar.instruments.scoring import aggregate, combine_keys, compile_instrument

SCALES, ITEMS_PER_SCALE = 6, 5
UNITS, WAVES = 200, 4
MISSING_SHARE = 0.02
TARGET_SECONDS, TARGET_SPEEDUP = 3.0, 50


def definition() -> InstrumentDefinition:
    """A 30-item radar: six means of five agree-items (one reversed each), a mean total with bands."""
    text = {"nl": "tekst", "en": "text"}
    options = [{"value": value, "label": text} for value in range(1, 6)]
    items, scales = [], []
    for scale in range(SCALES):
        names = [f"s{scale}_q{item}" for item in range(ITEMS_PER_SCALE)]
        items += [
            {"id": name, "text": text, "response_scale": "agree5", "required": False, "reverse": index == 0}
            for index, name in enumerate(names)
        ]
        scales.append(
            {"id": f"s{scale}", "title": text, "rule": {"type": "mean", "items": names, "min_answered": 4}}
        )
    bands = [
        {"id": "low", "to": 2.5, "label": text},
        {"id": "middle", "from": 2.5, "to": 3.5, "label": text},
        {"id": "high", "from": 3.5, "label": text},
    ]
    total_items = [scale["id"] for scale in scales]
    scales.append(
        {"id": "total", "title": text, "rule": {"type": "mean", "items": total_items}, "bands": bands}
    )
    data = {
        "id": "bench30",
        "version": "1.0",
        "kind": "radar",
        "title": text,
        "description": text,
        "licence": {"name": "CC0", "holder": "benchmark", "redistributable": True},
        "individual_visibility": "employee",
        "response_scales": [{"id": "agree5", "type": "options", "options": options}],
        "groups": [{"id": "all", "title": text, "items": items}],
        "scales": scales,
        "total": "total",
    }
    parsed = InstrumentDefinition.model_validate(data)
    assert not check_definition(parsed)
    return parsed


def responses(size: int, width: int, seed: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stored answer vectors (float32, as the app keeps them), unit and wave per response."""
    generator = np.random.default_rng(seed)
    matrix = generator.integers(1, 6, size=(size, width)).astype(np.float32)
    matrix[generator.random((size, width)) < MISSING_SHARE] = np.nan
    return matrix, generator.integers(0, UNITS, size), generator.integers(0, WAVES, size)


def vectorised(plan, matrix, units, waves):
    scores = plan.score_matrix(matrix)
    codes, _ = combine_keys(units, waves)
    return aggregate(scores, codes)


def python_loop(plan, matrix, units, waves) -> tuple[dict, dict]:
    """The report one response at a time: decode, score_one, per-group sums in dicts (no alpha: cheaper)."""
    groups: dict = defaultdict(lambda: defaultdict(lambda: [0, 0.0, 0.0]))
    bands: dict = defaultdict(lambda: defaultdict(int))
    for row, unit, wave in zip(matrix, units.tolist(), waves.tolist(), strict=True):
        result = plan.score_one(plan.from_vector(row))
        key = (unit, wave)
        for scale_id, score in result.scores.items():
            if score is not None:
                moments = groups[key][scale_id]
                moments[0] += 1
                moments[1] += score
                moments[2] += score * score
        bands[key][result.total_band] += 1
    return groups, bands


def timed(function, *arguments) -> float:
    start = time.perf_counter()
    function(*arguments)
    return time.perf_counter() - start


def machine() -> str:
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    versions = f"Python {platform.python_version()}, NumPy {np.__version__}"
    return f"{os.cpu_count()} CPUs ({model}), load average {load}, {versions}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="100,000 responses and a 5,000-response loop sample"
    )
    parser.add_argument("--repeat", type=int, default=3, help="vectorised runs; the best counts (default 3)")
    args = parser.parse_args()
    size, sample = (100_000, 5_000) if args.quick else (1_000_000, 20_000)
    plan = compile_instrument(definition())
    matrix, units, waves = responses(size, len(plan.variables))
    print(f"machine: {machine()}")
    print(
        f"instrument: {len(plan.variables)} items, {len(plan.scale_ids)} scales; {size:,} responses, "
        f"{UNITS} units × {WAVES} waves, {MISSING_SHARE:.0%} answers missing"
    )

    runs = [timed(vectorised, plan, matrix, units, waves) for _ in range(args.repeat)]
    best = min(runs)
    scoring = timed(plan.score_matrix, matrix)
    loop = timed(python_loop, plan, matrix[:sample], units[:sample], waves[:sample])
    loop_full = loop * size / sample
    speedup = loop_full / best
    print(
        f"vectorised score + aggregate: best {best:.2f} s of {args.repeat} "
        f"({', '.join(f'{run:.2f}' for run in runs)}); scoring alone {scoring:.2f} s"
    )
    print(
        f"python loop: {loop:.2f} s for {sample:,} responses → {loop_full:.0f} s for {size:,} "
        f"(linear extrapolation × {size / sample:g})"
    )
    print(f"speed-up: {speedup:.0f}×")
    target = TARGET_SECONDS * size / 1_000_000
    met = best <= target and speedup >= TARGET_SPEEDUP
    print(f"targets (≤ {target:g} s, ≥ {TARGET_SPEEDUP}×): {'met' if met else 'NOT met'}")
    assert math.isfinite(best)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
