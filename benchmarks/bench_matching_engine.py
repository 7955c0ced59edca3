"""Benchmarks of the matching engine (issue 3, item 9), side by side with the `matching` package.

Scenarios, all on uniformly random instances (every candidate lists `list_length` distinct openings,
every opening ranks all its applicants in random order):

1. whole process, JSON in → JSON out, 10,000 × 1,000, capacity 10, lists of 50: the engine's command
   line against the `matching` package's HospitalResident in a process of its own, same file;
2. whole process at 50,000 × 5,000 (the engine only: `matching` needs about 35 minutes there);
3. the engine alone on arrays at 1,000,000 × 100,000, lists of 50: lottery + deferred acceptance, then
   the stability check, with the peak resident memory of the process.

Usage: python benchmarks/bench_matching_engine.py [--quick] [--whole-only] [--repeats N]
(--quick: small sizes, a smoke run; --whole-only: scenarios 1 and 2 only; each engine figure is the
median of N timed runs after one first run, which is reported too.)
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

LIST_LENGTH = 50
CAPACITY = 10


def random_lists(rng: np.random.Generator, n_candidates: int, n_openings: int, length: int) -> np.ndarray:
    """Each row: `length` distinct openings drawn uniformly (rows with a repeat are drawn again)."""
    lists = rng.integers(0, n_openings, size=(n_candidates, length), dtype=np.int32)
    ordered = np.sort(lists, axis=1)
    for row in np.flatnonzero(np.any(ordered[:, 1:] == ordered[:, :-1], axis=1)):
        lists[row] = rng.choice(n_openings, size=length, replace=False)
    return lists


def random_instance_json(path: Path, n_candidates: int, n_openings: int, seed: int = 0) -> None:
    """Write a uniformly random instance in the engine's JSON format."""
    rng = np.random.default_rng(seed)
    lists = random_lists(rng, n_candidates, n_openings, LIST_LENGTH)
    opening_of_edge = lists.ravel()
    candidate_of_edge = np.repeat(np.arange(n_candidates), LIST_LENGTH)
    order = np.lexsort((rng.random(opening_of_edge.shape[0]), opening_of_edge))
    bounds = np.searchsorted(opening_of_edge[order], np.arange(n_openings + 1))
    applicants = candidate_of_edge[order].tolist()
    candidate_ids = [f"c{k}" for k in range(n_candidates)]
    opening_ids = [f"o{k}" for k in range(n_openings)]
    instance = {
        "candidates": [
            {"id": candidate_ids[c], "preferences": [opening_ids[o] for o in row]}
            for c, row in enumerate(lists.tolist())
        ],
        "openings": [
            {
                "id": opening_ids[o],
                "capacity": CAPACITY,
                "preferences": [candidate_ids[c] for c in applicants[bounds[o] : bounds[o + 1]]],
            }
            for o in range(n_openings)
        ],
    }
    path.write_text(json.dumps(instance))


def peer_solve(instance_path: str, result_path: str) -> None:
    """The `matching` package from JSON in to JSON out (run in a process of its own).

    Its constructor deep-copies the linked players recursively, so it needs a deep stack at this size.
    """
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=_peer_solve, args=(instance_path, result_path))
    worker.start()
    worker.join()


def _peer_solve(instance_path: str, result_path: str) -> None:
    from matching.games import HospitalResident

    instance = json.loads(Path(instance_path).read_text())
    game = HospitalResident.create_from_dictionaries(
        {c["id"]: c["preferences"] for c in instance["candidates"]},
        {o["id"]: o["preferences"] for o in instance["openings"]},
        {o["id"]: o["capacity"] for o in instance["openings"]},
    )
    matching = game.solve(optimal="resident")
    assignment = dict.fromkeys(c["id"] for c in instance["candidates"])
    for hospital, residents in matching.items():
        for resident in residents:
            assignment[resident.name] = hospital.name
    Path(result_path).write_text(json.dumps({"assignment": assignment}))


def timed_process(command: list[str], stdout_path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a child whose stdout goes to a file.

    The peak is the largest of all children so far (what getrusage reports), so the caller runs the
    engine before the `matching` package.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with stdout_path.open("wb") as stdout:
        subprocess.run(command, stdout=stdout, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024


def whole_process(workdir: Path, n_candidates: int, n_openings: int, with_peer: bool, repeats: int) -> dict:
    instance = workdir / f"instance-{n_candidates}x{n_openings}.json"
    random_instance_json(instance, n_candidates, n_openings)
    engine_out = workdir / "engine-result.json"
    command = [
        sys.executable,
        "-m",
        "inzetbaar.matching.engine.cli",
        "match",
        "solve",
        str(instance),
        "--seed",
        "1",
    ]
    # The first run after writing the file: what a user sees the first time (cold caches).
    first_seconds, _, _ = timed_process(command, engine_out)
    runs = [timed_process(command, engine_out) for _ in range(repeats)]
    row = {
        "scenario": f"whole process {n_candidates:,} × {n_openings:,}",
        "instance_mb": round(instance.stat().st_size / 1e6, 1),
        "engine_s": round(statistics.median(run[0] for run in runs), 3),
        "engine_runs_s": [round(run[0], 3) for run in runs],
        "engine_cpu_s": round(statistics.median(run[1] for run in runs), 3),
        "engine_first_run_s": round(first_seconds, 3),
        "engine_peak_rss_mb": round(max(run[2] for run in runs)),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "command": " ".join(
            ["python -m inzetbaar.matching.engine.cli match solve", instance.name, "--seed 1"]
        ),
    }
    if with_peer:
        peer_out = workdir / "peer-result.json"
        peer_command = [sys.executable, __file__, "--peer-solve", str(instance), str(peer_out)]
        peer_seconds, peer_cpu, _ = timed_process(peer_command, workdir / "peer-stdout.txt")
        same = (
            json.loads(engine_out.read_text())["assignment"] == json.loads(peer_out.read_text())["assignment"]
        )
        row |= {
            "matching_package_s": round(peer_seconds, 2),
            "matching_package_cpu_s": round(peer_cpu, 2),
            "speed_up": round(peer_seconds / row["engine_s"], 1),
            "speed_up_first_run": round(peer_seconds / row["engine_first_run_s"], 1),
            "speed_up_cpu": round(peer_cpu / row["engine_cpu_s"], 1),
            "same_assignment": same,
        }
    return row


def engine_on_arrays(n_candidates: int, n_openings: int, kernel: str, warm: bool) -> dict:
    """Time lottery + deferred acceptance and the stability check on a random Market (run in a child).

    ``warm``: load the compiled kernel from Numba's cache first, so only the solve is timed; otherwise
    the time includes loading Numba (what a fresh process pays).
    """
    from inzetbaar.matching.engine import Market, blocking_pairs, deferred_acceptance, draw_lottery

    rng = np.random.default_rng(0)
    lists = random_lists(rng, n_candidates, n_openings, LIST_LENGTH).ravel()
    market = Market(
        candidate_ptr=np.arange(0, n_candidates * LIST_LENGTH + 1, LIST_LENGTH, dtype=np.int64),
        opening=lists,
        candidate_rank=np.tile(np.arange(LIST_LENGTH, dtype=np.int32), n_candidates),
        opening_rank=rng.integers(0, 2**31 - 2, size=lists.shape[0], dtype=np.int32),
        capacity=np.full(n_openings, CAPACITY, dtype=np.int64),
        reserved=np.zeros(n_openings, dtype=np.int64),
        target_group=np.zeros(n_candidates, dtype=bool),
    )
    del lists
    if warm:
        tiny = Market.from_preferences([[0]], [[0]], [1])
        deferred_acceptance(tiny, draw_lottery(1, 1, 0), kernel=kernel)
    start = time.perf_counter()
    assigned_edge = deferred_acceptance(market, draw_lottery(n_candidates, n_openings, 1), kernel=kernel)
    matching_seconds = time.perf_counter() - start
    start = time.perf_counter()
    n_blocking = blocking_pairs(market, assigned_edge).size
    check_seconds = time.perf_counter() - start
    return {
        "scenario": f"engine on arrays {n_candidates:,} × {n_openings:,}",
        "kernel": kernel,
        "includes_numba_load": not warm,
        "deferred_acceptance_s": round(matching_seconds, 3),
        "stability_check_s": round(check_seconds, 3),
        "matched": int(np.count_nonzero(assigned_edge >= 0)),
        "blocking_pairs": int(n_blocking),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def on_arrays_in_child(n_candidates: int, n_openings: int, kernel: str, warm: bool) -> dict:
    command = [sys.executable, __file__, "--arrays", str(n_candidates), str(n_openings), kernel]
    done = subprocess.run(
        [*command, "--warm"] if warm else command, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def machine() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lscpu if line.startswith("Model name")), "?")
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, NumPy {np.__version__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every scenario")
    parser.add_argument(
        "--whole-only", action="store_true", help="only the two whole-process scenarios (with the peer)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed engine runs per whole-process size")
    parser.add_argument("--peer-solve", nargs=2, metavar=("INSTANCE", "RESULT"), help=argparse.SUPPRESS)
    parser.add_argument("--arrays", nargs=3, metavar=("N_C", "N_O", "KERNEL"), help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer_solve:
        peer_solve(*args.peer_solve)
        return
    if args.arrays:
        n_candidates, n_openings, kernel = args.arrays
        print(json.dumps(engine_on_arrays(int(n_candidates), int(n_openings), kernel, args.warm)))
        return

    scale = 10 if args.quick else 1
    print(f"machine: {machine()}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for n_candidates, n_openings, with_peer in [(10_000, 1_000, True), (50_000, 5_000, False)]:
            rows.append(
                whole_process(
                    Path(workdir), n_candidates // scale, n_openings // scale, with_peer, args.repeats
                )
            )
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    if args.whole_only:
        print(json.dumps({"machine": machine(), "results": rows}, ensure_ascii=False, indent=2))
        return
    rows.append(on_arrays_in_child(1_000_000 // scale, 100_000 // scale, "compiled", warm=True))
    print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    # Where compiling pays: both kernels in a fresh process each, Numba's loading included.
    for n_candidates, n_openings in [(10_000, 1_000), (50_000, 5_000), (200_000, 20_000)]:
        for kernel in ("python", "compiled"):
            rows.append(on_arrays_in_child(n_candidates // scale, n_openings // scale, kernel, warm=False))
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    print(json.dumps({"machine": machine(), "results": rows}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
