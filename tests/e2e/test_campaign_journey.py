"""HR starts a campaign, an employee answers through the personal link and sees her result, and HR reads
a group report in which a team under the minimum is hidden; the demo employee downloads her result as a
PDF and shares it with her manager, who opens it (she sees that view in her data); the report's age
breakdown hides a small category; axe-core checks every page."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from inzetbaar.instruments import services
from inzetbaar.instruments.models import Campaign, Invitation, Response

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]

ORG = "/organisaties/zorggroep-de-linde/metingen/"


def test_campaign_journey(page, axe):
    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(ORG)
    axe.check(page, "campaign list")
    page.get_by_role("link", name="Meting starten").click()
    axe.check(page, "campaign form")
    page.get_by_label("Titel").fill("Najaarsmeting")
    page.get_by_label("Huis van Werkvermogen").check()
    page.get_by_role("button", name="Meting starten").click()
    assert "De meting is gestart" in page.content()
    axe.check(page, "campaign detail")
    page.get_by_role("button", name="uitnodigingen versturen").click()
    assert "uitnodigingen verstuurd" in page.content()
    page.get_by_role("button", name="Uitloggen").click()

    campaign = Campaign.objects.get(title="Najaarsmeting")
    invitation = Invitation.objects.get(campaign=campaign, person__email="medewerker@zorggroep.demo")
    page.goto(f"/metingen/invullen/{services.token_of(invitation)}/")
    pages = len(services.pages_of(campaign))
    for number in range(1, pages + 1):
        assert f"Stap {number} van {pages}" in page.content()
        if number == 1:
            page.get_by_role("button", name="Volgende").click()  # nothing answered: errors name the questions
            expect(page.get_by_role("alert")).to_have_count(1)  # waits for the page with the errors
            axe.check(page, "questionnaire page with errors")
        for fieldset in page.locator("fieldset").all():
            options = fieldset.locator("input[type=radio]")
            options.nth(options.count() - 2).check()
        if number == 1:
            axe.check(page, "questionnaire page")
        page.get_by_role("button", name="Versturen" if number == pages else "Volgende").click()
    assert page.get_by_role("heading", name="Bedankt voor het invullen").is_visible()
    assert page.locator("svg[role=img]").count() == 1
    assert page.get_by_role("table", name="Uw scores").is_visible()
    axe.check(page, "own result")

    # The demo waves are identified: the employee finds her result among her own and takes it as a PDF.
    log_in(page, "medewerker@zorggroep.demo", settings.DEMO_PASSWORD)
    own = Response.objects.get(respondent__email="medewerker@zorggroep.demo", wave=2)
    page.goto(f"/mijn-metingen/{own.pk}/")
    axe.check(page, "own result page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Uitslag downloaden (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("button", name="Delen met mijn leidinggevende").click()
    assert "U deelt deze uitslag nu met uw leidinggevende." in page.content()
    axe.check(page, "own result shared")
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "manager@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(f"{ORG}gedeeld-met-mij/")
    axe.check(page, "shared with me")
    page.get_by_role("link", name="Mila Mulder").click()
    assert page.get_by_role("heading", name="Uitslag van Mila Mulder").is_visible()
    axe.check(page, "shared result")
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "medewerker@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("core:my_data"))
    assert "Mark Meijer" in page.content()
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(f"{ORG}{campaign.pk}/")
    assert page.get_by_role("table", name="Respons per onderdeel").is_visible()
    demo = Campaign.objects.get(title="Huis van Werkvermogen – voorjaar")
    page.goto(f"{ORG}{demo.pk}/uitkomsten/house_of_work_ability/")
    table = page.get_by_role("table", name="Gemiddelde score per onderdeel")
    assert table.get_by_text("verborgen (te weinig)").count() >= 1
    assert table.get_by_role("row", name="Zorggroep De Linde").get_by_role("cell").count() > 2
    ages = page.get_by_role("table", name="Gemiddelde score naar leeftijd")
    assert ages.get_by_text("verborgen (te weinig)").count() >= 1
    axe.check(page, "group report")
    axe.assert_clean()
