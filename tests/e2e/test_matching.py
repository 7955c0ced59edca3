"""The matching journey in a real browser: the client manager runs a round and accepts the demo
candidate's proposal, the employer sees an anonymous card, the candidate consents, the employer sees
the name and records the outcome, the client manager records a placement. Every page is axe-clean."""

import pytest
from django.conf import settings
from django.urls import reverse

from inzetbaar.core.models import AuditEvent
from inzetbaar.matching.models import Introduction, MatchingRound, Opening, Placement, Stage
from inzetbaar.matching.views import PROPOSALS_PER_PAGE

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]
MUNICIPALITY = "gemeente-nijmegen"
EMPLOYER = "zorggroep-de-linde"
CANDIDATE = "werkzoekende@gemeente.demo"
CANDIDATE_NAME = "Wendy Zoekers"


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_from_round_to_placement(page, axe):
    log_in(page, "klantmanager@gemeente.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("matching:rounds", args=[MUNICIPALITY]))
    axe.check(page, "rounds")
    page.get_by_label("Seed van de loting").fill("11")
    page.get_by_role("button", name="Ronde draaien").click()
    matching_round = MatchingRound.objects.filter(seed=11).get()
    assert page.url.endswith(reverse("matching:round", args=[MUNICIPALITY, matching_round.pk]))
    axe.check(page, "round preview")
    proposal = matching_round.proposals.get(candidate__person__email=CANDIDATE)
    before = matching_round.proposals.filter(candidate__pseudonym__lt=proposal.candidate.pseudonym).count()
    page.goto(f"{page.url.split('?')[0]}?pagina={before // PROPOSALS_PER_PAGE + 1}")
    card = page.locator(f"#voorstel-{proposal.pk}")
    if proposal.opening.employer.organisation.slug == EMPLOYER:
        card.get_by_label("Geaccepteerd").check()
    else:  # the person changes the engine's proposal, with a reason
        card.get_by_label("Gewijzigd").check()
        target = Opening.objects.filter(employer__organisation__slug=EMPLOYER).order_by("pk").first()
        card.get_by_label("Andere vacature (bij wijzigen)").select_option(str(target.pk))
    card.get_by_label("Reden").fill("Past bij haar passie voor zorg")
    card.get_by_role("button", name="Besluit vastleggen").click()
    introduction = Introduction.objects.get(proposal=proposal)
    assert introduction.opening.employer.organisation.slug == EMPLOYER
    axe.check(page, "round after a decision")
    log_out(page)

    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("matching:employer_home", args=[EMPLOYER]))
    axe.check(page, "employer's introductions, anonymous")
    assert CANDIDATE_NAME not in page.content()
    page.get_by_role("link", name=f"Kandidaat {introduction.candidate.pseudonym}").click()
    assert CANDIDATE_NAME not in page.content()
    axe.check(page, "anonymous card")
    log_out(page)

    log_in(page, CANDIDATE, settings.DEMO_PASSWORD)
    page.goto(reverse("matching:my_profile"))
    axe.check(page, "candidate's own profile")
    page.locator(f"a[href='{reverse('matching:my_introduction', args=[introduction.pk])}']").click()
    axe.check(page, "candidate's introduction")
    page.get_by_role("button", name="Toestemming geven voor deze kennismaking").click()
    page.get_by_text("De werkgever ziet nu uw naam").wait_for()
    log_out(page)

    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("matching:employer_home", args=[EMPLOYER]))
    page.get_by_role("link", name=CANDIDATE_NAME).click()
    assert CANDIDATE in page.content()
    axe.check(page, "named card")
    page.get_by_label("Verder: werkplek of baan").check()
    page.get_by_role("button", name="Terugkoppeling versturen").click()
    page.get_by_text("Uw terugkoppeling is vastgelegd").wait_for()
    assert AuditEvent.objects.filter(event="introduction_viewed", subject__email=CANDIDATE).exists()
    log_out(page)

    log_in(page, "klantmanager@gemeente.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("matching:introduction", args=[MUNICIPALITY, introduction.pk]))
    axe.check(page, "introduction for the client manager")
    candidate_side = page.locator("form", has=page.locator("input[name=step][value=candidate]"))
    candidate_side.get_by_label("Verder: werkplek of baan").check()
    candidate_side.get_by_role("button", name="Uitkomst vastleggen").click()
    placing = page.locator("form", has=page.locator("input[name=step][value=place]"))
    placing.get_by_label("Start contract").fill("2026-01-05")
    placing.get_by_label("Uren per week").fill("24")
    placing.get_by_label("Soort contract").select_option("temporary")
    placing.get_by_label("Jobcoach").check()
    placing.get_by_label("Uitkering na plaatsing").select_option("reduced")
    placing.get_by_role("button", name="Plaatsing vastleggen").click()
    placement = Placement.objects.get(introduction=introduction)
    assert placement.stage == Stage.PLACED and placement.follow_ups.count() == 3
    page.get_by_role("link", name="Geplaatst").click()
    axe.check(page, "placement with follow-ups")
    page.goto(reverse("matching:figures", args=[MUNICIPALITY]))
    axe.check(page, "region figures")
    axe.assert_clean()


def test_relationship_manager_edits_an_opening(page, axe):
    opening = Opening.objects.filter(employer__organisation__slug=EMPLOYER).order_by("pk").first()
    service_point = opening.employer.service_point.slug
    log_in(page, "relatiemanager@wsp.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("matching:employer", args=[service_point, opening.employer_id]))
    edit = reverse("matching:opening_edit", args=[service_point, opening.pk])
    page.locator(f'a[href="{edit}"]').click()
    axe.check(page, "opening edit")
    capacity, version = opening.capacity, opening.version
    page.get_by_label("Aantal plekken").fill(str(capacity + 1))
    page.get_by_role("button", name="Opslaan").click()
    assert page.url.endswith(reverse("matching:employer", args=[service_point, opening.employer_id]))
    assert "De vacature is opgeslagen." in page.content()
    opening.refresh_from_db()
    assert (opening.capacity, opening.version) == (capacity + 1, version + 1)
