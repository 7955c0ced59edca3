"""Building instances: both sides' lists, factors for explanations, diversification, solving."""

import datetime as dt

from inzetbaar.matching.engine import parse_instance, solve
from inzetbaar.matching.engine.profiles.arrays import encode_profiles
from inzetbaar.matching.engine.profiles.build import (
    BuildOptions,
    build_preferences,
    matched_share_report,
    to_instance,
)
from inzetbaar.matching.engine.profiles.embeddings import EmbeddingCache
from inzetbaar.matching.engine.profiles.model import parse_profiles
from inzetbaar.matching.engine.profiles.travel import TravelModel
from inzetbaar.matching.engine.profiles.vocabulary import load_builtin_vocabulary

from .conftest import candidate, opening

AMSTERDAM_CENTRE = {"latitude": 52.3728, "longitude": 4.8936}


def build(document, resolver, embeddings=None, **options):
    profiles = parse_profiles(document, today=dt.date(2025, 6, 1))
    arrays = encode_profiles(profiles, load_builtin_vocabulary(), resolver, TravelModel(), embeddings)
    built = build_preferences(arrays, BuildOptions(**options))
    built.report = matched_share_report(built)
    return built


def small_market():
    return {
        "candidates": [
            candidate(
                "picker",
                skills=["orderpicken", "heftruck"],
                passions="magazijn orders picken",
                wishes={"sectors": ["logistiek"], "hours": {"min": 30, "max": 40}},
                qualifications=["heftruckcertificaat"],
            ),
            candidate(
                "carer",
                skills=["elderly care"],
                passions="ouderen verzorgen",
                benefit="WW",
                months_unemployed=2,
            ),
            candidate("far", location={"municipality": "GM0014"}, wishes={"max_travel_minutes": 30}),
        ],
        "openings": [
            opening(
                "warehouse",
                sector="logistics",
                skills=["order picking", "forklift"],
                requirements=["forklift certificate"],
                hours=36,
                capacity=2,
                description="magazijn orders picken",
            ),
            opening(
                "care-home", sector="zorg", skills=["ouderenzorg"], hours=24, description="ouderen verzorgen"
            ),
            opening("trial", sector="schoonmaak", seat_class="trial_placement", reserved_seats=1, capacity=2),
        ],
    }


def test_instance_lists_both_sides_with_factors_and_optional_fields(resolver, embedder):
    instance = to_instance(build(small_market(), resolver, EmbeddingCache(embedder)))
    candidates = {entry["id"]: entry for entry in instance["candidates"]}
    openings = {entry["id"]: entry for entry in instance["openings"]}
    assert candidates["picker"]["preferences"][0] == "warehouse"
    assert candidates["picker"]["factors"]["warehouse"] == {
        "skills": 1.0, "text": 1.0, "hours": 1.0, "sector": 1.0, "travel": 1.0,
    }  # fmt: skip
    # The forklift certificate is a hard requirement; the trial placement needs a benefit.
    assert candidates["carer"]["preferences"][:2] == ["care-home", "trial"]
    assert "warehouse" not in candidates["carer"]["preferences"]
    assert candidates["carer"]["benefit"] == "WW"
    # Groningen is far beyond 30 minutes from Amsterdam.
    assert candidates["far"]["preferences"] == []
    assert openings["trial"]["seat_class"] == "trial_placement" and openings["trial"]["reserved_seats"] == 1
    assert openings["warehouse"]["preferences"] == ["picker"]
    assert set(openings["care-home"]["preferences"]) == {"picker", "carer"}
    assert instance["meta"]["report"]["max_matched_all_acceptable"] == 2


def test_openings_rank_candidates_by_skills_hours_and_travel(resolver):
    document = {
        "candidates": [
            candidate("novice", wishes={"hours": 40}, location=AMSTERDAM_CENTRE),
            candidate("welder", skills=["lassen"], wishes={"hours": 40}, location=AMSTERDAM_CENTRE),
        ],
        "openings": [opening("workshop", skills=["welding"], hours=40, location=AMSTERDAM_CENTRE)],
    }
    instance = to_instance(build(document, resolver))
    assert instance["openings"][0]["preferences"] == ["welder", "novice"]


def congested_market(popular=3, others=40, people=60):
    """Everyone prefers the same few openings; many acceptable openings with a seat go unlisted."""
    wishes = {"sectors": ["logistiek"], "max_travel_minutes": 60}
    return {
        "candidates": [candidate(f"c{i}", skills=["orderpicken"], wishes=wishes) for i in range(people)],
        "openings": [opening(f"hot{j}", sector="logistiek", skills=["order picking"]) for j in range(popular)]
        + [opening(f"cold{j}", sector="schoonmaak", skills=["schoonmaken"]) for j in range(others)],
    }


def solved_matches(built) -> int:
    return solve(parse_instance(to_instance(built)), seed=11)["matched"]


def test_diversification_raises_the_matched_share_to_the_maximum(resolver):
    plain = build(congested_market(), resolver, top_k=3, diversify=False)
    spread = build(congested_market(), resolver, top_k=3)
    assert plain.report["max_matched_all_acceptable"] == spread.report["max_matched_all_acceptable"] == 43
    assert plain.report["max_matched_with_lists"] == 3
    assert spread.report["max_matched_with_lists"] == 43
    # A stable matching need not reach the maximum, but no longer gets stuck at the few popular seats.
    assert solved_matches(plain) == 3
    assert solved_matches(spread) >= 35


def test_diversification_never_shortens_a_list(resolver):
    plain = build(congested_market(popular=2, others=1, people=6), resolver, top_k=3, diversify=False)
    spread = build(congested_market(popular=2, others=1, people=6), resolver, top_k=3)
    assert (spread.selected.sum(axis=1) == plain.selected.sum(axis=1)).all()


def test_built_instance_solves_without_blocking_pairs(resolver, embedder):
    result = solve(
        parse_instance(to_instance(build(small_market(), resolver, EmbeddingCache(embedder)))), seed=1
    )
    assert result["blocking_pairs"] == []
    assert result["assignment"] == {"picker": "warehouse", "carer": "care-home", "far": None}


def test_top_k_bounds_every_list(resolver):
    built = build(congested_market(), resolver, top_k=2)
    assert built.selected.sum(axis=1).max() == 2
