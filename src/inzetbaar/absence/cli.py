"""``inzetbaar absence stats``: the standard absence figures from two exported files, without a database.

    inzetbaar absence stats --employment E.csv --absence A.csv --from 2024-01-01 --to 2024-03-31 \
        [--by unit] [--json]

Reads the files as the import does (CSV or XLSX, known column names, every bad row named with its line and
field, a medical-looking column refused) and prints the figures over the whole period: rates in percent,
report frequency per employee per year, mean duration in days, ended cases per duration class. Nothing
is stored and employee numbers are not printed.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2
KEYS = ("absence_rate", "report_frequency", "mean_duration", "zero_absence_share")


def register(subparsers: argparse._SubParsersAction) -> None:
    absence = subparsers.add_parser("absence", help="absence statistics", description="Absence statistics.")
    commands = absence.add_subparsers(dest="absence_command", required=True, metavar="COMMAND")
    stats = commands.add_parser(
        "stats",
        help="the standard absence figures from an employment file and an absence file",
        description=__doc__.split("\n\n")[-1].replace("\n", " "),
    )
    stats.add_argument("--employment", required=True, type=Path, metavar="FILE", help="employment records")
    stats.add_argument("--absence", required=True, type=Path, metavar="FILE", help="absence spells")
    stats.add_argument("--from", dest="start", required=True, type=_date, help="first day (YYYY-MM-DD)")
    stats.add_argument("--to", dest="end", required=True, type=_date, help="last day (YYYY-MM-DD)")
    stats.add_argument("--by", choices=("unit",), help="also per unit")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument(
        "--classes",
        default="1-14,15-91,92-365,366-730",
        help="duration classes in days (default: %(default)s)",
    )
    stats.add_argument("--include-pregnancy", action="store_true", help="count pregnancy-related absence too")
    stats.set_defaults(func=run_stats)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _read(kind: str, path: Path, **checks):
    from . import importing

    table = importing.read_table(path.read_bytes(), path.name)
    importing.refuse_medical(table.headers)
    return importing.parse(kind, table, importing.guess_mapping(kind, table.headers), **checks)


def _figures(figures, g: int) -> dict:
    def number(name):
        value = float(getattr(figures, name)[0, g])
        return None if value != value else round(value, 4)  # NaN: nothing to count

    result = {name: number(name) for name in KEYS}
    result["duration_classes"] = {
        c.label: int(figures.class_counts[0, g, k]) for k, c in enumerate(figures.classes)
    }
    return result


def run_stats(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inzetbaar.conf.settings")
    import django

    django.setup()
    from . import importing, statistics

    if args.end < args.start:
        print("--to lies before --from", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        classes = statistics.parse_classes(args.classes)
        employment = _read(importing.EMPLOYMENT, args.employment)
        known = {r["employee"] for r in employment.records}
        absence = _read(importing.ABSENCE, args.absence, known_employee=known.__contains__)
    except (OSError, ValueError) as error:  # ImportRefused is a ValueError
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    bad = [(args.employment, p) for p in employment.problems] + [(args.absence, p) for p in absence.problems]
    for path, problem in bad:
        print(f"{path.name}: {problem}", file=sys.stderr)
    if bad:
        return EXIT_BAD_INPUT

    units = sorted({r["unit"] for r in employment.records})
    persons: dict[str, int] = {}
    rows = [
        (persons.setdefault(r["employee"], len(persons)), g, r)
        for r in employment.records
        for g in ((0, units.index(r["unit"]) + 1) if args.by else (0,))
    ]
    data = statistics.Employment.from_lists(
        [p for p, _, _ in rows],
        [g for _, g, _ in rows],
        [r["start"].toordinal() for _, _, r in rows],
        [r["end"].toordinal() if r["end"] else statistics.OPEN for _, _, r in rows],
        [float(r["contract_hours"] / r["fulltime_hours"]) for _, _, r in rows],
    )
    cases: dict[str, int] = {}
    spells = statistics.Spells.from_lists(
        [persons[r["employee"]] for r in absence.records],
        [cases.setdefault(r["case"], len(cases)) for r in absence.records],
        [r["start"].toordinal() for r in absence.records],
        [r["end"].toordinal() if r["end"] else statistics.OPEN for r in absence.records],
        [float(r["fraction"]) for r in absence.records],
        [r["pregnancy"] for r in absence.records],
    )
    period = [[args.start.toordinal(), args.end.toordinal()]]
    groups = len(units) + 1 if args.by else 1
    figures = statistics.compute(
        data, spells, period, groups, classes=classes, include_pregnancy=args.include_pregnancy
    )
    result = _figures(figures, 0)
    if args.by:
        result["units"] = {unit: _figures(figures, g) for g, unit in enumerate(units, start=1)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_table(result, args)
    return 0


def _print_table(result: dict, args) -> None:
    print(f"Verzuim {args.start.isoformat()} – {args.end.isoformat()}")
    rows = [("totaal", result), *result.get("units", {}).items()]
    classes = list(result["duration_classes"])
    print(
        f"{'':<24} {'verzuim%':>9} {'meldfreq':>9} {'duur':>7} {'nulverz%':>9}  "
        + " ".join(f"{c:>8}" for c in classes)
    )
    for name, figures in rows:
        cells = ["–" if figures[k] is None else f"{figures[k]:.2f}" for k in KEYS]
        counts = " ".join(f"{figures['duration_classes'][c]:>8}" for c in classes)
        print(f"{name[:24]:<24} {cells[0]:>9} {cells[1]:>9} {cells[2]:>7} {cells[3]:>9}  {counts}")
