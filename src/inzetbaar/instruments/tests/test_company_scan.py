"""The company scan: invitations per perspective role, responses that keep their perspective, and the
report that sets the perspectives side by side per theme, for the organisation's report readers only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UnitFactory
from inzetbaar.instruments import company_scan, services

from .test_campaigns import HWA

pytestmark = pytest.mark.django_db

SCAN = "company_scan"


def member(organisation, *roles, units=()):
    first = MembershipFactory(organisation=organisation, role=roles[0], units=list(units))
    for role in roles[1:]:
        MembershipFactory(organisation=organisation, role=role, user=first.user)
    return first.user


@pytest.fixture
def scan_org():
    organisation = OrganisationFactory()
    team = UnitFactory(organisation=organisation)
    people = {
        "manager_a": member(organisation, Role.MANAGER, units=[team]),
        "manager_b": member(organisation, Role.MANAGER, units=[team]),
        "org_admin": member(organisation, Role.ORG_ADMIN),
        "hr": member(organisation, Role.HR),
        "works_council": member(organisation, Role.WORKS_COUNCIL, Role.EMPLOYEE, units=[team]),
        "hr_and_council": member(organisation, Role.HR, Role.WORKS_COUNCIL),
        "employee": member(organisation, Role.EMPLOYEE, units=[team]),
    }
    return organisation, people


def start_scan(organisation, actor, instrument_ids=(SCAN,), units=()):
    today = timezone.localdate()
    return services.start_campaign(
        actor,
        organisation=organisation,
        title="Bedrijfsscan",
        instrument_ids=list(instrument_ids),
        units=units,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        anonymous=True,
    )


def answer(invitation, outflow, rest=2):
    """Answer every page: the outflow items as given (None = skipped), every other item ``rest``."""
    given = dict(zip(("outflow_1", "outflow_2", "outflow_3"), outflow, strict=True))
    for page in services.pages_of(invitation.campaign):
        answers = {item.id: given.get(item.id, rest) for item in page.group.items}
        services.save_page(invitation, page, {k: v for k, v in answers.items() if v is not None})
    return services.submit(invitation)


def test_company_scan_is_offered_and_invites_the_perspective_roles_once_each(scan_org):
    organisation, people = scan_org
    assert SCAN in dict(services.campaign_instrument_choices(organisation))
    campaign = start_scan(organisation, people["hr"])
    invited = dict(campaign.invitations.values_list("person__email", "perspective"))
    assert invited == {
        people["manager_a"].email: "management",
        people["manager_b"].email: "management",
        people["org_admin"].email: "management",
        people["hr"].email: "hr",
        people["works_council"].email: "works_council",
        # Two perspective roles: answers once, for the first perspective in PERSPECTIVE_ROLES.
        people["hr_and_council"].email: "works_council",
    }
    assert not campaign.invitations.exclude(unit=None).exists()


def test_a_company_scan_stands_alone_for_the_whole_organisation(scan_org):
    organisation, people = scan_org
    with pytest.raises(services.CampaignError):
        start_scan(organisation, people["hr"], instrument_ids=(SCAN, HWA))
    with pytest.raises(services.CampaignError):
        start_scan(organisation, people["hr"], units=[organisation.units.get()])


def test_report_means_per_perspective_equal_a_hand_computation(scan_org):
    organisation, people = scan_org
    campaign = start_scan(organisation, people["hr"])
    invitations = {i.person_id: i for i in campaign.invitations.all()}
    answer(invitations[people["manager_a"].pk], (4, 4, 4))
    answer(invitations[people["manager_b"].pk], (2, 2, 3))
    answer(invitations[people["hr"].pk], (1, 1, 2))
    answer(invitations[people["works_council"].pk], (3, None, 3))
    # The org admin and the HR/works-council member do not answer.
    found = company_scan.perspective_report(campaign, campaign.instruments.get())
    assert [(p.id, p.invited, p.respondents) for p in found.perspectives] == [
        ("management", 3, 2),
        ("hr", 1, 1),
        ("works_council", 2, 1),
    ]
    themes = {theme.id: theme for theme in found.themes}
    assert list(themes) == ["outflow", "healthy_work", "lifelong_learning", "talent", "leadership", "policy"]
    management = (4 + (2 + 2 + 3) / 3) / 2
    hr = (1 + 1 + 2) / 3
    assert themes["outflow"].means == pytest.approx([management, hr, 3.0])
    assert themes["outflow"].spread == pytest.approx(management - hr)
    assert themes["outflow"].most_different
    assert themes["policy"].means == pytest.approx([2.0, 2.0, 2.0])
    assert themes["policy"].spread == 0 and not themes["policy"].most_different
    bars = themes["outflow"].chart.bars
    assert [bar.label for bar in bars] == ["Directie en management", "HR", "Ondernemingsraad"]
    assert float(bars[1].width) == pytest.approx(240 * (hr - 1) / 3, abs=0.05)


def test_report_page_shows_the_perspectives_and_where_they_differ(client, scan_org):
    organisation, people = scan_org
    campaign = start_scan(organisation, people["hr"])
    invitations = {i.person_id: i for i in campaign.invitations.all()}
    answer(invitations[people["manager_a"].pk], (4, 4, 4))
    answer(invitations[people["hr"].pk], (1, 1, 1))
    client.force_login(people["manager_b"])
    page = client.get(reverse("instruments:report", args=[organisation.slug, campaign.pk, SCAN]))
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("Hier verschillen de perspectieven het meest.") == 1
    assert body.count("<svg") == 6
    assert "3,00" in body  # the difference on outflow, 4 − 1, in Dutch


def test_company_scan_report_only_for_report_readers_of_the_organisation(client, scan_org):
    organisation, people = scan_org
    campaign = start_scan(organisation, people["hr"])
    url = reverse("instruments:report", args=[organisation.slug, campaign.pk, SCAN])
    for reader in ("hr", "org_admin", "works_council", "manager_a"):
        client.force_login(people[reader])
        assert client.get(url).status_code == 200, reader
    client.force_login(people["employee"])
    assert client.get(url).status_code == 404
    client.force_login(member(OrganisationFactory(), Role.HR))
    assert client.get(url).status_code == 404
    assert_only_permitted(
        client,
        url,
        owner=people["works_council"],
        organisation=organisation,
        capability=Capability.VIEW_GROUP_REPORTS,
    )
