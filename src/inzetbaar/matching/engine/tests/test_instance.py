"""Parsing instances: the market built from them, and bad input named precisely."""

import json
from pathlib import Path

import numpy as np
import pytest

from inzetbaar.matching.engine import (
    BENEFITS,
    SEAT_CLASSES,
    InstanceError,
    Market,
    load_instance,
    parse_instance,
)
from inzetbaar.matching.engine import instance as instance_module


def instance(candidates=None, openings=None, **extra) -> dict:
    return {
        "candidates": candidates if candidates is not None else [{"id": "c1", "preferences": ["o1"]}],
        "openings": openings
        if openings is not None
        else [{"id": "o1", "capacity": 1, "preferences": ["c1"]}],
        **extra,
    }


def test_only_mutually_acceptable_pairs_enter_the_market_with_both_ranks():
    parsed = parse_instance(
        instance(
            candidates=[{"id": "a", "preferences": ["x", ["y", "z"]]}, {"id": "b", "preferences": ["y"]}],
            openings=[
                {"id": "x", "capacity": 1, "preferences": ["b"]},
                {"id": "y", "capacity": 1, "preferences": [["b", "a"]]},
                {"id": "z", "capacity": 2, "preferences": ["a"]},
            ],
        )
    )
    market = parsed.market
    assert market.candidate_ptr.tolist() == [0, 2, 3]
    assert market.opening.tolist() == [1, 2, 1]
    assert market.candidate_rank.tolist() == [1, 1, 0]
    assert market.opening_rank.tolist() == [0, 0, 0]
    assert parsed.listed_status.tolist() == [-1, 0, 1, 2]


def test_seat_class_eligibility_follows_the_benefit_and_can_be_overridden():
    candidates = [
        {"id": "with", "preferences": ["trial"], "benefit": "WW"},
        {"id": "without", "preferences": ["trial"]},
    ]
    openings = [
        {"id": "trial", "capacity": 2, "seat_class": "trial_placement", "preferences": ["with", "without"]}
    ]
    assert parse_instance(instance(candidates, openings)).market.n_edges == 1
    everyone = {"trial_placement": {"benefits": None}}
    assert parse_instance(instance(candidates, openings, seat_classes=everyone)).market.n_edges == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "the instance must be a JSON object, got a list"),
        ({"openings": []}, 'the instance has no "candidates" list'),
        (instance(candidates={}), '"candidates" must be a list, got an object'),
        (
            instance(candidates=[{"id": "c1", "preferences": ["o9"]}]),
            'candidates[0] (id "c1"): preferences[0]: unknown opening id "o9"',
        ),
        (
            instance(openings=[{"id": "o1", "capacity": 1, "preferences": ["c1", "c7"]}]),
            'openings[0] (id "o1"): preferences[1]: unknown candidate id "c7"',
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": []}, {"id": "c1", "preferences": []}]),
            'candidates[1]: duplicate id "c1" (first used by candidates[0])',
        ),
        (
            instance(openings=[{"id": "o1", "capacity": -1, "preferences": []}]),
            'openings[0] (id "o1"): "capacity" must be a non-negative integer, got -1',
        ),
        (instance(openings=[{"id": "o1", "capacity": "2", "preferences": []}]), "got '2'"),
        (instance(openings=[{"id": "o1", "capacity": True, "preferences": []}]), "got True"),
        (
            instance(openings=[{"id": "o1", "preferences": []}]),
            'openings[0] (id "o1"): "capacity" is missing',
        ),
        (
            instance(openings=[{"id": "o1", "capacity": 1, "reserved_seats": 2, "preferences": []}]),
            '"reserved_seats" (2) exceeds the capacity (1)',
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": "o1"}]),
            '"preferences" must be a list, got a string',
        ),
        (instance(candidates=[{"id": "c1", "preferences": [3]}]), "preferences[0]: expected an opening id"),
        (instance(candidates=[{"id": "c1", "preferences": [[]]}]), "a tie must list at least one id"),
        (instance(candidates=[{"id": "c1", "preferences": ["o1", ["o1"]]}]), 'preferences list "o1" twice'),
        (
            instance(candidates=[{"id": 5, "preferences": []}]),
            'candidates[0]: "id" must be a non-empty string',
        ),
        (instance(candidates=["c1"]), "candidates[0]: must be an object, got a string"),
        (
            instance(candidates=[{"id": "c1", "preferences": [], "capacity": 1}]),
            "unknown field(s) 'capacity'",
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": [], "target_group": "yes"}]),
            '"target_group" must be',
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": [], "benefit": "AOW"}]),
            '"benefit" must be null or',
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": [], "factors": {"o9": {}}}]),
            'unknown opening id "o9"',
        ),
        (
            instance(candidates=[{"id": "c1", "preferences": [], "factors": {"o1": {"skills": "high"}}}]),
            'factors["o1"] must map categories to finite numbers',
        ),
        (
            instance(openings=[{"id": "o1", "capacity": 1, "seat_class": "volunteer", "preferences": []}]),
            "seat_class",
        ),
        (
            instance(seat_classes={"internship": {"benefits": None}}),
            'seat_classes["internship"]: unknown seat class',
        ),
    ],
)
def test_bad_instances_are_refused_with_the_entry_named(data, message):
    with pytest.raises(InstanceError) as raised:
        parse_instance(data)
    assert message in str(raised.value)


def test_a_file_that_is_not_json_is_refused_with_its_position(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text('{"candidates": [}')
    with pytest.raises(InstanceError, match=r"instance.json: not valid JSON: .*line 1 column 17"):
        load_instance(path)


def test_ranks_of_ties_are_shared_and_positions_count_groups():
    parsed = parse_instance(
        instance(
            candidates=[{"id": "c1", "preferences": [["o1", "o2"], "o3"]}],
            openings=[{"id": o, "capacity": 1, "preferences": ["c1"]} for o in ("o1", "o2", "o3")],
        )
    )
    assert np.array_equal(parsed.listed_rank, [0, 0, 1])


def test_the_json_schema_names_the_same_fields_and_values_as_the_parser():
    schema_path = Path(instance_module.__file__).parent / "schema" / "instance.schema.json"
    schema = json.loads(schema_path.read_text())
    definitions = schema["$defs"]
    assert set(schema["properties"]) == instance_module._TOP_LEVEL_FIELDS
    assert set(definitions["candidate"]["properties"]) == instance_module._CANDIDATE_FIELDS
    assert set(definitions["opening"]["properties"]) == instance_module._OPENING_FIELDS
    assert tuple(definitions["opening"]["properties"]["seat_class"]["enum"]) == SEAT_CLASSES
    assert tuple(definitions["benefit"]["enum"]) == BENEFITS


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opening": [5]}, "opening must be an index into capacity"),
        ({"candidate_ptr": [0, 2]}, "candidate_ptr must run from 0 to the number of edges"),
        ({"opening_rank": [-1]}, "ranks must lie between 0 and"),
        ({"reserved": [2]}, "reserved seats must lie between 0 and the capacity"),
    ],
)
def test_a_market_built_from_arrays_is_checked_before_any_kernel_sees_it(changes, message):
    arrays = {
        "candidate_ptr": [0, 1],
        "opening": [0],
        "candidate_rank": [0],
        "opening_rank": [0],
        "capacity": [1],
        "reserved": [0],
        "target_group": [False],
    }
    with pytest.raises(ValueError, match=message):
        Market(**(arrays | changes))
