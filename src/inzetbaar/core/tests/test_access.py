"""The access helpers: who sees which organisations, units and memberships, and 404 versus 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from inzetbaar.core.access import get_for_action_or_404, get_visible_or_404, require_capability, visible
from inzetbaar.core.models import Membership, Organisation, Unit
from inzetbaar.core.roles import Capability, Role

from .factories import MembershipFactory, OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    organisation = OrganisationFactory()
    care = UnitFactory(organisation=organisation, name="Zorg")
    team_a = UnitFactory(organisation=organisation, name="Team A", parent=care)
    team_b = UnitFactory(organisation=organisation, name="Team B", parent=care)
    office = UnitFactory(organisation=organisation, name="Kantoor")
    return organisation, care, team_a, team_b, office


def test_unit_paths_follow_the_tree_and_moves(tree):
    _, care, team_a, team_b, office = tree
    assert team_a.path == f"/{care.pk}/{team_a.pk}/"
    assert set(care.subtree()) == {care, team_a, team_b}
    care.parent = office
    care.save()
    team_a.refresh_from_db()
    assert team_a.path == f"/{office.pk}/{care.pk}/{team_a.pk}/"
    assert team_a.depth == 2


def test_members_see_their_own_organisation_only(tree):
    organisation = tree[0]
    other = OrganisationFactory()
    member = MembershipFactory(organisation=organisation, role=Role.HR).user
    assert list(visible(Organisation.objects.all(), member, Capability.VIEW_ORGANISATION)) == [organisation]
    with pytest.raises(Http404):
        get_visible_or_404(Organisation, member, Capability.VIEW_ORGANISATION, pk=other.pk)


def test_a_manager_reaches_the_units_below_theirs_only(tree):
    organisation, care, team_a, team_b, office = tree
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, units=[care]).user
    assert set(visible(Unit.objects.all(), manager, Capability.VIEW_ORGANISATION)) == {care, team_a, team_b}
    in_a = MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, units=[team_a])
    in_office = MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, units=[office])
    seen = set(visible(Membership.objects.all(), manager, Capability.VIEW_MEMBERS))
    assert in_a in seen and in_office not in seen


def test_org_wide_roles_reach_every_unit(tree):
    organisation = tree[0]
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    assert visible(Unit.objects.all(), hr, Capability.VIEW_ORGANISATION).count() == 4


def test_ended_memberships_give_no_access(tree):
    organisation = tree[0]
    membership = MembershipFactory(organisation=organisation, role=Role.HR)
    membership.end = membership.start
    membership.save()
    assert not visible(Organisation.objects.all(), membership.user, Capability.VIEW_ORGANISATION).exists()


def test_actions_answer_403_to_members_without_the_right_and_404_to_outsiders(tree):
    organisation = tree[0]
    target = MembershipFactory(organisation=organisation)
    hr = MembershipFactory(organisation=organisation, role=Role.HR).user
    outsider = MembershipFactory(role=Role.ORG_ADMIN).user
    admin = MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN).user
    lookup = {"read_capability": Capability.VIEW_MEMBERS, "pk": target.pk}
    with pytest.raises(PermissionDenied):
        get_for_action_or_404(Membership, hr, Capability.MANAGE_MEMBERS, **lookup)
    with pytest.raises(Http404):
        get_for_action_or_404(Membership, outsider, Capability.MANAGE_MEMBERS, **lookup)
    assert get_for_action_or_404(Membership, admin, Capability.MANAGE_MEMBERS, **lookup) == target
    with pytest.raises(Http404):
        require_capability(outsider, organisation, Capability.MANAGE_MEMBERS)


def test_platform_admins_reach_everything_and_anonymous_nothing(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert visible(Unit.objects.all(), admin, Capability.VIEW_ORGANISATION).count() == 4
    from django.contrib.auth.models import AnonymousUser

    assert not visible(Unit.objects.all(), AnonymousUser(), Capability.VIEW_ORGANISATION).exists()


def test_a_person_can_hold_several_memberships(tree):
    organisation = tree[0]
    other = OrganisationFactory()
    person = UserFactory()
    MembershipFactory(user=person, organisation=organisation, role=Role.EMPLOYEE, units=[tree[4]])
    MembershipFactory(user=person, organisation=organisation, role=Role.WORKS_COUNCIL)
    MembershipFactory(user=person, organisation=other, role=Role.NETWORK_FACILITATOR)
    assert set(visible(Organisation.objects.all(), person, Capability.VIEW_ORGANISATION)) == {
        organisation,
        other,
    }
    assert (
        not visible(Organisation.objects.all(), person, Capability.VIEW_MEMBERS).exclude(pk=other.pk).exists()
    )
