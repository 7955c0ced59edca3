"""Demo data: two years of employment and absence (2024 and 2025) for the demo's care organisations.

A step of ``inzetbaar.demo.generator``: idempotent (skipped when the organisation has employment records)
and deterministic (a generator of its own per organisation, seeded with the demo's seed). The records go
through the same store as an import, so the employee numbers are pseudonymised the same way.
"""

import datetime
import random
from decimal import Decimal

from inzetbaar.core.models import Membership, Organisation
from inzetbaar.core.roles import Role

from .importing import ABSENCE, EMPLOYMENT
from .models import AbsenceSettings, Employment
from .services import store_records

FIRST, LAST = datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)
CARE_SECTOR = "Zorg en welzijn"
HOURS = (16, 20, 24, 24, 28, 28, 32, 36)
FULLTIME = 36


def _records(organisation: Organisation, rng: random.Random) -> tuple[list[dict], list[dict]]:
    memberships = (
        Membership.objects.filter(organisation=organisation, role=Role.EMPLOYEE, end__isnull=True)
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__email")
    )
    employment, spells = [], []
    for index, membership in enumerate(memberships, start=1):
        unit = next(iter(membership.units.all()), None)
        if unit is None:
            continue
        number = f"{index:05d}"
        start = membership.employed_since or FIRST - datetime.timedelta(days=rng.randint(30, 3000))
        end = None
        if rng.random() < 0.08:
            end = FIRST + datetime.timedelta(days=rng.randint(60, 700))
            if end < start:
                end = None
        employment.append(
            {
                "employee": number,
                "unit": unit.pk,
                "start": start,
                "end": end,
                "contract_hours": Decimal(rng.choice(HOURS)),
                "fulltime_hours": Decimal(FULLTIME),
            }
        )
        last_day = min(end or LAST, LAST)
        day = max(start, FIRST) + datetime.timedelta(days=rng.randint(0, 200))
        proneness = rng.choice((0.4, 0.8, 1.0, 1.2, 2.0))
        case = 0
        while day <= last_day:
            case += 1
            length = max(1, int(rng.lognormvariate(1.4, 1.2)))
            if rng.random() < 0.03:
                length = rng.randint(90, 400)
            parts = [(day, length, Decimal("1"))]
            if length > 21 and rng.random() < 0.5:  # partial return to work after three weeks or more
                first = rng.randint(14, length - 7)
                parts = [
                    (day, first, Decimal("1")),
                    (day + datetime.timedelta(days=first), length - first, Decimal("0.5")),
                ]
            pregnancy = rng.random() < 0.02
            for part_start, part_length, fraction in parts:
                part_end = part_start + datetime.timedelta(days=part_length - 1)
                spells.append(
                    {
                        "case": f"{number}-{case}",
                        "employee": number,
                        "start": part_start,
                        "end": min(part_end, last_day),  # the export of 31 December 2025: all cases closed
                        "fraction": fraction,
                        "pregnancy": pregnancy,
                    }
                )
                if part_end > last_day:
                    break
            gap = int(rng.expovariate(proneness / 330)) + 7
            day = parts[-1][0] + datetime.timedelta(days=parts[-1][1] + gap)
    return employment, spells


def absence_history(builder) -> None:
    for organisation in Organisation.objects.filter(sector=CARE_SECTOR).order_by("slug"):
        if not Membership.objects.filter(organisation=organisation, role=Role.EMPLOYEE).exists():
            continue
        if Employment.objects.filter(organisation=organisation).exists():
            continue
        rng = random.Random(f"{builder.seed}:absence:{organisation.slug}")
        employment, spells = _records(organisation, rng)
        store_records(organisation, EMPLOYMENT, employment)
        store_records(organisation, ABSENCE, spells)
        AbsenceSettings.objects.get_or_create(
            organisation=organisation,
            defaults={
                "benchmark_rate": Decimal("6.9"),
                "benchmark_label": "Sectorgemiddelde zorg (voorbeeld)",
            },
        )
        builder.report.count("verzuimperiodes", True)
