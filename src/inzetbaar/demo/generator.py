"""Generates the demo region, deterministic by seed and idempotent: a second run adds nothing.

One labour-market region with three municipalities, a UWV office, an employer service point, a network
facilitator, an occupational health service, twelve employers (ten small and medium firms and two care
organisations with departments and teams) with about 300 employees, and 60 job seekers; plus one demo
account per role, all with the password in settings.DEMO_PASSWORD. Later issues extend it with their data
by adding steps to `STEPS`.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker
from tqdm import tqdm

from inzetbaar.core import services
from inzetbaar.core.models import (
    JobType,
    LabourMarketRegion,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    SizeClass,
    Unit,
    UnitKind,
    User,
)
from inzetbaar.core.roles import Role

REGION_CODE_NAME = "Rijk van Nijmegen"
MUNICIPALITIES = ["Nijmegen", "Wijchen", "Berg en Dal"]
DEMO_REASON = "demo region"
DEMO_DAY = datetime.date(2026, 1, 1)  # employment facts are fixed, not relative to today

CARE_STRUCTURE = {
    "Wonen en zorg": ["Team De Hof", "Team De Linde", "Team Het Anker"],
    "Thuiszorg": ["Wijkteam Oost", "Wijkteam West"],
    "Facilitair": ["Schoonmaak", "Keuken"],
    "Staf": [],
}
SME_SECTORS = [
    ("Logistiek", ["Magazijn", "Transport", "Kantoor"]),
    ("Bouw", ["Uitvoering", "Werkvoorbereiding"]),
    ("Horeca", ["Keuken", "Bediening"]),
    ("Techniek", ["Productie", "Onderhoud", "Kantoor"]),
    ("Detailhandel", ["Winkel", "Magazijn"]),
    ("Groenvoorziening", ["Buitendienst"]),
    ("Schoonmaak", ["Objecten", "Planning"]),
    ("ICT", ["Ontwikkeling", "Support"]),
    ("Metaal", ["Productie", "Kwaliteit"]),
    ("Voedingsmiddelen", ["Productie", "Expeditie"]),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str  # a Role value, or "platform_admin"
    organisation_slug: str | None
    unit_path: tuple[str, ...] = ()


ZORGGROEP = "zorggroep-de-linde"
DEMO_ACCOUNTS = [
    DemoAccount("admin@inzetbaar.demo", "Pim Platformbeheer", "platform_admin", None),
    DemoAccount("beheer@zorggroep.demo", "Bea Beheer", Role.ORG_ADMIN, ZORGGROEP),
    DemoAccount("hr@zorggroep.demo", "Hanna de Haan", Role.HR, ZORGGROEP),
    DemoAccount("manager@zorggroep.demo", "Mark Meijer", Role.MANAGER, ZORGGROEP, ("Wonen en zorg",)),
    DemoAccount(
        "medewerker@zorggroep.demo", "Mila Mulder", Role.EMPLOYEE, ZORGGROEP, ("Wonen en zorg", "Team De Hof")
    ),
    DemoAccount("or@zorggroep.demo", "Otto Ruiter", Role.WORKS_COUNCIL, ZORGGROEP),
    DemoAccount(
        "bedrijfsarts@arbodienst.demo", "Dr. Bram Arts", Role.OCCUPATIONAL_PHYSICIAN, "arbodienst-gezond-werk"
    ),
    DemoAccount("klantmanager@gemeente.demo", "Karin Klaassen", Role.CLIENT_MANAGER, "gemeente-nijmegen"),
    DemoAccount("klantmanager@uwv.demo", "Kees Uijttenbroek", Role.CLIENT_MANAGER, "uwv-nijmegen"),
    DemoAccount("relatiemanager@wsp.demo", "Rosa Relink", Role.RELATIONSHIP_MANAGER, "wsp-rijk-van-nijmegen"),
    DemoAccount(
        "facilitator@netwerk.demo", "Frank Facilitator", Role.NETWORK_FACILITATOR, "netwerk-duurzaam-werken"
    ),
    DemoAccount("werkzoekende@gemeente.demo", "Wendy Zoekers", Role.CANDIDATE, "gemeente-nijmegen"),
]


# The occupational physician works for the health service and, under its contract, for the care employer:
# a second membership, so that the physician reaches that employer's medical-type results.
EXTRA_MEMBERSHIPS = [("bedrijfsarts@arbodienst.demo", Role.OCCUPATIONAL_PHYSICIAN, ZORGGROEP)]


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)
    accounts: list[DemoAccount] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1

    def as_text(self) -> str:
        made = (
            ", ".join(f"{n} {kind}" for kind, n in sorted(self.created.items()))
            or "niets nieuws (al aanwezig)"
        )
        lines = [f"Demoregio {REGION_CODE_NAME}: {made}.", "", "Demo-accounts (wachtwoord: inzetbaar-demo):"]
        width = max(len(a.email) for a in self.accounts)
        for account in self.accounts:
            role = "platformbeheerder" if account.role == "platform_admin" else Role(account.role).label
            where = f" · {account.organisation_slug}" if account.organisation_slug else ""
            lines.append(f"  {account.email.ljust(width)}  {role}{where}")
        return "\n".join(lines)


class DemoBuilder:
    """Creates the demo objects with get-or-create keyed on natural keys, so reruns change nothing."""

    def __init__(self, seed: int, progress: bool):
        self.seed = seed
        self.random = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.progress = progress
        self.report = DemoReport()
        self.region = LabourMarketRegion.objects.get(name=REGION_CODE_NAME)
        self._demo_password = make_password(settings.DEMO_PASSWORD)

    # -- building blocks ---------------------------------------------------------------------------
    def organisation(self, slug, name, kind, municipality, sector="", size_class="") -> Organisation:
        organisation, created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "region": self.region,
                "municipality": municipality,
                "sector": sector,
                "size_class": size_class,
            },
        )
        self.report.count("organisaties", created)
        return organisation

    def unit(self, organisation, name, kind, parent=None) -> Unit:
        unit = Unit.objects.filter(organisation=organisation, parent=parent, name=name).first()
        if unit is None:
            unit = Unit.objects.create(organisation=organisation, parent=parent, name=name, kind=kind)
            self.report.count("onderdelen", True)
        return unit

    def person(self, email, full_name, *, can_log_in=False) -> User:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.password = self._demo_password if can_log_in else make_password(None)
            user.save(update_fields=["password"])
        self.report.count("personen", created)
        return user

    def membership(self, user, organisation, role, units=()) -> None:
        if Membership.objects.filter(
            user=user, organisation=organisation, role=role, end__isnull=True
        ).exists():
            return
        services.add_membership(
            None, user=user, organisation=organisation, role=role, units=units, reason=DEMO_REASON
        )
        self.report.count("rollen", True)

    def employment(self, user, organisation) -> None:
        """An employee's birth year, employment start and job type, set once. Drawn from a generator of
        its own (seed and e-mail address), so the rest of the demo does not change with it."""
        rng = random.Random(f"{self.seed}:{user.email}")
        age = rng.choice([(20, 34), (35, 44), (45, 54), (45, 54), (55, 66)])
        age = rng.randint(*age)
        years = min(rng.expovariate(1 / 7), age - 18)
        Membership.objects.filter(
            user=user, organisation=organisation, role=Role.EMPLOYEE, birth_year__isnull=True
        ).update(
            birth_year=DEMO_DAY.year - age,
            employed_since=DEMO_DAY - datetime.timedelta(days=round(years * 365.25)),
            job_type=rng.choice([JobType.PHYSICAL, JobType.PHYSICAL, JobType.MIXED, JobType.MENTAL]),
        )

    def email_for(self, name: str, domain: str, number: int) -> str:
        local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
        return f"{local}.{number}@{domain}"

    # -- the region --------------------------------------------------------------------------------
    def build(self) -> DemoReport:
        municipalities = [Municipality.objects.get(name=name, region=self.region) for name in MUNICIPALITIES]
        nijmegen = municipalities[0]
        for municipality in municipalities:
            self.organisation(
                f"gemeente-{municipality.name.lower().replace(' ', '-')}",
                f"Gemeente {municipality.name}",
                OrganisationKind.MUNICIPALITY,
                municipality,
            )
        self.organisation("uwv-nijmegen", "UWV Nijmegen", OrganisationKind.UWV, nijmegen)
        self.organisation(
            "wsp-rijk-van-nijmegen",
            "WerkgeversServicePunt Rijk van Nijmegen",
            OrganisationKind.EMPLOYER_SERVICE_POINT,
            nijmegen,
        )
        self.organisation(
            "netwerk-duurzaam-werken",
            "Netwerk Duurzaam Werken",
            OrganisationKind.NETWORK_FACILITATOR,
            nijmegen,
        )
        self.organisation(
            "arbodienst-gezond-werk", "Arbodienst Gezond Werk", OrganisationKind.OCCUPATIONAL_HEALTH, nijmegen
        )
        self.organisation(
            "werkbedrijf-rijk-van-nijmegen",
            "Werkbedrijf Rijk van Nijmegen",
            OrganisationKind.SHELTERED_WORK,
            nijmegen,
        )
        employers = self.employers(municipalities)
        steps = tqdm(employers, desc="werkgevers", unit="org", disable=not self.progress)
        for organisation, structure, headcount in steps:
            self.staff(organisation, structure, headcount)
        self.job_seekers(municipalities)
        self.demo_accounts()
        for step in STEPS:
            step(self)
        return self.report

    def employers(self, municipalities) -> list[tuple[Organisation, dict[str, list[str]], int]]:
        employers = [
            (
                self.organisation(
                    ZORGGROEP,
                    "Zorggroep De Linde",
                    OrganisationKind.EMPLOYER,
                    municipalities[0],
                    "Zorg en welzijn",
                    SizeClass.MEDIUM,
                ),
                CARE_STRUCTURE,
                85,
            ),
            (
                self.organisation(
                    "thuiszorg-waalland",
                    "Thuiszorg Waalland",
                    OrganisationKind.EMPLOYER,
                    municipalities[1],
                    "Zorg en welzijn",
                    SizeClass.MEDIUM,
                ),
                CARE_STRUCTURE,
                75,
            ),
        ]
        for sector, departments in SME_SECTORS:
            name = self.fake.unique.last_name()
            suffix = self.random.choice(["B.V.", "& Zn.", "Groep", "Services"])
            municipality = self.random.choice(municipalities)
            slug = f"{name}-{sector}".lower().replace(" ", "-")
            headcount = self.random.randint(8, 20)
            size = SizeClass.MICRO if headcount < 10 else SizeClass.SMALL
            organisation = self.organisation(
                slug, f"{name} {sector} {suffix}", OrganisationKind.EMPLOYER, municipality, sector, size
            )
            employers.append((organisation, {department: [] for department in departments}, headcount))
        return employers

    def staff(self, organisation, structure, headcount) -> None:
        leaves = []
        domain = f"{organisation.slug}.demo"
        for index, (department_name, team_names) in enumerate(structure.items(), start=1):
            department = self.unit(organisation, department_name, UnitKind.DEPARTMENT)
            teams = [self.unit(organisation, team, UnitKind.TEAM, department) for team in team_names]
            leaves.extend(teams or [department])
            name = self.fake.name()
            manager = self.person(self.email_for(name, domain, 900 + index), name)
            self.membership(manager, organisation, Role.MANAGER, [department])
        for number in range(1, headcount + 1):
            name = self.fake.name()
            employee = self.person(self.email_for(name, domain, number), name)
            self.membership(employee, organisation, Role.EMPLOYEE, [self.random.choice(leaves)])
            self.employment(employee, organisation)
        hr = self.person(f"hr.{organisation.slug}@{domain}", self.fake.name())
        self.membership(hr, organisation, Role.HR)

    def job_seekers(self, municipalities) -> None:
        guides = [Organisation.objects.get(slug="uwv-nijmegen")] + [
            Organisation.objects.get(slug=f"gemeente-{m.name.lower().replace(' ', '-')}")
            for m in municipalities
        ]
        for number in range(1, 61):
            name = self.fake.name()
            seeker = self.person(self.email_for(name, "werkzoekenden.demo", number), name)
            # About a quarter are guided by UWV (WW, WIA, Wajong); the rest by their municipality.
            guide = guides[0] if self.random.random() < 0.25 else self.random.choice(guides[1:])
            self.membership(seeker, guide, Role.CANDIDATE)

    def demo_accounts(self) -> None:
        for account in DEMO_ACCOUNTS:
            user = self.person(account.email, account.full_name, can_log_in=True)
            if account.role == "platform_admin":
                if not user.is_superuser:
                    user.is_superuser = user.is_staff = True
                    user.save(update_fields=["is_superuser", "is_staff"])
            else:
                organisation = Organisation.objects.get(slug=account.organisation_slug)
                units = self._units_at(organisation, account.unit_path)
                self.membership(user, organisation, account.role, units)
                if account.role == Role.EMPLOYEE:
                    self.employment(user, organisation)
            self.report.accounts.append(account)
        for email, role, slug in EXTRA_MEMBERSHIPS:
            self.membership(User.objects.get(email=email), Organisation.objects.get(slug=slug), role)

    def _units_at(self, organisation, path) -> list[Unit]:
        parent = None
        for name in path:
            parent = Unit.objects.get(organisation=organisation, parent=parent, name=name)
        return [parent] if parent else []


# Later apps append a function taking the builder, to add their own demo data (idempotent as well).
STEPS: list[Callable[[DemoBuilder], None]] = []


def generate_demo(seed: int = 2026, progress: bool = False) -> DemoReport:
    with transaction.atomic():
        return DemoBuilder(seed, progress).build()
