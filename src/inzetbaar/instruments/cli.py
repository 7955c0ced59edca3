"""The ``instruments`` command line: list, validate and score instrument definitions, without Django.

The console script ``inzetbaar`` calls :func:`register`; ``python -m inzetbaar.instruments.cli`` runs the
same commands on their own. Bad input (a broken definition, an unknown instrument, invalid answers in a
CSV) ends with exit code 2 and a message naming every offending file path, row and column.
"""

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

from .definitions import (
    DefinitionError,
    DefinitionLibrary,
    InstrumentDefinition,
    load_definition,
    load_library,
)
from .scoring import ScoreArrays, ScoringPlan, compile_instrument

EXIT_BAD_INPUT = 2
RESPONDENT_COLUMN = "respondent"
FIRST_DATA_ROW = 2  # rows are numbered as in a spreadsheet: the header is row 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``instruments`` with ``list``, ``validate`` and ``score``, each setting ``func(args) -> code``."""
    instruments = subparsers.add_parser(
        "instruments", help="questionnaire definitions and scoring", description="Questionnaire definitions."
    )
    commands = instruments.add_subparsers(dest="instruments_command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="list the available instruments")
    _add_library_options(listing)
    listing.set_defaults(func=run_list)

    validate = commands.add_parser("validate", help="check definition files and name every problem")
    validate.add_argument("files", nargs="+", metavar="FILE", help="definition files (YAML or JSON)")
    validate.set_defaults(func=run_validate)

    score = commands.add_parser(
        "score",
        help="score a CSV of responses",
        description="Score a CSV: one row per respondent, one column per response variable, an optional "
        f"'{RESPONDENT_COLUMN}' column. Rows are numbered as in a spreadsheet (the header is row 1).",
    )
    score.add_argument("instrument", metavar="INSTRUMENT", help="instrument id, e.g. wai")
    score.add_argument(
        "responses", metavar="RESPONSES.csv", help="the responses (comma or semicolon separated)"
    )
    score.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_library_options(score)
    score.set_defaults(func=run_score)


def _add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--definitions",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory with an organisation's own definitions (repeatable)",
    )
    parser.add_argument(
        "--overlay",
        action="append",
        default=[],
        metavar="FILE",
        help="a licensee's text overlay (repeatable)",
    )
    parser.add_argument(
        "--language", choices=("nl", "en"), default="nl", help="language of labels (default: nl)"
    )


def _library(args: argparse.Namespace) -> DefinitionLibrary | None:
    try:
        return load_library(args.definitions, args.overlay)
    except DefinitionError as error:
        print(error, file=sys.stderr)
        return None


def run_list(args: argparse.Namespace) -> int:
    """Handler of ``instruments list``."""
    library = _library(args)
    if library is None:
        return EXIT_BAD_INPUT
    for definition in library:
        texts = "redistributable" if definition.licence.redistributable else "licensed texts"
        print(
            f"{definition.id:<24} {definition.version:<6} {definition.kind:<13} "
            f"min group {definition.min_group_size:<3} {texts:<16} {definition.title.get(args.language)}"
        )
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Handler of ``instruments validate``."""
    failed = False
    for file in args.files:
        try:
            definition = load_definition(file)
        except DefinitionError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        print(
            f"{file}: ok ({definition.id} {definition.version}, "
            f"{len(definition.items)} items, {len(definition.scales)} scales)"
        )
    return EXIT_BAD_INPUT if failed else 0


def run_score(args: argparse.Namespace) -> int:
    """Handler of ``instruments score``."""
    library = _library(args)
    if library is None:
        return EXIT_BAD_INPUT
    try:
        definition = library.get(args.instrument)
    except KeyError:
        known = ", ".join(library.ids())
        print(f"instruments score: unknown instrument {args.instrument!r}; known: {known}", file=sys.stderr)
        return EXIT_BAD_INPUT
    plan = compile_instrument(definition)
    try:
        respondents, matrix = read_responses(Path(args.responses), plan)
    except ResponsesError as error:
        print("\n".join(f"{args.responses}: {problem}" for problem in error.problems), file=sys.stderr)
        return EXIT_BAD_INPUT
    scores = plan.score_matrix(matrix)
    if args.json:
        print(json.dumps(_as_json(definition, respondents, scores), ensure_ascii=False, indent=1))
    else:
        print(_as_table(definition, plan, respondents, scores, args.language))
    return 0


class ResponsesError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_responses(path: Path, plan: ScoringPlan) -> tuple[list[str], np.ndarray]:
    """Respondent labels and the encoded matrix of a CSV; ResponsesError lists every bad row and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ResponsesError([f"cannot be read: {error}"]) from None
    lines = text.splitlines()
    if not lines:
        raise ResponsesError(["is empty: a header row with the variable names is needed"])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    problems = _header_problems(header, plan)
    columns = {name: position for position, name in enumerate(header)}
    respondents, rows = [], []
    for number, cells in enumerate(reader, start=FIRST_DATA_ROW):
        if not any(cell.strip() for cell in cells):
            continue
        label = _cell(cells, columns.get(RESPONDENT_COLUMN)) or str(number)
        answers, row_problems = _parse_row(cells, columns, plan)
        if len(cells) > len(header):
            row_problems.append(f"has {len(cells)} cells but the header has {len(header)} columns")
        problems += [f"row {number} (respondent {label}), {problem}" for problem in row_problems]
        respondents.append(label)
        rows.append([variable.encode(answers.get(variable.id)) for variable in plan.variable_info])
    if problems:
        raise ResponsesError(problems)
    return respondents, np.array(rows, dtype=np.float64).reshape(len(rows), len(plan.variables))


def _header_problems(header: list[str], plan: ScoringPlan) -> list[str]:
    problems = [
        f"column {name!r} is not a variable of {plan.definition.id}"
        for name in header
        if name != RESPONDENT_COLUMN and name not in plan.variables
    ]
    problems += [
        f"column {name!r} appears twice" for name in sorted({n for n in header if header.count(n) > 1})
    ]
    problems += [
        f"column {variable.id!r} is missing (a required variable)"
        for variable in plan.variable_info
        if variable.required and variable.id not in header
    ]
    return problems


def _parse_row(cells: list[str], columns: dict[str, int], plan: ScoringPlan) -> tuple[dict, list[str]]:
    answers, problems = {}, []
    for variable in plan.variable_info:
        position = columns.get(variable.id)
        if position is None:
            continue  # an absent column is reported once, with the header
        try:
            answers[variable.id] = variable.parse(_cell(cells, position))
        except ValueError as error:
            problems.append(f"column {variable.id}: {error} (allowed: {variable.allowed})")
            continue
        message = variable.problem(answers[variable.id])
        if message:
            problems.append(f"column {variable.id}: {message}")
            answers[variable.id] = None
    return answers, problems


def _cell(cells: list[str], position: int | None) -> str:
    return cells[position].strip() if position is not None and position < len(cells) else ""


def _as_json(definition: InstrumentDefinition, respondents: list[str], scores: ScoreArrays) -> dict:
    rows = [{"respondent": label, **scores.row(index).as_dict()} for index, label in enumerate(respondents)]
    return {"instrument": definition.id, "version": definition.version, "rows": rows}


def _as_table(
    definition: InstrumentDefinition,
    plan: ScoringPlan,
    respondents: list[str],
    scores: ScoreArrays,
    language: str,
) -> str:
    header = [RESPONDENT_COLUMN, *plan.scale_ids]
    banded = [scale for scale in definition.scales if scale.bands]
    header += [f"{scale.id} band" for scale in banded]
    if definition.quadrants:
        header.append("quadrant")
    table = [header]
    for index, label in enumerate(respondents):
        result = scores.row(index)
        row = [label, *(_number(result.scores[scale_id]) for scale_id in plan.scale_ids)]
        row += [_band_label(scale, result.bands[scale.id], language) for scale in banded]
        if definition.quadrants:
            cells = {cell.id: cell.label.get(language) for cell in definition.quadrants.cells}
            row.append(cells.get(result.quadrant, "–"))
        table.append(row)
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in table
    )


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _band_label(scale, band_id: str | None, language: str) -> str:
    if band_id is None:
        return "–"
    return next(band.label.get(language) for band in scale.bands if band.id == band_id)


def main(argv: list[str] | None = None) -> int:
    """Run the ``instruments`` commands without the full ``inzetbaar`` console script."""
    parser = argparse.ArgumentParser(prog="inzetbaar", description="Inzetbaar instruments.")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
