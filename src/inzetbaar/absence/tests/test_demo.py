"""The demo's care organisations get two years of absence data, once, with figures in a normal range."""

import datetime

import pytest

from inzetbaar.absence import services
from inzetbaar.absence.models import AbsenceSpell, Employment
from inzetbaar.core.models import LabourMarketRegion, Membership, Municipality, Organisation
from inzetbaar.core.regions import sync_regions
from inzetbaar.demo.generator import ZORGGROEP, generate_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_absence_for_care_organisations_is_idempotent_and_plausible():
    sync_regions(LabourMarketRegion, Municipality)
    generate_demo(seed=2026)
    counts = (Employment.objects.count(), AbsenceSpell.objects.count())
    generate_demo(seed=2026)
    assert (Employment.objects.count(), AbsenceSpell.objects.count()) == counts
    care = Organisation.objects.filter(sector="Zorg en welzijn")
    assert care.count() == 2
    for organisation in care:
        assert organisation.absence_spells.filter(start__year=2024).exists()
        assert organisation.absence_spells.filter(start__year=2025).exists()
    zorggroep = Organisation.objects.get(slug=ZORGGROEP)
    hr = (
        Membership.objects.filter(organisation=zorggroep, role="hr", user__email="hr@zorggroep.demo")
        .get()
        .user
    )
    report = services.absence_report(
        zorggroep, hr, datetime.date(2024, 1, 1), datetime.date(2025, 12, 31), "quarter"
    )
    rate = report.series[0].whole.values["absence_rate"]
    assert 3 < rate < 12
    manager = Membership.objects.get(user__email="manager@zorggroep.demo").user
    shown = services.absence_report(
        zorggroep, manager, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    )
    assert shown.series and any(s.whole.published for s in shown.series)
