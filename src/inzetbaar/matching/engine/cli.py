"""The ``match`` command line: ``match solve INSTANCE.json`` here, ``match build`` from the profiles package.

The console script ``inzetbaar`` calls :func:`register`; ``python -m inzetbaar.matching.engine.cli`` runs
the same commands on their own. The result goes to stdout as JSON, progress to stderr, and a bad
instance ends with exit code 2 and a message naming the offending entry.
"""

import argparse
import gc
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EXIT_BAD_INPUT = 2
PROGRESS_FROM_BYTES = 50_000_000  # about 50,000 candidates: runs from a few seconds up


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``match`` with its sub-commands; each sets ``func(args) -> exit code``."""
    match = subparsers.add_parser(
        "match", help="match job seekers and openings", description="Match job seekers and openings."
    )
    commands = match.add_subparsers(dest="match_command", required=True, metavar="COMMAND")
    solve = commands.add_parser(
        "solve",
        help="solve an instance and print the result as JSON",
        description="Solve a matching instance (docs/matching-instance.md) and print the result as JSON.",
    )
    solve.add_argument("instance", metavar="INSTANCE.json", help="the instance file")
    solve.add_argument(
        "--proposing",
        choices=("candidates", "employers"),
        default="candidates",
        help="which side proposes in deferred acceptance (default: candidates, best for job seekers)",
    )
    solve.add_argument(
        "--seed", type=int, help="seed of the tie-breaking lottery (default: a fresh one, recorded)"
    )
    solve.add_argument(
        "--method",
        choices=("stable", "welfare"),
        default="stable",
        help="stable matching (default) or the maximum-welfare assignment for comparison",
    )
    solve.set_defaults(func=run_solve)
    _add_build_command(commands)


BUILD_HELP = "build an instance (both sides' ranked lists) from profiles"


def _add_build_command(commands: argparse._SubParsersAction) -> None:
    """Register ``match build`` without importing the preference builder (NumPy, Numba, the embedding
    model: half a second): its parser fills itself in from the profiles package only when used."""
    if importlib.util.find_spec(f"{__package__}.profiles") is None:
        return  # preference building is not installed: `match build` is simply absent
    usual_class = commands._parser_class  # what add_subparsers(parser_class=...) set
    commands._parser_class = _LazyBuildParser
    try:
        commands.add_parser("build", help=BUILD_HELP)
    finally:
        commands._parser_class = usual_class


class _LazyBuildParser(argparse.ArgumentParser):
    """The ``match build`` parser; it loads its arguments from ``profiles.cli`` on first use."""

    _loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        from .profiles.cli import add_build_parser

        add_build_parser(_ThisParser(self))

    def parse_known_args(self, args=None, namespace=None):
        self._load()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._load()
        return super().format_help()

    def format_usage(self) -> str:
        self._load()
        return super().format_usage()


class _ThisParser:
    """Stands in for the sub-parsers action: ``add_parser`` configures the existing lazy parser."""

    def __init__(self, parser: argparse.ArgumentParser):
        self.parser = parser

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        kwargs.pop("help", None)
        kwargs.pop("aliases", None)
        for field, value in kwargs.items():
            setattr(self.parser, field, value)
        return self.parser


def run_solve(args: argparse.Namespace) -> int:
    """Handler of ``match solve``.

    The cyclic garbage collector is paused meanwhile: the run creates a few hundred thousand objects
    (the result's dicts) and no cycles, and the collector's passes over them cost about a tenth of the
    run at 50,000 candidates.
    """
    collecting = gc.isenabled()
    gc.disable()
    _reuse_freed_memory()
    try:
        return _run_solve(args)
    finally:
        if collecting:
            gc.enable()


def _reuse_freed_memory() -> None:
    """Ask glibc's malloc to keep freed memory for reuse rather than return it to the system.

    Arrays above 32 MB are otherwise mapped afresh each time, and on a virtual machine the page faults
    of those fresh pages cost about a tenth of a run at 50,000 candidates. Elsewhere this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    trim_threshold, top_pad, mmap_threshold = -1, -2, -3  # M_* constants of <malloc.h>
    mallopt(mmap_threshold, 1 << 30)
    mallopt(trim_threshold, 1 << 30)
    mallopt(top_pad, 1 << 26)


def _run_solve(args: argparse.Namespace) -> int:
    import orjson

    from .instance import InstanceError, load_instance
    from .solve import STEPS, solve

    with _progress(args.instance, ("reading", *STEPS, "writing")) as on_step:
        on_step("reading")
        try:
            instance = load_instance(args.instance)
        except InstanceError as error:
            print(f"match solve: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        result = solve(
            instance, proposing=args.proposing, seed=args.seed, method=args.method, on_step=on_step
        )
        on_step("writing")
        sys.stdout.buffer.write(orjson.dumps(result, option=orjson.OPT_APPEND_NEWLINE))
        sys.stdout.flush()
    return 0


@contextmanager
def _progress(instance_path: str, steps: tuple[str, ...]) -> Iterator[Callable[[str], None]]:
    """A step counter on stderr for large instances; small ones finish too fast to need one."""
    try:
        large = os.path.getsize(instance_path) >= PROGRESS_FROM_BYTES
    except OSError:
        large = False
    if not large:
        yield lambda step: None
        return
    from tqdm import tqdm

    with tqdm(total=len(steps), desc="match solve", unit="step", file=sys.stderr) as bar:

        def on_step(step: str) -> None:
            bar.set_postfix_str(step, refresh=False)
            bar.update(1)

        yield on_step


def main(argv: list[str] | None = None) -> int:
    """Run the ``match`` commands without the full ``inzetbaar`` console script."""
    parser = argparse.ArgumentParser(prog="inzetbaar", description="Inzetbaar matching engine.")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
