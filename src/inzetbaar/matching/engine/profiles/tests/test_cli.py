"""``inzetbaar match build`` end to end: JSON out, a report on stderr, exit code 2 naming a bad entry."""

import argparse
import json

from inzetbaar.matching.engine.instance import parse_instance
from inzetbaar.matching.engine.profiles.cli import add_build_parser

from .conftest import candidate, opening


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_build_parser(parser.add_subparsers())
    args = parser.parse_args(["build", *argv])
    return args.func(args)


def write_profiles(tmp_path, document) -> str:
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_build_prints_a_solvable_instance_and_reports_on_stderr(tmp_path, capsys):
    postcodes = tmp_path / "pc4.csv"
    postcodes.write_text("postcode,latitude,longitude\n1012,52.3731,4.8922\n", encoding="utf-8")
    document = {
        "candidates": [candidate("c1", location={"postcode": "1012"}, passions="Ik kook graag voor mensen")],
        "openings": [opening("o1", sector="horeca", description="Kok in een restaurant", skills=["koken"])],
    }
    assert run([write_profiles(tmp_path, document), "--postcodes", str(postcodes), "--quiet"]) == 0
    instance = json.loads(capsys.readouterr().out)
    assert instance["candidates"][0]["preferences"] == ["o1"]
    assert instance["candidates"][0]["factors"]["o1"]["text"] > 0.1
    assert parse_instance(instance).candidate_ids == ["c1"]


def test_build_writes_the_output_file_and_shows_the_report(tmp_path, capsys):
    document = {"candidates": [candidate("c1")], "openings": [opening("o1")]}
    output = tmp_path / "instance.json"
    assert run([write_profiles(tmp_path, document), "-o", str(output), "--no-text", "--top-k", "5"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert '"max_matched_with_lists": 1' in captured.err
    assert json.loads(output.read_text())["openings"][0]["preferences"] == ["c1"]


def test_bad_entry_exits_with_2_and_names_it(tmp_path, capsys):
    document = {"candidates": [candidate("c1", location={"municipality": "GM9999"})], "openings": []}
    assert run([write_profiles(tmp_path, document), "--no-text"]) == 2
    assert "candidates[0] (id 'c1'): location.municipality 'GM9999'" in capsys.readouterr().err


def test_missing_file_exits_with_2(tmp_path, capsys):
    assert run([str(tmp_path / "nowhere.json"), "--no-text"]) == 2
    assert "cannot read profile file" in capsys.readouterr().err
