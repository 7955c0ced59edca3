"""The company scan report in a real browser: perspectives side by side per theme, charts with their data
tables, and no WCAG 2.1 AA violation; the works council reads it, an employee cannot."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.models import Organisation, User
from inzetbaar.instruments import services

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]


def finished_scan():
    organisation = Organisation.objects.get(slug="zorggroep-de-linde")
    today = timezone.localdate()
    campaign = services.start_campaign(
        User.objects.get(email="hr@zorggroep.demo"),
        organisation=organisation,
        title="Bedrijfsscan 2026",
        instrument_ids=["company_scan"],
        units=[],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        anonymous=True,
    )
    for number, invitation in enumerate(campaign.invitations.order_by("pk")):
        for page in services.pages_of(campaign):
            services.save_page(invitation, page, {item.id: 1 + number % 4 for item in page.group.items})
        services.submit(invitation)
    return campaign


def test_works_council_reads_the_company_scan_and_an_employee_cannot(page, axe):
    campaign = finished_scan()
    url = reverse("instruments:report", args=["zorggroep-de-linde", campaign.pk, "company_scan"])
    log_in(page, "or@zorggroep.demo", settings.DEMO_PASSWORD)
    response = page.goto(url)
    assert response.status == 200
    assert page.get_by_text("Hier verschillen de perspectieven het meest").count() == 1
    assert page.locator("svg").count() >= 6 and page.locator("table").count() >= 6
    axe.check(page, "company scan report")
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "medewerker@zorggroep.demo", settings.DEMO_PASSWORD)
    assert page.goto(url).status == 404
    axe.assert_clean()
