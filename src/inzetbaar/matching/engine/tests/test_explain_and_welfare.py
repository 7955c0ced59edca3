"""Explanations of a result, the maximum-welfare comparison and the maximum possible number of matches."""

import itertools

import numpy as np
from hypothesis import given, settings

from inzetbaar.matching.engine import (
    blocking_pairs,
    deferred_acceptance,
    draw_lottery,
    max_welfare_assignment,
    maximum_matching_size,
    pair_welfare,
    parse_instance,
    solve,
    total_welfare,
)

from .instances import instances


def explanations(data: dict, seed: int = 0, method: str = "stable") -> dict:
    return solve(parse_instance(data), seed=seed, method=method)["explanations"]


def test_a_matched_pair_reports_its_factors_and_both_ranks():
    data = {
        "candidates": [
            {"id": "c1", "preferences": ["o1"], "factors": {"o1": {"skills": 0.9, "travel": 0.4}}}
        ],
        "openings": [{"id": "o1", "capacity": 1, "preferences": ["c1"]}],
    }
    assert explanations(data)["c1"] == {
        "assigned": "o1",
        "candidate_rank": 1,
        "opening_rank": 1,
        "factors": {"skills": 0.9, "travel": 0.4},
        "not_obtained": [],
    }


def test_every_higher_ranked_opening_gets_its_reason():
    data = {
        "candidates": [
            {"id": "me", "preferences": ["refuses", "trial", "full", "tied", "reserved", "mine", "lower"]},
            {"id": "better", "preferences": ["full"]},
            {"id": "equal", "preferences": ["tied"]},
            {"id": "target", "preferences": ["reserved"], "target_group": True},
        ],
        "openings": [
            {"id": "refuses", "capacity": 1, "preferences": []},
            {"id": "trial", "capacity": 1, "seat_class": "trial_placement", "preferences": ["me"]},
            {"id": "full", "capacity": 1, "preferences": ["better", "me"]},
            {"id": "tied", "capacity": 1, "preferences": [["me", "equal"]]},
            {"id": "reserved", "capacity": 1, "reserved_seats": 1, "preferences": ["me", "target"]},
            {"id": "mine", "capacity": 1, "preferences": ["me"]},
            {"id": "lower", "capacity": 1, "preferences": ["me"]},
        ],
    }
    seed = next(s for s in range(50) if solve(parse_instance(data), seed=s)["assignment"]["equal"] == "tied")
    mine = explanations(data, seed)["me"]
    assert mine["assigned"] == "mine"
    assert mine["not_obtained"] == [
        {"opening": "refuses", "reason": "not_acceptable"},
        {"opening": "trial", "reason": "not_eligible"},
        {"opening": "full", "reason": "full", "cutoff_rank": 1, "rank_at_opening": 2},
        {"opening": "tied", "reason": "lost_tie_break", "cutoff_rank": 1, "rank_at_opening": 1},
        {
            "opening": "reserved",
            "reason": "reserved_for_target_group",
            "cutoff_rank": 2,
            "rank_at_opening": 1,
        },
    ]


def test_unmatched_candidates_are_told_why():
    data = {
        "candidates": [
            {"id": "nothing", "preferences": []},
            {"id": "unwanted", "preferences": ["o1"]},
            {"id": "crowded_out", "preferences": ["o1"]},
            {"id": "first", "preferences": ["o1"]},
        ],
        "openings": [{"id": "o1", "capacity": 1, "preferences": ["first", "crowded_out"]}],
    }
    why = {c: e["unmatched_because"] for c, e in explanations(data).items() if e["assigned"] is None}
    assert why == {
        "nothing": "empty_list",
        "unwanted": "no_mutually_acceptable_opening",
        "crowded_out": "acceptable_openings_full",
    }


def test_welfare_can_beat_stability_and_the_result_counts_the_blocking_pairs():
    # Stable: c1 takes o1 (both rank each other first); c2 is left out. Welfare places both.
    data = {
        "candidates": [{"id": "c1", "preferences": ["o1", "o2"]}, {"id": "c2", "preferences": ["o1"]}],
        "openings": [
            {"id": "o1", "capacity": 1, "preferences": ["c1", "c2"]},
            {"id": "o2", "capacity": 1, "preferences": ["c1"]},
        ],
    }
    result = solve(parse_instance(data), seed=0, method="welfare")
    assert result["assignment"] == {"c1": "o2", "c2": "o1"}
    assert result["blocking_pairs"] == [{"candidate": "c1", "opening": "o1"}]
    assert result["stable_for_comparison"] == {"matched": 1, "welfare": 2.0, "blocking_pair_count": 0}
    assert result["welfare"] == 3.0
    assert result["explanations"]["c1"]["not_obtained"] == [{"opening": "o1", "reason": "would_accept"}]


@settings(max_examples=40, deadline=None)
@given(instances(reserves=True, max_candidates=5, max_openings=3))
def test_welfare_and_maximum_size_equal_brute_force_and_bound_the_stable_result(data):
    market = parse_instance(data).market
    feasible = list(_all_matchings(market))
    best_welfare = max(total_welfare(market, m) for m in feasible)
    most_matched = max(int(np.count_nonzero(m >= 0)) for m in feasible)
    welfare_edge = max_welfare_assignment(market)
    stable_edge = deferred_acceptance(market, draw_lottery(market.n_candidates, market.n_openings, 0))
    assert np.isclose(total_welfare(market, welfare_edge), best_welfare)
    assert total_welfare(market, stable_edge) <= best_welfare + 1e-9
    assert maximum_matching_size(market.candidate_ptr, market.opening, market.capacity) == most_matched
    assert np.all(pair_welfare(market) > 0)
    assert blocking_pairs(market, stable_edge).size == 0


def _all_matchings(market):
    options = [
        [-1, *range(market.candidate_ptr[c], market.candidate_ptr[c + 1])] for c in range(market.n_candidates)
    ]
    for choice in itertools.product(*options):
        assigned_edge = np.array(choice, dtype=np.int64)
        held = np.bincount(market.opening[assigned_edge[assigned_edge >= 0]], minlength=market.n_openings)
        if np.all(held <= market.capacity):
            yield assigned_edge
