"""`inzetbaar absence stats`: exactly the JSON keys the issue names, per unit under "units"; bad input."""

import json

import pytest

from inzetbaar.cli import main

KEYS = {"absence_rate", "report_frequency", "mean_duration", "zero_absence_share", "duration_classes"}


@pytest.fixture
def files(tmp_path):
    employment = tmp_path / "E.csv"
    employment.write_text(
        "employee,unit,start,end,contract_hours,fulltime_hours\n"
        "1,A,2020-01-01,,36,36\n2,A,2020-01-01,,18,36\n3,B,2023-06-01,2024-02-15,36,36\n"
    )
    absence = tmp_path / "A.csv"
    absence.write_text(
        "case,employee,start,end,fraction\n"
        "c1,2,2024-01-11,2024-01-20,0.5\nc2,3,2024-01-05,2024-01-14,1\nc2,3,2024-01-15,2024-02-20,0.5\n"
        "c3,1,2024-03-01,,1\n"
    )
    return employment, absence


def run(capsys, *args):
    code = main(["absence", "stats", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_named_keys_and_units(capsys, files):
    employment, absence = files
    args = ("--employment", employment, "--absence", absence, "--from", "2024-01-01", "--to", "2024-03-31")
    code, out, _err = run(capsys, *args, "--by", "unit", "--json")
    result = json.loads(out)
    assert code == 0 and set(result) == KEYS | {"units"}
    assert set(result["units"]) == {"A", "B"} and all(set(u) == KEYS for u in result["units"].values())
    # unit A: 91 days of 1.5 FTE; sick 10 days x 0.5 x 0.5 and 31 days x 1.0
    assert result["units"]["A"]["absence_rate"] == pytest.approx(100 * (2.5 + 31) / (91 * 1.5), abs=1e-4)
    assert result["duration_classes"] == {"1-14": 1, "15-91": 1, "92-365": 0, "366-730": 0}
    assert result["mean_duration"] == pytest.approx((10 + 47) / 2)
    code, out, _err = run(capsys, *args, "--json")
    assert set(json.loads(out)) == KEYS
    code, out, _err = run(capsys, *args, "--by", "unit")
    assert code == 0 and "totaal" in out and "verzuim%" in out


def test_bad_rows_and_medical_columns_exit_2_with_line_and_field(capsys, files, tmp_path):
    employment, absence = files
    absence.write_text(
        "case,employee,start,end,fraction\nc1,2,2024-01-11,2024-01-05,0.5\nc2,9,2024-01-05,,1\n"
    )
    code, _out, err = run(
        capsys, "--employment", employment, "--absence", absence, "--from", "2024-01-01", "--to", "2024-03-31"
    )
    assert code == 2
    assert "A.csv: Regel 2, laatste verzuimdag: ligt voor de begindatum" in err
    assert "A.csv: Regel 3, medewerker" in err
    medical = tmp_path / "M.csv"
    medical.write_text("case,employee,start,end,fraction,oorzaak\n")
    code, _out, err = run(
        capsys, "--employment", employment, "--absence", medical, "--from", "2024-01-01", "--to", "2024-03-31"
    )
    assert code == 2 and "medische gegevens" in err
