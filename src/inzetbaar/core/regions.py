"""Loads the shipped labour-market regions and municipalities (inzetbaar.data) into the database."""

from django.db import transaction

from inzetbaar.data import load_municipalities


@transaction.atomic
def sync_regions(region_model, municipality_model) -> tuple[int, int]:
    """Create or update every region and municipality from the shipped data; returns both counts.

    Takes the models as arguments so the data migration can pass its historical models.
    """
    municipalities = load_municipalities()
    regions = {}
    for row in municipalities:
        if row.region_code not in regions:
            regions[row.region_code], _ = region_model.objects.update_or_create(
                code=row.region_code, defaults={"name": row.region_name}
            )
    for row in municipalities:
        municipality_model.objects.update_or_create(
            cbs_code=row.cbs_code,
            defaults={
                "name": row.name,
                "province": row.province,
                "region": regions[row.region_code],
                "latitude": round(row.latitude, 4),
                "longitude": round(row.longitude, 4),
            },
        )
    return len(regions), len(municipalities)
