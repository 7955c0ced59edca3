"""Organisations' own instruments added through the admin: checked like files, kept to their organisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from inzetbaar.instruments import services
from inzetbaar.instruments.definitions import shipped_definition_files
from inzetbaar.instruments.forms import CampaignForm
from inzetbaar.instruments.models import CustomInstrument

from .test_campaigns import make_org

pytestmark = pytest.mark.django_db
OWN = "eigen_profiel"


def definition_text(instrument_id=OWN, version="1.0"):
    shipped = next(p for p in shipped_definition_files() if p.name == "employability_profile.yaml")
    return (
        shipped.read_text(encoding="utf-8")
        .replace("id: employability_profile", f"id: {instrument_id}", 1)
        .replace('version: "1.0"', f'version: "{version}"', 1)
    )


def add_own(organisation, text=None, **fields) -> CustomInstrument:
    custom = CustomInstrument(organisation=organisation, definition=text or definition_text(), **fields)
    custom.full_clean()
    custom.save()
    return custom


def choices(organisation) -> set[str]:
    return {key for key, _label in CampaignForm(organisation=organisation).fields["instruments"].choices}


def test_own_instrument_is_offered_only_to_its_organisation():
    organisation, other = OrganisationFactory(), OrganisationFactory()
    custom = add_own(organisation)
    assert (custom.instrument_id, custom.version) == (OWN, "1.0")
    assert OWN in choices(organisation)
    assert "house_of_work_ability" in choices(organisation)  # next to the shipped ones
    assert OWN not in choices(other)
    assert OWN not in services.available_definitions(other)

    hr = MembershipFactory(organisation=other, role=Role.HR).user
    today = timezone.localdate()
    with pytest.raises(services.CampaignError):
        services.start_campaign(
            hr,
            organisation=other,
            title="Poging",
            instrument_ids=[OWN],
            opens_on=today,
            closes_on=today,
            anonymous=True,
        )

    custom.active = False
    custom.save()
    assert OWN not in choices(organisation)


def test_platform_wide_instrument_is_offered_to_every_organisation():
    add_own(None, definition_text("gedeeld_profiel"))
    assert "gedeeld_profiel" in choices(OrganisationFactory())


def test_latest_active_version_is_offered():
    organisation = OrganisationFactory()
    add_own(organisation)
    add_own(organisation, definition_text(version="1.1"))
    assert services.available_definitions(organisation)[OWN].version == "1.1"


def test_campaign_with_an_own_instrument_scores_its_responses():
    organisation, _department, _teams, hr = make_org((2,))
    add_own(organisation)
    today = timezone.localdate()
    campaign = services.start_campaign(
        hr,
        organisation=organisation,
        title="Eigen meting",
        instrument_ids=[OWN],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        anonymous=False,
    )
    invitation = campaign.invitations.first()
    plan = services.plan(OWN, "1.0")
    answers = {v.id: (v.codes[0] if v.codes else v.high) for v in plan.variable_info}
    for page in services.pages_of(campaign):
        services.save_page(invitation, page, {i.id: answers[i.id] for i in page.group.items})
    (response,) = services.submit(invitation)
    result = services.individual_result(response)
    assert result.title == "Inzetbaarheidsprofiel" and all(s.score is not None for s in result.scales)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("kind: radar", "kind: poll", 1), "definitie.yaml: kind: Input should be"),
        (lambda t: t + "\n  nope: [", "definitie.yaml: line "),
        (lambda t: t.replace(f"id: {OWN}", "id: wai", 1), "definitie.yaml: id: wai is een meegeleverde"),
    ],
)
def test_a_wrong_definition_names_file_path_and_problem(change, expected):
    with pytest.raises(ValidationError) as raised:
        add_own(OrganisationFactory(), change(definition_text()))
    assert any(message.startswith(expected) for message in raised.value.message_dict["definition"])


def test_an_id_belongs_to_one_owner_and_a_version_is_added_once():
    organisation = OrganisationFactory()
    add_own(organisation)
    with pytest.raises(ValidationError, match="andere eigenaar"):
        add_own(OrganisationFactory())
    with pytest.raises(ValidationError, match="bestaat al"):
        add_own(organisation)


def test_admin_adds_an_own_instrument_from_a_file_and_shows_its_problems(client, admin_user):
    organisation = OrganisationFactory()
    url = reverse("admin:instruments_custominstrument_add")
    client.force_login(admin_user)
    broken = SimpleUploadedFile("pulse.yaml", definition_text().replace("kind: radar", "kind: poll").encode())
    page = client.post(url, {"organisation": organisation.pk, "upload": broken, "active": "on"})
    assert page.status_code == 200
    assert "pulse.yaml: kind: Input should be" in page.content.decode()
    assert not CustomInstrument.objects.exists()

    upload = SimpleUploadedFile("pulse.yaml", definition_text().encode())
    page = client.post(url, {"organisation": organisation.pk, "upload": upload, "active": "on"})
    assert page.status_code == 302
    custom = CustomInstrument.objects.get()
    assert (custom.instrument_id, custom.organisation, custom.uploaded_by) == (OWN, organisation, admin_user)


def test_admin_is_for_platform_admins_only(client):
    organisation = OrganisationFactory()
    org_admin = MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN).user
    staff = UserFactory(is_staff=True)
    for user in (org_admin, staff):
        client.force_login(user)
        response = client.get(reverse("admin:instruments_custominstrument_add"))
        assert response.status_code == 302 and "/login/" in response.url
