"""Learning network and toolbox in the browser: the facilitator plans a meeting, a member takes an action
home from it into her annual plan and updates it, and the facilitator's follow-up monitor shows it; an HR
user completes the toolbox's choice menu and gets a ranked list with reasons. axe-core checks every page."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from inzetbaar.plans.models import Action

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]

FACILITATOR = "/organisaties/netwerk-duurzaam-werken/netwerken/"
MEMBER = "/organisaties/zorggroep-de-linde/netwerken/"
NETWORK = "Lerend netwerk Zorg Rijk van Nijmegen"


def test_meeting_action_update_and_monitor(page, axe):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    log_in(page, "facilitator@netwerk.demo", settings.DEMO_PASSWORD)
    page.goto(FACILITATOR)
    axe.check(page, "networks of the facilitator")
    page.get_by_role("link", name=NETWORK).click()
    axe.check(page, "network")
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    axe.check(page, "meeting form")
    page.get_by_label("Titel").fill("Masterclass vitaal roosteren")
    page.get_by_label("Datum").fill(yesterday.isoformat())
    page.get_by_label("Dagdeel").select_option("afternoon")
    page.get_by_label("Plaats").fill("Thuiszorg Waalland, Wijchen")
    page.get_by_label("Agenda").fill("1. Terugblik\n2. Vitaal roosteren in de wijk\n3. Wat neemt u mee?")
    page.get_by_label("Gezond werken").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De bijeenkomst is gepland.")).to_be_visible()
    axe.check(page, "meeting of the facilitator")
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(MEMBER)
    page.get_by_role("link", name=NETWORK).click()
    page.get_by_role("link", name="Masterclass vitaal roosteren").click()
    axe.check(page, "meeting of a member")
    page.get_by_role("link", name="Actie meenemen").click()
    axe.check(page, "take-home form")
    page.get_by_label("Wat neemt u mee?").fill("Pilot vitaal roosteren op Team De Hof")
    page.get_by_label("Soort").select_option("pilot")
    page.get_by_label("Klaar op").fill((yesterday + datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De actie staat in uw jaarplan")).to_be_visible()
    page.get_by_role("link", name="Pilot vitaal roosteren op Team De Hof").click()
    axe.check(page, "action in the member's plan")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Fase (plan-do-check-act)").select_option("do")
    page.get_by_label("Wat is er gebeurd?").fill("Het team heeft de spelregels opgesteld.")
    page.get_by_role("button", name="Voortgang opslaan").click()
    expect(page.get_by_text("De voortgang is vastgelegd.")).to_be_visible()
    action = Action.objects.get(title="Pilot vitaal roosteren op Team De Hof")
    assert action.status == "in_progress" and action.take_home.meeting.title == "Masterclass vitaal roosteren"
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "facilitator@netwerk.demo", settings.DEMO_PASSWORD)
    page.goto(FACILITATOR)
    page.get_by_role("link", name=NETWORK).click()
    page.get_by_role("link", name="Opvolging").click()
    since = page.get_by_text("Voortgang sinds de laatste bijeenkomst, Masterclass vitaal roosteren")
    expect(since).to_be_visible()
    row = page.get_by_role("row", name="Pilot vitaal roosteren op Team De Hof")
    expect(row).to_contain_text("Bezig")
    expect(row).to_contain_text("sinds de laatste bijeenkomst")
    axe.check(page, "follow-up monitor")
    page.get_by_role("link", name="Regionaal plan").click()
    axe.check(page, "regional plan")
    axe.assert_clean()


def test_choice_menu_gives_a_ranked_list(page, axe):
    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto("/organisaties/zorggroep-de-linde/toolbox/keuzemenu/")
    axe.check(page, "choice menu")
    page.get_by_label("Beperken uitstroom").check()
    page.get_by_label("Werken naar talent").check()
    page.get_by_label("We weten wat er speelt en willen aan de slag: invoering").check()
    page.get_by_role("button", name="Toon wat past").click()
    results = page.locator("ol.inz-ranked > li")
    expect(results.first).to_contain_text("Waarom hier:")
    assert results.count() == 10
    assert "past bij uw thema's" in results.first.inner_text()
    axe.check(page, "choice menu with results")
    results.first.get_by_role("link").click()
    axe.check(page, "catalogue item")
    page.get_by_role("link", name="Terug naar de toolbox").click()
    axe.check(page, "catalogue")
    axe.assert_clean()
