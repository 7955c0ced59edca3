"""Loads the 35 labour-market regions and their municipalities shipped in inzetbaar.data."""

from django.db import migrations


def load(apps, schema_editor):
    from inzetbaar.core.regions import sync_regions

    sync_regions(apps.get_model("core", "LabourMarketRegion"), apps.get_model("core", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
