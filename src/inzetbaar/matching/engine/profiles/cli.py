"""``inzetbaar match build PROFILES.json``: build a matching instance from candidate and opening profiles."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from contextlib import contextmanager

from tqdm import tqdm

from .arrays import encode_profiles
from .build import BuildOptions, build_preferences, matched_share_report, to_instance
from .embeddings import EmbeddingCache, UniversalSentenceEncoder
from .errors import ProfileError
from .locations import LocationResolver, load_postcode_centroids
from .model import load_profiles_file
from .travel import TravelModel
from .vocabulary import load_builtin_vocabulary, load_esco_skills

EXIT_BAD_INPUT = 2


def add_build_parser(match_subparsers) -> argparse.ArgumentParser:
    """Register ``build`` under the ``match`` command (called by the engine's cli.py)."""
    parser = match_subparsers.add_parser(
        "build",
        help="build an instance (both sides' ranked lists) from profiles",
        description="Build a matching instance from profiles (see docs/matching-profiles.md).",
    )
    parser.add_argument("profiles", metavar="PROFILES.json", help="candidate and opening profiles")
    parser.add_argument(
        "-o", "--output", metavar="OUT.json", help="write the instance here instead of stdout"
    )
    parser.add_argument(
        "--postcodes", metavar="CSV", help="four-digit postcode centroids (postcode, latitude, longitude)"
    )
    parser.add_argument(
        "--esco",
        metavar="CSV",
        action="append",
        default=[],
        help="ESCO skills export to add (repeat per language)",
    )
    parser.add_argument(
        "--top-k", type=positive_int, default=BuildOptions.top_k, help="length of each short list"
    )
    parser.add_argument(
        "--no-diversify",
        action="store_true",
        help="plain top-k lists, without spreading over openings with free seats",
    )
    parser.add_argument(
        "--seats-factor",
        type=float,
        default=BuildOptions.seats_factor,
        help="lists an opening may appear on, per seat, as a multiple of the average",
    )
    parser.add_argument(
        "--no-text", action="store_true", help="skip free-text similarity (no embedding model)"
    )
    parser.add_argument(
        "--embedding-cache", metavar="NPZ", help="keep text embeddings between runs in this file"
    )
    parser.add_argument(
        "--reference-date",
        type=iso_date,
        help="date to count months since benefit_start from (default: today)",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="skip the matched-share report (maximum matching sizes)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=handle_build)
    return parser


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date as YYYY-MM-DD") from None


@contextmanager
def stage(label: str, quiet: bool, total: int | None = None):
    """A progress bar on stderr for one step; yields a callback that advances it."""
    with tqdm(total=total, desc=label, unit="", disable=quiet, file=sys.stderr, leave=False) as bar:
        yield bar.update


def handle_build(args: argparse.Namespace) -> int:
    try:
        instance = build_from_arguments(args)
    except ProfileError as error:
        print(f"inzetbaar match build: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = json.dumps(instance, ensure_ascii=False)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


def build_from_arguments(args: argparse.Namespace) -> dict:
    vocabulary = load_builtin_vocabulary()
    if args.esco:
        vocabulary = vocabulary.merged_with(load_esco_skills(args.esco))
    resolver = LocationResolver(postcodes=load_postcode_centroids(args.postcodes) if args.postcodes else None)
    profiles = load_profiles_file(args.profiles, today=args.reference_date)
    cache = None if args.no_text else EmbeddingCache(UniversalSentenceEncoder(), args.embedding_cache)
    texts = len(profiles.candidates) + len(profiles.openings)
    with stage("embedding texts", args.quiet, total=None if args.no_text else texts) as advance:
        arrays = encode_profiles(profiles, vocabulary, resolver, TravelModel(), cache, advance)
    if cache is not None:
        cache.save()
    for kind, labels in sorted(arrays.unknown_labels.items()):
        if not args.quiet:
            shown = ", ".join(sorted(labels)[:10])
            print(
                f"note: {len(labels)} {kind} label(s) not in the vocabulary, matched literally: {shown}",
                file=sys.stderr,
            )
    options = BuildOptions(top_k=args.top_k, diversify=not args.no_diversify, seats_factor=args.seats_factor)
    with stage("scoring pairs within reach", args.quiet):
        built = build_preferences(arrays, options)
    if not args.no_report:
        built.report = matched_share_report(built)
        if not args.quiet:
            print(f"report: {json.dumps(built.report)}", file=sys.stderr)
    return to_instance(built)
