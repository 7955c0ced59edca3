"""Absence in a real browser: HR imports a file with a bad row (clear error, nothing imported), then good
files, and sees the trend per unit as charts with tables; every page is free of WCAG 2.1 AA violations."""

import pytest
from django.conf import settings
from django.urls import reverse

from inzetbaar.absence.models import AbsenceSpell, Employment
from inzetbaar.core.models import Organisation

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]

TEAMS = ["Team De Hof", "Team De Linde", "Team Het Anker", "Wijkteam Oost", "Wijkteam West"]


def employment_csv(bad_line: bool) -> str:
    lines = ["employee,unit,start,end,contract_hours,fulltime_hours"]
    for number in range(1, 41):
        lines.append(f"M{number:03d},{TEAMS[number % len(TEAMS)]},2022-01-01,,{24 + number % 3 * 6},36")
    if bad_line:
        lines[7] = "M007,Team De Hof,2022-02-30,,24,36"
    return "\n".join(lines) + "\n"


def absence_csv() -> str:
    lines = ["case,employee,start,end,fraction"]
    for number in range(1, 41, 3):
        month = 1 + number % 12
        lines.append(f"V{number},M{number:03d},2025-{month:02d}-03,2025-{month:02d}-12,1")
    return "\n".join(lines) + "\n"


def upload(page, kind: str, path) -> None:
    page.get_by_label(kind).check()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(path))
    page.get_by_role("button", name="Inlezen").click()


def test_hr_imports_a_bad_file_then_good_ones_and_sees_the_trend(page, axe, tmp_path):
    organisation = Organisation.objects.get(slug="zorggroep-de-linde")
    AbsenceSpell.objects.filter(organisation=organisation).delete()
    Employment.objects.filter(organisation=organisation).delete()
    bad, good, spells = tmp_path / "bad.csv", tmp_path / "dienstverbanden.csv", tmp_path / "verzuim.csv"
    bad.write_text(employment_csv(bad_line=True))
    good.write_text(employment_csv(bad_line=False))
    spells.write_text(absence_csv())

    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    page.goto(reverse("absence:imports", args=[organisation.slug]))
    axe.check(page, "import page")
    upload(page, "Dienstverbanden", bad)
    alert = page.get_by_role("alert")
    assert "Niets ingelezen" in alert.inner_text() and "1 fout" in alert.inner_text()
    row = page.locator("tbody tr").first
    assert (
        row.locator("td").nth(0).inner_text() == "8" and row.locator("td").nth(1).inner_text() == "begindatum"
    )
    assert "2022-02-30" in row.inner_text()
    assert not Employment.objects.filter(organisation=organisation).exists()
    axe.check(page, "import with an error")

    page.get_by_role("link", name="Een verbeterd bestand inlezen").click()
    upload(page, "Dienstverbanden", good)
    assert page.get_by_text("Ingelezen: 40 nieuw, 0 gewijzigd, 0 ongewijzigd.").is_visible()
    page.get_by_role("link", name="Nog een bestand inlezen").click()
    upload(page, "Verzuimmeldingen", spells)
    assert page.get_by_text("Ingelezen: 14 nieuw").is_visible()
    assert Employment.objects.filter(organisation=organisation).count() == 40

    page.get_by_role("link", name="Naar de verzuimcijfers").click()
    page.get_by_label("Van", exact=True).fill("2025-01-01")
    page.get_by_label("Tot en met", exact=True).fill("2025-12-31")
    page.get_by_role("button", name="Tonen").click()
    trend = page.get_by_role("img", name="Verzuimpercentage per periode van Zorggroep De Linde")
    assert trend.is_visible()
    assert trend.locator("polyline").count() >= 1
    page.get_by_text("Cijfers per periode van Zorggroep De Linde").click()
    table = page.get_by_role("table", name="Zorggroep De Linde: cijfers per periode")
    assert table.locator("tbody tr").count() == 12
    assert page.get_by_role("table", name="Cijfers per onderdeel over de hele periode").is_visible()
    axe.check(page, "absence overview")

    page.get_by_role("link", name="Businesscase").first.click()
    page.get_by_role("link", name="Voorbeeld: een zorgregio met 54.500 medewerkers").click()
    assert page.locator("dd", has_text="545 medewerkersjaren").is_visible()
    assert page.locator("dd", has_text="€ 39.828.600 per jaar").is_visible()
    axe.check(page, "business case")
    axe.assert_clean()
