"""Public operations of the instruments app: start campaigns, invite, respond, submit and read results.

Views, the demo generator and tests call these functions, never the models directly. Definitions come
from the shipped library (``definitions.load_library``) and from organisations' own instruments added
through the admin (``CustomInstrument``); scoring from ``scoring.compile_instrument``.
"""

import base64
import csv
import datetime
import hashlib
import io
import secrets
from dataclasses import dataclass
from functools import cache, lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inzetbaar.core import audit
from inzetbaar.core import services as core_services
from inzetbaar.core.models import Consent, ConsentPurpose, Membership, Organisation, Unit, User
from inzetbaar.core.roles import Role

from . import access as events
from .definitions import (
    DefinitionError,
    DefinitionLibrary,
    Group,
    InstrumentDefinition,
    MeanRule,
    SumRule,
    load_library,
    parse_definition,
    response_scale_facts,
)
from .models import AgeBand, Campaign, CampaignInstrument, CustomInstrument, Invitation, Response, TenureBand
from .scoring import ResponseError, ScoringPlan, compile_instrument

TOKEN_SALT = "inzetbaar.instruments.invitation"  # noqa: S105  (an HMAC salt, not a secret)
# Kinds a campaign can use: answered by employees about themselves, or (the company scan) by the people
# who hold a perspective role, about the organisation. Evaluations come with later issues.
COMPANY_SCAN = "company_scan"
CAMPAIGN_KINDS = frozenset({"house", "radar", "quadrant", "index", COMPANY_SCAN})
# The one place that maps a company-scan perspective to the core roles that answer for it. The order is
# the precedence: someone holding roles of two perspectives answers once, for the first one here (the
# works council speaks for the employees, HR for its function; management is the line).
PERSPECTIVE_ROLES: dict[str, tuple[str, ...]] = {
    "works_council": (Role.WORKS_COUNCIL,),
    "hr": (Role.HR,),
    "management": (Role.MANAGER, Role.ORG_ADMIN),
}
MEDICAL_VISIBILITY = "employee_and_occupational_physician"
SHARE_WITH_MANAGER = ConsentPurpose.SHARE_RESULT_WITH_MANAGER


class CampaignError(ValueError):
    """A campaign operation that is not allowed; the message is shown to the person making it."""


# --- definitions ------------------------------------------------------------------------------------


@cache
def library() -> DefinitionLibrary:
    return load_library()


@lru_cache(maxsize=256)
def _parsed(text: str) -> InstrumentDefinition:
    return parse_definition(text, CustomInstrument.source_name)


def definition(instrument_id: str, version: str | None = None) -> InstrumentDefinition:
    """A shipped definition or an organisation's own one (the given version, or the highest).

    Callers hold a campaign that already chose the instrument; choosing one goes through
    ``available_definitions``, which keeps organisations' own instruments apart. KeyError when unknown.
    """
    try:
        return library().get(instrument_id, version)
    except KeyError:
        rows = CustomInstrument.objects.filter(instrument_id=instrument_id)
        found = _custom_definitions(rows if version is None else rows.filter(version=version))
        if not found:
            raise
        return max(found, key=lambda d: d.version_key)


def _custom_definitions(rows) -> list[InstrumentDefinition]:
    return [_parsed(text) for text in rows.values_list("definition", flat=True)]


def available_definitions(organisation: Organisation) -> dict[str, InstrumentDefinition]:
    """The latest version of each instrument a campaign of the organisation may use: the shipped ones,
    the platform-wide ones added through the admin, and the organisation's own active ones; never
    another organisation's."""
    found = {d.id: d for d in library()}
    rows = CustomInstrument.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True), active=True
    )
    for custom in _custom_definitions(rows):
        if custom.id not in found or custom.version_key > found[custom.id].version_key:
            found[custom.id] = custom
    return {key: d for key, d in found.items() if d.kind in CAMPAIGN_KINDS}


def check_custom_definition(custom: CustomInstrument) -> InstrumentDefinition:
    """Validate an own instrument's text; each problem names the file, the path in it and what is wrong."""
    try:
        found = parse_definition(custom.definition, custom.source_name)
    except DefinitionError as error:
        raise ValidationError(
            {"definition": [f"{error.file}: {p.path}: {p.message}" for p in error.problems]}
        ) from None
    others = CustomInstrument.objects.filter(instrument_id=found.id).exclude(pk=custom.pk)
    if found.id in library().ids():
        problem = _("%(id)s is een meegeleverde vragenlijst; kies een eigen id.")
    elif others.exclude(organisation=custom.organisation_id).exists():
        problem = _("%(id)s is al de id van een vragenlijst van een andere eigenaar.")
    elif others.filter(version=found.version).exists():
        problem = _("%(id)s versie %(version)s bestaat al; verhoog de versie.")
    else:
        return found
    message = problem % {"id": found.id, "version": found.version}
    raise ValidationError({"definition": f"{custom.source_name}: id: {message}"})


@cache
def plan(instrument_id: str, version: str) -> ScoringPlan:
    return compile_instrument(definition(instrument_id, version))


def text(value) -> str:
    """A definition text in the current interface language."""
    return value.get(get_language() or "nl") if value is not None else ""


def campaign_instrument_choices(organisation: Organisation) -> list[tuple[str, str]]:
    latest = available_definitions(organisation)
    return sorted(((key, text(d.title)) for key, d in latest.items()), key=lambda pair: pair[1])


def scale_range(instrument: InstrumentDefinition, scale_id: str) -> tuple[float, float] | None:
    """The lowest and highest score of a mean or sum of items (for drawing axes), else None."""
    rule = instrument.scale(scale_id).rule
    items = {item.id: item for item in instrument.items}
    if not isinstance(rule, MeanRule | SumRule) or rule.lookup or any(i not in items for i in rule.items):
        return None
    facts = [response_scale_facts(instrument.response_scale(items[i].response_scale)) for i in rule.items]
    if isinstance(rule, MeanRule):
        return min(f.low for f in facts), max(f.high for f in facts)
    return sum(f.low for f in facts), sum(f.high for f in facts)


# --- campaigns and invitations ----------------------------------------------------------------------


def people_in_scope(organisation: Organisation, units) -> list[tuple[User, Unit | None]]:
    """Employees of the organisation (in the given units and below, or everywhere), with their unit."""
    memberships = (
        Membership.objects.active()
        .filter(organisation=organisation, role=Role.EMPLOYEE)
        .select_related("user")
        .prefetch_related("units")
        .order_by("user__pk")
    )
    paths = [unit.path for unit in units]
    found = {}
    for membership in memberships:
        unit = min(membership.units.all(), key=lambda u: u.path, default=None)
        if paths and (unit is None or not any(unit.path.startswith(path) for path in paths)):
            continue
        found.setdefault(membership.user.pk, (membership.user, unit))
    return list(found.values())


def perspective_respondents(
    organisation: Organisation, instrument: InstrumentDefinition
) -> list[tuple[User, None, str]]:
    """Who answers a company scan: each person once, for the perspective of their role.

    The scan describes the whole organisation, so no invitation has a unit.
    """
    wanted = [p.id for p in instrument.perspectives]
    unknown = [p for p in wanted if p not in PERSPECTIVE_ROLES]
    if unknown:
        raise CampaignError(_("Onbekend perspectief in de bedrijfsscan: %(id)s.") % {"id": unknown[0]})
    order = [p for p in PERSPECTIVE_ROLES if p in wanted]
    memberships = (
        Membership.objects.active()
        .filter(organisation=organisation, role__in=[r for p in order for r in PERSPECTIVE_ROLES[p]])
        .select_related("user")
        .order_by("user__pk")
    )
    people, roles = {}, {}
    for membership in memberships:
        people[membership.user.pk] = membership.user
        roles.setdefault(membership.user.pk, set()).add(membership.role)
    return [
        (person, None, next(p for p in order if roles[pk] & set(PERSPECTIVE_ROLES[p])))
        for pk, person in people.items()
    ]


def new_token() -> tuple[str, str]:
    """A fresh nonce for an invitation and the hash of the token derived from it."""
    nonce = secrets.token_hex(16)
    return nonce, hash_token(token_for_nonce(nonce))


def token_for_nonce(nonce: str) -> str:
    digest = salted_hmac(TOKEN_SALT, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_of(invitation: Invitation) -> str:
    """The invitation's link token: derived from the secret key, so the database alone cannot give it."""
    return token_for_nonce(invitation.nonce)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("campaign", "campaign__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def start_campaign(
    actor: User | None,
    *,
    organisation: Organisation,
    title: str,
    instrument_ids,
    units=(),
    opens_on,
    closes_on,
    anonymous: bool,
    request=None,
) -> Campaign:
    """Create a campaign with a wave number per instrument, and one invitation per employee in scope.

    A company scan is a campaign of its own for the whole organisation: its invitations go to the people
    holding a perspective role (``perspective_respondents``), not to the employees.
    """
    units = list(units)
    if any(unit.organisation_id != organisation.pk for unit in units):
        raise CampaignError(_("Kies alleen onderdelen van deze organisatie."))
    if closes_on < opens_on:
        raise CampaignError(_("De einddatum ligt vóór de begindatum."))
    if not instrument_ids:
        raise CampaignError(_("Kies minstens één vragenlijst."))
    available = available_definitions(organisation)
    unknown = [instrument_id for instrument_id in instrument_ids if instrument_id not in available]
    if unknown:
        raise CampaignError(_("Onbekende vragenlijst: %(id)s.") % {"id": unknown[0]})
    scan = next((available[i] for i in instrument_ids if available[i].kind == COMPANY_SCAN), None)
    if scan is not None and (len(instrument_ids) > 1 or units):
        raise CampaignError(
            _(
                "Een bedrijfsscan is een meting op zich voor de hele organisatie: kies er geen andere "
                "vragenlijsten of onderdelen bij."
            )
        )
    if scan is not None:
        invitees = perspective_respondents(organisation, scan)
    else:
        invitees = [(person, unit, "") for person, unit in people_in_scope(organisation, units)]
    # Lock the organisation so two campaigns started at once cannot get the same wave number.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    campaign = Campaign.objects.create(
        organisation=organisation,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=anonymous,
        created_by=actor,
    )
    campaign.units.set(units)
    for position, instrument_id in enumerate(instrument_ids):
        instrument = available[instrument_id]
        previous = CampaignInstrument.objects.filter(
            campaign__organisation=organisation, instrument_id=instrument_id
        ).aggregate(wave=Max("wave"))["wave"]
        CampaignInstrument.objects.create(
            campaign=campaign,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            wave=(previous or 0) + 1,
            position=position,
        )
    invitations = []
    for person, unit, perspective in invitees:
        nonce, token_hash = new_token()
        invitations.append(
            Invitation(
                campaign=campaign,
                person=person,
                unit=unit,
                perspective=perspective,
                nonce=nonce,
                token_hash=token_hash,
            )
        )
    Invitation.objects.bulk_create(invitations)
    audit.record(
        events.CAMPAIGN_STARTED,
        actor=actor,
        request=request,
        organisation=organisation,
        target=campaign,
        instruments=list(instrument_ids),
        invitations=len(invitations),
    )
    return campaign


def personal_link(base_url: str, invitation: Invitation) -> str:
    return base_url.rstrip("/") + reverse("instruments:respond", args=[token_of(invitation)])


def _mail(invitation: Invitation, base_url: str, template: str) -> None:
    context = {
        "campaign": invitation.campaign,
        "person": invitation.person,
        "link": personal_link(base_url, invitation),
    }
    subject = "".join(render_to_string(f"instruments/{template}_subject.txt", context).splitlines())
    send_mail(
        subject, render_to_string(f"instruments/{template}.txt", context), None, [invitation.person.email]
    )


def _mail_each(actor, campaign, pending, *, base_url, template, stamp, event, request) -> int:
    """Mail `template` to each pending invitation, stamp the field `stamp`, and audit the batch once."""
    for invitation in pending:
        _mail(invitation, base_url, template)
        setattr(invitation, stamp, timezone.now())
        invitation.save(update_fields=[stamp])
    audit.record(
        event,
        actor=actor,
        request=request,
        organisation=campaign.organisation,
        target=campaign,
        count=len(pending),
    )
    return len(pending)


def send_invitations(actor: User | None, campaign: Campaign, *, base_url: str, request=None) -> int:
    """Mail every invitation not sent yet; returns how many were sent."""
    pending = list(campaign.invitations.filter(sent_at__isnull=True).select_related("person", "campaign"))
    return _mail_each(
        actor,
        campaign,
        pending,
        base_url=base_url,
        template="invitation_email",
        stamp="sent_at",
        event=events.INVITATIONS_SENT,
        request=request,
    )


def send_reminders(actor: User | None, campaign: Campaign, *, base_url: str, request=None) -> int:
    """Mail a reminder to everyone invited who has not answered yet; returns how many."""
    pending = list(
        campaign.invitations.filter(sent_at__isnull=False, completed_at__isnull=True).select_related(
            "person", "campaign"
        )
    )
    return _mail_each(
        actor,
        campaign,
        pending,
        base_url=base_url,
        template="reminder_email",
        stamp="reminded_at",
        event=events.REMINDERS_SENT,
        request=request,
    )


def personal_links_csv(actor: User | None, campaign: Campaign, *, base_url: str, request=None) -> str:
    """A CSV (name, e-mail, unit, link) for organisations that send the invitations themselves."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("naam"), _("e-mailadres"), _("onderdeel"), _("persoonlijke link")])
    invitations = campaign.invitations.select_related("person", "unit").order_by("person__full_name")
    for invitation in invitations:
        writer.writerow(
            [
                invitation.person.full_name,
                invitation.person.email,
                invitation.unit.name if invitation.unit else "",
                personal_link(base_url, invitation),
            ]
        )
    audit.record(
        events.LINKS_DOWNLOADED,
        actor=actor,
        request=request,
        organisation=campaign.organisation,
        target=campaign,
        count=len(invitations),
    )
    return out.getvalue()


# --- responding ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of the questionnaire: one question group of one instrument."""

    number: int  # 1-based
    instrument: CampaignInstrument
    definition: InstrumentDefinition
    group: Group


def pages_of(campaign: Campaign) -> list[Page]:
    pages = []
    for instrument in campaign.instruments.all():
        found = definition(instrument.instrument_id, instrument.instrument_version)
        for group in found.groups:
            pages.append(Page(len(pages) + 1, instrument, found, group))
    return pages


def is_open(campaign: Campaign) -> bool:
    today = timezone.localdate()
    return campaign.status == "open" and campaign.opens_on <= today <= campaign.closes_on


@transaction.atomic
def save_page(invitation: Invitation, page: Page, answers: dict) -> None:
    """Keep the answers of one page with the invitation, so the person can stop and resume."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.completed_at is not None:
        raise CampaignError(_("U heeft deze vragenlijst al ingestuurd."))
    draft = dict(locked.draft)
    draft[page.instrument.instrument_id] = {**draft.get(page.instrument.instrument_id, {}), **answers}
    locked.draft = draft
    locked.page_reached = max(locked.page_reached, page.number)
    locked.save(update_fields=["draft", "page_reached"])
    invitation.draft, invitation.page_reached = locked.draft, locked.page_reached


# Lower bounds in years, highest first: the first band whose bound is reached.
AGE_BANDS = ((55, AgeBand.FROM_55), (45, AgeBand.FROM_45), (35, AgeBand.FROM_35), (0, AgeBand.UNDER_35))
TENURE_BANDS = (
    (10, TenureBand.FROM_10),
    (5, TenureBand.FROM_5),
    (2, TenureBand.FROM_2),
    (0, TenureBand.UNDER_2),
)


def _band(years: float | None, bands) -> str:
    if years is None or years < 0:
        return ""
    return next(band for bound, band in bands if years >= bound)


def employment_bands(person_id: int, organisation_id: int, on: datetime.date) -> dict[str, str]:
    """Age band, tenure band and job type of the person's employee membership (blank when unknown)."""
    membership = (
        Membership.objects.active(on)
        .filter(user=person_id, organisation=organisation_id, role=Role.EMPLOYEE)
        .first()
    )
    if membership is None:
        return {"age_band": "", "tenure_band": "", "job_type": ""}
    age = on.year - membership.birth_year if membership.birth_year else None
    since = membership.employed_since
    tenure = (on - since).days / 365.25 if since else None
    return {
        "age_band": _band(age, AGE_BANDS),
        "tenure_band": _band(tenure, TENURE_BANDS),
        "job_type": membership.job_type,
    }


class SubmitError(CampaignError):
    """Answers that cannot be submitted; ``page`` is where the first problem is."""

    def __init__(self, message: str, page: int):
        super().__init__(message)
        self.page = page


def submit(invitation: Invitation) -> list[Response]:
    """Store the answers as responses, once: a repeated or concurrent submit adds nothing.

    The invitation row is locked for the whole transaction; a crash before the commit leaves the draft
    and no response, so the person can simply submit again.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("campaign").get(pk=invitation.pk)
        campaign = locked.campaign
        if locked.completed_at is not None:
            if campaign.anonymous:
                return []
            return list(Response.objects.filter(campaign=campaign, respondent=locked.person_id))
        pages = pages_of(campaign)
        responses = []
        now = timezone.now()
        bands = employment_bands(locked.person_id, campaign.organisation_id, timezone.localdate())
        for instrument in campaign.instruments.all():
            answers = locked.draft.get(instrument.instrument_id, {})
            try:
                vector = plan(instrument.instrument_id, instrument.instrument_version).to_vector(answers)
            except ResponseError as error:
                missing = {problem.variable for problem in error.problems}
                first = next(
                    p
                    for p in pages
                    if p.instrument == instrument and missing & {item.id for item in p.group.items}
                )
                raise SubmitError(
                    _("Nog niet alle verplichte vragen zijn beantwoord."), first.number
                ) from None
            responses.append(
                Response(
                    campaign=campaign,
                    instrument_id=instrument.instrument_id,
                    instrument_version=instrument.instrument_version,
                    wave=instrument.wave,
                    unit_id=locked.unit_id,
                    perspective=locked.perspective,
                    respondent_id=None if campaign.anonymous else locked.person_id,
                    answers=vector.tobytes(),
                    submitted_at=now,
                    **bands,
                )
            )
        created = Response.objects.bulk_create(responses)
        locked.completed_at = now
        locked.draft = {}
        locked.save(update_fields=["completed_at", "draft"])
    invitation.completed_at, invitation.draft = locked.completed_at, locked.draft
    return created


# --- individual results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleResult:
    id: str
    title: str
    score: float | None
    band: str
    advice: str
    range: tuple[float, float] | None
    previous: float | None = None


@dataclass(frozen=True)
class IndividualResult:
    response: Response
    definition: InstrumentDefinition
    scales: list[ScaleResult]
    quadrant_label: str
    quadrant_advice: str
    previous_wave: int | None

    @property
    def title(self) -> str:
        return text(self.definition.title)

    @property
    def medical(self) -> bool:
        return self.definition.individual_visibility == MEDICAL_VISIBILITY


def score_response(response: Response):
    instrument_plan = plan(response.instrument_id, response.instrument_version)
    return instrument_plan.score_one(instrument_plan.from_vector(response.vector))


def previous_response(response: Response) -> Response | None:
    """The same person's response to the same instrument in the organisation's previous wave."""
    if response.respondent_id is None:
        return None
    return (
        Response.objects.filter(
            respondent=response.respondent_id,
            instrument_id=response.instrument_id,
            campaign__organisation=response.campaign.organisation_id,
            wave__lt=response.wave,
        )
        .order_by("-wave")
        .first()
    )


def individual_result(response: Response) -> IndividualResult:
    instrument = definition(response.instrument_id, response.instrument_version)
    scored = score_response(response)
    earlier = previous_response(response)
    earlier_scores = score_response(earlier).scores if earlier else {}
    scales = []
    for scale in instrument.scales:
        band_id = scored.bands.get(scale.id)
        band = next((b for b in scale.bands if b.id == band_id), None)
        scales.append(
            ScaleResult(
                scale.id,
                text(scale.title),
                scored.scores[scale.id],
                text(band.label) if band else "",
                text(band.advice) if band else "",
                scale_range(instrument, scale.id),
                earlier_scores.get(scale.id),
            )
        )
    cell = None
    if scored.quadrant and instrument.quadrants:
        cell = next(c for c in instrument.quadrants.cells if c.id == scored.quadrant)
    return IndividualResult(
        response,
        instrument,
        scales,
        text(cell.label) if cell else "",
        text(cell.advice) if cell else "",
        earlier.wave if earlier else None,
    )


def own_responses(user: User):
    return (
        Response.objects.filter(respondent=user)
        .select_related("campaign", "campaign__organisation")
        .order_by("-submitted_at")
    )


def medical_instrument_ids() -> list[str]:
    found = [*library(), *_custom_definitions(CustomInstrument.objects.all())]
    return [d.id for d in found if d.individual_visibility == MEDICAL_VISIBILITY]


def medical_responses(organisation: Organisation):
    """Identified responses to medical-type instruments, for the organisation's occupational physician."""
    return Response.objects.filter(
        Q(campaign__organisation=organisation),
        Q(instrument_id__in=medical_instrument_ids()),
        Q(respondent__isnull=False),
    )


# --- sharing one's own result with one's manager (recorded as consent) ---------------------------------


def can_share(response: Response) -> bool:
    """Only an identified result with a unit, of an instrument that is not medical, can be shared."""
    return (
        response.respondent_id is not None
        and response.unit_id is not None
        and response.instrument_id not in medical_instrument_ids()
    )


def is_shared(response: Response) -> bool:
    return response.respondent_id is not None and core_services.has_consent(
        response.respondent, SHARE_WITH_MANAGER, response
    )


def managers_of(response: Response) -> list[User]:
    """Who manages the result's unit, or a unit above it, today: the people a shared result reaches."""
    if response.unit is None:
        return []
    ids = response.unit.path.strip("/").split("/")
    paths = ["/" + "/".join(ids[: depth + 1]) + "/" for depth in range(len(ids))]
    memberships = Membership.objects.active().filter(
        organisation=response.campaign.organisation_id, role=Role.MANAGER, units__path__in=paths
    )
    return list(User.objects.filter(memberships__in=memberships).distinct())


def share_with_manager(person: User, response: Response, *, request=None) -> None:
    """The person's consent that the managers of the result's unit may read it; refused where not allowed."""
    if response.respondent_id != person.pk or not can_share(response):
        raise CampaignError(_("Deze uitslag kan niet met een leidinggevende worden gedeeld."))
    core_services.grant_consent(
        person, SHARE_WITH_MANAGER, response, organisation=response.campaign.organisation, request=request
    )


def stop_sharing(person: User, response: Response, *, request=None) -> None:
    core_services.revoke_consent(
        person, SHARE_WITH_MANAGER, response, organisation=response.campaign.organisation, request=request
    )


def shared_responses(organisation: Organisation):
    """Results people of the organisation share with their manager, for as long as the consent stands.

    Callers narrow this to the manager's units with ``visible``; medical-type results never appear.
    """
    consent = Consent.objects.active().filter(
        purpose=SHARE_WITH_MANAGER,
        content_type=ContentType.objects.get_for_model(Response),
        subject=OuterRef("respondent"),
        object_id=OuterRef("pk"),
    )
    return (
        Response.objects.filter(campaign__organisation=organisation, respondent__isnull=False)
        .exclude(instrument_id__in=medical_instrument_ids())
        .filter(Exists(consent))
    )
