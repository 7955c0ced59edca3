"""The demo region gets two finished waves at Zorggroep De Linde, once, with the demo employee in both."""

import pytest

from inzetbaar.core.models import LabourMarketRegion, Municipality
from inzetbaar.core.regions import sync_regions
from inzetbaar.demo.generator import generate_demo
from inzetbaar.instruments import reports, services
from inzetbaar.instruments.models import Campaign, Response

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_has_two_waves_and_is_idempotent():
    sync_regions(LabourMarketRegion, Municipality)
    generate_demo(seed=2026)
    count = Response.objects.count()
    generate_demo(seed=2026)
    assert Response.objects.count() == count > 0
    campaigns = Campaign.objects.filter(organisation__slug="zorggroep-de-linde").order_by("opens_on")
    assert [c.instruments.get().wave for c in campaigns] == [1, 2]
    latest = Response.objects.filter(respondent__email="medewerker@zorggroep.demo", wave=2).get()
    assert services.individual_result(latest).previous_wave == 1
    hr = campaigns[1].created_by or campaigns[1].organisation.memberships.filter(role="hr").first().user
    report = reports.group_report(campaigns[1], campaigns[1].instruments.get(), hr)
    assert any(row.published for row in report.rows) and any(not row.published for row in report.rows)


def test_demo_report_hides_a_small_category_of_a_breakdown():
    sync_regions(LabourMarketRegion, Municipality)
    generate_demo(seed=2026)
    campaign = Campaign.objects.get(title="Huis van Werkvermogen – voorjaar")
    hr = campaign.organisation.memberships.filter(role="hr").first().user
    report = reports.group_report(campaign, campaign.instruments.get(), hr)
    assert report.previous_wave == 1
    found = [cell for section in report.breakdowns for _row, cells in section.units for cell in cells]
    assert any(cell.published for cell in found)
    assert any(0 < cell.respondents < report.minimum and not cell.published for cell in found)
