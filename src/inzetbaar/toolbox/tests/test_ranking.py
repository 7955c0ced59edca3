"""The ranking core (framework-free): fit rules, weights, order and reasons, and gap × relevance."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzetbaar.toolbox import ranking
from inzetbaar.toolbox.ranking import Gap, Item, Profile


def item(slug, **facts) -> Item:
    base = {"slug": slug, "name": slug.title(), "themes": ["healthy_work"], "levels": ["implementation"]}
    base["audiences"] = ["hr"]
    return ranking.as_item(base | facts)


def codes(ranked) -> list[str]:
    return [r.item.slug for r in ranked]


def test_theme_match_dominates_and_items_outside_the_themes_are_left_out():
    items = [
        item("both", themes=["healthy_work", "retention"]),
        item("one", themes=["retention"]),
        item("other", themes=["talent"]),
    ]
    found = ranking.rank(items, Profile(themes=frozenset({"healthy_work", "retention"})))
    assert codes(found) == ["both", "one"]
    assert found[0].score == 2 * ranking.THEME_WEIGHT
    assert found[0].reasons[0] == ranking.Reason("theme", 6.0, ("healthy_work", "retention"))


def test_no_themes_asked_keeps_everything():
    items = [item("a", themes=["talent"]), item("b", themes=["retention"])]
    assert sorted(codes(ranking.rank(items, Profile()))) == ["a", "b"]


def test_size_outside_the_items_sizes_excludes_it_and_empty_sizes_fit_all():
    items = [item("large-only", sizes=["large"]), item("any-size"), item("small", sizes=["small", "micro"])]
    found = ranking.rank(items, Profile(size="small"))
    assert codes(found) == ["any-size", "small"] or set(codes(found)) == {"any-size", "small"}
    assert "large-only" not in codes(found)
    small = next(r for r in found if r.item.slug == "small")
    assert ranking.Reason("size", 0.0, ("small",)) in small.reasons


def test_audience_level_and_sector_add_their_weights():
    profile = Profile(
        asker="works_council", stage="analysis", sector="Zorg en welzijn", themes=frozenset({"healthy_work"})
    )
    plain = ranking.score(item("plain", audiences=["hr"], levels=["implementation"]), profile)
    fitting = ranking.score(
        item("fit", audiences=["works_council"], levels=["analysis"], sectors=["Zorg en welzijn"]), profile
    )
    assert fitting.score - plain.score == pytest.approx(
        ranking.AUDIENCE_WEIGHT + ranking.LEVEL_WEIGHT + ranking.SECTOR_WEIGHT - ranking.NEXT_LEVEL_WEIGHT
    )
    assert {r.code for r in fitting.reasons} == {"theme", "audience", "level", "sector"}
    # "implementation" is the step after "analysis": half credit
    assert {r.code for r in plain.reasons} == {"theme", "next_level"}


def test_last_level_has_no_next_step():
    found = ranking.score(item("a", levels=["awareness"]), Profile(stage="implementation"))
    assert found.reasons == ()


def test_evidence_and_own_instruments_count_and_break_ties():
    strong = item("strong", evidence="strong")
    practice = item("practice", evidence="practice", name="Aaa")
    own = item("own", platform_instrument="house_of_work_ability", evidence="practice")
    found = ranking.rank([practice, strong, own], Profile(stage="analysis"))
    assert codes(found) == ["strong", "own", "practice"]
    # the own instrument bonus applies while the organisation is still at awareness or analysis only
    late = ranking.score(own, Profile(stage="implementation"))
    assert "own_instrument" not in {r.code for r in late.reasons}


def test_equal_scores_order_by_evidence_then_name():
    items = [item("b", name="Beta"), item("a", name="Alfa"), item("m", name="Zeta", evidence="moderate")]
    found = ranking.rank(items, Profile(themes=frozenset({"healthy_work"})))
    assert codes(found) == ["m", "a", "b"]


def test_limit():
    items = [item(f"i{n}") for n in range(8)]
    assert len(ranking.rank(items, Profile(), limit=3)) == 3


def test_gap_of_is_zero_at_the_good_end_and_one_at_the_bad_end():
    assert ranking.gap_of(5, 1, 5) == 0
    assert ranking.gap_of(1, 1, 5) == 1
    assert ranking.gap_of(3, 1, 5) == 0.5
    assert ranking.gap_of(4, 1, 5, higher_is_better=False) == 0.75
    assert ranking.gap_of(9, 1, 5) == 0  # clipped
    with pytest.raises(ValueError):
        ranking.gap_of(3, 5, 5)


def test_weakest_takes_the_largest_gaps_above_the_minimum():
    gaps = [
        Gap("x:a", "health", 0.1),
        Gap("x:b", "work", 0.6),
        Gap("x:c", "values", 0.4),
        Gap("x:d", "", 0.5),
    ]
    assert [g.scale for g in ranking.weakest(gaps, 2)] == ["x:b", "x:d"]
    assert [g.scale for g in ranking.weakest(gaps, 5, minimum_gap=0.3)] == ["x:b", "x:d", "x:c"]


def test_rank_for_gaps_is_gap_times_relevance():
    gaps = [Gap("hwa:work", "work", 0.6), Gap("hwa:health", "health", 0.2)]
    direct = item("direct", scales=["hwa:work"], floors=["work"])
    floor_only = item("floor", floors=["work"])
    both = item("both", scales=["hwa:health"], floors=["work"])
    unrelated = item("none", floors=["competence"])
    found = ranking.rank_for_gaps([unrelated, floor_only, both, direct], gaps)
    assert codes(found) == ["direct", "both", "floor"]
    scores = {r.item.slug: r.score for r in found}
    assert scores["direct"] == pytest.approx(0.6)
    assert scores["floor"] == pytest.approx(0.6 * ranking.SAME_FLOOR_RELEVANCE)
    assert scores["both"] == pytest.approx(0.2 + 0.6 * ranking.SAME_FLOOR_RELEVANCE)
    assert [r.code for r in found[1].reasons] == ["floor", "scale"]


def test_rank_for_gaps_respects_size_and_limit():
    gaps = [Gap("hwa:work", "work", 0.5)]
    items = [item("big", scales=["hwa:work"], sizes=["large"]), item("any", scales=["hwa:work"])]
    assert codes(ranking.rank_for_gaps(items, gaps, size="small")) == ["any"]
    assert len(ranking.rank_for_gaps(items, gaps, limit=1)) == 1
    assert ranking.rank_for_gaps(items, []) == []


facts = st.fixed_dictionaries(
    {
        "themes": st.sets(
            st.sampled_from(["retention", "healthy_work", "lifelong_learning", "talent"]), max_size=4
        ),
        "levels": st.sets(st.sampled_from(ranking.LEVELS), min_size=1),
        "audiences": st.sets(
            st.sampled_from(["management", "hr", "works_council", "professional"]), min_size=1
        ),
        "sizes": st.sets(st.sampled_from(["micro", "small", "medium", "large"])),
        "evidence": st.sampled_from(["strong", "moderate", "practice"]),
    }
)


@given(
    st.lists(facts, max_size=12),
    st.sets(st.sampled_from(["retention", "talent"])),
    st.sampled_from(["", "small"]),
)
def test_ranking_is_sorted_scores_are_sums_of_reasons_and_every_result_fits(entries, themes, size):
    items = [
        item(f"i{n}", name=f"I{n}", **{k: sorted(v) if isinstance(v, set) else v for k, v in e.items()})
        for n, e in enumerate(entries)
    ]
    profile = Profile(themes=frozenset(themes), size=size, asker="hr", stage="analysis")
    found = ranking.rank(items, profile)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    for ranked in found:
        assert ranked.score == pytest.approx(sum(r.points for r in ranked.reasons))
        assert not themes or ranked.item.themes & themes
        assert not size or not ranked.item.sizes or size in ranked.item.sizes
    assert ranking.rank(list(reversed(items)), profile) == found  # order of input does not matter
