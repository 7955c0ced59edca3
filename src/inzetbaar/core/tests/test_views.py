"""Pages of core: ownership of every view, the audit of personal-data views, and member management."""

import pytest
from django.core import mail
from django.urls import reverse

from inzetbaar.core.models import AuditEvent, Membership
from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted

from .factories import MembershipFactory, OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Zorggroep Test", slug="zorggroep-test")


@pytest.fixture
def admin(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN).user


@pytest.fixture
def employee(organisation):
    team = UnitFactory(
        organisation=organisation, name="Team Noord", parent=UnitFactory(organisation=organisation)
    )
    return MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, units=[team])


def test_organisation_page_only_for_its_members(client, organisation, employee):
    url = reverse("core:organisation", args=[organisation.slug])
    assert_only_permitted(
        client, url, owner=employee.user, organisation=organisation, capability=Capability.VIEW_ORGANISATION
    )


def test_members_page_only_for_roles_that_see_members(client, organisation, admin):
    url = reverse("core:members", args=[organisation.slug])
    assert_only_permitted(
        client, url, owner=admin, organisation=organisation, capability=Capability.VIEW_MEMBERS
    )


def test_member_detail_only_for_roles_that_see_members(client, organisation, admin, employee):
    url = reverse("core:member", args=[organisation.slug, employee.pk])
    team = employee.units.get()
    assert_only_permitted(
        client,
        url,
        owner=admin,
        organisation=organisation,
        capability=Capability.VIEW_MEMBERS,
        unit=team.parent,
    )


def test_add_person_only_for_org_admins(client, organisation, admin):
    url = reverse("core:member_add", args=[organisation.slug])
    assert_only_permitted(
        client, url, owner=admin, organisation=organisation, capability=Capability.MANAGE_MEMBERS, action=True
    )
    data = {"full_name": "X", "email": "x@example.test", "role": Role.EMPLOYEE, "reason": "test"}
    assert_only_permitted(
        client,
        url,
        owner=admin,
        organisation=organisation,
        capability=Capability.MANAGE_MEMBERS,
        method="post",
        data=data,
    )


def test_change_and_end_membership_only_for_org_admins(client, organisation, admin, employee):
    change = reverse("core:member_change", args=[organisation.slug, employee.pk])
    assert_only_permitted(
        client,
        change,
        owner=admin,
        organisation=organisation,
        capability=Capability.MANAGE_MEMBERS,
        action=True,
    )
    end = reverse("core:member_end", args=[organisation.slug, employee.pk])
    assert_only_permitted(
        client,
        end,
        owner=admin,
        organisation=organisation,
        capability=Capability.MANAGE_MEMBERS,
        method="post",
        data={"end": "2099-01-01", "reason": "test"},
    )


def test_organisation_audit_log_only_for_org_admins(client, organisation, admin):
    url = reverse("core:organisation_audit", args=[organisation.slug])
    assert_only_permitted(
        client, url, owner=admin, organisation=organisation, capability=Capability.VIEW_AUDIT
    )


def test_viewing_a_person_is_audited_and_shown_to_that_person(client, organisation, admin, employee):
    client.force_login(admin)
    client.get(reverse("core:member", args=[organisation.slug, employee.pk]))
    event = AuditEvent.objects.get(event="profile_viewed")
    assert (event.actor, event.subject, event.organisation) == (admin, employee.user, organisation)
    assert event.object_id == str(employee.pk) and event.reason
    client.force_login(employee.user)
    page = client.get(reverse("core:my_data")).content.decode()
    assert admin.full_name in page


def test_my_data_shows_only_views_of_my_own_data(client, organisation, admin, employee):
    colleague = MembershipFactory(organisation=organisation)
    client.force_login(admin)
    client.get(reverse("core:member", args=[organisation.slug, colleague.pk]))
    client.force_login(employee.user)
    page = client.get(reverse("core:my_data")).content.decode()
    assert "Niemand anders heeft uw gegevens bekeken." in page


def test_org_admin_adds_a_new_person_who_gets_an_invitation(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    team = UnitFactory(organisation=organisation)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:member_add", args=[organisation.slug]),
            {
                "full_name": "Nina Nieuw",
                "email": "Nina@Example.test",
                "role": Role.EMPLOYEE,
                "units": [team.pk],
                "reason": "nieuwe collega",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nina@example.test")
    assert list(membership.units.all()) == [team]
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1 and "/account/wachtwoord/nieuw/" in mail.outbox[0].body
    event = AuditEvent.objects.get(event="membership_added", subject=membership.user)
    assert event.actor == admin and event.reason == "nieuwe collega"


def test_units_of_another_organisation_are_refused(client, organisation, admin):
    foreign_unit = UnitFactory()
    client.force_login(admin)
    response = client.post(
        reverse("core:member_add", args=[organisation.slug]),
        {
            "full_name": "A",
            "email": "a@example.test",
            "role": Role.EMPLOYEE,
            "units": [foreign_unit.pk],
            "reason": "x",
        },
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="a@example.test").exists()


def test_changing_and_ending_a_role_is_audited(client, organisation, admin, employee):
    client.force_login(admin)
    client.post(
        reverse("core:member_change", args=[organisation.slug, employee.pk]),
        {"role": Role.MANAGER, "units": [u.pk for u in employee.units.all()], "reason": "promotie"},
    )
    employee.refresh_from_db()
    assert employee.role == Role.MANAGER
    changed = AuditEvent.objects.get(event="membership_changed")
    assert (
        changed.details["before"]["role"] == Role.EMPLOYEE
        and changed.details["after"]["role"] == Role.MANAGER
    )
    client.post(
        reverse("core:member_end", args=[organisation.slug, employee.pk]),
        {"end": "2099-12-31", "reason": "vertrek"},
    )
    employee.refresh_from_db()
    assert str(employee.end) == "2099-12-31"
    assert AuditEvent.objects.filter(event="membership_ended", subject=employee.user).exists()


def test_the_last_org_admin_cannot_end_their_own_role(client, organisation, admin):
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    client.post(
        reverse("core:member_end", args=[organisation.slug, membership.pk]),
        {"end": "2099-01-01", "reason": "x"},
    )
    membership.refresh_from_db()
    assert membership.end is None


def test_audit_search_filters_and_is_itself_audited(client, organisation, admin, employee):
    client.force_login(admin)
    client.get(reverse("core:member", args=[organisation.slug, employee.pk]))
    url = reverse("core:organisation_audit", args=[organisation.slug])
    page = client.get(url, {"event": "profile_viewed", "person": employee.user.full_name}).content.decode()
    assert "Persoonsgegevens bekeken" in page
    assert AuditEvent.objects.filter(event="audit_searched", organisation=organisation).exists()
    empty = client.get(url, {"event": "membership_ended"}).content.decode()
    assert "0 gebeurtenissen" in empty


def test_audit_search_rejects_an_impossible_period(client, organisation, admin):
    client.force_login(admin)
    page = client.get(
        reverse("core:organisation_audit", args=[organisation.slug]),
        {"date_from": "2026-02-01", "date_to": "2026-01-01"},
    ).content.decode()
    assert "De einddatum ligt vóór de begindatum." in page


def test_the_global_audit_log_is_for_platform_and_org_admins(client, organisation, admin, employee):
    client.force_login(employee.user)
    assert client.get(reverse("core:audit")).status_code == 403
    client.force_login(admin)
    assert client.get(reverse("core:audit")).status_code == 200


def test_home_page_says_what_each_role_can_do(client, organisation, admin, employee):
    client.force_login(admin)
    page = client.get(reverse("home")).content.decode()
    assert "Beheerder organisatie" in page and reverse("core:member_add", args=[organisation.slug]) in page
    client.force_login(employee.user)
    page = client.get(reverse("home")).content.decode()
    assert "Medewerker" in page and reverse("core:member_add", args=[organisation.slug]) not in page


def test_pages_with_personal_data_are_not_cached(client, organisation, admin):
    client.force_login(admin)
    response = client.get(reverse("core:members", args=[organisation.slug]))
    assert "no-store" in response.headers["Cache-Control"]


def test_dutch_is_the_default_whatever_the_browser_asks_and_english_on_request(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in page and "Inloggen" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Sign in" in page
