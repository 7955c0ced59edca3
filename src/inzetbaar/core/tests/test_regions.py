"""The shipped labour-market regions and municipalities are in every database after migrating."""

import pytest

from inzetbaar.core.models import LabourMarketRegion, Municipality
from inzetbaar.core.regions import sync_regions

pytestmark = pytest.mark.django_db


def test_all_35_regions_and_their_municipalities_are_loaded():
    assert LabourMarketRegion.objects.count() == 35
    assert Municipality.objects.count() >= 340
    assert Municipality.objects.get(name="Amsterdam").region.name == "Groot Amsterdam"
    assert all(region.municipalities.exists() for region in LabourMarketRegion.objects.all())


def test_loading_again_changes_nothing():
    before = list(Municipality.objects.values_list("cbs_code", "region__code", "latitude"))
    sync_regions(LabourMarketRegion, Municipality)
    assert list(Municipality.objects.values_list("cbs_code", "region__code", "latitude")) == before
