"""The operations on annual plans: create plans, goals and actions, record progress, measure the
indicator before and after, list what needs attention, and send the daily reminders.

Views, the network app and the command line call these; each change is audited.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inzetbaar.core import audit, indicators
from inzetbaar.core.models import Organisation, User

from . import access as events
from .models import OPEN_STATUSES, Action, ActionUpdate, AnnualPlan, Goal, ReminderSent, Status

BASELINE_DAYS = 365  # the indicator's "before" is the year before the action starts


class PlanError(ValueError):
    pass


def create_plan(
    actor: User | None,
    *,
    organisation: Organisation,
    year: int,
    title: str,
    owner=None,
    vision="",
    shared=False,
    request=None,
) -> AnnualPlan:
    try:
        with transaction.atomic():
            plan = AnnualPlan.objects.create(
                organisation=organisation,
                year=year,
                title=title,
                owner=owner or actor,
                vision=vision,
                shared_with_networks=shared,
            )
    except IntegrityError:
        raise PlanError(_("Er is al een jaarplan voor %(year)s.") % {"year": year}) from None
    audit.record(events.PLAN_CREATED, actor=actor, request=request, organisation=organisation, target=plan)
    return plan


def plan_for_year(actor: User | None, organisation: Organisation, year: int) -> AnnualPlan:
    """The organisation's plan of the year, made (owned by `actor`) when it has none yet."""
    plan = AnnualPlan.objects.filter(organisation=organisation, year=year).first()
    if plan is None:
        plan = create_plan(
            actor,
            organisation=organisation,
            year=year,
            title=_("Jaarplan duurzame inzetbaarheid %(year)s") % {"year": year},
        )
    return plan


def add_goal(actor, plan: AnnualPlan, *, theme: str, title: str, description="", request=None) -> Goal:
    goal = Goal.objects.create(plan=plan, theme=theme, title=title, description=description)
    audit.record(
        events.PLAN_CHANGED,
        actor=actor,
        request=request,
        organisation=plan.organisation,
        target=plan,
        goal=goal.pk,
    )
    return goal


def indicator_periods(action: Action, today: datetime.date | None = None):
    """(before, after) periods of the action's indicator: the year before it starts, and since."""
    today = today or timezone.localdate()
    before = (
        action.start_date - datetime.timedelta(days=BASELINE_DAYS),
        action.start_date - datetime.timedelta(days=1),
    )
    end = max(action.start_date, today)
    return before, (action.start_date, end)


def measure(action: Action, today: datetime.date | None = None) -> None:
    """Store the indicator's value before the action (once) and its value since it started (every time)."""
    if not action.indicator:
        action.value_before = action.value_after = action.measured_at = None
        return
    before, after = indicator_periods(action, today)
    organisation = action.plan.organisation
    if action.value_before is None:
        action.value_before = indicators.measure(action.indicator, organisation, *before)
    action.value_after = indicators.measure(action.indicator, organisation, *after)
    action.measured_at = timezone.now()


@transaction.atomic
def add_action(actor, plan: AnnualPlan, *, request=None, **fields) -> Action:
    action = Action(plan=plan, **fields)
    if action.goal_id and action.goal.plan_id != plan.pk:
        raise PlanError(_("Het doel hoort niet bij dit jaarplan."))
    measure(action)
    action.save()
    ActionUpdate.objects.create(
        action=action, by=actor, status=action.status, phase=action.phase, note=_("Actie aangemaakt.")
    )
    audit.record(
        events.ACTION_CREATED, actor=actor, request=request, organisation=plan.organisation, target=action
    )
    return action


def change_action(actor, action: Action, changed: list[str], request=None) -> None:
    """Save changed facts of an action (title, dates, owner, indicator…); progress is update_action's."""
    if "indicator" in changed or "start_date" in changed:
        action.value_before = None  # the baseline belongs to the indicator and the start
        measure(action)
    action.save()
    audit.record(
        events.ACTION_UPDATED,
        actor=actor,
        request=request,
        organisation=action.plan.organisation,
        target=action,
        changed=sorted(changed),
    )


@transaction.atomic
def update_action(
    actor, action: Action, *, status: str, phase: str, note: str = "", request=None
) -> ActionUpdate:
    """Record progress: the new status and phase with a note; re-measures the indicator."""
    action.status, action.phase = status, phase
    action.last_progress_at = timezone.now()
    measure(action)
    action.save()
    update = ActionUpdate.objects.create(action=action, by=actor, status=status, phase=phase, note=note)
    audit.record(
        events.ACTION_UPDATED,
        actor=actor,
        request=request,
        organisation=action.plan.organisation,
        target=action,
        status=status,
        phase=phase,
    )
    return update


def set_sharing(actor, plan: AnnualPlan, shared: bool, request=None) -> None:
    plan.shared_with_networks = shared
    plan.save(update_fields=["shared_with_networks"])
    audit.record(
        events.PLAN_CHANGED,
        actor=actor,
        request=request,
        organisation=plan.organisation,
        target=plan,
        shared=shared,
    )


# --- what needs attention ---------------------------------------------------------------------------


def stalled_before(now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.PLANS_STALLED_DAYS)


def needing_attention(actions, now=None):
    """Open actions that are overdue or stalled (no progress for PLANS_STALLED_DAYS)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        actions.filter(status__in=OPEN_STATUSES)
        .filter(Q(due_date__lt=today) | Q(last_progress_at__lt=stalled_before(now)))
        .select_related("plan__organisation", "owner", "goal")
        .order_by("due_date", "pk")
    )


def attention_for(person: User, now=None):
    """Overdue and stalled actions of the plans the person owns and of the actions the person owns."""
    mine = Action.objects.filter(Q(plan__owner=person) | Q(owner=person))
    return needing_attention(mine, now)


@dataclass(frozen=True)
class ReminderRun:
    sent: int
    skipped: int  # people already reminded today


def send_reminders(base_url: str, now=None) -> ReminderRun:
    """One e-mail per person with overdue or stalled actions, at most once a day (idempotent per day)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    people = set(needing_attention(Action.objects.all(), now).values_list("plan__owner", flat=True)) | set(
        needing_attention(Action.objects.all(), now).values_list("owner", flat=True)
    )
    people.discard(None)
    sent = skipped = 0
    for person in User.objects.filter(pk__in=people, is_active=True).order_by("pk"):
        actions = list(attention_for(person, now))
        if not actions:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(person=person, on=today, actions=len(actions))
        except IntegrityError:
            skipped += 1
            continue
        _mail_reminder(person, actions, base_url, today)
        sent += 1
    return ReminderRun(sent, skipped)


def _mail_reminder(person: User, actions: list[Action], base_url: str, today) -> None:
    base = base_url.rstrip("/")
    lines = [
        {
            "action": action,
            "overdue": action.is_overdue(today),
            "link": base
            + reverse("plans:action", args=[action.plan.organisation.slug, action.plan_id, action.pk]),
        }
        for action in actions
    ]
    with translation.override(settings.LANGUAGE_CODE):
        context = {"person": person, "lines": lines}
        subject = "".join(render_to_string("plans/reminder_email_subject.txt", context).splitlines())
        send_mail(subject, render_to_string("plans/reminder_email.txt", context), None, [person.email])


def plan_rows(plan: AnnualPlan, now=None):
    """The plan's goals with their actions, and the actions without a goal, each flagged overdue/stalled."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actions = list(plan.actions.select_related("owner", "goal"))
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.stalled = action.is_stalled(now)
        indicator = indicators.get_indicator(action.indicator) if action.indicator else None
        action.indicator_label = indicator.label if indicator else action.indicator
        action.indicator_unit = indicator.unit if indicator else ""
        action.improved = _improved(action, indicator)
    goals = list(plan.goals.all())
    by_goal = {goal.pk: [a for a in actions if a.goal_id == goal.pk] for goal in goals}
    loose = [a for a in actions if a.goal_id is None]
    return [(goal, by_goal[goal.pk]) for goal in goals], loose


def _improved(action, indicator) -> bool | None:
    if indicator is None or action.value_before is None or action.value_after is None:
        return None
    if action.value_after == action.value_before:
        return None
    return (action.value_after > action.value_before) == indicator.higher_is_better


def status_counts(actions) -> dict[str, int]:
    counts = {status: 0 for status in Status.values}
    for status in actions.values_list("status", flat=True):
        counts[status] += 1
    return counts
