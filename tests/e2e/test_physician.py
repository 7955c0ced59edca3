"""The occupational physician opens an employee's Work Ability Index result in a real browser: the list,
the result itself (audited), no WCAG 2.1 AA violation; HR of the same organisation cannot open it."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.models import AuditEvent, Organisation, User
from inzetbaar.instruments import services

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]
ORG = "zorggroep-de-linde"


def wai_result_of_the_demo_employee():
    today = timezone.localdate()
    campaign = services.start_campaign(
        User.objects.get(email="hr@zorggroep.demo"),
        organisation=Organisation.objects.get(slug=ORG),
        title="Werkvermogen 2026",
        instrument_ids=["wai"],
        units=[],
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        anonymous=False,
    )
    invitation = campaign.invitations.get(person__email="medewerker@zorggroep.demo")
    plan = services.plan("wai", services.definition("wai").version)
    answers = {v.id: (v.codes[0] if v.codes else v.low) for v in plan.variable_info}
    for page in services.pages_of(campaign):
        services.save_page(invitation, page, {item.id: answers[item.id] for item in page.group.items})
    (response,) = services.submit(invitation)
    return response


def test_physician_opens_a_wai_result_and_hr_cannot(page, axe):
    response = wai_result_of_the_demo_employee()
    log_in(page, "bedrijfsarts@arbodienst.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("instruments:physician_results", args=[ORG]))
    axe.check(page, "physician's result list")
    page.get_by_role("link", name="Mila Mulder").first.click()
    assert page.url.endswith(reverse("instruments:physician_result", args=[ORG, response.pk]))
    axe.check(page, "physician's view of a WAI result")
    assert AuditEvent.objects.filter(
        event="individual_result_viewed", subject__email="medewerker@zorggroep.demo"
    ).exists()
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    assert page.goto(reverse("instruments:physician_result", args=[ORG, response.pk])).status == 404
    axe.assert_clean()
