"""Every instruments view: who may reach it (ownership tests), and responding through the link."""

import io
import re
import sys

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inzetbaar.core.models import AuditEvent
from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory
from inzetbaar.instruments import services
from inzetbaar.instruments.models import Invitation, Response

from .test_campaigns import HWA, answer_all, hwa_answers, make_org, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    organisation, _department, teams, hr = make_org((8, 3))
    campaign = start(organisation, hr)
    return organisation, teams, hr, campaign


def test_campaign_pages_only_for_who_manages_campaigns(client, setup):
    organisation, _teams, hr, campaign = setup
    slug = organisation.slug
    kwargs = {"owner": hr, "organisation": organisation, "capability": Capability.MANAGE_CAMPAIGNS}
    assert_only_permitted(client, reverse("instruments:campaigns", args=[slug]), **kwargs)
    assert_only_permitted(client, reverse("instruments:campaign_start", args=[slug]), action=True, **kwargs)
    assert_only_permitted(client, reverse("instruments:campaign", args=[slug, campaign.pk]), **kwargs)
    assert_only_permitted(client, reverse("instruments:campaign_links", args=[slug, campaign.pk]), **kwargs)
    for name in ("instruments:campaign_send", "instruments:campaign_remind"):
        assert_only_permitted(client, reverse(name, args=[slug, campaign.pk]), method="post", **kwargs)


def test_report_pages_only_for_who_reads_group_reports(client, setup):
    organisation, _teams, _hr, campaign = setup
    works_council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    kwargs = {
        "owner": works_council,
        "organisation": organisation,
        "capability": Capability.VIEW_GROUP_REPORTS,
    }
    slug = organisation.slug
    assert_only_permitted(client, reverse("instruments:reports", args=[slug]), **kwargs)
    assert_only_permitted(client, reverse("instruments:report", args=[slug, campaign.pk, HWA]), **kwargs)
    for name in ("instruments:report_csv", "instruments:report_xlsx"):
        assert_only_permitted(client, reverse(name, args=[slug, campaign.pk, HWA]), **kwargs)


def test_own_result_only_for_the_person(client):
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr, anonymous=False).invitations.first()
    (response,) = answer_all(invitation)
    url = reverse("instruments:my_result", args=[response.pk])
    assert_only_permitted(client, url, owner=invitation.person, organisation=organisation, capability=None)
    client.force_login(invitation.person)
    assert "<svg" in client.get(url).content.decode()
    assert client.get(reverse("instruments:my_results")).status_code == 200


def _wai_response(organisation, hr):
    campaign = services.start_campaign(
        hr,
        organisation=organisation,
        title="WAI",
        instrument_ids=["wai"],
        opens_on=start(organisation, hr).opens_on,
        closes_on=start(organisation, hr).closes_on,
        anonymous=False,
    )
    invitation = campaign.invitations.first()
    plan = services.plan("wai", services.definition("wai").version)
    answers = {v.id: (v.codes[0] if v.codes else v.low) for v in plan.variable_info}
    for page in services.pages_of(campaign):
        services.save_page(invitation, page, {i.id: answers[i.id] for i in page.group.items})
    (response,) = services.submit(invitation)
    return response


def test_medical_result_only_for_the_occupational_physician_and_audited(client):
    organisation, _department, _teams, hr = make_org((2,))
    response = _wai_response(organisation, hr)
    physician = MembershipFactory(organisation=organisation, role=Role.OCCUPATIONAL_PHYSICIAN).user
    kwargs = {"owner": physician, "organisation": organisation, "capability": Capability.VIEW_MEDICAL_RESULTS}
    assert_only_permitted(
        client, reverse("instruments:physician_results", args=[organisation.slug]), **kwargs
    )
    url = reverse("instruments:physician_result", args=[organisation.slug, response.pk])
    assert_only_permitted(client, url, **kwargs)
    viewed = AuditEvent.objects.filter(event="individual_result_viewed", subject=response.respondent)
    assert viewed.filter(actor=physician).exists()


def test_platform_admin_cannot_read_medical_results(client, admin_user):
    organisation, _department, _teams, hr = make_org((2,))
    response = _wai_response(organisation, hr)
    client.force_login(admin_user)
    url = reverse("instruments:physician_result", args=[organisation.slug, response.pk])
    assert client.get(url).status_code == 404


def test_hr_starts_a_campaign_through_the_form(client):
    organisation, _department, teams, hr = make_org((2,))
    client.force_login(hr)
    url = reverse("instruments:campaign_start", args=[organisation.slug])
    form = client.get(url).content.decode()
    assert 'type="checkbox"' in form
    answer = client.post(
        url,
        {
            "title": "Voorjaar",
            "instruments": [HWA],
            "units": [teams[0].pk],
            "opens_on": "2020-01-01",
            "closes_on": "2099-01-01",
            "anonymous": "on",
        },
    )
    assert answer.status_code == 302
    assert Invitation.objects.filter(campaign__title="Voorjaar").count() == 2
    empty = client.post(url, {"title": ""})
    assert empty.status_code == 200 and "inz-errorlist" in empty.content.decode()


def test_responding_page_by_page_without_login(client, setup):
    _organisation, _teams, _hr, campaign = setup
    invitation = campaign.invitations.first()
    token = services.token_of(invitation)
    first = client.get(reverse("instruments:respond", args=[token]))
    assert first.status_code == 302
    pages = services.pages_of(campaign)
    page_url = reverse("instruments:respond_page", args=[token, 1])
    html = client.get(page_url).content.decode()
    assert f"Stap 1 van {len(pages)}" in html and "<progress" in html and "<legend" in html
    # An unanswered question is named in the error.
    missing = client.post(page_url, {"action": "next"}).content.decode()
    question = services.text(pages[0].group.items[0].text)
    assert f"Beantwoord de vraag: {question}" in missing
    answers = hwa_answers()
    for page in pages:
        url = reverse("instruments:respond_page", args=[token, page.number])
        data = {item.id: str(answers[item.id]) for item in page.group.items}
        data["action"] = "submit" if page.number == len(pages) else "next"
        assert client.post(url, data).status_code == 302
    done = client.get(reverse("instruments:respond_done", args=[token])).content.decode()
    assert "<svg" in done and "Uw scores" in done
    # A second submit adds nothing and leads to the same page.
    last = reverse("instruments:respond_page", args=[token, len(pages)])
    assert client.post(last, {"action": "submit"}).status_code == 302
    assert Response.objects.count() == 1


def test_save_and_previous_keep_answers(client, setup):
    _organisation, _teams, _hr, campaign = setup
    invitation = campaign.invitations.first()
    token = services.token_of(invitation)
    url = reverse("instruments:respond_page", args=[token, 2])
    assert client.post(url, {"action": "previous", "competence_fit": "5"}).status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).draft[HWA] == {
        "competence_fit": 5,
        "competence_learning": None,
        "competence_future": None,
    }
    assert re.search(r'name="competence_fit" value="5"[^>]* checked', client.get(url).content.decode())


def test_unknown_token_is_not_found(client):
    assert client.get(reverse("instruments:respond", args=["nope"])).status_code == 404


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_own_result_pdf_only_for_the_person(client):
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr, anonymous=False).invitations.first()
    (response,) = answer_all(invitation)
    url = reverse("instruments:my_result_pdf", args=[response.pk])
    assert_only_permitted(client, url, owner=invitation.person, organisation=organisation, capability=None)
    client.force_login(invitation.person)
    text = pdf_text(client.get(url))
    assert invitation.person.full_name in text and "Advies" in text
    assert not AuditEvent.objects.filter(event="individual_result_viewed").exists()


def test_physician_pdf_is_audited_like_the_page(client):
    organisation, _department, _teams, hr = make_org((2,))
    response = _wai_response(organisation, hr)
    physician = MembershipFactory(organisation=organisation, role=Role.OCCUPATIONAL_PHYSICIAN).user
    url = reverse("instruments:physician_result_pdf", args=[organisation.slug, response.pk])
    kwargs = {"owner": physician, "organisation": organisation, "capability": Capability.VIEW_MEDICAL_RESULTS}
    assert_only_permitted(client, url, **kwargs)
    client.force_login(physician)
    assert response.respondent.full_name in pdf_text(client.get(url))
    assert AuditEvent.objects.filter(event="individual_result_viewed", subject=response.respondent).exists()


def test_group_report_pdf_holds_only_shown_cells(client, setup):
    organisation, _teams, hr, campaign = setup
    for invitation in campaign.invitations.all():
        answer_all(invitation)
    url = reverse("instruments:report_pdf", args=[organisation.slug, campaign.pk, HWA])
    kwargs = {"owner": hr, "organisation": organisation, "capability": Capability.VIEW_GROUP_REPORTS}
    assert_only_permitted(client, url, **kwargs)
    client.force_login(hr)
    text = pdf_text(client.get(url))
    assert organisation.name in text and "verborgen (te weinig)" in text


def test_pdf_unavailable_is_said_clearly(client, monkeypatch):
    organisation, _department, _teams, hr = make_org((2,))
    invitation = start(organisation, hr, anonymous=False).invitations.first()
    (response,) = answer_all(invitation)
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    client.force_login(invitation.person)
    page = client.get(reverse("instruments:my_result_pdf", args=[response.pk]))
    assert page.status_code == 503 and "PDF maken is op deze server niet beschikbaar" in page.content.decode()
