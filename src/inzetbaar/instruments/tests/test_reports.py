"""Group reports: breakdowns by age band, tenure band and job type, trends across waves, reliability for
HR, and the CSV and XLSX exports, all behind the disclosure rules."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from inzetbaar.core.models import JobType
from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UnitFactory
from inzetbaar.instruments import reports
from inzetbaar.instruments.models import Response

from .test_campaigns import answer_all, start

pytestmark = pytest.mark.django_db


def staffed_org(birth_years, job_type=JobType.MIXED):
    """One team whose employees have the given birth years, all employed for three years."""
    organisation = OrganisationFactory()
    team = UnitFactory(organisation=organisation, name="Team")
    since = timezone.localdate() - datetime.timedelta(days=3 * 366)
    for year in birth_years:
        MembershipFactory(
            organisation=organisation,
            role=Role.EMPLOYEE,
            units=[team],
            birth_year=year,
            employed_since=since,
            job_type=job_type,
        )
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    return organisation, team, hr


def run_wave(organisation, hr, answering=None):
    campaign = start(organisation, hr)
    for invitation in campaign.invitations.order_by("pk")[:answering]:
        answer_all(invitation)
    return campaign


def cells(report, title, unit_label):
    section = next(s for s in report.breakdowns if s.title == title)
    return {cell.label: cell for row, found in section.units if row.label == unit_label for cell in found}


def test_submit_snapshots_the_bands_of_the_employment():
    year = timezone.localdate().year
    organisation, _team, hr = staffed_org([year - 60], job_type=JobType.PHYSICAL)
    run_wave(organisation, hr)
    response = Response.objects.get(campaign__organisation=organisation)
    assert (response.age_band, response.tenure_band, response.job_type) == ("55p", "2_5", "physical")
    assert response.respondent_id is None


def test_a_small_age_band_is_hidden_with_a_complement():
    year = timezone.localdate().year
    organisation, _team, hr = staffed_org([year - 25] * 10 + [year - 40] * 8 + [year - 60] * 2)
    report = reports.group_report(campaign := run_wave(organisation, hr), campaign.instruments.get(), hr)
    ages = cells(report, "Leeftijd", organisation.name)
    assert ages["55 en ouder"].respondents == 2 and not ages["55 en ouder"].published
    assert ages["55 en ouder"].means == [None] * len(report.scales)
    # 20 − 10 − 8 would give the 2 people aged 55+: one of the other cells must be hidden too.
    assert not (ages["Jonger dan 35"].published and ages["35 tot 45"].published)
    assert report.rows[0].published
    for title in ("Diensttijd", "Soort werk"):  # everyone in one category: shown, the others are empty
        assert any(cell.published for cell in cells(report, title, organisation.name).values())


def test_trend_is_shown_only_where_two_waves_do_not_single_out_a_small_group():
    year = timezone.localdate().year
    organisation, _team, hr = staffed_org([year - 30] * 20)
    run_wave(organisation, hr, answering=16)
    steady = run_wave(organisation, hr, answering=16)
    report = reports.group_report(steady, steady.instruments.get(), hr)
    assert report.previous_wave == 1
    assert report.rows[0].previous is not None
    changed = run_wave(organisation, hr, answering=18)  # two more than the wave before: too few
    report = reports.group_report(changed, changed.instruments.get(), hr)
    assert report.rows[0].previous is None and not report.rows[0].published


def test_reliability_only_for_hr():
    year = timezone.localdate().year
    organisation, _team, hr = staffed_org([year - 30] * 10)
    campaign = run_wave(organisation, hr)
    works_council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    assert reports.group_report(campaign, campaign.instruments.get(), hr).alpha is not None
    assert reports.group_report(campaign, campaign.instruments.get(), works_council).alpha is None


def test_exports_hold_the_same_cells_and_no_hidden_figure():
    year = timezone.localdate().year
    organisation, _team, hr = staffed_org([year - 25] * 10 + [year - 40] * 8 + [year - 60] * 2)
    campaign = run_wave(organisation, hr)
    report = reports.group_report(campaign, campaign.instruments.get(), hr)
    sheet = load_workbook(io.BytesIO(reports.report_xlsx(report))).active
    lines = [["" if value is None else value for value in line] for line in sheet.iter_rows(values_only=True)]
    assert lines[0] == reports.EXPORT_HEADER
    assert len(lines) == len(reports.report_csv(report).splitlines())
    old = [line for line in lines if line[2] == "55 en ouder"]
    assert old and all(line[4] == line[6] == line[9] == "" for line in old)
    assert any(line[2] == "Jonger dan 35" for line in lines)
