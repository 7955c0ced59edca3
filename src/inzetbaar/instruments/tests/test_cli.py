"""The ``instruments`` commands: a scored table or JSON, and every bad cell by row and column with exit 2."""

import csv
import json
import subprocess
import sys

from inzetbaar.instruments.cli import main

from .builders import mini, write

DISEASES = [f"wai3_d{number:02d}" for number in range(1, 52)]
COLUMNS = [
    "respondent",
    "wai1",
    "wai2_job",
    "wai2_physical",
    "wai2_mental",
    *DISEASES,
    "wai4",
    "wai5",
    "wai6",
    "wai7a",
    "wai7b",
    "wai7c",
]
GOOD = ["anna", 7, "physical", 4, 3, *[0] * 51, 5, 4, 7, 3, 3, 2]  # 7+7.5+7+5+4+7+3 = 40.5, good


def write_csv(tmp_path, rows, columns=COLUMNS, delimiter=","):
    path = tmp_path / "responses.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(columns)
        writer.writerows(rows)
    return str(path)


def test_score_prints_a_table(tmp_path, capsys):
    assert main(["instruments", "score", "wai", write_csv(tmp_path, [GOOD])]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[:2] == ["respondent", "wai_d1"]
    assert row.split() == ["anna", "7", "7.5", "7", "5", "4", "7", "3", "40.5", "Goed"]


def test_score_prints_json_and_reads_semicolons(tmp_path, capsys):
    path = write_csv(tmp_path, [GOOD, ["bob", *GOOD[1:]]], delimiter=";")
    assert main(["instruments", "score", "wai", path, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["instrument"] == "wai"
    assert [row["respondent"] for row in result["rows"]] == ["anna", "bob"]
    assert result["rows"][0]["total"] == 40.5 and result["rows"][0]["total_band"] == "good"
    assert result["rows"][0]["scores"]["wai_d2"] == 7.5


def test_every_bad_cell_is_reported_by_row_and_column(tmp_path, capsys):
    bad = list(GOOD)
    bad[COLUMNS.index("wai1")] = 11
    bad[COLUMNS.index("wai2_job")] = "office"
    bad[COLUMNS.index("wai6")] = 5
    missing = list(GOOD)
    missing[0] = "carl"
    missing[COLUMNS.index("wai4")] = ""
    missing[COLUMNS.index("wai7a")] = "veel"
    path = write_csv(tmp_path, [GOOD, bad, missing])
    assert main(["instruments", "score", "wai", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}: row 3 (respondent anna), column wai1: 11 is outside the allowed 0–10",
        f"{path}: row 3 (respondent anna), column wai2_job: 'office' is not one of physical, mental, mixed",
        f"{path}: row 3 (respondent anna), column wai6: 5 is not one of 1, 4, 7",
        f"{path}: row 4 (respondent carl), column wai4: is missing",
        f"{path}: row 4 (respondent carl), column wai7a: 'veel' is not a number (allowed: 0–4)",
    ]


def test_missing_and_unknown_columns_are_named(tmp_path, capsys):
    columns = [name for name in COLUMNS if name != "wai5"] + ["shoe_size"]
    row = [value for name, value in zip(COLUMNS, GOOD, strict=True) if name != "wai5"] + [42]
    assert main(["instruments", "score", "wai", write_csv(tmp_path, [row], columns)]) == 2
    errors = capsys.readouterr().err
    assert "column 'shoe_size' is not a variable of wai" in errors
    assert "column 'wai5' is missing" in errors


def test_an_unknown_instrument_lists_the_known_ones(tmp_path, capsys):
    assert main(["instruments", "score", "waii", write_csv(tmp_path, [GOOD])]) == 2
    error = capsys.readouterr().err
    assert "unknown instrument 'waii'" in error and "wai" in error and "house_of_work_ability" in error


def test_definitions_directories_add_instruments(tmp_path, capsys):
    write(tmp_path, mini())
    responses = tmp_path / "mini.csv"
    responses.write_text("q1,q2,q3,q4,job\n4,2,,5,b\n")
    assert (
        main(["instruments", "score", "mini", str(responses), "--definitions", str(tmp_path), "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["rows"][0]["scores"]["weighted"] == 9
    assert main(["instruments", "list", "--definitions", str(tmp_path)]) == 0
    assert "mini " in capsys.readouterr().out


def test_validate_reports_problems_with_exit_code_2(tmp_path, capsys):
    data = mini()
    data["scales"][2]["rule"]["weights"]["q7"] = 1
    broken = write(tmp_path, data)
    assert main(["instruments", "validate", str(broken)]) == 2
    assert "scales[2].rule.weights.q7: unknown item or earlier scale 'q7'" in capsys.readouterr().err
    good = write(tmp_path, mini(), "good.yaml")
    assert main(["instruments", "validate", str(good)]) == 0
    assert "ok (mini 1.0, 5 items, 5 scales)" in capsys.readouterr().out


def test_the_module_runs_as_a_real_process(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "inzetbaar.instruments.cli",
            "instruments",
            "score",
            "wai",
            write_csv(tmp_path, [GOOD]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "40.5" in result.stdout
