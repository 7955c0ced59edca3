"""Public operations of the matching app: profiles, rounds with the engine, decisions, introductions,
the path to durable work. Views, the CLI and the demo call these; each change writes its audit event.

Optimistic locking: a form carries the version it read; `save_versioned` writes only when the row still
has that version and raises `StaleRecord` otherwise, so a second editor is told instead of overwriting.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inzetbaar.core import audit
from inzetbaar.core import services as core_services
from inzetbaar.core.models import Consent, ConsentPurpose, Organisation, User
from inzetbaar.matching.engine import parse_instance, solve
from inzetbaar.matching.engine.profiles.arrays import encode_profiles
from inzetbaar.matching.engine.profiles.build import BuildOptions, build_preferences, to_instance
from inzetbaar.matching.engine.profiles.embeddings import EmbeddingCache, UniversalSentenceEncoder
from inzetbaar.matching.engine.profiles.locations import LocationResolver
from inzetbaar.matching.engine.profiles.model import parse_profiles
from inzetbaar.matching.engine.profiles.travel import TravelModel
from inzetbaar.matching.engine.profiles.vocabulary import load_builtin_vocabulary

from . import access
from .models import (
    CandidateProfile,
    CandidateStatus,
    Decision,
    FollowUp,
    Introduction,
    IntroductionStatus,
    MatchingRound,
    Opening,
    Outcome,
    Placement,
    Proposal,
    RoundStatus,
    Stage,
)

FOLLOW_UP_MONTHS = (3, 6, 12)


class StaleRecord(Exception):
    """Someone else saved the record after it was read."""


class MatchingError(ValueError):
    """An operation that is not possible in the record's current state (the message is for people)."""


def save_versioned(obj: models.Model, fields: list[str], read_version: int) -> None:
    """Write `fields` of `obj` when the stored version is still `read_version`; bump the version."""
    updated = (
        type(obj)
        .objects.filter(pk=obj.pk, version=read_version)
        .update(**{name: getattr(obj, name) for name in fields}, version=F("version") + 1)
    )
    if not updated:
        raise StaleRecord
    obj.version = read_version + 1


# --- candidates ---------------------------------------------------------------------------------------


def update_candidate(
    actor: User, candidate: CandidateProfile, fields: list[str], read_version: int, *, request=None
):
    save_versioned(candidate, fields, read_version)
    audit.record(
        access.CANDIDATE_CHANGED,
        actor=actor,
        request=request,
        organisation=candidate.organisation,
        subject=candidate.person,
        target=candidate,
        fields=sorted(fields),
    )


def update_opening(actor: User, opening: Opening, fields: list[str], read_version: int, *, request=None):
    save_versioned(opening, fields, read_version)
    audit.record(
        access.EMPLOYER_CHANGED,
        actor=actor,
        request=request,
        organisation=opening.employer.service_point,
        target=opening,
        fields=sorted(fields),
    )


def candidates_without_profile(organisation: Organisation):
    """People holding the candidate role at the organisation who have no profile yet."""
    from inzetbaar.core.models import Membership
    from inzetbaar.core.roles import Role

    return User.objects.filter(
        pk__in=Membership.objects.active()
        .filter(organisation=organisation, role=Role.CANDIDATE)
        .values("user_id"),
        candidate_profile__isnull=True,
    ).order_by("full_name")


def add_candidate(actor: User, organisation: Organisation, profile: CandidateProfile, *, request=None):
    if not candidates_without_profile(organisation).filter(pk=profile.person_id).exists():
        raise MatchingError(
            _("Deze persoon is geen werkzoekende van uw organisatie of heeft al een profiel.")
        )
    profile.organisation = organisation
    profile.client_manager = actor
    profile.save()
    audit.record(
        access.CANDIDATE_CHANGED,
        actor=actor,
        request=request,
        organisation=organisation,
        subject=profile.person,
        target=profile,
        created=True,
    )
    return profile


def record_candidate_view(request, candidate: CandidateProfile, acting: Organisation, reason: str) -> None:
    """Every look at a candidate's file is audited; looks from a partner organisation say so."""
    audit.record_personal_data_view(
        request,
        subject=candidate.person,
        target=candidate,
        organisation=candidate.organisation,
        reason=reason if acting == candidate.organisation else f"{reason} ({acting.name})",
        event=access.CANDIDATE_VIEWED,
    )


def consents_of(person: User) -> dict[str, bool]:
    purposes = (ConsentPurpose.MATCHING, ConsentPurpose.SHARE_WITH_PARTNERS)
    active = set(
        Consent.objects.active()
        .filter(subject=person, purpose__in=purposes, content_type=_type(CandidateProfile))
        .values_list("purpose", flat=True)
    )
    return {purpose: purpose in active for purpose in purposes}


def set_profile_consent(person: User, purpose: str, given: bool, *, request=None) -> None:
    candidate = person.candidate_profile
    if given:
        core_services.grant_consent(
            person, purpose, candidate, organisation=candidate.organisation, request=request
        )
    else:
        core_services.revoke_consent(
            person, purpose, candidate, organisation=candidate.organisation, request=request
        )


def _type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


# --- rounds ------------------------------------------------------------------------------------------


def _hours(low, high) -> dict | None:
    hours = {key: value for key, value in (("min", low), ("max", high)) if value is not None}
    return hours or None


def candidate_entry(candidate: CandidateProfile) -> dict:
    """A candidate in the engine's profile format (docs/matching-profiles.md): pseudonymous, no name."""
    wishes = {"max_travel_minutes": candidate.max_travel_minutes, "travel_mode": candidate.travel_mode}
    if hours := _hours(candidate.hours_min, candidate.hours_max):
        wishes["hours"] = hours
    if candidate.sectors:
        wishes["sectors"] = list(candidate.sectors)
    entry = {
        "id": candidate.pseudonym,
        "skills": list(candidate.skills),
        "talents": list(candidate.talents),
        "passions": candidate.passions,
        "wishes": wishes,
        "location": {"municipality": candidate.municipality.cbs_code},
        "target_group": candidate.target_group,
        "qualifications": list(candidate.qualifications),
    }
    if candidate.benefit:
        entry["benefit"] = candidate.benefit
        if candidate.benefit_start:
            entry["benefit_start"] = candidate.benefit_start.isoformat()
    return entry


def opening_entry(opening: Opening) -> dict:
    entry = {
        "id": f"o{opening.pk}",
        "employer": opening.employer.organisation.name,
        "location": {"municipality": opening.employer.location.cbs_code},
        "capacity": opening.capacity,
        "seat_class": opening.seat_class,
        "reserved_seats": opening.reserved_seats,
        "skills": list(opening.skills),
        "requirements": list(opening.requirements),
        "description": f"{opening.title}. {opening.description}".strip(),
    }
    if opening.sector:
        entry["sector"] = opening.sector
    if hours := _hours(opening.hours_min, opening.hours_max):
        entry["hours"] = hours
    return entry


def round_pool(organisation: Organisation, region, municipality=None):
    """Who and what a round of `organisation` takes: reachable active candidates who consented to
    matching, living in the region (or municipality), and reachable open openings in the region."""
    candidates = (
        access.candidates_for(organisation)
        .filter(
            status=CandidateStatus.ACTIVE,
            municipality__region=region,
            person_id__in=Consent.objects.active()
            .filter(purpose=ConsentPurpose.MATCHING)
            .values("subject_id"),
        )
        .order_by("pk")
    )
    if municipality is not None:
        candidates = candidates.filter(municipality=municipality)
    openings = (
        access.openings_for(organisation)
        .filter(is_open=True, employer__location__region=region, capacity__gt=0)
        .order_by("pk")
    )
    if municipality is not None:
        openings = openings.filter(employer__location=municipality)
    return list(candidates), list(openings)


def build_instance(profiles: dict, reference_date: datetime.date) -> dict:
    """The engine's preference building on stored profiles (text similarity unless switched off)."""
    parsed = parse_profiles(profiles, today=reference_date)
    embeddings = EmbeddingCache(UniversalSentenceEncoder()) if settings.MATCHING_TEXT_SIMILARITY else None
    arrays = encode_profiles(parsed, load_builtin_vocabulary(), LocationResolver(), TravelModel(), embeddings)
    return to_instance(build_preferences(arrays, BuildOptions(top_k=settings.MATCHING_TOP_K)))


def solve_instance(instance: dict, seed: int) -> dict:
    return solve(parse_instance(instance), seed=seed)


@transaction.atomic
def run_round(
    actor: User | None,
    organisation: Organisation,
    *,
    region,
    municipality=None,
    seed: int | None = None,
    reference_date: datetime.date | None = None,
    request=None,
) -> MatchingRound:
    candidates, openings = round_pool(organisation, region, municipality)
    if not candidates or not openings:
        raise MatchingError(
            _("Er zijn geen werkzoekenden met toestemming of geen open vacatures om te matchen.")
        )
    reference_date = reference_date or timezone.localdate()
    seed = seed if seed is not None else secrets.randbits(32)
    profiles = {
        "reference_date": reference_date.isoformat(),
        "candidates": [candidate_entry(c) for c in candidates],
        "openings": [opening_entry(o) for o in openings],
    }
    instance = build_instance(profiles, reference_date)
    result = solve_instance(instance, seed)
    matching_round = MatchingRound.objects.create(
        organisation=organisation,
        region=region,
        municipality=municipality,
        reference_date=reference_date,
        seed=seed,
        profiles=profiles,
        instance=instance,
        result=result,
        run_by=actor,
    )
    by_pseudonym = {c.pseudonym: c for c in candidates}
    by_key = {f"o{o.pk}": o for o in openings}
    Proposal.objects.bulk_create(
        Proposal(
            round=matching_round,
            candidate=by_pseudonym[candidate_id],
            opening=by_key[opening_id],
            explanation=result["explanations"].get(candidate_id, {}),
        )
        for candidate_id, opening_id in result["assignment"].items()
        if opening_id is not None
    )
    audit.record(
        access.ROUND_RUN,
        actor=actor,
        request=request,
        organisation=organisation,
        target=matching_round,
        seed=seed,
        candidates=len(candidates),
        openings=len(openings),
        matched=result["matched"],
    )
    return matching_round


def reproduces(matching_round: MatchingRound) -> bool:
    """Whether solving the stored instance with the stored seed gives the stored assignment again."""
    again = solve_instance(matching_round.instance, matching_round.seed)
    return again["assignment"] == matching_round.result["assignment"]


@dataclass(frozen=True)
class Explained:
    """A proposal's explanation in words for the preview."""

    candidate_rank: int | None
    opening_rank: int | None
    factors: list[tuple[str, float]]
    not_obtained: list[tuple[str, str]]


FACTOR_LABELS = {
    "skills": gettext_lazy("Vaardigheden"),
    "text": gettext_lazy("Passie en omschrijving"),
    "hours": gettext_lazy("Uren"),
    "sector": gettext_lazy("Sector"),
    "travel": gettext_lazy("Reistijd"),
}
REASON_LABELS = {
    "not_acceptable": gettext_lazy("De werkgever had deze persoon niet op de lijst"),
    "not_eligible": gettext_lazy("Niet in aanmerking voor dit soort plek"),
    "no_seats": gettext_lazy("Geen plekken"),
    "full": gettext_lazy("Vol met kandidaten die beter passen"),
    "lost_tie_break": gettext_lazy("Gelijk geëindigd; de loting besliste"),
    "reserved_for_target_group": gettext_lazy("Plek gereserveerd voor de doelgroep"),
    "would_accept": gettext_lazy("De werkgever zou deze persoon nemen"),
}


def explain(proposal: Proposal, opening_names: dict[str, str]) -> Explained:
    data = proposal.explanation or {}
    return Explained(
        data.get("candidate_rank"),
        data.get("opening_rank"),
        [(str(FACTOR_LABELS.get(k, k)), v) for k, v in (data.get("factors") or {}).items()],
        [
            (
                opening_names.get(item["opening"], item["opening"]),
                str(REASON_LABELS.get(item["reason"], item["reason"])),
            )
            for item in data.get("not_obtained", [])
        ],
    )


@transaction.atomic
def decide(
    actor: User,
    proposal: Proposal,
    decision: str,
    reason: str,
    *,
    opening: Opening | None = None,
    request=None,
) -> Introduction | None:
    """Accept, reject or change a proposal (with a reason, logged). Accepting or changing creates the
    introduction, still anonymous to the employer; nobody has been contacted before this."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.round.status != RoundStatus.PREVIEW or proposal.decision != Decision.PENDING:
        raise MatchingError(_("Over dit voorstel is al besloten."))
    if decision not in (Decision.ACCEPTED, Decision.REJECTED, Decision.CHANGED):
        raise MatchingError(_("Kies accepteren, afwijzen of wijzigen."))
    if not reason.strip():
        raise MatchingError(_("Geef een reden op."))
    if decision == Decision.CHANGED and (opening is None or opening == proposal.opening):
        raise MatchingError(_("Kies een andere vacature om het voorstel te wijzigen."))
    proposal.decision = decision
    proposal.reason = reason.strip()[:300]
    proposal.final_opening = (
        opening
        if decision == Decision.CHANGED
        else proposal.opening
        if decision == Decision.ACCEPTED
        else None
    )
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save()
    audit.record(
        access.PROPOSAL_DECIDED,
        actor=actor,
        request=request,
        organisation=proposal.round.organisation,
        subject=proposal.candidate.person,
        target=proposal,
        reason=proposal.reason,
        decision=decision,
        proposed_opening=proposal.opening_id,
        final_opening=proposal.final_opening_id,
    )
    if proposal.final_opening is None:
        return None
    return Introduction.objects.create(
        proposal=proposal, candidate=proposal.candidate, opening=proposal.final_opening
    )


@transaction.atomic
def finish_round(actor: User, matching_round: MatchingRound, *, request=None) -> None:
    if matching_round.proposals.filter(decision=Decision.PENDING).exists():
        raise MatchingError(_("Beoordeel eerst alle voorstellen."))
    matching_round.status = RoundStatus.FINISHED
    matching_round.finished_at = timezone.now()
    matching_round.save(update_fields=["status", "finished_at"])
    audit.record(
        access.ROUND_FINISHED,
        actor=actor,
        request=request,
        organisation=matching_round.organisation,
        target=matching_round,
    )


# --- introductions ------------------------------------------------------------------------------------


def _introduction_changed(actor, introduction, request, **details):
    audit.record(
        access.INTRODUCTION_CHANGED,
        actor=actor,
        request=request,
        organisation=introduction.candidate.organisation,
        subject=introduction.candidate.person,
        target=introduction,
        **details,
    )


def consent_to_introduction(person: User, introduction: Introduction, given: bool, *, request=None) -> None:
    """The candidate lets this employer see their name and contact details, or takes that back."""
    if introduction.candidate.person_id != person.pk:
        raise MatchingError("only the candidate consents")
    change = core_services.grant_consent if given else core_services.revoke_consent
    change(
        person,
        ConsentPurpose.INTRODUCTION,
        introduction,
        organisation=introduction.candidate.organisation,
        request=request,
    )


def schedule(
    actor: User,
    introduction: Introduction,
    when: datetime.datetime,
    place: str,
    read_version: int,
    *,
    request=None,
):
    if introduction.status in (IntroductionStatus.HELD, IntroductionStatus.CANCELLED):
        raise MatchingError(_("Deze kennismaking is al afgerond."))
    introduction.scheduled_at, introduction.place = when, place
    introduction.status = IntroductionStatus.SCHEDULED
    introduction.reminder_sent_at = None
    save_versioned(introduction, ["scheduled_at", "place", "status", "reminder_sent_at"], read_version)
    _introduction_changed(actor, introduction, request, scheduled_at=when.isoformat())


def record_outcome(
    actor: User,
    introduction: Introduction,
    side: str,
    outcome: str,
    note: str,
    read_version: int,
    *,
    request=None,
):
    """One side's outcome of the conversation; with both, or with 'stop', the introduction is held."""
    if side not in ("candidate", "employer"):
        raise ValueError(side)
    if outcome not in Outcome.values:
        raise MatchingError(_("Kies een uitkomst."))
    setattr(introduction, f"{side}_outcome", outcome)
    setattr(introduction, f"{side}_note", note[:300])
    if introduction.status != IntroductionStatus.CANCELLED:
        introduction.status = IntroductionStatus.HELD
    save_versioned(introduction, [f"{side}_outcome", f"{side}_note", "status"], read_version)
    _introduction_changed(actor, introduction, request, side=side, outcome=outcome)


def cancel(actor: User, introduction: Introduction, read_version: int, *, request=None):
    introduction.status = IntroductionStatus.CANCELLED
    save_versioned(introduction, ["status"], read_version)
    _introduction_changed(actor, introduction, request, status="cancelled")


def send_reminders(
    now: datetime.datetime | None = None, within: datetime.timedelta = datetime.timedelta(days=2)
) -> int:
    """Remind the candidate of introductions in the coming days, once per scheduled date."""
    now = now or timezone.now()
    due = Introduction.objects.filter(
        status=IntroductionStatus.SCHEDULED,
        reminder_sent_at__isnull=True,
        scheduled_at__gte=now,
        scheduled_at__lte=now + within,
    ).select_related("candidate__person", "opening__employer__organisation")
    count = 0
    for introduction in due:
        person = introduction.candidate.person
        send_mail(
            _("Herinnering: kennismaking bij %(employer)s") % {"employer": introduction.opening.employer},
            _("Beste %(name)s,\n\nU heeft op %(when)s een kennismakingsgesprek bij %(employer)s (%(place)s).")
            % {
                "name": person.full_name,
                "when": timezone.localtime(introduction.scheduled_at).strftime("%d-%m-%Y %H:%M"),
                "employer": introduction.opening.employer,
                "place": introduction.place,
            },
            None,
            [person.email],
        )
        Introduction.objects.filter(pk=introduction.pk).update(reminder_sent_at=now)
        count += 1
    return count


# --- the path to durable work -------------------------------------------------------------------------


def _placement_changed(actor, placement, request, **details):
    candidate = placement.introduction.candidate
    audit.record(
        access.PLACEMENT_CHANGED,
        actor=actor,
        request=request,
        organisation=candidate.organisation,
        subject=candidate.person,
        target=placement,
        **details,
    )


@transaction.atomic
def start_work_floor(
    actor: User, introduction: Introduction, kind: str, start, end, *, request=None
) -> Placement:
    if introduction.status != IntroductionStatus.HELD or introduction.employer_outcome != Outcome.CONTINUE:
        raise MatchingError(_("Eerst moet het gesprek gevoerd zijn en wil de werkgever verder."))
    if hasattr(introduction, "placement"):
        raise MatchingError(_("Deze kennismaking heeft al een vervolg."))
    if end and end < start:
        raise MatchingError(_("Het einde ligt voor de start."))
    placement = Placement.objects.create(
        introduction=introduction,
        stage=Stage.WORK_FLOOR,
        work_floor_kind=kind,
        work_floor_start=start,
        work_floor_end=end,
    )
    _placement_changed(actor, placement, request, stage=Stage.WORK_FLOOR)
    return placement


@transaction.atomic
def place(
    actor: User, introduction: Introduction, contract: dict, read_version: int | None = None, *, request=None
) -> Placement:
    """Contract start, hours, type and instruments; the 3/6/12-month checks become tasks."""
    placement = getattr(introduction, "placement", None)
    if placement is None:
        if (
            introduction.status != IntroductionStatus.HELD
            or introduction.employer_outcome != Outcome.CONTINUE
        ):
            raise MatchingError(_("Eerst moet het gesprek gevoerd zijn en wil de werkgever verder."))
        placement = Placement.objects.create(introduction=introduction, stage=Stage.PLACED, **contract)
    else:
        if placement.stage not in (Stage.WORK_FLOOR, Stage.PLACED):
            raise MatchingError(_("Deze plaatsing is al afgesloten."))
        for name, value in contract.items():
            setattr(placement, name, value)
        placement.stage = Stage.PLACED
        save_versioned(
            placement, [*contract, "stage"], read_version if read_version is not None else placement.version
        )
    start = placement.contract_start
    for months in FOLLOW_UP_MONTHS:
        FollowUp.objects.update_or_create(
            placement=placement,
            months=months,
            done_on__isnull=True,
            defaults={"due_on": add_months(start, months)},
        )
    CandidateProfile.objects.filter(pk=introduction.candidate_id).update(status=CandidateStatus.AT_WORK)
    _placement_changed(actor, placement, request, stage=Stage.PLACED)
    return placement


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_durable(placement: Placement, on: datetime.date) -> bool:
    """The configurable rule: in work at least MATCHING_DURABLE_MONTHS and, unless switched off, the
    benefit ended or reduced."""
    if placement.contract_start is None or placement.stage == Stage.EXITED:
        return False
    if on < add_months(placement.contract_start, settings.MATCHING_DURABLE_MONTHS):
        return False
    return not settings.MATCHING_DURABLE_NEEDS_BENEFIT_CHANGE or placement.benefit_after in (
        "ended",
        "reduced",
    )


@transaction.atomic
def complete_follow_up(
    actor: User, follow_up: FollowUp, still_in_work: bool, benefit_after: str, *, on=None, request=None
):
    on = on or timezone.localdate()
    placement = Placement.objects.select_for_update().get(pk=follow_up.placement_id)
    follow_up.done_on, follow_up.still_in_work, follow_up.done_by = on, still_in_work, actor
    follow_up.save(update_fields=["done_on", "still_in_work", "done_by"])
    placement.benefit_after = benefit_after
    fields = ["benefit_after"]
    if not still_in_work:
        placement.stage, placement.exit_on, placement.exit_reason = Stage.EXITED, on, "contract_ended"
        fields += ["stage", "exit_on", "exit_reason"]
    elif placement.stage == Stage.PLACED and is_durable(placement, on):
        placement.stage, placement.durable_on = Stage.DURABLE, on
        fields += ["stage", "durable_on"]
    save_versioned(placement, fields, placement.version)
    _placement_changed(actor, placement, request, follow_up=follow_up.months, stage=placement.stage)


@transaction.atomic
def exit_placement(actor: User, placement: Placement, on, reason: str, read_version: int, *, request=None):
    if placement.stage == Stage.EXITED:
        raise MatchingError(_("Deze plaatsing is al beëindigd."))
    placement.stage, placement.exit_on, placement.exit_reason = Stage.EXITED, on, reason
    save_versioned(placement, ["stage", "exit_on", "exit_reason"], read_version)
    placement.follow_ups.filter(done_on__isnull=True).delete()
    CandidateProfile.objects.filter(
        pk=placement.introduction.candidate_id, status=CandidateStatus.AT_WORK
    ).update(status=CandidateStatus.ACTIVE)
    _placement_changed(actor, placement, request, stage=Stage.EXITED, reason=reason)


# --- employer satisfaction ------------------------------------------------------------------------------

SATISFACTION_INSTRUMENT = "employer_satisfaction"


def satisfaction_contacts(service_point: Organisation) -> list[User]:
    """One contact per served employer: its HR person, else its organisation admin."""
    from inzetbaar.core.models import Membership
    from inzetbaar.core.roles import Role

    contacts = []
    for employer in service_point.served_employers.select_related("organisation").order_by("pk"):
        memberships = Membership.objects.active().filter(organisation=employer.organisation)
        found = (
            memberships.filter(role=Role.HR).order_by("pk").first()
            or memberships.filter(role=Role.ORG_ADMIN).order_by("pk").first()
        )
        if found is not None:
            contacts.append(found.user)
    return contacts


@transaction.atomic
def ask_employer_satisfaction(
    actor: User | None, service_point: Organisation, *, closes_on: datetime.date, base_url: str, request=None
):
    """Ask every served employer the instruments' employer satisfaction form: a campaign of the service
    point with one personal link per employer contact (the form is an evaluation, which ordinary
    campaigns of an organisation's own staff do not offer)."""
    from inzetbaar.instruments import services as instruments
    from inzetbaar.instruments.access import CAMPAIGN_STARTED
    from inzetbaar.instruments.models import Campaign, CampaignInstrument, Invitation

    contacts = satisfaction_contacts(service_point)
    if not contacts:
        raise MatchingError(_("Er zijn geen contactpersonen bij de aangesloten werkgevers."))
    definition = instruments.definition(SATISFACTION_INSTRUMENT)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        organisation=service_point,
        title=_("Tevredenheid werkgevers %(date)s") % {"date": today.strftime("%d-%m-%Y")},
        opens_on=today,
        closes_on=closes_on,
        anonymous=False,
        created_by=actor,
    )
    previous = CampaignInstrument.objects.filter(
        campaign__organisation=service_point, instrument_id=SATISFACTION_INSTRUMENT
    ).count()
    CampaignInstrument.objects.create(
        campaign=campaign,
        instrument_id=definition.id,
        instrument_version=definition.version,
        wave=previous + 1,
    )
    invitations = []
    for person in contacts:
        nonce, token_hash = instruments.new_token()
        invitations.append(Invitation(campaign=campaign, person=person, nonce=nonce, token_hash=token_hash))
    Invitation.objects.bulk_create(invitations)
    audit.record(
        CAMPAIGN_STARTED,
        actor=actor,
        request=request,
        organisation=service_point,
        target=campaign,
        instruments=[SATISFACTION_INSTRUMENT],
        invitations=len(invitations),
    )
    instruments.send_invitations(actor, campaign, base_url=base_url, request=request)
    return campaign
