"""The profile file: checks with errors that name the entry and field."""

import datetime as dt
import json

import pytest

from inzetbaar.matching.engine.profiles.errors import ProfileError
from inzetbaar.matching.engine.profiles.model import load_profiles_file, parse_profiles

from .conftest import candidate, opening


def document(candidates=(), openings=(), **top):
    return {"candidates": list(candidates), "openings": list(openings), **top}


def test_a_complete_profile_is_read():
    profiles = parse_profiles(
        document(
            [
                candidate(
                    "c1",
                    skills=["lassen"],
                    talents=["geduld"],
                    passions="Ik sleutel graag",
                    wishes={
                        "hours": {"min": 20},
                        "sectors": ["bouw"],
                        "max_travel_minutes": 40,
                        "travel_mode": "car",
                    },
                    benefit="WW",
                    benefit_start="2025-01-01",
                    target_group=True,
                    qualifications=["VCA"],
                )
            ],
            [opening("o1", hours=32, seat_class="trial_placement", capacity=3, reserved_seats=1)],
            reference_date="2025-07-02",
        )
    )
    c = profiles.candidates[0]
    assert c.skills == ("lassen", "geduld")
    assert c.hours.minimum == 20 and c.hours.maximum == 60
    assert c.months_unemployed == pytest.approx(6.0, abs=0.05)
    o = profiles.openings[0]
    assert (o.hours.minimum, o.hours.maximum, o.capacity, o.reserved_seats) == (32, 32, 3, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            document([candidate("c1", wishes={"hours": {"min": 30, "max": 20}})]),
            r"candidates\[0\] \(id 'c1'\): wishes.hours",
        ),
        (
            document([candidate("c1"), candidate("c1")]),
            r"candidates\[1\]: id 'c1' is already used by candidates\[0\]",
        ),
        (document([candidate("c1", wihses={})]), r"candidates\[0\] \(id 'c1'\): unknown field\(s\) wihses"),
        (document([{"id": "c1"}]), r"candidates\[0\] \(id 'c1'\): location is missing"),
        (document([candidate("c1", benefit="WAO")]), "benefit must be one of"),
        (document([candidate("c1", benefit_start="1-1-2025")]), "benefit_start: must be a date"),
        (document([candidate("c1", months_unemployed=3, benefit_start="2025-01-01")]), "not both"),
        (document(openings=[opening("o1", capacity=-1)]), r"openings\[0\] \(id 'o1'\): capacity"),
        (
            document(openings=[opening("o1", capacity=1, reserved_seats=2)]),
            "reserved_seats must be .* 0 to capacity",
        ),
        (document(openings=[opening("o1", seat_class="stage")]), "seat_class must be one of"),
        (document(openings=[opening("o1", skills="lassen")]), "skills must be a list"),
        ({"candidates": []}, "openings must be a list"),
        ([], "top level must be an object"),
    ],
)
def test_bad_profiles_get_an_error_naming_the_entry(data, message):
    with pytest.raises(ProfileError, match=message):
        parse_profiles(data, today=dt.date(2025, 1, 1))


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"candidates": [}', encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid JSON \\(line 1, column 17"):
        load_profiles_file(path)
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert load_profiles_file(path).candidates == []


def test_schema_documents_exactly_the_fields_the_parser_accepts():
    from importlib import resources

    from inzetbaar.matching.engine.profiles import model

    schema = json.loads(
        resources.files("inzetbaar.matching.engine.profiles")
        .joinpath("schema/profiles.schema.json")
        .read_text()
    )
    assert set(schema["properties"]) == model.TOP_LEVEL_FIELDS
    assert set(schema["$defs"]["candidate"]["properties"]) == model.CANDIDATE_FIELDS
    assert set(schema["$defs"]["candidate"]["properties"]["wishes"]["properties"]) == model.WISH_FIELDS
    assert set(schema["$defs"]["opening"]["properties"]) == model.OPENING_FIELDS
