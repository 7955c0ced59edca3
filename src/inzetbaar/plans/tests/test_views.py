"""Views of annual plans: ownership tests for every view, and making, filling and following a plan."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inzetbaar.core.roles import Capability, Role
from inzetbaar.core.testing import assert_only_permitted
from inzetbaar.core.tests.factories import MembershipFactory
from inzetbaar.plans.models import Action, AnnualPlan, Goal, Status

from .factories import ActionFactory, GoalFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    hr = MembershipFactory(role=Role.HR)
    plan = PlanFactory(organisation=hr.organisation, owner=hr.user)
    goal = GoalFactory(plan=plan)
    action = ActionFactory(plan=plan, goal=goal, owner=hr.user)
    return hr.organisation, hr.user, plan, goal, action


def test_reading_plans_needs_view_plans(client, setup):
    organisation, _hr, plan, _goal, action = setup
    council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    kwargs = {"owner": council, "organisation": organisation, "capability": Capability.VIEW_PLANS}
    slug = organisation.slug
    for url in (
        reverse("plans:plans", args=[slug]),
        reverse("plans:attention", args=[slug]),
        reverse("plans:plan", args=[slug, plan.pk]),
        reverse("plans:action", args=[slug, plan.pk, action.pk]),
    ):
        assert_only_permitted(client, url, **kwargs)


def test_changing_plans_needs_manage_plans(client, setup):
    organisation, hr, plan, _goal, action = setup
    kwargs = {"owner": hr, "organisation": organisation, "capability": Capability.MANAGE_PLANS}
    slug = organisation.slug
    for url in (
        reverse("plans:plan_create", args=[slug]),
        reverse("plans:plan_edit", args=[slug, plan.pk]),
        reverse("plans:action_add", args=[slug, plan.pk]),
        reverse("plans:action_edit", args=[slug, plan.pk, action.pk]),
    ):
        assert_only_permitted(client, url, action=True, **kwargs)
    assert_only_permitted(
        client,
        reverse("plans:goal_add", args=[slug, plan.pk]),
        method="post",
        data={"theme": "talent", "title": "Talent", "description": ""},
        **kwargs,
    )
    assert_only_permitted(
        client,
        reverse("plans:action_update", args=[slug, plan.pk, action.pk]),
        method="post",
        data={"status": "in_progress", "phase": "do", "note": ""},
        **kwargs,
    )
    # the works council reads the plan but may not change it: 403
    council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    client.force_login(council)
    assert client.get(reverse("plans:plan_edit", args=[slug, plan.pk])).status_code == 403


def test_a_plan_of_another_organisation_is_not_found_under_this_one(client, setup):
    organisation, hr, _plan, _goal, _action = setup
    other = PlanFactory()
    client.force_login(hr)
    assert client.get(reverse("plans:plan", args=[organisation.slug, other.pk])).status_code == 404
    assert client.get(reverse("plans:plan", args=[other.organisation.slug, other.pk])).status_code == 404


def test_making_a_plan_with_goals_and_actions(client):
    hr = MembershipFactory(role=Role.HR)
    slug = hr.organisation.slug
    client.force_login(hr.user)
    year = timezone.localdate().year
    data = {
        "year": year,
        "title": "Jaarplan",
        "owner": hr.user.pk,
        "vision": "Gezond werken",
        "shared_with_networks": "on",
    }
    response = client.post(reverse("plans:plan_create", args=[slug]), data)
    plan = AnnualPlan.objects.get(organisation=hr.organisation)
    assert response.url == reverse("plans:plan", args=[slug, plan.pk])
    assert plan.shared_with_networks
    again = client.post(reverse("plans:plan_create", args=[slug]), data)
    assert "Er is al een jaarplan voor" in again.content.decode()

    client.post(
        reverse("plans:goal_add", args=[slug, plan.pk]), {"theme": "retention", "title": "Minder vertrek"}
    )
    goal = Goal.objects.get(plan=plan)
    today = timezone.localdate()
    action = {
        "title": "Blijfgesprekken",
        "theme": "talent",
        "goal": goal.pk,
        "kind": "action",
        "owner": hr.user.pk,
        "start_date": today.isoformat(),
        "due_date": (today - datetime.timedelta(days=1)).isoformat(),
        "phase": "plan",
        "indicator": "instruments:house_of_work_ability:values",
    }
    refused = client.post(reverse("plans:action_add", args=[slug, plan.pk]), action)
    errors = refused.context["form"].errors
    assert "due_date" in errors and "goal" in errors
    action.update(theme="retention", due_date=(today + datetime.timedelta(days=60)).isoformat())
    made = client.post(reverse("plans:action_add", args=[slug, plan.pk]), action)
    saved = Action.objects.get(plan=plan)
    assert made.url == reverse("plans:action", args=[slug, plan.pk, saved.pk])
    assert saved.indicator == "instruments:house_of_work_ability:values" and saved.value_before is None
    page = client.get(made.url).content.decode()
    assert "niet bekend of groep te klein" in page

    client.post(
        reverse("plans:action_update", args=[slug, plan.pk, saved.pk]),
        {"status": "done", "phase": "act", "note": "Alle teams gedaan"},
    )
    saved.refresh_from_db()
    assert saved.status == Status.DONE
    detail = client.get(reverse("plans:plan", args=[slug, plan.pk])).content.decode()
    assert "Blijfgesprekken" in detail and "Minder vertrek" in detail and "Afgerond" in detail


def test_attention_lists_own_actions_first_and_the_rest_for_plan_managers(client, setup):
    organisation, hr, _plan, _goal, action = setup
    today = timezone.localdate()
    Action.objects.filter(pk=action.pk).update(due_date=today - datetime.timedelta(days=2))
    colleague = MembershipFactory(organisation=organisation, role=Role.HR).user
    other_plan = PlanFactory(organisation=organisation, year=today.year + 1, owner=colleague)
    theirs = ActionFactory(plan=other_plan, owner=colleague, due_date=today - datetime.timedelta(days=1))
    client.force_login(hr)
    page = client.get(reverse("plans:attention", args=[organisation.slug]))
    assert [a.pk for a in page.context["mine"]] == [action.pk]
    assert [a.pk for a in page.context["others"]] == [theirs.pk]
    council = MembershipFactory(organisation=organisation, role=Role.WORKS_COUNCIL).user
    client.force_login(council)
    page = client.get(reverse("plans:attention", args=[organisation.slug]))
    assert page.context["mine"] == [] and page.context["others"] is None


def test_editing_an_action_moves_its_due_date_and_resets_the_baseline_of_a_new_indicator(client, setup):
    organisation, hr, plan, goal, action = setup
    Action.objects.filter(pk=action.pk).update(value_before=3.0, indicator="instruments:wai:wai_total")
    client.force_login(hr)
    due = timezone.localdate() + datetime.timedelta(days=90)
    data = {
        "title": "Nieuwe titel",
        "description": "",
        "theme": goal.theme,
        "goal": goal.pk,
        "kind": "action",
        "owner": hr.pk,
        "start_date": action.start_date.isoformat(),
        "due_date": due.isoformat(),
        "phase": "do",
        "indicator": "instruments:house_of_work_ability:work",
    }
    response = client.post(reverse("plans:action_edit", args=[organisation.slug, plan.pk, action.pk]), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.due_date, action.indicator) == (
        "Nieuwe titel",
        due,
        "instruments:house_of_work_ability:work",
    )
    assert action.value_before is None  # no responses: the old baseline of another indicator is gone
