"""Toolbox views: the catalogue, the choice menu and the suggestions for a group report, with their access."""

import pytest
from django.urls import reverse

from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory
from inzetbaar.instruments.tests.test_campaigns import HWA, answer_all, make_org, start
from inzetbaar.toolbox import catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loaded():
    catalogue.load()


def test_catalogue_needs_a_login_and_filters_by_theme(client):
    url = reverse("toolbox:catalogue")
    assert client.get(url).status_code == 302
    client.force_login(MembershipFactory(role=Role.EMPLOYEE).user)
    everything = client.get(url).content.decode()
    assert "Job crafting-workshop" in everything and "Generatiepact" in everything
    talent = client.get(url, {"thema": "talent"}).content.decode()
    assert "Job crafting-workshop" in talent and "Generatiepact" not in talent
    detail = client.get(reverse("toolbox:item", args=["job-crafting"]))
    assert "Meerdere gecontroleerde studies" in detail.content.decode()
    assert client.get(reverse("toolbox:item", args=["bestaat-niet"])).status_code == 404


def test_choice_menu_only_for_who_may_use_the_toolbox(client):
    hr = MembershipFactory(role=Role.HR)
    url = reverse("toolbox:choice_menu", args=[hr.organisation.slug])
    assert_only_permitted(
        client, url, owner=hr.user, organisation=hr.organisation, capability=Capability.USE_TOOLBOX
    )


def test_choice_menu_ranks_with_reasons_and_presets_the_organisation(client):
    organisation = OrganisationFactory(sector="Zorg en welzijn", size_class="medium")
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    client.force_login(hr)
    url = reverse("toolbox:choice_menu", args=[organisation.slug])
    page = client.get(url)
    assert page.context["form"].initial["size"] == "medium"
    assert page.context["form"].initial["asker"] == "hr"
    assert page.context["results"] is None
    answers = {
        "sector": "Zorg en welzijn",
        "size": "medium",
        "asker": "hr",
        "themes": ["retention"],
        "stage": "implementation",
    }
    results = client.get(url, answers).context["results"]
    assert results and all("retention" in s.item.themes for s in results)
    assert [s.rank for s in results] == list(range(1, len(results) + 1))
    assert [s.score for s in results] == sorted((s.score for s in results), reverse=True)
    assert results[0].item.slug == "zelfroosteren"  # retention, HR, implementation and made for care
    assert any("gemaakt voor uw sector (Zorg en welzijn)" in r for r in results[0].reasons)
    missing = client.get(url, {"asker": "hr", "stage": "analysis"})
    assert missing.context["results"] is None
    assert "Kies minstens één thema." in missing.content.decode()


@pytest.fixture
def surveyed():
    organisation, _department, teams, hr = make_org((8, 3))
    campaign = start(organisation, hr)
    for number, invitation in enumerate(campaign.invitations.order_by("pk")):
        answer_all(invitation, value=2 + number % 3)
    return organisation, teams, hr, campaign


def test_suggestions_only_for_hr_and_works_council(client, surveyed):
    organisation, _teams, hr, campaign = surveyed
    url = reverse("toolbox:report_suggestions", args=[organisation.slug, campaign.pk, HWA])
    kwargs = {"organisation": organisation, "capability": Capability.VIEW_SUGGESTIONS}
    assert_only_permitted(client, url, owner=hr, **kwargs)
    council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    assert_only_permitted(client, url, owner=council, **kwargs)
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER).user
    client.force_login(manager)
    assert client.get(url).status_code == 404  # managers read group reports, but get no suggestions
    report = reverse("instruments:report", args=[organisation.slug, campaign.pk, HWA])
    assert url not in client.get(report).content.decode()
    client.force_login(hr)
    assert url in client.get(report).content.decode()
    assert client.get(url.replace(HWA, "wai")).status_code == 404


def test_suggestions_follow_the_weakest_published_scales_and_skip_hidden_groups(client, surveyed):
    organisation, teams, hr, campaign = surveyed
    client.force_login(hr)
    url = reverse("toolbox:report_suggestions", args=[organisation.slug, campaign.pk, HWA])
    groups = {g.label: g for g in client.get(url).context["groups"]}
    whole = groups[organisation.name]
    assert whole.published and whole.suggestions
    assert len(whole.weakest) == 3
    gaps = [gap for _title, _mean, gap in whole.weakest]
    assert gaps == sorted(gaps, reverse=True)
    assert all(s.item.platform_instrument != HWA for s in whole.suggestions)  # not the questionnaire itself
    assert [s.score for s in whole.suggestions] == sorted((s.score for s in whole.suggestions), reverse=True)
    assert all("achterstand" in " ".join(s.reasons) for s in whole.suggestions)
    small = groups[teams[1].name]
    assert not small.published and small.weakest == [] and small.suggestions == []
    assert "te weinig respondenten" in client.get(url).content.decode()
