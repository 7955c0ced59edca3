"""Every matching view: only the permitted reach it (ownership tests), and what each user sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.models import AuditEvent, ConsentPurpose
from inzetbaar.core.roles import Capability
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.matching import services
from inzetbaar.matching.models import Decision, Outcome, Stage

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"matching:{name}", args=args)


@pytest.fixture
def flow(world):
    """A round with Anna's proposal accepted (an introduction), Bram's still pending."""
    matching_round = services.run_round(
        world.client_manager, world.municipality_org, region=world.region, seed=3
    )
    anna = matching_round.proposals.get(candidate=world.candidate)
    introduction = services.decide(world.client_manager, anna, Decision.ACCEPTED, "Past goed")
    return matching_round, introduction


def test_client_manager_pages_are_theirs_only(client, world, flow):
    matching_round, introduction = flow
    org, slug, owner = world.municipality_org, world.municipality_org.slug, world.client_manager
    for name, args, capability in [
        ("candidates", [], Capability.MANAGE_CANDIDATES),
        ("candidate", [world.candidate.pk], Capability.MANAGE_CANDIDATES),
        ("rounds", [], Capability.RUN_MATCHING),
        ("round", [matching_round.pk], Capability.RUN_MATCHING),
        ("introductions", [], Capability.RUN_MATCHING),
        ("introduction", [introduction.pk], Capability.RUN_MATCHING),
        ("figures", [], Capability.VIEW_MATCHING_FIGURES),
        ("figures_csv", [], Capability.VIEW_MATCHING_FIGURES),
        ("figures_xlsx", [], Capability.VIEW_MATCHING_FIGURES),
    ]:
        assert_only_permitted(
            client, url(name, slug, *args), owner=owner, organisation=org, capability=capability
        )


def test_client_manager_actions_are_theirs_only(client, world, flow):
    matching_round, introduction = flow
    org, slug, owner = world.municipality_org, world.municipality_org.slug, world.client_manager
    bram = matching_round.proposals.get(candidate=world.other_candidate)
    when = (timezone.now() + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    for name, args, data in [
        ("proposal_decide", [bram.pk], {f"p{bram.pk}-decision": "rejected", f"p{bram.pk}-reason": "Niet nu"}),
        ("round_finish", [matching_round.pk], {}),
        (
            "introduction",
            [introduction.pk],
            {
                "step": "schedule",
                "schedule-read_version": 1,
                "schedule-scheduled_at": when,
                "schedule-place": "Hal",
            },
        ),
        ("rounds", [], {"seed": 5}),
    ]:
        assert_only_permitted(
            client,
            url(name, slug, *args),
            owner=owner,
            organisation=org,
            capability=Capability.RUN_MATCHING,
            method="post",
            data=data,
        )
    bram.refresh_from_db()
    assert bram.decision == Decision.REJECTED and bram.reason == "Niet nu"
    introduction.refresh_from_db()
    assert introduction.place == "Hal"


def test_relationship_manager_pages_are_theirs_only(client, world, flow):
    org, slug, owner = world.service_point, world.service_point.slug, world.relationship_manager
    employer = world.employer.pk
    for name, args in [("employers", []), ("employer", [employer])]:
        assert_only_permitted(
            client,
            url(name, slug, *args),
            owner=owner,
            organisation=org,
            capability=Capability.MANAGE_EMPLOYERS,
        )
    assert_only_permitted(
        client,
        url("contact_add", slug, employer),
        owner=owner,
        organisation=org,
        capability=Capability.MANAGE_EMPLOYERS,
        method="post",
        data={
            "on": "2026-01-05",
            "kind": "visit",
            "outcome": "Wil twee plekken",
            "next_step": "Vacature maken",
        },
    )
    assert_only_permitted(
        client,
        url("opening_add", slug, employer),
        owner=owner,
        organisation=org,
        capability=Capability.MANAGE_EMPLOYERS,
        method="post",
        data={"title": "Schoonmaker", "seat_class": "work_experience", "capacity": 2, "reserved_seats": 1},
    )
    assert_only_permitted(
        client,
        url("ask_satisfaction", slug),
        owner=owner,
        organisation=org,
        capability=Capability.MANAGE_EMPLOYERS,
        method="post",
    )
    assert world.service_point.campaigns.get().invitations.get().person == world.employer_hr
    assert world.employer.contacts.get().outcome == "Wil twee plekken"
    assert world.employer.openings.filter(title="Schoonmaker", reserved_seats=1).exists()


def test_the_employers_own_pages_are_theirs_only(client, world, flow):
    _round, introduction = flow
    org, slug, owner = world.employer_org, world.employer_org.slug, world.employer_hr
    assert_only_permitted(
        client,
        url("employer_home", slug),
        owner=owner,
        organisation=org,
        capability=Capability.EMPLOYER_MATCHING,
    )
    assert_only_permitted(
        client,
        url("employer_introduction", slug, introduction.pk),
        owner=owner,
        organisation=org,
        capability=Capability.EMPLOYER_MATCHING,
    )
    assert_only_permitted(
        client,
        url("employer_introduction", slug, introduction.pk),
        owner=owner,
        organisation=org,
        capability=Capability.EMPLOYER_MATCHING,
        method="post",
        data={"read_version": introduction.version, "outcome": "continue", "note": "Goed gesprek"},
    )
    introduction.refresh_from_db()
    assert introduction.employer_outcome == Outcome.CONTINUE


def test_agreements_are_the_org_admins(client, world):
    from inzetbaar.core.roles import Role
    from inzetbaar.core.tests.factories import MembershipFactory

    admin = MembershipFactory(organisation=world.municipality_org, role=Role.ORG_ADMIN).user
    slug = world.municipality_org.slug
    assert_only_permitted(
        client,
        url("agreements", slug),
        owner=admin,
        organisation=world.municipality_org,
        capability=Capability.MANAGE_AGREEMENTS,
    )
    assert_only_permitted(
        client,
        url("agreements", slug),
        owner=admin,
        organisation=world.municipality_org,
        capability=Capability.MANAGE_AGREEMENTS,
        method="post",
        data={"partner": world.service_point.pk, "shares_candidates": "on", "start": "2026-01-01"},
    )
    assert world.municipality_org.agreements_given.get().partner == world.service_point


def test_the_candidates_own_pages_are_theirs_only(client, world, flow):
    _round, introduction = flow
    person, org = world.candidate.person, world.municipality_org
    assert_only_permitted(client, url("my_profile"), owner=person, organisation=org, capability=None)
    assert_only_permitted(
        client, url("my_introduction", introduction.pk), owner=person, organisation=org, capability=None
    )
    client.force_login(world.other_candidate.person)
    assert client.get(url("my_introduction", introduction.pk)).status_code == 404


def test_employer_sees_an_anonymous_card_until_the_candidate_consents(client, world, flow):
    _round, introduction = flow
    page = url("employer_introduction", world.employer_org.slug, introduction.pk)
    client.force_login(world.employer_hr)
    anonymous = client.get(page).content.decode()
    assert world.candidate.pseudonym in anonymous and "ouderenzorg" in anonymous
    assert world.candidate.person.full_name not in anonymous and world.candidate.person.email not in anonymous
    assert (
        world.candidate.person.full_name
        not in client.get(url("employer_home", world.employer_org.slug)).content.decode()
    )
    client.force_login(world.candidate.person)
    client.post(url("my_introduction", introduction.pk), {"step": "consent"})
    client.force_login(world.employer_hr)
    named = client.get(page).content.decode()
    assert world.candidate.person.full_name in named and world.candidate.person.email in named
    assert AuditEvent.objects.filter(event="introduction_viewed", subject=world.candidate.person).count() == 1
    client.force_login(world.candidate.person)
    client.post(url("my_introduction", introduction.pk), {"step": "revoke"})
    client.force_login(world.employer_hr)
    assert world.candidate.person.full_name not in client.get(page).content.decode()


def test_partner_sees_a_shared_candidate_only_with_agreement_and_consent_and_is_audited(client, world):
    from inzetbaar.core import services as core_services
    from inzetbaar.core.models import OrganisationKind
    from inzetbaar.core.roles import Role
    from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory
    from inzetbaar.matching.models import PartnerAgreement

    uwv = OrganisationFactory(kind=OrganisationKind.UWV, region=world.region)
    partner = MembershipFactory(organisation=uwv, role=Role.CLIENT_MANAGER).user
    page = url("candidate", uwv.slug, world.candidate.pk)
    client.force_login(partner)
    assert client.get(page).status_code == 404  # no agreement
    agreement = PartnerAgreement.objects.create(
        owner=world.municipality_org, partner=uwv, shares_candidates=True
    )
    assert client.get(page).status_code == 404  # no consent to share
    core_services.grant_consent(world.candidate.person, ConsentPurpose.SHARE_WITH_PARTNERS, world.candidate)
    response = client.get(page)
    assert response.status_code == 200 and world.candidate.person.full_name in response.content.decode()
    event = AuditEvent.objects.get(event="candidate_viewed", actor=partner)
    assert event.subject == world.candidate.person and uwv.name in event.reason
    # Partners see, only the guiding organisation changes the profile.
    assert client.get(url("candidate_edit", uwv.slug, world.candidate.pk)).status_code == 404
    agreement.end = timezone.localdate() - datetime.timedelta(days=1)
    agreement.save()
    assert client.get(page).status_code == 404


def test_two_editors_of_a_candidate_profile(client, world):
    page = url("candidate_edit", world.municipality_org.slug, world.candidate.pk)
    client.force_login(world.client_manager)
    form = client.get(page).context["form"]
    data = {name: field.value() for name, field in ((f.name, f) for f in form) if field.value() is not None}
    data.update(skills="ouderenzorg", talents="", qualifications="", sectors="zorg", support_needs=[])
    first = dict(data, conditions="Alleen dagdienst")
    second = dict(data, conditions="Niet in het weekend")
    assert client.post(page, first).status_code == 302
    response = client.post(page, second)
    assert response.status_code == 200 and "intussen gewijzigd" in response.content.decode()
    world.candidate.refresh_from_db()
    assert world.candidate.conditions == "Alleen dagdienst"
    # Saving again after being told is a deliberate choice and goes through.
    again = dict(second, read_version=response.context["form"].data["read_version"])
    assert client.post(page, again).status_code == 302
    world.candidate.refresh_from_db()
    assert world.candidate.conditions == "Niet in het weekend"


def test_the_round_page_explains_proposals_and_checks_reproduction(client, world, flow):
    matching_round, _introduction = flow
    client.force_login(world.client_manager)
    page = client.get(
        url("round", world.municipality_org.slug, matching_round.pk) + "?controle=1"
    ).content.decode()
    assert "Vaardigheden" in page and "dezelfde uitkomst" in page


def test_the_path_through_the_pages_to_a_placement(client, world, flow):
    _round, introduction = flow
    slug = world.municipality_org.slug
    client.force_login(world.client_manager)
    page = url("introduction", slug, introduction.pk)
    client.post(page, {"step": "candidate", "candidate-read_version": 1, "candidate-outcome": "continue"})
    client.post(page, {"step": "employer", "employer-read_version": 2, "employer-outcome": "continue"})
    response = client.post(
        page,
        {
            "step": "place",
            "place-contract_start": "2025-01-06",
            "place-contract_hours": 24,
            "place-contract_type": "permanent",
            "place-job_coach": "on",
            "place-benefit_after": "ended",
        },
    )
    assert response.status_code == 302
    introduction.refresh_from_db()
    placement = introduction.placement
    assert placement.stage == Stage.PLACED and placement.job_coach and placement.follow_ups.count() == 3
    placement_page = url("placement", slug, placement.pk)
    assert_only_permitted(
        client,
        placement_page,
        owner=world.client_manager,
        organisation=world.municipality_org,
        capability=Capability.RUN_MATCHING,
    )
    for follow_up in placement.follow_ups.order_by("months")[:2]:
        client.force_login(world.client_manager)
        client.post(
            placement_page,
            {
                "step": "follow_up",
                "follow_up-follow_up": follow_up.pk,
                "follow_up-still_in_work": "1",
                "follow_up-benefit_after": "ended",
            },
        )
    placement.refresh_from_db()
    assert placement.stage == Stage.DURABLE  # today is long past six months after 2025-01-06
    twelve = placement.follow_ups.get(months=12)
    due = client.get(url("introductions", slug)).context["follow_ups"]
    assert list(due) == [twelve]  # overdue, so it is on the list of tasks
    stale = client.post(
        placement_page,
        {"step": "exit", "exit-read_version": 1, "exit-exit_on": "2026-01-01", "exit-exit_reason": "moved"},
    )
    assert "intussen gewijzigd" in stale.content.decode()
    placement.refresh_from_db()
    assert placement.stage == Stage.DURABLE


def test_figures_are_counted_from_the_records_and_exported(client, world, flow, settings):
    settings.MATCHING_MIN_GROUP = 1  # one placement; hiding small counts is tested in test_figures
    _round, introduction = flow
    services.record_outcome(
        world.client_manager, introduction, "candidate", Outcome.CONTINUE, "", introduction.version
    )
    services.record_outcome(
        world.client_manager, introduction, "employer", Outcome.CONTINUE, "", introduction.version
    )
    services.place(
        world.client_manager, introduction, {"contract_start": timezone.localdate(), "benefit_after": "ended"}
    )
    client.force_login(world.client_manager)
    page = client.get(
        url("figures", world.municipality_org.slug),
        {"breakdown": "benefit", "start": "2020-01-01", "end": timezone.localdate().isoformat()},
    )
    figures = page.context["figures"]
    assert figures.totals["placements"] == 1 and figures.totals["outflow"] == 1
    assert figures.rows["Participatiewet"]["placements"] == 1
    assert figures.median_days == (timezone.localdate() - world.candidate.intake_date).days
    assert "<svg" in page.content.decode()
    csv = client.get(
        url("figures_csv", world.municipality_org.slug),
        {"breakdown": "benefit", "start": "2020-01-01", "end": timezone.localdate().isoformat()},
    )
    assert "Participatiewet;0;0;1;0;1;0;1" in csv.content.decode()
    assert AuditEvent.objects.filter(event="matching_figures_exported").exists()


def test_a_client_manager_creates_a_profile_for_a_candidate_of_their_own(client, world):
    from inzetbaar.core.roles import Role
    from inzetbaar.core.tests.factories import MembershipFactory, UserFactory

    person = UserFactory(full_name="Cas Nieuw")
    MembershipFactory(organisation=world.municipality_org, role=Role.CANDIDATE, user=person)
    page = url("candidate_add", world.municipality_org.slug)
    data = {
        "person": person.pk,
        "intake_date": "2026-01-05",
        "skills": "schoonmaken, koken",
        "max_travel_minutes": 30,
        "travel_mode": "bicycle",
        "municipality": world.candidate.municipality_id,
        "status": "active",
        "support_needs": ["no_lifting"],
    }
    assert_only_permitted(
        client,
        page,
        owner=world.client_manager,
        organisation=world.municipality_org,
        capability=Capability.MANAGE_CANDIDATES,
        method="post",
        data=data,
    )
    profile = person.candidate_profile
    assert profile.organisation == world.municipality_org and profile.skills == ["schoonmaken", "koken"]
    assert profile.support_needs == ["no_lifting"] and profile.client_manager == world.client_manager
    client.force_login(world.client_manager)
    # Nobody else's people can be picked, and a second profile is refused.
    assert person not in client.get(page).context["form"].fields["person"].queryset
    assert world.other_candidate.person not in client.get(page).context["form"].fields["person"].queryset


def test_a_relationship_manager_lets_an_employer_join(client, world):
    from inzetbaar.core.models import OrganisationKind
    from inzetbaar.core.tests.factories import OrganisationFactory

    bakery = OrganisationFactory(kind=OrganisationKind.EMPLOYER, region=world.region, name="Bakkerij Brood")
    page = url("employer_join", world.service_point.slug)
    assert_only_permitted(
        client,
        page,
        owner=world.relationship_manager,
        organisation=world.service_point,
        capability=Capability.MANAGE_EMPLOYERS,
        method="post",
        data={"organisation": bakery.pk, "location": world.employer.location_id, "joined_on": "2026-02-01"},
    )
    profile = bakery.employer_profile
    assert (
        profile.service_point == world.service_point
        and profile.relationship_manager == world.relationship_manager
    )
    client.force_login(world.relationship_manager)
    assert bakery not in client.get(page).context["form"].fields["organisation"].queryset


def test_a_closed_opening_leaves_the_next_rounds(client, world):
    page = url("opening_toggle", world.service_point.slug, world.care.pk)
    assert_only_permitted(
        client,
        page,
        owner=world.relationship_manager,
        organisation=world.service_point,
        capability=Capability.MANAGE_EMPLOYERS,
        method="post",
    )
    world.care.refresh_from_db()
    assert not world.care.is_open
    assert world.care not in services.round_pool(world.municipality_org, world.region)[1]
    # A partner that only sees the employers cannot close their openings.
    client.force_login(world.client_manager)
    assert client.post(url("opening_toggle", world.municipality_org.slug, world.care.pk)).status_code in (
        403,
        404,
    )


def test_the_service_point_edits_an_opening_and_a_second_editor_is_told(client, world):
    page = url("opening_edit", world.service_point.slug, world.care.pk)
    assert_only_permitted(
        client,
        page,
        owner=world.relationship_manager,
        organisation=world.service_point,
        capability=Capability.MANAGE_EMPLOYERS,
    )
    client.force_login(world.relationship_manager)
    form = client.get(page).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    data["skills"] = "koken, hygiëne"
    data["offers"] = ["coaching"]
    second = dict(data, title="Zorgassistent (32 uur)")
    data["capacity"] = 3
    assert client.post(page, data).status_code == 302
    world.care.refresh_from_db()
    assert (world.care.capacity, world.care.skills, world.care.version) == (3, ["koken", "hygiëne"], 2)
    assert AuditEvent.objects.filter(event="employer_changed", object_id=str(world.care.pk)).exists()
    # The second editor read version 1: told, not saved, and the input stays on the form.
    stale = client.post(page, second)
    assert stale.status_code == 200 and "intussen gewijzigd" in stale.content.decode()
    world.care.refresh_from_db()
    assert world.care.title != "Zorgassistent (32 uur)" and world.care.capacity == 3
    # A partner that sees the employer cannot change its openings.
    client.force_login(world.client_manager)
    assert client.get(url("opening_edit", world.municipality_org.slug, world.care.pk)).status_code in (
        403,
        404,
    )


def test_ending_an_agreement_stops_the_sharing(client, world):
    from inzetbaar.core.roles import Role
    from inzetbaar.core.tests.factories import MembershipFactory
    from inzetbaar.matching import access

    agreement = world.service_point.agreements_given.get()
    admin = MembershipFactory(organisation=world.service_point, role=Role.ORG_ADMIN).user
    assert_only_permitted(
        client,
        url("agreement_end", world.service_point.slug, agreement.pk),
        owner=admin,
        organisation=world.service_point,
        capability=Capability.MANAGE_AGREEMENTS,
        method="post",
    )
    assert not access.openings_for(world.municipality_org).exists()


def test_a_large_round_is_paged_and_a_decision_returns_to_its_page(client, world):
    from inzetbaar.matching import views
    from inzetbaar.matching.tests.conftest import make_candidate

    world.care.capacity = 40
    world.care.save()
    for number in range(views.PROPOSALS_PER_PAGE + 3):
        make_candidate(
            world.municipality_org,
            world.candidate.municipality,
            f"zorg{number}@example.test",
            skills=["ouderenzorg"],
            passions="",
            sectors=["zorg"],
        )
    matching_round = services.run_round(
        world.client_manager, world.municipality_org, region=world.region, seed=2
    )
    assert matching_round.proposals.count() > views.PROPOSALS_PER_PAGE
    client.force_login(world.client_manager)
    page = url("round", world.municipality_org.slug, matching_round.pk)
    assert len(client.get(page).context["rows"]) == views.PROPOSALS_PER_PAGE
    last = matching_round.proposals.order_by("candidate__pseudonym").last()
    response = client.post(
        url("proposal_decide", world.municipality_org.slug, last.pk),
        {f"p{last.pk}-decision": "accepted", f"p{last.pk}-reason": "Past"},
    )
    assert response.url == f"{page}?pagina=2#voorstel-{last.pk}"
    assert last.pk in [row[0].pk for row in client.get(response.url).context["rows"]]
