"""The demo region gets a learning network of the care organisations, once."""

import pytest

from inzetbaar.core.models import LabourMarketRegion, Municipality
from inzetbaar.core.regions import sync_regions
from inzetbaar.demo.generator import generate_demo
from inzetbaar.networks import services
from inzetbaar.networks.models import GoodPractice, Meeting, Network
from inzetbaar.plans.models import Action, AnnualPlan, Status
from inzetbaar.toolbox.models import CatalogueItem

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_network_with_meetings_actions_in_every_state_and_a_good_practice():
    sync_regions(LabourMarketRegion, Municipality)
    generate_demo(seed=2026)
    counts = [m.objects.count() for m in (Network, Meeting, Action, AnnualPlan, GoodPractice, CatalogueItem)]
    generate_demo(seed=2026)
    assert [
        m.objects.count() for m in (Network, Meeting, Action, AnnualPlan, GoodPractice, CatalogueItem)
    ] == counts
    network = Network.objects.get()
    assert network.meetings.count() == 3 and network.memberships.filter(ambassador=True).count() == 1
    assert GoodPractice.objects.filter(network=network).exists()
    taken = Action.objects.filter(take_home__meeting__network=network)
    assert set(taken.values_list("status", flat=True)) == set(Status.values)
    _last, rows = services.monitor(network)
    flagged = [a for r in rows for a in r.actions]
    assert any(a.overdue for a in flagged) and any(a.stalled for a in flagged)
    assert services.evaluation_summary(network.meetings.first()).published
    followed = Action.objects.exclude(indicator="").get(plan__organisation__slug="zorggroep-de-linde")
    assert followed.value_before is not None and followed.value_after is not None
