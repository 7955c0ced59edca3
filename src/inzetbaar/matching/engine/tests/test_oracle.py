"""The engine against a peer: the `matching` package's resident-optimal HospitalResident solver."""

import warnings

import numpy as np
import pytest
from matching.games import HospitalResident

from inzetbaar.matching.engine import parse_instance, solve

from .instances import random_instance

SIZES = [(5, 2, 2, 1), (12, 4, 3, 2), (40, 8, 5, 3), (120, 15, 8, 6)]


def oracle_assignment(data: dict) -> dict[str, str | None]:
    """The `matching` package's resident-optimal assignment, given only the mutually acceptable pairs."""
    ranked_by = {o["id"]: o["preferences"] for o in data["openings"]}
    resident_preferences = {
        c["id"]: [o for o in c["preferences"] if c["id"] in ranked_by[o]] for c in data["candidates"]
    }
    applicants = {o: {c for c, ranking in resident_preferences.items() if o in ranking} for o in ranked_by}
    hospital_preferences = {o: [c for c in ranked_by[o] if c in applicants[o]] for o in ranked_by}
    capacities = {o["id"]: o["capacity"] for o in data["openings"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about players with empty lists, which it drops
        game = HospitalResident.create_from_dictionaries(
            resident_preferences, hospital_preferences, capacities, clean=True
        )
        matching = game.solve(optimal="resident")
    assignment = dict.fromkeys(resident_preferences)
    for hospital, residents in matching.items():
        for resident in residents:
            assignment[resident.name] = hospital.name
    return assignment


@pytest.mark.parametrize(("n_candidates", "n_openings", "list_length", "max_capacity"), SIZES)
def test_same_assignment_as_the_matching_package_on_random_instances(
    n_candidates, n_openings, list_length, max_capacity
):
    rng = np.random.default_rng(n_candidates)
    for _ in range(60):
        data = random_instance(
            rng, n_candidates, n_openings, list_length, max_capacity, one_sided_entries=False
        )
        result = solve(parse_instance(data), seed=0)
        assert result["assignment"] == oracle_assignment(data)
        assert result["blocking_pairs"] == []


def test_same_assignment_when_openings_also_list_candidates_who_did_not_apply():
    rng = np.random.default_rng(7)
    for _ in range(60):
        data = random_instance(rng, 30, 6, 4, 3)
        for opening in data["openings"]:
            opening["capacity"] = max(opening["capacity"], 1)
        assert solve(parse_instance(data), seed=1)["assignment"] == oracle_assignment(data)
