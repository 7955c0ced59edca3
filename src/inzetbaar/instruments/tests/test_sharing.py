"""Sharing one's own result with one's manager: consent, the manager's view, revocation, and refusals."""

import pytest
from django.urls import reverse

from inzetbaar.core.models import AuditEvent
from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory
from inzetbaar.instruments import services

from .test_campaigns import answer_all, make_org, start
from .test_views import _wai_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    organisation, department, teams, hr = make_org((2, 2))
    invitation = start(organisation, hr, anonymous=False).invitations.filter(unit=teams[0]).first()
    (response,) = answer_all(invitation)
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[teams[0]]).user
    return organisation, department, teams, response, manager


def _share(client, response, action="share"):
    client.force_login(response.respondent)
    return client.post(reverse("instruments:my_result_sharing", args=[response.pk]), {"action": action})


def test_own_result_page_offers_sharing_and_names_the_managers(client, shared):
    _organisation, _department, _teams, response, manager = shared
    client.force_login(response.respondent)
    page = client.get(reverse("instruments:my_result", args=[response.pk]))
    assert "Delen met mijn leidinggevende" in page.content.decode()
    assert page.context["sharing"]["managers"] == [manager]


def test_sharing_form_only_for_the_person(client, shared):
    organisation, _department, _teams, response, _manager = shared
    url = reverse("instruments:my_result_sharing", args=[response.pk])
    assert_only_permitted(
        client,
        url,
        owner=response.respondent,
        organisation=organisation,
        capability=None,
        method="post",
        data={"action": "share"},
    )
    assert services.is_shared(response)


def test_shared_result_reaches_only_the_managers_of_the_persons_unit(client, shared):
    organisation, department, teams, response, manager = shared
    _share(client, response)
    kwargs = {"owner": manager, "organisation": organisation, "capability": Capability.VIEW_SHARED_RESULTS}
    url = reverse("instruments:shared_result", args=[organisation.slug, response.pk])
    assert_only_permitted(client, url, unit=response.unit, **kwargs)
    assert_only_permitted(client, reverse("instruments:shared_results", args=[organisation.slug]), **kwargs)

    above = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[department]).user
    sibling = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[teams[1]]).user
    client.force_login(above)
    assert client.get(url).status_code == 200
    client.force_login(sibling)
    assert client.get(url).status_code == 404
    listing = client.get(reverse("instruments:shared_results", args=[organisation.slug]))
    assert list(listing.context["responses"]) == []


def test_every_manager_view_is_audited_and_shown_to_the_person(client, shared):
    organisation, _department, _teams, response, manager = shared
    _share(client, response)
    client.force_login(manager)
    client.get(reverse("instruments:shared_result", args=[organisation.slug, response.pk]))
    viewed = AuditEvent.objects.get(event="individual_result_viewed", actor=manager)
    assert viewed.subject == response.respondent and viewed.object_id == str(response.pk)

    client.force_login(response.respondent)
    events = list(client.get(reverse("core:my_data")).context["page"])
    assert viewed in events


def test_revoking_takes_effect_at_once(client, shared):
    organisation, _department, _teams, response, manager = shared
    url = reverse("instruments:shared_result", args=[organisation.slug, response.pk])
    client.force_login(manager)
    assert client.get(url).status_code == 404  # nothing shared yet
    _share(client, response)
    client.force_login(manager)
    assert client.get(url).status_code == 200
    _share(client, response, action="revoke")
    client.force_login(manager)
    assert client.get(url).status_code == 404
    assert [
        e.event for e in AuditEvent.objects.filter(subject=response.respondent, event__startswith="consent")
    ] == [
        "consent_revoked",
        "consent_granted",
    ]


def test_platform_admin_cannot_read_shared_results(client, shared, admin_user):
    organisation, _department, _teams, response, _manager = shared
    _share(client, response)
    client.force_login(admin_user)
    assert (
        client.get(reverse("instruments:shared_result", args=[organisation.slug, response.pk])).status_code
        == 404
    )


def test_medical_results_cannot_be_shared(client):
    organisation, _department, teams, hr = make_org((2,))
    response = _wai_response(organisation, hr)
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[teams[0]]).user
    assert not services.can_share(response)
    with pytest.raises(services.CampaignError):
        services.share_with_manager(response.respondent, response)

    client.force_login(response.respondent)
    page = client.get(reverse("instruments:my_result", args=[response.pk])).content.decode()
    assert 'value="share"' not in page
    _share(client, response)
    assert not services.is_shared(response)
    assert not AuditEvent.objects.filter(event="consent_granted").exists()
    client.force_login(manager)
    url = reverse("instruments:shared_result", args=[organisation.slug, response.pk])
    assert client.get(url).status_code == 404


def test_anonymous_results_have_no_link_to_share(shared):
    organisation, _department, _teams, _response, _manager = shared
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    invitation = start(organisation, hr).invitations.first()
    (response,) = answer_all(invitation)
    assert response.respondent is None and not services.can_share(response)
    with pytest.raises(services.CampaignError):
        services.share_with_manager(invitation.person, response)
