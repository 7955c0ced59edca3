"""Every absence view: who may reach it, what each role sees, the upload flow and the audit of spells."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from inzetbaar.absence import services
from inzetbaar.absence.models import AbsenceSettings, AbsenceSpell, ImportBatch, ImportStatus
from inzetbaar.core.indicators import measure
from inzetbaar.core.models import AuditEvent
from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory

from .helpers import ABSENCE_HEADER, absence_file, csv_bytes, employment_file, make_org

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2024-01-01", "end": "2024-03-31", "by": "month"}


@pytest.fixture
def org():
    organisation, department, big, small, hr = make_org()
    services.start_import(hr, organisation, "employment", "e.csv", employment_file())
    services.start_import(hr, organisation, "absence", "a.csv", absence_file())
    return organisation, department, big, small, hr


def test_figure_pages_only_for_who_reads_absence_figures(client, org):
    organisation, _department, _big, _small, _hr = org
    works_council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    kwargs = {
        "owner": works_council,
        "organisation": organisation,
        "capability": Capability.VIEW_ABSENCE_FIGURES,
    }
    for name in ("absence:overview", "absence:business_case", "absence:report_pdf"):
        assert_only_permitted(client, reverse(name, args=[organisation.slug]), **kwargs)


def test_import_pages_only_for_hr(client, org):
    organisation, _department, _big, _small, hr = org
    batch = ImportBatch.objects.filter(organisation=organisation).first()
    pending = ImportBatch.objects.create(
        organisation=organisation,
        kind="employment",
        filename="x.csv",
        sha256="0",
        status=ImportStatus.PENDING,
    )
    kwargs = {"owner": hr, "organisation": organisation, "capability": Capability.IMPORT_ABSENCE}
    slug = organisation.slug
    assert_only_permitted(client, reverse("absence:imports", args=[slug]), **kwargs)
    assert_only_permitted(client, reverse("absence:import", args=[slug, batch.pk]), **kwargs)
    assert_only_permitted(
        client, reverse("absence:import_mapping", args=[slug, pending.pk]), action=True, **kwargs
    )
    assert_only_permitted(client, reverse("absence:settings", args=[slug]), action=True, **kwargs)


def test_spells_only_for_hr_and_every_view_is_audited(client, org):
    organisation, _department, _big, _small, hr = org
    url = reverse("absence:spells", args=[organisation.slug])
    assert_only_permitted(
        client, url, owner=hr, organisation=organisation, capability=Capability.VIEW_ABSENCE_SPELLS
    )
    client.force_login(hr)
    before = AuditEvent.objects.filter(event="absence_spells_viewed", actor=hr).count()
    page = client.get(url, {"medewerker": "P002"}).content.decode()
    assert page.count('<tr class="utrecht-table__row">') == 3  # header + the two parts of C2
    assert "<code>P002" not in page and f"<code>{services.pseudonym(organisation, 'P002')[:10]}" in page
    event = AuditEvent.objects.filter(event="absence_spells_viewed", actor=hr).latest("pk")
    assert AuditEvent.objects.filter(event="absence_spells_viewed", actor=hr).count() == before + 1
    assert event.details == {"page": 1, "searched": True, "shown": 2}


def test_platform_admin_does_not_read_spells(client, org, django_user_model):
    organisation, *_rest = org
    admin = django_user_model.objects.create_superuser("root@example.test", "een-lang-wachtwoord-12")
    client.force_login(admin)
    assert client.get(reverse("absence:spells", args=[organisation.slug])).status_code == 404


def test_manager_and_works_council_see_small_units_hidden_and_not_derivable(client, org):
    organisation, department, _big, _small, hr = org
    works_council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    report = services.absence_report(
        organisation, works_council, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)
    )
    by_unit = {s.label: s.whole for s in report.series}
    assert by_unit["Team Klein"].published is False  # 3 people
    # department (11) = Groot (8) + Klein (3): Groot is hidden too, or Klein would be Zorg minus Groot
    assert by_unit["Team Groot"].published is False
    assert by_unit["Zorg"].published and by_unit[organisation.name].published
    assert by_unit["Zorg"].values["absence_rate"] is not None
    # HR holds the spells and sees everything
    hr_report = services.absence_report(
        organisation, hr, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)
    )
    assert all(s.whole.published for s in hr_report.series)
    # a manager of the department sees its rows only, not the organisation's
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[department]).user
    client.force_login(manager)
    page = client.get(reverse("absence:overview", args=[organisation.slug]), PERIOD).content.decode()
    assert "Zorg" in page and "verborgen (te weinig)" in page and "<svg" in page
    assert f'scope="row" style="padding-inline-start: 0rem">{organisation.name}' not in page
    manager_report = services.absence_report(
        organisation, manager, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)
    )
    assert [s.label for s in manager_report.series] == ["Zorg", "Team Groot", "Team Klein"]


def test_overview_figures_match_the_definitions(client, org):
    organisation, _department, _big, _small, hr = org
    report = services.absence_report(
        organisation, hr, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31), "whole"
    )
    total = report.series[0].whole
    # 11 people, 8 x 1.0 and ... P001 (36h) sick 10 days; P002 (18h, 0.5) 10 days full + 24 days half;
    # P009 (36h) from 1 March, running: 31 days
    employed = sum(1.0 if n % 2 else 0.5 for n in range(1, 12)) * 91
    sick = 10 * 1.0 + 0.5 * (10 + 24 * 0.5) + 31 * 1.0
    assert total.values["absence_rate"] == pytest.approx(100 * sick / employed)
    assert total.values["mean_duration"] == pytest.approx((10 + 34) / 2)
    assert total.values["zero_absence_share"] == pytest.approx(100 * 8 / 11)


def test_benchmark_line_is_drawn_when_configured(client, org):
    organisation, _department, _big, _small, hr = org
    AbsenceSettings.objects.create(
        organisation=organisation, benchmark_rate=6.5, benchmark_label="Vernet zorg"
    )
    client.force_login(hr)
    page = client.get(reverse("absence:overview", args=[organisation.slug]), PERIOD).content.decode()
    assert "Vernet zorg (6,5%)" in page and 'stroke-dasharray="6 4"' in page


def test_upload_flow_bad_file_then_good_file(client):
    organisation, _department, _big, _small, hr = make_org()
    client.force_login(hr)
    url = reverse("absence:imports", args=[organisation.slug])
    bad = employment_file().replace(b"P003,Team Groot,2023-01-01", b"P003,Team Groot,2023-13-01")
    response = client.post(url, {"kind": "employment", "file": SimpleUploadedFile("e.csv", bad)}, follow=True)
    page = response.content.decode()
    assert "Niets ingelezen" in page and "begindatum" in page and ">4<" in page
    assert not organisation.absence_employments.exists()
    good = SimpleUploadedFile("e.csv", employment_file())
    response = client.post(url, {"kind": "employment", "file": good}, follow=True)
    assert "11 nieuw" in response.content.decode()
    medical = SimpleUploadedFile("a.csv", csv_bytes([[*ABSENCE_HEADER, "diagnose"]]))
    response = client.post(url, {"kind": "absence", "file": medical})
    assert response.status_code == 200 and "aard of oorzaak" in response.content.decode()


def test_mapping_page_imports_with_the_chosen_columns(client):
    organisation, _department, _big, _small, hr = make_org()
    client.force_login(hr)
    content = csv_bytes(
        [["Nr", "Eenheid", "Van", "Uren", "Voltijd"], ["P1", "Team Groot", "2024-01-01", 36, 36]]
    )
    response = client.post(
        reverse("absence:imports", args=[organisation.slug]),
        {"kind": "employment", "file": SimpleUploadedFile("e.csv", content)},
    )
    batch = ImportBatch.objects.get(organisation=organisation)
    assert response.url == reverse("absence:import_mapping", args=[organisation.slug, batch.pk])
    mapping_url = response.url
    response = client.post(
        mapping_url,
        {"employee": "0", "unit": "1", "start": "2", "end": "", "contract_hours": "3", "fulltime_hours": "3"},
    )
    assert response.status_code == 200 and "Elke kolom kan maar één veld zijn" in response.content.decode()
    client.post(
        mapping_url,
        {"employee": "0", "unit": "1", "start": "2", "end": "", "contract_hours": "3", "fulltime_hours": "4"},
    )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED and organisation.absence_employments.count() == 1


def test_business_case_preset_reproduces_the_care_region_claim(client, org):
    organisation, *_rest = org
    works_council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    client.force_login(works_council)
    page = client.get(reverse("absence:business_case", args=[organisation.slug]), {"voorbeeld": "zorgregio"})
    text = page.content.decode()
    assert "545 medewerkersjaren" in text and "€ 39.828.600 per jaar" in text


def test_business_case_form_checks_its_inputs(client, org):
    organisation, _department, _big, _small, hr = org
    client.force_login(hr)
    data = {
        "headcount": 100,
        "part_time_factor": "0.8",
        "working_days": 261,
        "cost_per_day": 300,
        "current_rate": 2,
        "reduction": 3,
    }
    page = client.get(reverse("absence:business_case", args=[organisation.slug]), data).content.decode()
    assert "De daling kan niet groter zijn" in page and "Uitkomst" not in page


def test_pdf_report_has_figures_and_business_case(client, org):
    organisation, _department, _big, _small, hr = org
    client.force_login(hr)
    response = client.get(reverse("absence:report_pdf", args=[organisation.slug]), PERIOD)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Verzuimrapport" in text and "Businesscase" in text and "medewerkersjaren" in text
    assert AuditEvent.objects.filter(event="absence_report_exported", organisation=organisation).exists()


def test_indicator_absence_rate_only_when_disclosable(org):
    organisation, _department, _big, _small, _hr = org
    value = measure("absence:rate", organisation, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert value is not None and 0 < value < 100
    AbsenceSettings.objects.create(organisation=organisation, min_group_size=20)
    assert (
        measure("absence:rate", organisation, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)) is None
    )


def test_home_page_offers_the_absence_tasks(client, org):
    organisation, _department, _big, _small, hr = org
    client.force_login(hr)
    page = client.get(reverse("home")).content.decode()
    assert reverse("absence:overview", args=[organisation.slug]) in page
    assert reverse("absence:imports", args=[organisation.slug]) in page
    assert AbsenceSpell.objects.filter(organisation=organisation).count() == 4


def test_settings_are_saved_audited_and_the_minimum_stays_at_least_five(client, org):
    organisation, _department, _big, _small, hr = org
    client.force_login(hr)
    url = reverse("absence:settings", args=[organisation.slug])
    data = {
        "benchmark_rate": "7.1",
        "benchmark_label": "Vernet zorg",
        "min_group_size": "3",
        "duration_classes": "1-7,8-42,43-365,366-730",
        "cost_per_day": "350",
    }
    assert "min_group_size" in client.post(url, data).context["form"].errors
    data["min_group_size"] = "7"
    assert client.post(url, data).status_code == 302
    chosen = AbsenceSettings.objects.get(organisation=organisation)
    assert chosen.min_group_size == 7 and chosen.benchmark_label == "Vernet zorg"
    assert AuditEvent.objects.filter(event="absence_settings_changed", organisation=organisation).exists()
    report = services.absence_report(organisation, hr, datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert [c.label for c in report.classes] == ["1-7", "8-42", "43-365", "366-730"]
