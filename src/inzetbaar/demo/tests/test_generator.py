"""The demo region: its size, its accounts, determinism by seed and idempotence."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from inzetbaar.core.models import AuditEvent, Membership, Organisation, OrganisationKind, Unit, User
from inzetbaar.core.roles import Role
from inzetbaar.demo.generator import DEMO_ACCOUNTS, generate_demo

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(User.objects.values_list("email", "full_name")),
        sorted(Organisation.objects.values_list("slug", "name", "kind", "municipality__name")),
        sorted(Unit.objects.values_list("organisation__slug", "path")),
        sorted(Membership.objects.values_list("user__email", "organisation__slug", "role")),
    )


def test_the_demo_region_has_what_the_field_needs():
    report = generate_demo(seed=7)
    kinds = {kind: Organisation.objects.filter(kind=kind).count() for kind in OrganisationKind.values}
    assert kinds[OrganisationKind.MUNICIPALITY] == 3
    assert kinds[OrganisationKind.EMPLOYER] == 12
    for kind in ("uwv", "employer_service_point", "network_facilitator", "occupational_health"):
        assert kinds[kind] >= 1
    assert Organisation.objects.values("region").distinct().count() == 1
    employees = Membership.objects.filter(role=Role.EMPLOYEE, organisation__kind=OrganisationKind.EMPLOYER)
    assert 270 <= employees.count() <= 330
    assert Membership.objects.filter(role=Role.CANDIDATE).count() == 61  # 60 job seekers and the demo account
    care = Organisation.objects.filter(sector="Zorg en welzijn")
    assert care.count() == 2
    for organisation in care:
        assert Unit.objects.filter(
            organisation=organisation, parent__isnull=False
        ).exists()  # departments with teams
    assert report.accounts == DEMO_ACCOUNTS
    assert AuditEvent.objects.filter(event="membership_added").count() == Membership.objects.count()


def test_a_second_run_adds_nothing_and_the_same_seed_gives_the_same_region():
    generate_demo(seed=7)
    first = snapshot()
    report = generate_demo(seed=7)
    assert snapshot() == first
    assert report.created == {}


def test_every_demo_account_signs_in_with_the_demo_password(settings):
    generate_demo(seed=7)
    roles = set()
    for account in DEMO_ACCOUNTS:
        request = RequestFactory().post("/account/inloggen/")
        assert authenticate(request, username=account.email, password=settings.DEMO_PASSWORD), account.email
        roles.add(account.role)
    assert roles >= set(Role.values) | {"platform_admin"}
    assert User.objects.get(email="admin@inzetbaar.demo").is_platform_admin
