"""The built-in vocabulary, label normalisation and the ESCO importer."""

import pytest

from inzetbaar.matching.engine.profiles.errors import ProfileError
from inzetbaar.matching.engine.profiles.vocabulary import (
    load_builtin_vocabulary,
    load_esco_skills,
    normalise_label,
    read_vocabulary_csv,
)


def test_labels_compare_without_case_accents_or_punctuation():
    assert normalise_label("  Hygiënecode ") == normalise_label("hygienecode")
    assert normalise_label("B-VCA") == "b vca"


def test_builtin_vocabulary_maps_dutch_and_english_synonyms_to_one_concept():
    vocabulary = load_builtin_vocabulary()
    assert vocabulary.resolve("skill", "Orderpicken") == vocabulary.resolve("skill", "order picking")
    assert vocabulary.resolve("skill", "heftruck") == vocabulary.resolve("skill", "forklift driving")
    assert vocabulary.resolve("sector", "zorg") == vocabulary.resolve("sector", "healthcare") == "sector.care"
    assert vocabulary.resolve("requirement", "rijbewijs B") == "req.driving_licence_b"
    assert len(vocabulary.preferred) >= 200


def test_unknown_label_becomes_its_own_concept():
    vocabulary = load_builtin_vocabulary()
    assert vocabulary.resolve("skill", "Glasblazen") == "skill:glasblazen"
    assert not vocabulary.is_known("skill", "glasblazen")


def test_vocabulary_rejects_a_label_claimed_by_two_concepts():
    rows = [
        "concept_id,kind,group,labels_nl,labels_en",
        "a,skill,x,lassen,welding",
        "b,skill,x,solderen,welding",
    ]
    with pytest.raises(ProfileError, match=r"row 3.*'welding'.*already belongs to a"):
        read_vocabulary_csv(rows, source_name="test.csv")


ESCO_NL = (
    "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels\n"
    "KnowledgeSkillCompetence,http://esco/skill/1,heftruck besturen,"
    '"vorkheftruck rijden\nheftrucks bedienen",\n'
    "KnowledgeSkillCompetence,http://esco/skill/2,planten snoeien,,snoeiwerk\n"
)
ESCO_EN = (
    "conceptType,conceptUri,preferredLabel,altLabels\n"
    'KnowledgeSkillCompetence,http://esco/skill/1,operate forklift,"drive forklift truck"\n'
)


def test_esco_importer_reads_multiline_synonyms_and_merges_languages(tmp_path):
    (tmp_path / "skills_nl.csv").write_text(ESCO_NL, encoding="utf-8")
    (tmp_path / "skills_en.csv").write_text(ESCO_EN, encoding="utf-8")
    esco = load_esco_skills([tmp_path / "skills_nl.csv", tmp_path / "skills_en.csv"])
    assert esco.resolve("skill", "heftrucks bedienen") == "http://esco/skill/1"
    assert esco.resolve("skill", "Drive forklift truck") == "http://esco/skill/1"
    assert esco.resolve("skill", "snoeiwerk") == "http://esco/skill/2"


def test_builtin_labels_win_over_esco_when_merged(tmp_path):
    (tmp_path / "skills_nl.csv").write_text(ESCO_NL, encoding="utf-8")
    merged = load_builtin_vocabulary().merged_with(load_esco_skills([tmp_path / "skills_nl.csv"]))
    assert merged.resolve("skill", "snoeien") == "skill.pruning"
    assert merged.resolve("skill", "vorkheftruck rijden") == "http://esco/skill/1"


def test_esco_importer_names_the_missing_column_and_the_bad_row(tmp_path):
    path = tmp_path / "skills.csv"
    path.write_text("conceptUri,altLabels\nhttp://x,y\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"missing column.*preferredLabel"):
        load_esco_skills([path])
    path.write_text("conceptUri,preferredLabel\nhttp://x,lassen\n,solderen\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="row 3: conceptUri is empty"):
        load_esco_skills([path])
