"""Definitions: every shipped file validates and scores, and each kind of error names file, path and cause."""

import json

import pytest

from inzetbaar.instruments.definitions import (
    DefinitionError,
    load_definition,
    load_library,
    shipped_definition_files,
)
from inzetbaar.instruments.scoring import compile_instrument

from .builders import TEXT, mini, write


def full_response(plan) -> dict:
    """Every variable answered with its highest allowed value (codes: the first code)."""
    return {v.id: v.codes[0] if v.codes else v.high for v in plan.variable_info}


@pytest.mark.parametrize("path", shipped_definition_files(), ids=lambda path: path.stem)
def test_each_shipped_definition_validates_and_scores_a_full_response(path):
    definition = load_definition(path)
    assert path.stem == definition.id
    plan = compile_instrument(definition)
    result = plan.score_one(full_response(plan))
    assert all(score is not None for score in result.scores.values())
    assert all(band is not None for band in result.bands.values())
    if definition.total:
        assert result.total_band is not None
    if definition.quadrants:
        assert result.quadrant is not None


def test_the_shipped_library_has_the_issue_instruments():
    library = load_library()
    assert {
        "wai",
        "house_of_work_ability",
        "work_energy_balance",
        "employability_profile",
        "company_scan",
        "meeting_evaluation",
        "employer_satisfaction",
    } <= set(library.ids())
    for definition in library:
        own_texts = definition.id != "wai"
        assert definition.licence.redistributable is own_texts
    assert library.get("house_of_work_ability").min_group_size == 7
    assert len(library.get("company_scan").perspectives) == 3


def error_for(tmp_path, data, name=None) -> DefinitionError:
    path = write(tmp_path, data, name)
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    assert caught.value.file == str(path)
    return caught.value


def paths_and_messages(error: DefinitionError) -> dict[str, str]:
    return {problem.path: problem.message for problem in error.problems}


def test_an_unknown_item_in_weights_is_named_by_its_path(tmp_path):
    data = mini()
    data["scales"][2]["rule"]["weights"]["q7"] = 1
    error = error_for(tmp_path, data)
    assert paths_and_messages(error) == {"scales[2].rule.weights.q7": "unknown item or earlier scale 'q7'"}
    assert str(error) == f"{error.file}: scales[2].rule.weights.q7: unknown item or earlier scale 'q7'"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d["scales"][0]["rule"]["items"].append("nope"), "scales[0].rule.items[4]", "unknown item"),
        (lambda d: d["scales"][0]["rule"].update(type="median"), "scales[0].rule", "does not match any"),
        (lambda d: d["scales"][2]["rule"].update(extra=1), "scales[2].rule.extra", "Extra inputs"),
        (
            lambda d: d["scales"][2]["rule"]["weights"].update(q1="heavy"),
            "scales[2].rule.weights.q1",
            "number",
        ),
        (lambda d: d["groups"][0]["items"][0].pop("text"), "groups[0].items[0].text", "Field required"),
        (
            lambda d: d["groups"][0]["items"][0].update(text={"nl": "alleen nl"}),
            "groups[0].items[0].text.en",
            "Field required",
        ),
        (
            lambda d: d["groups"][0]["items"][1].update(response_scale="agree7"),
            "groups[0].items[1].response_scale",
            "unknown response scale 'agree7'",
        ),
        (
            lambda d: d["groups"][0]["items"][4].update(reverse=True),
            "groups[0].items[4].reverse",
            "reverse coding needs a numeric response scale",
        ),
        (lambda d: d["groups"][0]["items"][1].update(id="q1"), "groups[0].items[1].id", "duplicate item id"),
        (lambda d: d["scales"][0]["rule"]["items"].append("job"), "scales[0].rule.items[4]", "categorical"),
        (
            lambda d: d["scales"][0]["rule"].update(min_answered=9),
            "scales[0].rule.min_answered",
            "only 4 items",
        ),
        (lambda d: d["scales"][3]["rule"].update(condition="q1"), "scales[3].rule.condition", "categorical"),
        (
            lambda d: d["scales"][3]["rule"]["weights"].pop("b"),
            "scales[3].rule.weights",
            "no weights for code 'b'",
        ),
        (
            lambda d: d["scales"][4]["bands"][1].update({"from": 11}),
            "scales[4].bands[1].from",
            "leaves a gap from 10 to 11",
        ),
        (lambda d: d["scales"][4]["bands"][1].update({"from": 9}), "scales[4].bands[1].from", "overlaps"),
        (
            lambda d: d["scales"][4]["bands"][0].update({"from": 5}),
            "scales[4].bands[0].from",
            "scores go down to 3",
        ),
        (lambda d: d["scales"][4]["bands"][1].update({"to": 15}), "scales[4].bands[1].to", "omit 'to'"),
        (
            lambda d: d["scales"][1]["rule"].update(lookup=[{"value": 1, "score": 1}]),
            "scales[1].rule.lookup",
            "whole-number",
        ),
        (lambda d: d.update(total="nothing"), "total", "unknown scale"),
        (lambda d: d.update(kind="company_scan"), "perspectives", "at least two"),
        (lambda d: d.update(version="one"), "version", "should match pattern"),
        (lambda d: d["response_scales"][0].update(max=0), "response_scales[0]", "must be above min"),
    ],
)
def test_each_definition_error_names_its_path(tmp_path, change, path, message):
    data = mini()
    change(data)
    problems = paths_and_messages(error_for(tmp_path, data))
    assert path in problems, problems
    assert message in problems[path]


def test_lookup_gaps_and_short_ends_are_errors(tmp_path):
    data = mini()
    data["scales"].append(
        {
            "id": "counted",
            "title": TEXT,
            "rule": {
                "type": "count",
                "items": ["q1", "q2", "q3"],
                "values": [5],
                "lookup": [{"min": 0, "max": 1, "score": 1}, {"value": 3, "score": 2}],
            },
        }
    )
    problems = paths_and_messages(error_for(tmp_path, data))
    assert problems == {"scales[5].rule.lookup[1]": "leaves a gap after 1"}


def test_yaml_and_json_syntax_errors_name_the_line(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nscales: [\n  - a\n")
    with pytest.raises(DefinitionError, match=r"broken.yaml: line \d+"):
        load_definition(broken)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"id": "x",\n "version": }')
    with pytest.raises(DefinitionError, match=r"bad\.json: line 2"):
        load_definition(bad_json)


def test_json_definitions_load_like_yaml(tmp_path):
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(mini()))
    assert load_definition(path) == load_definition(write(tmp_path, mini()))


def test_the_library_adds_organisation_directories_and_picks_the_latest_version(tmp_path):
    write(tmp_path, mini(), "mini-1.yaml")
    write(tmp_path, mini(version="1.10"), "mini-2.yaml")
    library = load_library([tmp_path])
    assert "mini" in library.ids() and "wai" in library.ids()
    assert library.get("mini").version == "1.10"
    assert library.get("mini", "1.0").version == "1.0"


def test_the_same_id_and_version_twice_is_an_error(tmp_path):
    write(tmp_path, mini(), "a.yaml")
    write(tmp_path, mini(), "b.yaml")
    with pytest.raises(DefinitionError, match=r"mini version 1\.0 is also in"):
        load_library([tmp_path], shipped=False)


def test_a_licensee_overlay_replaces_texts_but_not_scoring(tmp_path):
    overlay = {
        "overlay_for": "wai",
        "version": "1.0",
        "licence": {"name": "WAI licence", "holder": "Licensee BV", "redistributable": False},
        "items": {"wai1": {"nl": "Gelicentieerde tekst 1", "en": "Licensed text 1"}},
        "groups": {"current": {"nl": "Titel", "en": "Title"}},
        "option_labels": {"sick_leave": {"5": {"nl": "Helemaal geen", "en": "None at all"}}},
    }
    path = write(tmp_path, overlay, "wai-texts.yaml")
    plain, laid_over = load_library().get("wai"), load_library(overlays=[path]).get("wai")
    assert laid_over.items[0].text.en == "Licensed text 1"
    assert laid_over.groups[0].title.nl == "Titel"
    assert laid_over.response_scale("sick_leave").options[0].label.en == "None at all"
    assert laid_over.licence.holder == "Licensee BV"
    assert laid_over.scales == plain.scales and laid_over.response_scales[0] == plain.response_scales[0]
    assert [item.id for item in laid_over.items] == [item.id for item in plain.items]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"items": {"wai99": TEXT}}, "items.wai99: wai has no item 'wai99'"),
        ({"version": "2.0"}, "overlay_for: no instrument wai version 2.0"),
        (
            {"option_labels": {"sick_leave": {"6": TEXT}}},
            "option_labels.sick_leave.6: is not one of its options",
        ),
        ({"scales": []}, "scales: Extra inputs are not permitted"),
    ],
)
def test_an_overlay_cannot_add_items_or_touch_scoring(tmp_path, change, message):
    overlay = {
        "overlay_for": "wai",
        "version": "1.0",
        "licence": {"name": "x", "holder": "y", "redistributable": False},
    } | change
    path = write(tmp_path, overlay, "overlay.yaml")
    with pytest.raises(DefinitionError, match=message):
        load_library(overlays=[path])
