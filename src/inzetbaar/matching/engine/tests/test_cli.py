"""The `match solve` command: JSON out on success, exit code 2 and a named entry on bad input."""

import json
import subprocess
import sys

import pytest

from inzetbaar.matching.engine import cli
from inzetbaar.matching.engine.cli import main

INSTANCE = {
    "candidates": [
        {"id": "c1", "preferences": ["o2", "o1"]},
        {"id": "c2", "preferences": ["o2"]},
        {"id": "c3", "preferences": ["o1"], "target_group": True},
    ],
    "openings": [
        {"id": "o1", "capacity": 1, "preferences": ["c3", "c1"]},
        {"id": "o2", "capacity": 1, "preferences": ["c2", "c1"]},
    ],
}


def write(tmp_path, content) -> str:
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_solve_prints_the_result_as_json(tmp_path, capsys):
    assert main(["match", "solve", write(tmp_path, INSTANCE), "--seed", "4"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["assignment"] == {"c1": None, "c2": "o2", "c3": "o1"}
    assert result["blocking_pairs"] == []
    assert result["seed"] == 4
    assert result["matched"] == result["max_possible_matched"] == 2
    assert result["explanations"]["c1"]["unmatched_because"] == "acceptable_openings_full"


@pytest.mark.parametrize("proposing", ["candidates", "employers"])
@pytest.mark.parametrize("method", ["stable", "welfare"])
def test_every_option_combination_gives_a_result(tmp_path, capsys, proposing, method):
    path = write(tmp_path, INSTANCE)
    assert main(["match", "solve", path, "--proposing", proposing, "--method", method, "--seed", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["method"], result["proposing"]) == (method, proposing)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"candidates": [', "not valid JSON"),
        ({**INSTANCE, "candidates": [{"id": "c1", "preferences": ["o7"]}]}, 'unknown opening id "o7"'),
        ({**INSTANCE, "candidates": [{"id": "c1", "preferences": []}] * 2}, 'duplicate id "c1"'),
        (
            {**INSTANCE, "openings": [{"id": "o1", "capacity": -3, "preferences": []}]},
            'openings[0] (id "o1"): "capacity" must be a non-negative integer, got -3',
        ),
        ({**INSTANCE, "openings": "o1"}, '"openings" must be a list'),
    ],
)
def test_bad_input_exits_with_2_and_names_the_entry(tmp_path, capsys, content, message):
    assert main(["match", "solve", write(tmp_path, content)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_a_missing_file_exits_with_2(tmp_path, capsys):
    assert main(["match", "solve", str(tmp_path / "absent.json")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_an_unknown_option_value_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as raised:
        main(["match", "solve", write(tmp_path, INSTANCE), "--method", "fastest"])
    assert raised.value.code == 2


def test_the_module_runs_as_a_real_process(tmp_path):
    path = write(tmp_path, INSTANCE)
    command = [sys.executable, "-m", "inzetbaar.matching.engine.cli", "match", "solve", path, "--seed", "9"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["assignment"]["c2"] == "o2"
    command[-3] = write(
        tmp_path, {**INSTANCE, "openings": [{"id": "o1", "capacity": 1, "preferences": ["c0"]}]}
    )
    bad = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2
    assert 'candidates[0] (id "c1"): preferences[0]: unknown opening id "o2"' in bad.stderr


def test_large_instances_show_progress_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "PROGRESS_FROM_BYTES", 0)
    assert main(["match", "solve", write(tmp_path, INSTANCE), "--seed", "2"]) == 0
    captured = capsys.readouterr()
    assert "match solve" in captured.err
    assert json.loads(captured.out)["seed"] == 2
