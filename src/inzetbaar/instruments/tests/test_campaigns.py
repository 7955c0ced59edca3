"""Campaign services: waves, invitations with hashed tokens, save and resume, idempotent submit, reports."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from inzetbaar.core.models import AuditEvent
from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UnitFactory
from inzetbaar.instruments import reports, services
from inzetbaar.instruments.models import Invitation, Response

pytestmark = pytest.mark.django_db

HWA = "house_of_work_ability"


def hwa_answers(value: int = 4) -> dict:
    plan = services.plan(HWA, services.definition(HWA).version)
    return {v.id: (7 if v.id == "work_ability_score" else value) for v in plan.variable_info}


def make_org(team_sizes=(8, 3)):
    organisation = OrganisationFactory()
    department = UnitFactory(organisation=organisation, name="Zorg")
    teams = [UnitFactory(organisation=organisation, parent=department) for _ in team_sizes]
    for team, size in zip(teams, team_sizes, strict=True):
        for _ in range(size):
            MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, units=[team])
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    return organisation, department, teams, hr


def start(organisation, hr, *, anonymous=True, units=()):
    today = timezone.localdate()
    return services.start_campaign(
        hr,
        organisation=organisation,
        title="Meting",
        instrument_ids=[HWA],
        units=units,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        anonymous=anonymous,
    )


def answer_all(invitation, value=4):
    for page in services.pages_of(invitation.campaign):
        answers = {item.id: hwa_answers(value)[item.id] for item in page.group.items}
        services.save_page(invitation, page, answers)
    return services.submit(invitation)


def test_start_invites_everyone_in_scope_and_numbers_waves():
    organisation, _department, teams, hr = make_org()
    first = start(organisation, hr)
    assert first.invitations.count() == 11
    assert first.instruments.get().wave == 1
    only_team = start(organisation, hr, units=[teams[1]])
    assert only_team.invitations.count() == 3
    assert only_team.instruments.get().wave == 2
    assert AuditEvent.objects.filter(event="campaign_started").count() == 2


def test_token_is_stored_only_as_a_hash_and_finds_its_invitation():
    organisation, _department, _teams, hr = make_org()
    invitation = start(organisation, hr).invitations.first()
    token = services.token_of(invitation)
    assert token not in invitation.token_hash
    assert services.invitation_for_token(token) == invitation
    assert services.invitation_for_token(token + "x") is None


def test_invitations_and_reminders_are_mailed_to_who_has_not_answered():
    organisation, _department, _teams, hr = make_org((3,))
    campaign = start(organisation, hr)
    assert services.send_invitations(hr, campaign, base_url="http://testserver/") == 3
    assert services.send_invitations(hr, campaign, base_url="http://testserver/") == 0
    invitation = campaign.invitations.first()
    assert services.token_of(invitation) in mail.outbox[0].body or any(
        services.token_of(invitation) in m.body for m in mail.outbox
    )
    answer_all(invitation)
    mail.outbox.clear()
    assert services.send_reminders(hr, campaign, base_url="http://testserver/") == 2
    assert invitation.person.email not in {m.to[0] for m in mail.outbox}


def test_links_csv_has_a_working_link_per_person():
    organisation, _department, _teams, hr = make_org((2,))
    campaign = start(organisation, hr)
    body = services.personal_links_csv(hr, campaign, base_url="http://testserver/")
    lines = body.strip().splitlines()
    assert len(lines) == 3
    token = lines[1].rsplit("/", 2)[-2]
    assert services.invitation_for_token(token).campaign == campaign


def test_save_and_resume_keeps_answers_on_the_invitation():
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr).invitations.first()
    page = services.pages_of(invitation.campaign)[0]
    services.save_page(invitation, page, {"health_fit": 2})
    again = Invitation.objects.get(pk=invitation.pk)
    assert again.draft == {HWA: {"health_fit": 2}}
    assert again.page_reached == 1


def test_submit_is_idempotent_and_anonymous_responses_have_no_person():
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr).invitations.first()
    created = answer_all(invitation)
    assert len(created) == 1
    assert services.submit(invitation) == []
    assert Response.objects.count() == 1
    response = Response.objects.get()
    assert response.respondent is None
    assert Invitation.objects.get(pk=invitation.pk).draft == {}
    assert len(response.vector) == len(services.plan(HWA, response.instrument_version).variables)


def test_identified_submit_twice_returns_the_same_response():
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr, anonymous=False).invitations.first()
    first = answer_all(invitation)
    assert services.submit(invitation) == first
    assert Response.objects.get().respondent == invitation.person


def test_submit_with_missing_answers_names_the_page_and_stores_nothing():
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr).invitations.first()
    pages = services.pages_of(invitation.campaign)
    services.save_page(invitation, pages[0], {item.id: 3 for item in pages[0].group.items})
    with pytest.raises(services.SubmitError) as error:
        services.submit(invitation)
    assert error.value.page == 2
    assert not Response.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).completed_at is None


def test_individual_result_compares_with_the_previous_wave():
    organisation, _department, _teams, hr = make_org((2,))
    first = start(organisation, hr, anonymous=False).invitations.order_by("person").first()
    answer_all(first, value=2)
    second = start(organisation, hr, anonymous=False).invitations.get(person=first.person)
    (response,) = answer_all(second, value=5)
    result = services.individual_result(response)
    health = next(s for s in result.scales if s.id == "health")
    assert result.previous_wave == 1
    assert health.previous is not None and health.score > health.previous
    assert health.band and health.advice
    assert health.range == (1, 5)


def test_group_report_hides_a_small_team_and_its_complement():
    organisation, department, teams, hr = make_org((8, 3))
    campaign = start(organisation, hr)
    for invitation in campaign.invitations.all():
        answer_all(invitation)
    report = reports.group_report(campaign, campaign.instruments.get(), hr)
    by_label = {row.label: row for row in report.rows}
    assert by_label[organisation.name].published
    assert not by_label[teams[1].name].published
    assert by_label[teams[1].name].means == [None] * len(report.scales)
    # With the small team hidden, the large one must hide too, or department minus it gives the rest.
    assert not by_label[teams[0].name].published or not by_label[department.name].published
    assert "Zorg" in reports.report_csv(report)


def test_manager_report_shows_only_their_units():
    organisation, _department, teams, hr = make_org((8, 8))
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[teams[0]]).user
    campaign = start(organisation, hr)
    report = reports.group_report(campaign, campaign.instruments.get(), manager)
    assert [row.unit for row in report.rows] == [teams[0]]
    rates, minimum = reports.response_rates(campaign, manager)
    assert minimum == 7 and [row.unit for row in rates] == [teams[0]]
