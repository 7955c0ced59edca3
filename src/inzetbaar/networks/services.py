"""The operations of learning networks: meetings, attendance, actions taken home, the facilitator's
follow-up monitor, good practices, meeting evaluations, the regional plan and the iCal feed."""

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inzetbaar.core import audit
from inzetbaar.core.models import Organisation
from inzetbaar.plans import services as plans
from inzetbaar.plans.models import Action, AnnualPlan, Goal, Status
from inzetbaar.toolbox.choices import Theme

from . import access as events
from . import ical
from .models import (
    HALF_DAY_HOURS,
    Attendance,
    EvaluationReceipt,
    GoodPractice,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkAction,
    NetworkMember,
    TakeHome,
)

EVALUATION = "meeting_evaluation"


class NetworkError(ValueError):
    pass


def networks_of(organisation: Organisation):
    """Networks the organisation facilitates or belongs to."""
    return (
        Network.objects.filter(Q(facilitator=organisation) | Q(memberships__organisation=organisation))
        .distinct()
        .select_related("region", "facilitator")
    )


def members(network: Network):
    return network.memberships.select_related("organisation").order_by("-ambassador", "organisation__name")


@transaction.atomic
def save_network(actor, network: Network, member_organisations, ambassadors, request=None) -> Network:
    network.save()
    chosen = {o.pk for o in member_organisations}
    network.memberships.exclude(organisation__in=chosen).delete()
    for organisation in member_organisations:
        member, _created = NetworkMember.objects.get_or_create(network=network, organisation=organisation)
        if member.ambassador != (organisation in ambassadors):
            member.ambassador = organisation in ambassadors
            member.save(update_fields=["ambassador"])
    audit.record(
        events.NETWORK_CHANGED, actor=actor, request=request, organisation=network.facilitator, target=network
    )
    return network


def plan_meeting(actor, network: Network, request=None, **fields) -> Meeting:
    meeting = Meeting.objects.create(network=network, **fields)
    audit.record(
        events.MEETING_PLANNED, actor=actor, request=request, organisation=network.facilitator, target=meeting
    )
    return meeting


def change_meeting(actor, meeting: Meeting, request=None) -> None:
    meeting.save()
    audit.record(
        events.MEETING_PLANNED,
        actor=actor,
        request=request,
        organisation=meeting.network.facilitator,
        target=meeting,
    )


@transaction.atomic
def record_attendance(actor, meeting: Meeting, people: dict[int, int], request=None) -> None:
    """People present per member organisation (0: not present)."""
    for organisation_id, count in people.items():
        Attendance.objects.update_or_create(
            meeting=meeting, organisation_id=organisation_id, defaults={"people": count}
        )
    audit.record(
        events.ATTENDANCE_RECORDED,
        actor=actor,
        request=request,
        organisation=meeting.network.facilitator,
        target=meeting,
    )


@transaction.atomic
def take_home(actor, meeting: Meeting, organisation: Organisation, request=None, **fields) -> Action:
    """Record an action or pilot the organisation takes home from the meeting, in its plan of that year."""
    if not meeting.network.memberships.filter(organisation=organisation).exists():
        raise NetworkError(_("Alleen leden van het netwerk nemen acties mee."))
    plan = plans.plan_for_year(actor, organisation, meeting.date.year)
    goal = fields.pop("goal", None)
    if goal is None:
        goal = plan.goals.filter(theme=fields["theme"]).first()
    action = plans.add_action(actor, plan, goal=goal, request=request, start_date=meeting.date, **fields)
    TakeHome.objects.create(meeting=meeting, action=action)
    audit.record(
        events.TAKE_HOME_RECORDED,
        actor=actor,
        request=request,
        organisation=organisation,
        target=action,
        meeting=meeting.pk,
    )
    return action


def take_homes(meeting: Meeting, organisation: Organisation | None = None):
    found = Action.objects.filter(take_home__meeting=meeting).select_related("plan__organisation", "owner")
    return found.filter(plan__organisation=organisation) if organisation is not None else found


# --- the follow-up monitor ---------------------------------------------------------------------------


@dataclass
class MemberProgress:
    organisation: Organisation
    ambassador: bool
    attended: int = 0
    actions: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    moved_since_last_meeting: int = 0  # actions with progress since the last meeting
    needs_attention: int = 0


def monitor(network: Network, now=None) -> tuple[Meeting | None, list[MemberProgress]]:
    """Each member's actions taken home from the network's meetings, with their progress since the
    last meeting held, so the facilitator sees who moves between meetings and who is stuck."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    last = network.meetings.filter(date__lte=today).order_by("-date").first()
    since = None
    if last is not None:
        since = timezone.make_aware(
            datetime.datetime.combine(last.date, datetime.time(HALF_DAY_HOURS[last.half_day][2]))
        )
    attended = dict(
        Attendance.objects.filter(meeting__network=network, people__gt=0)
        .values_list("organisation")
        .annotate(n=Count("pk"))
    )
    actions = (
        Action.objects.filter(take_home__meeting__network=network)
        .select_related("plan__organisation", "owner", "take_home__meeting")
        .order_by("take_home__meeting__date", "due_date", "pk")
    )
    rows = {
        m.organisation_id: MemberProgress(m.organisation, m.ambassador, attended.get(m.organisation_id, 0))
        for m in members(network)
    }
    for row in rows.values():
        row.counts = {status: 0 for status in Status.values}
    for action in actions:
        row = rows.get(action.plan.organisation_id)
        if row is None:  # a former member's action stays in its own plan, not on the monitor
            continue
        action.overdue = action.is_overdue(today)
        action.stalled = action.is_stalled(now)
        action.moved = bool(since and action.last_progress_at >= since)
        row.actions.append(action)
        row.counts[action.status] += 1
        row.moved_since_last_meeting += action.moved
        row.needs_attention += action.overdue or action.stalled
    return last, list(rows.values())


# --- good practices ---------------------------------------------------------------------------------


def write_good_practice(
    actor, network: Network, organisation: Organisation, request=None, **fields
) -> GoodPractice:
    practice = GoodPractice.objects.create(network=network, organisation=organisation, author=actor, **fields)
    audit.record(
        events.GOOD_PRACTICE_WRITTEN, actor=actor, request=request, organisation=organisation, target=practice
    )
    return practice


# --- evaluations --------------------------------------------------------------------------------------


def evaluation_definition():
    from inzetbaar.instruments import services as instruments

    return instruments.definition(EVALUATION)


def has_evaluated(meeting: Meeting, person) -> bool:
    return EvaluationReceipt.objects.filter(meeting=meeting, person=person).exists()


def evaluate(meeting: Meeting, person, answers: dict) -> None:
    """Store one anonymous evaluation; a second one by the same person is refused."""
    from inzetbaar.instruments import services as instruments

    definition = evaluation_definition()
    vector = instruments.plan(EVALUATION, definition.version).to_vector(answers)
    try:
        with transaction.atomic():
            EvaluationReceipt.objects.create(meeting=meeting, person=person)
            MeetingEvaluation.objects.create(
                meeting=meeting, instrument_version=definition.version, answers=vector.tobytes()
            )
    except IntegrityError:
        raise NetworkError(_("U heeft deze bijeenkomst al beoordeeld.")) from None


@dataclass(frozen=True)
class EvaluationSummary:
    respondents: int
    minimum: int
    published: bool
    scales: list[tuple[str, float | None]]


def evaluation_summary(meeting: Meeting) -> EvaluationSummary:
    """Mean per scale of the questionnaire, only when at least its minimum number evaluated."""
    from inzetbaar.instruments import services as instruments

    definition = evaluation_definition()
    stored = list(meeting.evaluations.values_list("instrument_version", "answers"))
    published = len(stored) >= definition.min_group_size
    scales = []
    if stored and published:
        columns: dict[str, list[float]] = {}
        for version, answers in stored:
            plan = instruments.plan(EVALUATION, version)
            scores = plan.score_matrix(np.frombuffer(bytes(answers), dtype=np.float32)[None, :]).scores[0]
            for scale_id, value in zip(plan.scale_ids, scores, strict=True):
                if not np.isnan(value):
                    columns.setdefault(scale_id, []).append(float(value))
        for scale in definition.scales:
            values = columns.get(scale.id, [])
            scales.append((instruments.text(scale.title), sum(values) / len(values) if values else None))
    return EvaluationSummary(len(stored), definition.min_group_size, published, scales)


# --- the regional plan --------------------------------------------------------------------------------


@dataclass
class ThemeSummary:
    theme: str
    label: str
    goals: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    own_actions: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


@dataclass
class RegionalPlan:
    year: int
    members: int
    sharing: list[AnnualPlan]
    themes: list[ThemeSummary]


def regional_plan(network: Network, year: int) -> RegionalPlan:
    """Goals and actions per theme of the members' plans of the year that are shared with the network,
    counted and listed, plus the network's own actions of that year."""
    member_ids = list(network.memberships.values_list("organisation", flat=True))
    shared = list(
        AnnualPlan.objects.filter(
            organisation__in=member_ids, year=year, shared_with_networks=True
        ).select_related("organisation")
    )
    goals = Goal.objects.filter(plan__in=shared).select_related("plan__organisation")
    actions = Action.objects.filter(plan__in=shared).select_related("plan__organisation", "owner")
    own = network.own_actions.filter(Q(start_date__year=year) | Q(due_date__year=year)).select_related(
        "owner"
    )
    themes = []
    for code, label in Theme.choices:
        summary = ThemeSummary(code, str(label))
        summary.goals = [g for g in goals if g.theme == code]
        summary.actions = [a for a in actions if a.theme == code]
        summary.own_actions = [a for a in own if a.theme == code]
        summary.counts = {
            status: sum(a.status == status for a in summary.actions) for status in Status.values
        }
        themes.append(summary)
    return RegionalPlan(year, len(member_ids), shared, themes)


def shared_plan(network: Network, plan_pk: int) -> AnnualPlan | None:
    """Another member's plan, when it is shared with the networks."""
    member_ids = network.memberships.values_list("organisation", flat=True)
    return (
        AnnualPlan.objects.filter(pk=plan_pk, organisation__in=member_ids, shared_with_networks=True)
        .select_related("organisation", "owner")
        .first()
    )


def add_network_action(actor, network: Network, request=None, **fields) -> NetworkAction:
    action = NetworkAction.objects.create(network=network, **fields)
    audit.record(
        events.NETWORK_ACTION_CHANGED,
        actor=actor,
        request=request,
        organisation=network.facilitator,
        target=action,
    )
    return action


def update_network_action(actor, action: NetworkAction, *, status, phase, request=None) -> None:
    action.status, action.phase, action.last_progress_at = status, phase, timezone.now()
    action.save()
    audit.record(
        events.NETWORK_ACTION_CHANGED,
        actor=actor,
        request=request,
        organisation=action.network.facilitator,
        target=action,
        status=status,
    )


# --- the calendar -------------------------------------------------------------------------------------


def calendar(network: Network, host: str) -> str:
    events_ = []
    for meeting in network.meetings.all():
        start_hour, start_minute, end_hour, end_minute = HALF_DAY_HOURS[meeting.half_day]
        events_.append(
            ical.Event(
                uid=f"meeting-{meeting.pk}@{host}",
                start=datetime.datetime.combine(meeting.date, datetime.time(start_hour, start_minute)),
                end=datetime.datetime.combine(meeting.date, datetime.time(end_hour, end_minute)),
                summary=f"{network.name}: {meeting.title}",
                description=meeting.agenda,
                location=meeting.location,
                stamp=meeting.created_at,
            )
        )
    return ical.calendar(network.name, events_)
