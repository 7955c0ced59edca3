"""Plan services: indicators before and after, what needs attention, and the daily reminders."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from inzetbaar.cli import main
from inzetbaar.core import indicators
from inzetbaar.core.models import AuditEvent
from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, UnitFactory
from inzetbaar.instruments import reports
from inzetbaar.instruments.models import Campaign
from inzetbaar.instruments.tests.test_campaigns import answer_all, make_org, start
from inzetbaar.plans import services
from inzetbaar.plans.indicators import key_of, scale_mean
from inzetbaar.plans.models import ActionUpdate, AnnualPlan, Phase, ReminderSent, Status

from .factories import ActionFactory, GoalFactory, PlanFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def test_scale_indicators_are_registered_for_the_main_scales():
    keys = {i.key for i in indicators.all_indicators()}
    assert {key_of("house_of_work_ability", s) for s in ("health", "competence", "values", "work")} <= keys
    assert key_of("wai", "wai_total") in keys
    assert not indicators.get_indicator(key_of("work_energy_balance", "demands")).higher_is_better
    assert "Huis van Werkvermogen" in str(
        indicators.get_indicator(key_of("house_of_work_ability", "work")).label
    )


def _surveyed(sizes, value):
    organisation, _department, _teams, hr = make_org(sizes)
    campaign = start(organisation, hr)
    for invitation in campaign.invitations.all():
        answer_all(invitation, value=value)
    return organisation, campaign, hr


def test_scale_mean_counts_closed_waves_in_the_period_and_hides_small_groups():
    organisation, campaign, hr = _surveyed((8,), 4)
    closes = campaign.closes_on
    key = key_of("house_of_work_ability", "health")
    report = reports.group_report(campaign, campaign.instruments.get(), hr)
    health = [s.id for s in report.scales].index("health")
    expected = round(report.rows[0].means[health], 2)
    assert indicators.measure(key, organisation, closes, closes) == pytest.approx(expected)
    assert (
        indicators.measure(
            key, organisation, closes + datetime.timedelta(days=1), closes + datetime.timedelta(days=9)
        )
        is None
    )
    small, small_campaign, _hr = _surveyed((6,), 4)  # under the House of Work Ability's minimum of 7
    assert (
        scale_mean(
            "house_of_work_ability", "health", small, small_campaign.closes_on, small_campaign.closes_on
        )
        is None
    )
    # a small wave of the same organisation in the same period is left out, not mixed in
    team = UnitFactory(organisation=organisation)
    for _ in range(3):
        MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, units=[team])
    wave = start(organisation, hr, units=[team])
    for invitation in wave.invitations.all():
        answer_all(invitation, value=1)
    assert wave.closes_on == closes
    assert indicators.measure(key, organisation, closes, closes) == pytest.approx(expected)


@pytest.fixture
def days_indicator():
    """An indicator whose value is the period's length in days, so before and after are predictable."""
    indicators.register_indicator(
        indicators.Indicator(
            "test:days", "Dagen", "dagen", lambda organisation, start, end: (end - start).days + 1
        )
    )


def test_an_action_keeps_its_value_before_and_updates_its_value_after(days_indicator):
    hr = MembershipFactory(role=Role.HR)
    plan = PlanFactory(organisation=hr.organisation)
    start_date = timezone.localdate() - datetime.timedelta(days=9)
    action = services.add_action(
        hr.user,
        plan,
        title="Pilot",
        theme="healthy_work",
        start_date=start_date,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        indicator="test:days",
    )
    assert action.value_before == services.BASELINE_DAYS
    assert action.value_after == 10
    assert action.updates.get().status == Status.PLANNED
    services.update_action(hr.user, action, status=Status.IN_PROGRESS, phase=Phase.DO, note="Gestart")
    action.refresh_from_db()
    assert (action.status, action.phase, action.value_before, action.value_after) == (
        "in_progress",
        "do",
        365,
        10,
    )
    assert ActionUpdate.objects.filter(action=action).count() == 2
    assert AuditEvent.objects.filter(event="plan_action_updated", object_id=str(action.pk)).exists()


def test_a_goal_of_another_plan_is_refused():
    plan = PlanFactory()
    with pytest.raises(services.PlanError):
        services.add_action(None, plan, title="X", theme="healthy_work", goal=GoalFactory(), due_date=TODAY)


def test_one_plan_per_year_and_plan_for_year_makes_it_once():
    hr = MembershipFactory(role=Role.HR)
    plan = services.plan_for_year(hr.user, hr.organisation, 2027)
    assert services.plan_for_year(hr.user, hr.organisation, 2027) == plan
    assert plan.owner == hr.user
    with pytest.raises(services.PlanError):
        services.create_plan(hr.user, organisation=hr.organisation, year=2027, title="Nog een")


def test_overdue_and_stalled_open_actions_need_attention(settings):
    settings.PLANS_STALLED_DAYS = 42
    now = timezone.now()
    today = timezone.localdate(now)
    plan = PlanFactory()
    overdue = ActionFactory(plan=plan, due_date=today - datetime.timedelta(days=1))
    stalled = ActionFactory(
        plan=plan, status=Status.IN_PROGRESS, last_progress_at=now - datetime.timedelta(days=43)
    )
    ActionFactory(plan=plan, last_progress_at=now - datetime.timedelta(days=41))  # not yet
    ActionFactory(plan=plan, status=Status.DONE, due_date=today - datetime.timedelta(days=5))  # closed
    ActionFactory(plan=plan, status=Status.STOPPED, last_progress_at=now - datetime.timedelta(days=99))
    assert set(services.needing_attention(plan.actions.all(), now)) == {overdue, stalled}
    assert overdue.is_overdue() and not overdue.is_stalled() and stalled.is_stalled()


def test_reminders_go_to_plan_and_action_owners_once_a_day():
    today = timezone.localdate()
    owner = MembershipFactory(role=Role.HR)
    colleague = MembershipFactory(organisation=owner.organisation, role=Role.HR).user
    plan = PlanFactory(organisation=owner.organisation, owner=owner.user)
    late = ActionFactory(
        plan=plan, owner=colleague, due_date=today - datetime.timedelta(days=3), title="Buddy"
    )
    ActionFactory(plan=plan, owner=colleague, title="Op schema")
    run = services.send_reminders("https://inzetbaar.example/")
    assert (run.sent, run.skipped) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.user.email, colleague.email])
    body = mail.outbox[0].body
    assert "Buddy" in body and "te laat" in body and "Op schema" not in body
    assert (
        f"https://inzetbaar.example/organisaties/{plan.organisation.slug}/jaarplannen/{plan.pk}/acties/{late.pk}/"
        in body
    )
    assert services.send_reminders("https://inzetbaar.example/") == services.ReminderRun(0, 2)
    assert len(mail.outbox) == 2
    ReminderSent.objects.update(on=today - datetime.timedelta(days=1))
    assert services.send_reminders("https://inzetbaar.example/").sent == 2  # the next day again


def test_cli_remind(capsys):
    plan = PlanFactory(owner=MembershipFactory(role=Role.HR).user)
    ActionFactory(plan=plan, due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert main(["plans", "remind", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"sent": 1, "already_sent_today": 0}
    assert main(["plans", "remind"]) == 0
    assert "1 personen vandaag al herinnerd" in capsys.readouterr().out
    assert AnnualPlan.objects.count() == 1 and Campaign.objects.count() == 0
