"""The demo step: employers with openings, a finished round, introductions in every state, placements;
a second run adds nothing."""

import pytest

from inzetbaar.demo.generator import generate_demo
from inzetbaar.matching.models import (
    CandidateProfile,
    EmployerProfile,
    Introduction,
    IntroductionStatus,
    MatchingRound,
    Opening,
    Placement,
    RoundStatus,
    Stage,
)

pytestmark = pytest.mark.django_db


def test_demo_region_has_matching_in_every_state():
    generate_demo(seed=2026)
    counts = (
        EmployerProfile.objects.count(),
        Opening.objects.count(),
        CandidateProfile.objects.count(),
        Introduction.objects.count(),
        Placement.objects.count(),
    )
    assert EmployerProfile.objects.count() == 12
    assert MatchingRound.objects.get().status == RoundStatus.FINISHED
    assert set(Introduction.objects.values_list("status", flat=True)) == set(IntroductionStatus.values)
    assert set(Placement.objects.values_list("stage", flat=True)) == set(Stage.values)
    generate_demo(seed=2026)
    assert counts == (
        EmployerProfile.objects.count(),
        Opening.objects.count(),
        CandidateProfile.objects.count(),
        Introduction.objects.count(),
        Placement.objects.count(),
    )
