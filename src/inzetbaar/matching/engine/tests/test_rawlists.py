"""The fast path of reading an instance (lists straight from the bytes) gives what the general path gives."""

import json
import random

import numpy as np
import pytest

from inzetbaar.matching.engine import InstanceError, load_instance, parse_instance, rawlists

FIELDS = ("candidate_ids", "opening_ids", "seat_class", "factors")
ARRAYS = ("listed_ptr", "listed_opening", "listed_rank", "listed_status")
MARKET = (
    "candidate_ptr",
    "opening",
    "candidate_rank",
    "opening_rank",
    "capacity",
    "reserved",
    "target_group",
)


def assert_same(fast, general) -> None:
    for name in FIELDS:
        assert getattr(fast, name) == getattr(general, name), name
    for name in ARRAYS:
        assert np.array_equal(getattr(fast, name), getattr(general, name)), name
        assert getattr(fast, name).dtype == getattr(general, name).dtype, name
    for name in MARKET:
        assert np.array_equal(getattr(fast.market, name), getattr(general.market, name)), name


def random_instance(seed: int) -> dict:
    rng = random.Random(seed)
    id_styles = [
        lambda side, k: f"{side}{k}",
        lambda side, k: f"{side}-{k:05d}-ééé-{'x' * rng.randrange(20)}",  # several words, UTF-8
        lambda side, k: f"{side}[{k}],:{{",  # JSON punctuation inside
        lambda side, k: f"{'preferences' if k == 0 else side + str(k)}",
    ]
    style = id_styles[seed % len(id_styles)]
    n_candidates, n_openings = rng.randrange(0, 12), rng.randrange(1, 8)
    candidate_ids = [style("c", k) for k in range(n_candidates)]
    opening_ids = [style("o", k) for k in range(n_openings)]

    def ranking(ids: list[str]) -> list:
        chosen = rng.sample(ids, rng.randrange(0, len(ids) + 1))
        items: list = []
        while chosen:
            size = rng.choice([1, 1, 1, 2, 3]) if seed % 3 == 0 else 1
            group, chosen = chosen[:size], chosen[size:]
            items.append(group if size > 1 or rng.random() < 0.1 else group[0])
        return items

    candidates = []
    for candidate_id in candidate_ids:
        entry: dict = {"id": candidate_id, "preferences": ranking(opening_ids)}
        if rng.random() < 0.3:
            entry["target_group"] = True
        if rng.random() < 0.3:
            entry["benefit"] = rng.choice(["WW", "Participatiewet", None])
        if rng.random() < 0.2:
            entry["meta"] = {"preferences": ["anything", ["at", "all"]], "note": "preferences"}
        candidates.append(entry)
    openings = [
        {
            "id": opening_id,
            "capacity": rng.randrange(0, 3),
            "preferences": ranking(candidate_ids),
            "seat_class": rng.choice(["paid_job", "trial_placement"]),
        }
        for opening_id in opening_ids
    ]
    document = {"openings": openings, "candidates": candidates}
    if seed % 5 == 0:
        document["meta"] = {"preferences": [1, 2, {"x": None}]}  # not a list of ids: fast path declines
    return document


def write(path, document: dict, style: int) -> None:
    if style == 0:
        text = json.dumps(document, ensure_ascii=False)
    elif style == 1:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(document, ensure_ascii=False, indent=style)
    path.write_bytes(text.encode())


@pytest.mark.parametrize("seed", range(60))
def test_the_fast_path_reads_what_the_general_path_reads(tmp_path, seed):
    document = random_instance(seed)
    path = tmp_path / "instance.json"
    write(path, document, seed % 4)
    assert_same(load_instance(path), parse_instance(json.loads(path.read_bytes())))
    if seed % 5:  # all lists are lists of ids: the fast path must have applied
        assert rawlists.decode(path.read_bytes()) is not None


def general_error(path) -> str:
    with pytest.raises(InstanceError) as raised:
        parse_instance(json.loads(path.read_bytes()))
    return str(raised.value)


@pytest.mark.parametrize(
    "candidate_preferences",
    [
        ["o1", "o9"],  # unknown id
        ["o1", "o1"],  # listed twice
        ["o1", []],  # empty tie
        ["o1", [["o2"]]],  # nested too deep
        ["o1", 3],  # not an id
        "o1",  # not a list
    ],
)
def test_bad_lists_get_the_general_paths_message(tmp_path, candidate_preferences):
    document = {
        "candidates": [{"id": "c1", "preferences": candidate_preferences}],
        "openings": [
            {"id": "o1", "capacity": 1, "preferences": ["c1"]},
            {"id": "o2", "capacity": 1, "preferences": []},
        ],
    }
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InstanceError) as raised:
        load_instance(path)
    assert str(raised.value) == general_error(path)


@pytest.mark.parametrize(
    "text",
    [
        '{"candidates": [{"id": "c1", "preferences": ["o1",]}], "openings": []}',
        '{"candidates": [{"id": "c1", "preferences": ["o1" "o2"]}], "openings": []}',
        '{"candidates": [{"id": "c1", "preferences": [, "o1"]}], "openings": []}',
        '{"candidates": [{"id": "c1", "preferences": ["o1"]], "openings": []}',
        '{"candidates": [{"id": "c1", "preferences": ["o1", ["o2",]]}], "openings": []}',
        '{"candidates": [{"id": "c1", "preferences": ["o1\x01"]}], "openings": []}',
    ],
)
def test_malformed_json_in_a_list_is_refused(tmp_path, text):
    path = tmp_path / "instance.json"
    path.write_bytes(text.encode())
    with pytest.raises(InstanceError, match="not valid JSON"):
        load_instance(path)


def test_a_string_that_looks_like_a_marker_cannot_be_written_without_a_backslash(tmp_path):
    # With the escape the fast path does not apply; the general path sees an unknown id.
    path = tmp_path / "instance.json"
    path.write_text(
        '{"candidates": [{"id": "c1", "preferences": "\\u00010"}],'
        ' "openings": [{"id": "o1", "capacity": 1, "preferences": ["c1"]}]}'
    )
    assert rawlists.decode(path.read_bytes()) is None
    with pytest.raises(InstanceError, match='"preferences" must be a list'):
        load_instance(path)


def test_ids_near_the_end_of_the_file_and_long_ids(tmp_path):
    long_id = "o" * 40
    document = {
        "candidates": [{"id": "c", "preferences": [long_id, "p"]}],
        "openings": [
            {"id": long_id, "capacity": 1, "preferences": ["c"]},
            {"id": "p", "capacity": 1, "preferences": ["c"]},
        ],
    }
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(document, separators=(",", ":")))
    assert rawlists.decode(path.read_bytes()) is not None
    assert_same(load_instance(path), parse_instance(document))
