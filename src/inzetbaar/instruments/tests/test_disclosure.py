"""Tests of the anonymity rules: classic cases, and an attacker who solves for hidden cells."""

import itertools
import math
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from inzetbaar.instruments.disclosure import (
    BELOW_MINIMUM,
    COMPLEMENTARY,
    NO_RESPONDENTS,
    UNITS,
    WAVE_DIFFERENCE,
    Decision,
    DisclosurePolicy,
    DisclosureProblem,
    Remainder,
    apply,
    decide,
    trend_allowed,
)

FIVE = DisclosurePolicy(5)


def hidden(decisions):
    return {key for key, d in decisions.items() if not d.published and d.reason != NO_RESPONDENTS}


def unit_tree(units):
    """A problem from (key, respondents, parent) triples."""
    problem = DisclosureProblem()
    for key, respondents, parent in units:
        problem.add_unit(key, respondents, parent=parent)
    return problem


# Classic cases


def test_one_small_team_hides_the_next_smallest_sibling_too():
    problem = unit_tree([("dept", 43, None), ("a", 3, "dept"), ("b", 22, "dept"), ("c", 18, "dept")])
    decisions = decide(problem, FIVE)
    assert decisions["a"] == Decision(False, BELOW_MINIMUM)
    assert decisions["c"] == Decision(False, COMPLEMENTARY)
    assert decisions["b"].published and decisions["dept"].published


def test_two_small_teams_that_together_reach_the_minimum_protect_each_other():
    # dept - b = a1 + a2 = 7 is derivable, but 7 people are a publishable group and neither team is.
    problem = unit_tree([("dept", 27, None), ("a1", 3, "dept"), ("a2", 4, "dept"), ("b", 20, "dept")])
    decisions = decide(problem, FIVE)
    assert hidden(decisions) == {"a1", "a2"}


def test_two_small_teams_below_the_minimum_together_hide_a_third():
    problem = unit_tree([("dept", 24, None), ("a1", 2, "dept"), ("a2", 2, "dept"), ("b", 20, "dept")])
    decisions = decide(problem, FIVE)
    assert hidden(decisions) == {"a1", "a2", "b"}
    assert decisions["b"].reason == COMPLEMENTARY


def test_direct_members_form_a_remainder_that_counts_as_a_sibling():
    # 30 - 12 - 15 = 3 direct members: the remainder is small, so the smallest team is hidden too.
    problem = unit_tree([("dept", 30, None), ("a", 12, "dept"), ("b", 15, "dept")])
    decisions = decide(problem, FIVE)
    assert decisions[Remainder("dept", UNITS)] == Decision(False, BELOW_MINIMUM)
    assert decisions["a"] == Decision(False, COMPLEMENTARY)
    assert decisions["b"].published


def test_secondary_suppression_propagates_to_a_fixed_point():
    # Department d is small, so its sibling e is hidden too; e's teams would then add up to e,
    # so e's smallest team is hidden as well.
    problem = unit_tree(
        [
            ("org", 60, None),
            ("d", 4, "org"),
            ("t1", 2, "d"),
            ("t2", 2, "d"),
            ("e", 20, "org"),
            ("s1", 8, "e"),
            ("s2", 12, "e"),
            ("f", 36, "org"),
        ]
    )
    decisions = decide(problem, FIVE)
    assert hidden(decisions) == {"d", "t1", "t2", "e", "s1"}
    assert decisions["e"].reason == decisions["s1"].reason == COMPLEMENTARY


def test_a_derivable_union_across_levels_is_caught_by_the_audit():
    # Team b is small, so department a is hidden too, and inside a the small team a1. Each partition
    # then has two hidden cells, yet (org - c) - (a - a2) = a1 + b = 4 people: the audit hides more.
    # (Teams are added first so the organisation's partition is checked before a's.)
    problem = unit_tree(
        [
            ("a1", 2, "a"),
            ("a2", 12, "a"),
            ("org", 40, None),
            ("a", 14, "org"),
            ("b", 2, "org"),
            ("c", 24, "org"),
        ]
    )
    decisions = decide(problem, FIVE)
    assert hidden(decisions) == {"a", "a1", "a2", "b"}
    counts = {"org": 40, "a": 14, "b": 2, "c": 24, "a1": 2, "a2": 12}
    assert_no_small_derivable_group([("org", "a", "b", "c"), ("a", "a1", "a2")], decisions, counts, 5)


def test_a_breakdown_with_one_small_category():
    problem = DisclosureProblem()
    problem.add_unit("team", 40)
    problem.add_breakdown("team", "age", {"<35": 4, "35-54": 21, "55+": 15})
    decisions = decide(problem, FIVE)
    assert decisions["<35"].reason == BELOW_MINIMUM
    assert decisions["55+"].reason == COMPLEMENTARY
    assert decisions["team"].published and decisions["35-54"].published


def test_a_breakdown_category_without_respondents_is_known_and_protects_nothing():
    problem = DisclosureProblem()
    problem.add_unit("team", 30)
    problem.add_breakdown("team", "job", {"physical": 0, "mental": 3, "mixed": 27})
    decisions = decide(problem, FIVE)
    assert decisions["physical"] == Decision(False, NO_RESPONDENTS)
    # The empty category is no complement: 30 - 27 would give the 3 mental jobs.
    assert decisions["mixed"] == Decision(False, COMPLEMENTARY)
    assert decisions["team"].published


def test_overlapping_breakdowns_of_a_cross_table():
    # Age x job type in one unit; the margins are published cells too.
    problem = DisclosureProblem()
    problem.add_unit("unit", 60)
    problem.add_breakdown("unit", "age", {"young": 30, "old": 30})
    problem.add_breakdown("unit", "job", {"physical": 25, "mental": 35})
    cross = {("young", "physical"): 2, ("young", "mental"): 28, ("old", "physical"): 23, ("old", "mental"): 7}
    for key, count in cross.items():
        problem.add_cell(key, count)
    for age in ("young", "old"):
        problem.add_partition(age, [k for k in cross if k[0] == age], "job")
    for job in ("physical", "mental"):
        problem.add_partition(job, [k for k in cross if k[1] == job], "age")
    decisions = decide(problem, FIVE)
    assert hidden(decisions) == set(cross)
    assert decisions["young", "physical"].reason == BELOW_MINIMUM


def test_an_organisation_without_a_visible_complement_hides_the_total():
    problem = unit_tree([("org", 4, None), ("only", 4, "org")])
    assert hidden(decide(problem, FIVE)) == {"org", "only"}


def test_the_five_five_rule_needs_members_too():
    problem = DisclosureProblem()
    problem.add_unit("dept", 40, members=50)
    problem.add_unit("small", 5, members=5, parent="dept")
    problem.add_unit("large", 35, members=45, parent="dept")
    assert hidden(decide(problem, DisclosurePolicy(5, min_members=5))) == set()
    assert decide(problem, DisclosurePolicy(5, min_members=6))["small"].reason == BELOW_MINIMUM


def test_higher_minima_of_medical_instruments():
    problem = unit_tree([("dept", 40, None), ("a", 14, "dept"), ("b", 26, "dept")])
    assert hidden(decide(problem, DisclosurePolicy(7))) == set()
    assert hidden(decide(problem, DisclosurePolicy(15))) == {"a", "b"}


# Waves


def waves(earlier, later, joined=None, left=None):
    problem = DisclosureProblem()
    problem.add_unit(("org", 1), 60)
    problem.add_unit(("team", 1), earlier, parent=("org", 1))
    problem.add_unit(("rest", 1), 60 - earlier, parent=("org", 1))
    problem.add_unit(("org", 2), 60 + later - earlier)
    problem.add_unit(("team", 2), later, parent=("org", 2))
    problem.add_unit(("rest", 2), 60 - earlier, parent=("org", 2))
    problem.add_wave_link(("team", 1), ("team", 2), joined, left)
    problem.add_wave_link(("org", 1), ("org", 2), joined, left)
    return decide(problem, FIVE)


def test_a_newcomer_cannot_be_read_from_the_change_between_waves():
    decisions = waves(10, 11)
    assert decisions["team", 2] == Decision(False, WAVE_DIFFERENCE)
    assert decisions["org", 2] == Decision(False, WAVE_DIFFERENCE)
    # The rest of wave 2 is hidden too, or team wave 2 would follow from org minus rest.
    assert not trend_allowed(decisions, ("team", 1), ("team", 2))


def test_a_stable_or_largely_changed_group_shows_its_trend():
    assert trend_allowed(waves(10, 10), ("team", 1), ("team", 2))
    assert trend_allowed(waves(10, 16), ("team", 1), ("team", 2))


def test_known_flows_refine_the_wave_rule():
    # Same count, but one person left and one joined: a swap singles out nobody.
    assert trend_allowed(waves(10, 10, joined=1, left=1), ("team", 1), ("team", 2))
    # Six joined and one left: the change is five, yet it mixes both flows.
    assert trend_allowed(waves(10, 15, joined=6, left=1), ("team", 1), ("team", 2))
    # Two left and nobody joined: the difference is the answers of those two.
    assert not trend_allowed(waves(10, 8, joined=0, left=2), ("team", 1), ("team", 2))


def test_flows_must_match_the_counts():
    problem = unit_tree([("t1", 10, None), ("t2", 12, None)])
    with pytest.raises(ValueError, match="does not equal the change"):
        problem.add_wave_link("t1", "t2", joined=1, left=0)
        decide(problem, FIVE)


# Applying decisions, and bad input


def test_apply_masks_every_figure_that_may_not_be_shown():
    problem = unit_tree([("dept", 43, None), ("a", 3, "dept"), ("b", 22, "dept"), ("c", 18, "dept")])
    decisions = decide(problem, FIVE)
    figures = {key: {"n": n, "mean": 7.0} for key, n in [("dept", 43), ("a", 3), ("b", 22), ("c", 18)]}
    masked = apply(decisions, figures)
    assert masked["a"] is None and masked["c"] is None
    assert masked["b"] == {"n": 22, "mean": 7.0}


def test_apply_refuses_a_figure_without_a_decision():
    decisions = decide(unit_tree([("dept", 43, None)]), FIVE)
    with pytest.raises(KeyError, match="elsewhere"):
        apply(decisions, {"dept": 1.0, "elsewhere": 2.0})


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda p: p.add_cell("x", 3, members=2), "only 2 members"),
        (lambda p: p.add_cell("x", -1), "negative"),
        (lambda p: p.add_unit("x", 3, parent="nowhere"), "no cell 'nowhere'"),
        (lambda p: (p.add_unit("x", 3), p.add_unit("y", 4, parent="x")), "more respondents"),
        (lambda p: p.add_wave_link("x", "y", joined=1), "both joined and left"),
    ],
)
def test_bad_input_is_named(build, message):
    problem = DisclosureProblem()
    with pytest.raises(ValueError, match=message):
        build(problem)
        decide(problem, FIVE)


def test_policy_minimum_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        DisclosurePolicy(0)


# The attacker


def equations_of(spec):
    """The attacker's equations, built from the report's structure (not from the module)."""
    equations = []
    for total, parts, name in spec["partitions"]:
        rest = spec["counts"][total] - sum(spec["counts"][p] for p in parts)
        equations.append((total, *parts, *([Remainder(total, name)] if rest else [])))
    return equations


def counts_of(spec):
    counts = dict(spec["counts"])
    for total, parts, name in spec["partitions"]:
        rest = counts[total] - sum(counts[p] for p in parts)
        if rest:
            counts[Remainder(total, name)] = rest
    return counts


def system(equations, decisions, counts):
    """The hidden cells, and A x = b over them, from everything the reader sees."""
    unknown = sorted(hidden(decisions), key=repr)
    column = {key: j for j, key in enumerate(unknown)}
    a = np.zeros((len(equations), len(unknown)))
    b = np.zeros(len(equations))
    for i, (total, *parts) in enumerate(equations):
        for key, sign in [(total, 1), *((p, -1) for p in parts)]:
            if key in column:
                a[i, column[key]] = sign
            else:
                b[i] -= sign * counts[key]
    return unknown, a, b


def in_row_space(a, vector):
    if not a.size:
        return False
    return np.linalg.matrix_rank(np.vstack([a, vector])) == np.linalg.matrix_rank(a)


def assert_no_small_derivable_group(equations, decisions, counts, minimum):
    unknown, a, _ = system(equations, decisions, counts)
    small = [j for j, key in enumerate(unknown) if counts[key] < minimum]
    for size in range(1, len(small) + 1 if len(small) <= 10 else 4):
        for group in itertools.combinations(small, size):
            if 0 < sum(counts[unknown[j]] for j in group) < minimum:
                indicator = np.zeros(len(unknown))
                indicator[list(group)] = 1
                assert not in_row_space(a, indicator), [unknown[j] for j in group]


def integer_range(a, b, column):
    """The smallest and largest whole count the reader can find for one hidden cell."""
    bounds = []
    for sense in (1, -1):
        objective = np.zeros(a.shape[1])
        objective[column] = sense
        result = milp(
            objective,
            constraints=LinearConstraint(a, b, b),
            integrality=np.ones(a.shape[1]),
            bounds=Bounds(0, np.inf),
        )
        # Unbounded above when no equation caps the cell.
        bounds.append(round(sense * result.fun) if result.success else math.inf)
    return bounds[0], bounds[1]


@st.composite
def reports(draw):
    """A random report: a unit tree in one or two waves, with breakdowns and a cross table."""
    minimum = draw(st.sampled_from([3, 5, 7]))
    size = draw(st.integers(1, 7))
    parents = [None] + [draw(st.integers(0, i - 1)) for i in range(1, size)]
    with_members = draw(st.booleans())
    spec = {"counts": {}, "members": {}, "units": [], "partitions": [], "links": []}
    direct = [draw(st.integers(0, 9)) for _ in range(size)]
    absent = [draw(st.integers(0, 3)) for _ in range(size)]
    for wave in (1, 2)[: draw(st.integers(1, 2))]:
        if wave == 2:
            direct = [max(0, d + draw(st.integers(-3, 3))) for d in direct]
        subtree = [direct[i] for i in range(size)]
        members = [direct[i] + absent[i] for i in range(size)]
        for i in reversed(range(1, size)):
            subtree[parents[i]] += subtree[i]
            members[parents[i]] += members[i]
        for i in range(size):
            key = ("unit", wave, i)
            parent = None if parents[i] is None else ("unit", wave, parents[i])
            spec["counts"][key] = subtree[i]
            spec["members"][key] = members[i] if with_members else None
            spec["units"].append((key, parent))
        for i in range(size):
            children = [("unit", wave, j) for j in range(size) if parents[j] == i]
            if children:
                spec["partitions"].append((("unit", wave, i), children, UNITS))
        for i in draw(st.sets(st.integers(0, size - 1), max_size=2)):
            total = subtree[i]
            shares = draw(st.lists(st.integers(0, 12), min_size=2, max_size=3))
            scale = max(1, sum(shares))
            categories = {("age", wave, i, c): share * total // scale for c, share in enumerate(shares)}
            for key, count in categories.items():
                spec["counts"][key] = count
                spec["members"][key] = None
            spec["partitions"].append((("unit", wave, i), list(categories), "age"))
        if draw(st.booleans()):
            add_cross_table(draw, spec, wave, ("unit", wave, 0))
        if wave == 2:
            add_links(draw, spec, size)
    policy = DisclosurePolicy(minimum, draw(st.sampled_from([None, minimum, minimum + 2])))
    return spec, policy


def add_cross_table(draw, spec, wave, unit):
    """Job type x tenure within a unit: rows and columns are breakdowns, the cells partition both."""
    cells = {(r, c): draw(st.integers(0, 9)) for r in range(2) for c in range(draw(st.integers(2, 3)))}
    rows = {("job", wave, r): sum(n for (i, _), n in cells.items() if i == r) for r in range(2)}
    columns = {
        ("tenure", wave, c): sum(n for (_, j), n in cells.items() if j == c) for c in {c for _, c in cells}
    }
    if sum(cells.values()) > spec["counts"][unit]:
        return
    for key, count in {**rows, **columns, **{("cross", wave, *k): n for k, n in cells.items()}}.items():
        spec["counts"][key] = count
        spec["members"][key] = None
    spec["partitions"].append((unit, list(rows), "job"))
    spec["partitions"].append((unit, list(columns), "tenure"))
    for r in range(2):
        spec["partitions"].append(
            (("job", wave, r), [("cross", wave, r, c) for (i, c) in cells if i == r], "tenure")
        )
    for c in {c for _, c in cells}:
        spec["partitions"].append(
            (("tenure", wave, c), [("cross", wave, r, c) for (r, j) in cells if j == c], "job")
        )


def add_links(draw, spec, size):
    for i in range(size):
        earlier, later = spec["counts"][("unit", 1, i)], spec["counts"][("unit", 2, i)]
        flows = None
        if draw(st.booleans()):
            left = draw(st.integers(max(0, earlier - later), max(0, earlier - later) + 3))
            flows = (later - earlier + left, left)
        spec["links"].append((("unit", 1, i), ("unit", 2, i), flows))


def build(spec):
    problem = DisclosureProblem()
    partition_keys = {(total, name) for total, _, name in spec["partitions"] if name != UNITS}
    for key, parent in spec["units"]:
        problem.add_unit(key, spec["counts"][key], spec["members"][key], parent)
    for key, count in spec["counts"].items():
        if key[0] != "unit":
            problem.add_cell(key, count, spec["members"][key])
    for total, parts, name in spec["partitions"]:
        if (total, name) in partition_keys:
            problem.add_partition(total, parts, name)
    for earlier, later, flows in spec["links"]:
        problem.add_wave_link(earlier, later, *(flows or (None, None)))
    return problem


ATTACK = settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@ATTACK
@given(reports())
def test_published_cells_meet_the_minimum(report):
    spec, policy = report
    decisions = decide(build(spec), policy)
    for key, decision in decisions.items():
        if decision.published:
            members = spec["members"].get(key)
            assert policy.allows(counts_of(spec)[key], members)


@ATTACK
@given(reports())
def test_no_hidden_cell_under_the_minimum_is_derivable(report):
    spec, policy = report
    decisions = decide(build(spec), policy)
    counts = counts_of(spec)
    unknown, a, _ = system(equations_of(spec), decisions, counts)
    for j, key in enumerate(unknown):
        if decisions[key].reason in (BELOW_MINIMUM, WAVE_DIFFERENCE):
            assert not in_row_space(a, np.eye(len(unknown))[j]), key


@ATTACK
@given(reports())
def test_no_group_under_the_minimum_is_derivable(report):
    spec, policy = report
    decisions = decide(build(spec), policy)
    assert_no_small_derivable_group(equations_of(spec), decisions, counts_of(spec), policy.min_respondents)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_whole_counts_do_not_pin_a_small_hidden_cell(report):
    # The attacker also knows counts are whole and never negative (an integer program per cell).
    spec, policy = report
    decisions = decide(build(spec), policy)
    counts = counts_of(spec)
    unknown, a, b = system(equations_of(spec), decisions, counts)
    for j, key in enumerate(unknown):
        if decisions[key].reason == BELOW_MINIMUM and counts[key] < policy.min_respondents and a[:, j].any():
            low, high = integer_range(a, b, j)
            assert low < high, (key, low, high)


@ATTACK
@given(reports())
def test_shown_trends_single_out_nobody(report):
    spec, policy = report
    decisions = decide(build(spec), policy)
    for earlier, later, flows in spec["links"]:
        if trend_allowed(decisions, earlier, later):
            change = spec["counts"][later] - spec["counts"][earlier]
            if flows is None:
                assert change == 0 or abs(change) >= policy.min_respondents
            else:
                assert not (min(flows) == 0 and 0 < max(flows) < policy.min_respondents)


# Speed


def test_a_report_of_thousands_of_cells_is_decided_well_under_a_second():
    # 2 waves x 20 departments x 12 teams, each team with two breakdowns: about 2,500 cells.
    problem = DisclosureProblem()
    for wave in (1, 2):
        departments = [[3 + (7 * d + 5 * t + wave) % 19 for t in range(12)] for d in range(20)]
        problem.add_unit(("org", wave), sum(map(sum, departments)))
        for d, teams in enumerate(departments):
            dept = ("dept", wave, d)
            problem.add_unit(dept, sum(teams), parent=("org", wave))
            for t, n in enumerate(teams):
                team = ("team", wave, d, t)
                problem.add_unit(team, n, parent=dept)
                problem.add_breakdown(team, "age", {(team, "age", a): (n + a) // 3 for a in range(3)})
                problem.add_breakdown(team, "job", {(team, "job", 0): n // 2, (team, "job", 1): n - n // 2})
    for d in range(20):
        problem.add_wave_link(("dept", 1, d), ("dept", 2, d))
    started = time.perf_counter()
    decisions = decide(problem, FIVE)
    elapsed = time.perf_counter() - started
    assert len(decisions) > 2_000
    assert hidden(decisions)
    assert elapsed < 1.0, elapsed
