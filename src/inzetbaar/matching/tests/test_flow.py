"""The whole path in services: a round with the engine, human decisions, an introduction with
per-introduction consent, the work floor, a placement with follow-ups, durable work and exits."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from inzetbaar.core.models import AuditEvent, ConsentPurpose
from inzetbaar.matching import access, services
from inzetbaar.matching.models import (
    Decision,
    Introduction,
    IntroductionStatus,
    Outcome,
    Proposal,
    RoundStatus,
    SeatClass,
    Stage,
)

pytestmark = pytest.mark.django_db


def run(world, seed=7):
    return services.run_round(world.client_manager, world.municipality_org, region=world.region, seed=seed)


def test_round_matches_each_candidate_to_the_fitting_opening_and_keeps_its_inputs(world):
    matching_round = run(world)
    proposals = {p.candidate: p for p in matching_round.proposals.all()}
    assert proposals[world.candidate].opening == world.care
    assert proposals[world.other_candidate].opening == world.warehouse
    assert matching_round.seed == 7
    assert [c["id"] for c in matching_round.profiles["candidates"]] == [
        world.candidate.pseudonym,
        world.other_candidate.pseudonym,
    ]
    # No name or e-mail address goes into the engine's input.
    assert "anna" not in str(matching_round.profiles).lower()
    explanation = proposals[world.candidate].explanation
    assert explanation["candidate_rank"] == 1 and set(explanation["factors"]) >= {"skills", "travel"}
    assert services.reproduces(matching_round)
    assert AuditEvent.objects.filter(event="matching_round_run", details__seed=7).exists()


def test_a_stored_result_that_differs_is_not_reproduced(world):
    matching_round = run(world)
    matching_round.result["assignment"] = dict.fromkeys(matching_round.result["assignment"])
    assert not services.reproduces(matching_round)


def test_only_consenting_active_candidates_and_open_openings_take_part(world):
    from inzetbaar.core import services as core_services

    core_services.revoke_consent(world.other_candidate.person, ConsentPurpose.MATCHING, world.other_candidate)
    world.care.is_open = False
    world.care.save()
    candidates, openings = services.round_pool(world.municipality_org, world.region)
    assert candidates == [world.candidate]
    assert openings == [world.warehouse]


def test_without_an_agreement_the_municipality_reaches_no_openings(world):
    world.municipality_org.agreements_received.all().delete()
    with pytest.raises(services.MatchingError):
        run(world)


def test_decisions_need_a_reason_and_only_accepted_or_changed_proposals_become_introductions(world):
    matching_round = run(world)
    anna = matching_round.proposals.get(candidate=world.candidate)
    bram = matching_round.proposals.get(candidate=world.other_candidate)
    with pytest.raises(services.MatchingError):
        services.decide(world.client_manager, anna, Decision.ACCEPTED, "  ")
    with pytest.raises(services.MatchingError):
        services.decide(world.client_manager, anna, Decision.CHANGED, "ander werk", opening=world.care)
    assert services.decide(world.client_manager, bram, Decision.REJECTED, "Eerst taalcursus") is None
    introduction = services.decide(
        world.client_manager, anna, Decision.CHANGED, "Liever eerst proefplaatsing", opening=world.warehouse
    )
    assert introduction.opening == world.warehouse and introduction.status == IntroductionStatus.PROPOSED
    with pytest.raises(services.MatchingError):
        services.decide(world.client_manager, anna, Decision.ACCEPTED, "toch")
    event = AuditEvent.objects.get(event="proposal_decided", object_id=str(anna.pk))
    assert event.reason == "Liever eerst proefplaatsing" and event.details["decision"] == "changed"
    services.finish_round(world.client_manager, matching_round)
    matching_round.refresh_from_db()
    assert matching_round.status == RoundStatus.FINISHED


def test_a_round_is_finished_only_when_every_proposal_is_decided(world):
    matching_round = run(world)
    with pytest.raises(services.MatchingError):
        services.finish_round(world.client_manager, matching_round)


def accepted_introduction(world) -> Introduction:
    proposal = run(world).proposals.get(candidate=world.candidate)
    return services.decide(world.client_manager, proposal, Decision.ACCEPTED, "Past goed")


def test_consent_is_per_introduction_recorded_and_revocable(world):
    introduction = accepted_introduction(world)
    assert not access.introduction_consented(introduction)
    services.consent_to_introduction(world.candidate.person, introduction, True)
    assert access.introduction_consented(introduction)
    services.consent_to_introduction(world.candidate.person, introduction, False)
    assert not access.introduction_consented(introduction)
    assert list(
        AuditEvent.objects.filter(
            subject=world.candidate.person, event__startswith="consent_", object_type="matching.introduction"
        ).values_list("event", flat=True)
    ) == ["consent_revoked", "consent_granted"]
    with pytest.raises(services.MatchingError):
        services.consent_to_introduction(world.other_candidate.person, introduction, True)


def test_reminders_go_once_before_a_scheduled_introduction(world):
    introduction = accepted_introduction(world)
    when = timezone.now() + datetime.timedelta(days=1)
    services.schedule(world.relationship_manager, introduction, when, "Receptie", introduction.version)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert mail.outbox[0].to == [world.candidate.person.email]


def test_a_second_editor_is_told_not_overwritten(world):
    introduction = accepted_introduction(world)
    read_by_both = introduction.version
    first = Introduction.objects.get(pk=introduction.pk)
    second = Introduction.objects.get(pk=introduction.pk)
    services.record_outcome(world.client_manager, first, "candidate", Outcome.CONTINUE, "Leuk", read_by_both)
    with pytest.raises(services.StaleRecord):
        services.record_outcome(
            world.relationship_manager, second, "candidate", Outcome.STOP, "", read_by_both
        )
    introduction.refresh_from_db()
    assert introduction.candidate_outcome == Outcome.CONTINUE and introduction.candidate_note == "Leuk"


def held_with_employer_continue(world) -> Introduction:
    introduction = accepted_introduction(world)
    services.record_outcome(
        world.client_manager, introduction, "candidate", Outcome.CONTINUE, "", introduction.version
    )
    services.record_outcome(
        world.employer_hr, introduction, "employer", Outcome.CONTINUE, "", introduction.version
    )
    return introduction


def contract(start, benefit_after="unchanged"):
    return {
        "contract_start": start,
        "contract_hours": 24,
        "contract_type": "temporary",
        "wage_subsidy": True,
        "no_risk_policy": False,
        "job_coach": True,
        "benefit_after": benefit_after,
    }


def test_work_floor_needs_an_employer_who_wants_to_continue(world):
    introduction = accepted_introduction(world)
    services.record_outcome(
        world.employer_hr, introduction, "employer", Outcome.STOP, "", introduction.version
    )
    with pytest.raises(services.MatchingError):
        services.start_work_floor(
            world.client_manager, introduction, SeatClass.TRIAL_PLACEMENT, timezone.localdate(), None
        )


def test_from_work_floor_to_durable_placement_with_follow_ups(world):
    introduction = held_with_employer_continue(world)
    start = datetime.date(2025, 1, 6)
    placement = services.start_work_floor(
        world.client_manager,
        introduction,
        SeatClass.TRIAL_PLACEMENT,
        start,
        start + datetime.timedelta(days=60),
    )
    assert placement.stage == Stage.WORK_FLOOR
    placement = services.place(
        world.client_manager, introduction, contract(datetime.date(2025, 3, 31)), placement.version
    )
    assert placement.stage == Stage.PLACED
    assert [(f.months, f.due_on) for f in placement.follow_ups.all()] == [
        (3, datetime.date(2025, 6, 30)),
        (6, datetime.date(2025, 9, 30)),
        (12, datetime.date(2026, 3, 31)),
    ]
    world.candidate.refresh_from_db()
    assert world.candidate.status == "at_work"
    three, six, _twelve = placement.follow_ups.all()
    services.complete_follow_up(world.client_manager, three, True, "ended", on=three.due_on)
    placement.refresh_from_db()
    assert placement.stage == Stage.PLACED  # only 3 months
    services.complete_follow_up(world.client_manager, six, True, "ended", on=six.due_on)
    placement.refresh_from_db()
    assert placement.stage == Stage.DURABLE and placement.durable_on == six.due_on


def test_durable_needs_the_benefit_to_change_unless_configured_otherwise(world, settings):
    introduction = held_with_employer_continue(world)
    placement = services.place(world.client_manager, introduction, contract(datetime.date(2025, 1, 1)))
    assert not services.is_durable(placement, datetime.date(2025, 12, 1))  # benefit unchanged
    settings.MATCHING_DURABLE_NEEDS_BENEFIT_CHANGE = False
    assert services.is_durable(placement, datetime.date(2025, 7, 1))
    settings.MATCHING_DURABLE_MONTHS = 12
    assert not services.is_durable(placement, datetime.date(2025, 12, 31))


def test_an_exit_records_its_reason_and_drops_open_follow_ups(world):
    introduction = held_with_employer_continue(world)
    placement = services.place(world.client_manager, introduction, contract(datetime.date(2025, 1, 1)))
    services.exit_placement(
        world.client_manager, placement, datetime.date(2025, 2, 1), "did_not_fit", placement.version
    )
    placement.refresh_from_db()
    assert (placement.stage, placement.exit_reason) == (Stage.EXITED, "did_not_fit")
    assert not placement.follow_ups.exists()
    world.candidate.refresh_from_db()
    assert world.candidate.status == "active"
    with pytest.raises(services.MatchingError):
        services.exit_placement(
            world.client_manager, placement, datetime.date(2025, 2, 1), "other", placement.version
        )


def test_text_similarity_with_the_shipped_model(world, settings):
    settings.MATCHING_TEXT_SIMILARITY = True
    matching_round = run(world)
    factors = Proposal.objects.get(round=matching_round, candidate=world.candidate).explanation["factors"]
    assert factors["text"] > 0
