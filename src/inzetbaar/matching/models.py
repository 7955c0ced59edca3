"""Matching in practice: candidates, employers and openings, rounds and proposals, introductions and
placements on the way to durable work, and the agreements under which partners in a region share.

No medical information is stored anywhere here: support needs are a fixed list of practical needs, and
free-text fields are about work (talents, passions, conditions, the next step with an employer).
Records that two people may change at once carry a `version` for optimistic locking (see services).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import LabourMarketRegion, Municipality, Organisation


class Benefit(models.TextChoices):
    WW = "WW", "WW"
    ZW = "ZW", "ZW"
    WIA = "WIA", "WIA"
    WAJONG = "Wajong", "Wajong"
    PARTICIPATIEWET = "Participatiewet", "Participatiewet"
    IOAW = "IOAW", "IOAW"


class TravelMode(models.TextChoices):
    MIXED = "mixed", _("Gemengd")
    BICYCLE = "bicycle", _("Fiets")
    PUBLIC_TRANSPORT = "public_transport", _("Openbaar vervoer")
    CAR = "car", _("Auto")


class SupportNeed(models.TextChoices):
    """Practical support only: what helps at work, never why (no diagnosis, no condition)."""

    JOB_COACH = "job_coach", _("Heeft een jobcoach nodig")
    NO_LIFTING = "no_lifting", _("Kan niet zwaar tillen")
    QUIET_WORKPLACE = "quiet_workplace", _("Werkt het best op een rustige werkplek")
    FIXED_ROUTINE = "fixed_routine", _("Heeft een vaste structuur en vaste taken nodig")
    SHORTER_DAYS = "shorter_days", _("Kan korte werkdagen aan")
    TRANSPORT = "transport", _("Heeft hulp bij vervoer nodig")
    ADAPTED_WORKPLACE = "adapted_workplace", _("Heeft een aangepaste werkplek nodig")
    LANGUAGE = "language", _("Heeft uitleg in eenvoudige taal nodig")


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", _("Zoekt werk")
    PAUSED = "paused", _("Gepauzeerd")
    AT_WORK = "at_work", _("Aan het werk")
    ENDED = "ended", _("Traject beëindigd")


def new_pseudonym() -> str:
    return "K-" + secrets.token_hex(3).upper()


class Versioned(models.Model):
    """A record with a version number: a save from a form that read an older version is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class CandidateProfile(Versioned):
    """A job seeker's profile, kept by the guiding organisation's client manager and by the person."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_profile",
        verbose_name=_("persoon"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("begeleidende organisatie"),
    )
    client_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("klantmanager"),
    )
    pseudonym = models.CharField(_("pseudoniem"), max_length=12, unique=True, default=new_pseudonym)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("woongemeente")
    )
    skills = models.JSONField(_("vaardigheden"), default=list, blank=True)
    talents = models.JSONField(_("talenten"), default=list, blank=True)
    qualifications = models.JSONField(_("diploma's en certificaten"), default=list, blank=True)
    passions = models.TextField(
        _("passies en interesses"),
        blank=True,
        help_text=_("Waar word je blij van in werk? Geen medische informatie."),
    )
    hours_min = models.PositiveSmallIntegerField(_("minimaal uren per week"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("maximaal uren per week"), null=True, blank=True)
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximale reistijd (minuten, enkele reis)"), default=45
    )
    travel_mode = models.CharField(
        _("vervoer"), max_length=20, choices=TravelMode.choices, default=TravelMode.MIXED
    )
    sectors = models.JSONField(_("gewenste sectoren"), default=list, blank=True)
    conditions = models.CharField(
        _("voorwaarden"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: alleen dagdienst, niet in het weekend."),
    )
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    availability = models.CharField(
        _("beschikbaarheid"),
        max_length=200,
        blank=True,
        help_text=_("Dagen en dagdelen, bijvoorbeeld: ma–do ochtend."),
    )
    benefit = models.CharField(_("uitkering"), max_length=20, choices=Benefit.choices, blank=True)
    benefit_start = models.DateField(_("uitkering sinds"), null=True, blank=True)
    target_group = models.BooleanField(_("in het doelgroepregister"), default=False)
    support_needs = models.JSONField(_("praktische ondersteuning"), default=list, blank=True)
    intake_date = models.DateField(_("intakedatum"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=12, choices=CandidateStatus.choices, default=CandidateStatus.ACTIVE
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["pseudonym"]
        verbose_name = _("werkzoekende")
        verbose_name_plural = _("werkzoekenden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_min__isnull=True)
                | models.Q(hours_max__isnull=True)
                | models.Q(hours_max__gte=models.F("hours_min")),
                name="candidate_hours_ordered",
            )
        ]

    def __str__(self):
        return self.pseudonym

    def support_labels(self) -> list[str]:
        return [SupportNeed(code).label for code in self.support_needs if code in SupportNeed.values]


class EmployerProfile(models.Model):
    """An employer that joined the regional approach, served by an employer service point."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="employer_profile", verbose_name=_("werkgever")
    )
    service_point = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="served_employers",
        verbose_name=_("werkgeversservicepunt"),
    )
    relationship_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relatiemanager"),
    )
    location = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("vestigingsplaats")
    )
    joined_on = models.DateField(_("aangesloten op"), default=timezone.localdate)
    description = models.TextField(_("over de werkgever"), blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("aangesloten werkgever")
        verbose_name_plural = _("aangesloten werkgevers")

    def __str__(self):
        return self.organisation.name


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Bezoek")
    CALL = "call", _("Telefoongesprek")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Bijeenkomst")


class ContactMoment(models.Model):
    employer = models.ForeignKey(
        EmployerProfile, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("werkgever")
    )
    on = models.DateField(_("datum"), default=timezone.localdate)
    kind = models.CharField(_("soort"), max_length=10, choices=ContactKind.choices)
    outcome = models.CharField(_("uitkomst"), max_length=300)
    next_step = models.CharField(_("volgende stap"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.employer} {self.on}"


class SeatClass(models.TextChoices):
    PAID_JOB = "paid_job", _("Betaalde baan")
    TRIAL_PLACEMENT = "trial_placement", _("Proefplaatsing")
    WORK_EXPERIENCE = "work_experience", _("Werkervaringsplaats")


class Offer(models.TextChoices):
    COACHING = "coaching", _("Begeleiding op de werkvloer")
    ADJUSTMENTS = "adjustments", _("Aanpassingen van de werkplek")
    TRAINING = "training", _("Opleiding")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexibele werktijden")
    BUDDY = "buddy", _("Een vaste collega als maatje")


class Opening(Versioned):
    employer = models.ForeignKey(
        EmployerProfile, on_delete=models.CASCADE, related_name="openings", verbose_name=_("werkgever")
    )
    title = models.CharField(_("functie"), max_length=200)
    seat_class = models.CharField(
        _("soort plek"), max_length=20, choices=SeatClass.choices, default=SeatClass.PAID_JOB
    )
    capacity = models.PositiveSmallIntegerField(_("aantal plekken"), default=1)
    reserved_seats = models.PositiveSmallIntegerField(
        _("plekken voor de doelgroep"),
        default=0,
        help_text=_("Gereserveerd voor mensen uit het doelgroepregister."),
    )
    hours_min = models.PositiveSmallIntegerField(_("minimaal uren per week"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("maximaal uren per week"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    skills = models.JSONField(_("gevraagde vaardigheden"), default=list, blank=True)
    requirements = models.JSONField(_("harde eisen"), default=list, blank=True)
    offers = models.JSONField(_("wat de werkgever biedt"), default=list, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["employer__organisation__name", "title"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved_seats__lte=models.F("capacity")), name="opening_reserved_within"
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.employer}"

    def offer_labels(self) -> list[str]:
        return [Offer(code).label for code in self.offers if code in Offer.values]


class PartnerAgreement(models.Model):
    """The owner lets the partner see its candidates and/or its employers and openings, for a period."""

    owner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreements_given", verbose_name=_("eigenaar")
    )
    partner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreements_received", verbose_name=_("partner")
    )
    shares_candidates = models.BooleanField(
        _("deelt werkzoekenden"),
        default=False,
        help_text=_("Alleen werkzoekenden die toestemming gaven om hun profiel met partners te delen."),
    )
    shares_employers = models.BooleanField(_("deelt werkgevers en vacatures"), default=False)
    start = models.DateField(_("begindatum"), default=timezone.localdate)
    end = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        ordering = ["owner__name", "partner__name"]
        verbose_name = _("samenwerkingsafspraak")
        verbose_name_plural = _("samenwerkingsafspraken")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("partner")), name="agreement_two_parties"
            )
        ]

    def __str__(self):
        return f"{self.owner} → {self.partner}"


class RoundStatus(models.TextChoices):
    PREVIEW = "preview", _("Voorstellen beoordelen")
    FINISHED = "finished", _("Afgerond")


class MatchingRound(models.Model):
    """One run of the engine; the profiles, the instance and the seed are kept to reproduce it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="matching_rounds", verbose_name=_("organisatie")
    )
    region = models.ForeignKey(
        LabourMarketRegion, on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: de hele regio."),
    )
    reference_date = models.DateField(_("peildatum"))
    seed = models.BigIntegerField(_("seed van de loting"))
    profiles = models.JSONField(_("profielen (invoer)"))
    instance = models.JSONField(_("voorkeuren (invoer van de matcher)"))
    result = models.JSONField(_("uitkomst"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PREVIEW
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(_("gestart"), default=timezone.now)
    finished_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("matchronde")
        verbose_name_plural = _("matchrondes")

    def __str__(self):
        where = self.municipality or self.region
        return f"{where} {self.created_at:%Y-%m-%d}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Nog beoordelen")
    ACCEPTED = "accepted", _("Geaccepteerd")
    REJECTED = "rejected", _("Afgewezen")
    CHANGED = "changed", _("Gewijzigd")


class Proposal(models.Model):
    """The engine's proposal for one candidate; a person decides before anyone is contacted."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="proposals")
    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="proposals")
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="proposals")
    explanation = models.JSONField(_("uitleg"), default=dict)
    decision = models.CharField(
        _("besluit"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    final_opening = models.ForeignKey(
        Opening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekozen vacature"),
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "candidate__pseudonym"]
        constraints = [models.UniqueConstraint(fields=["round", "candidate"], name="proposal_once_per_round")]

    def __str__(self):
        return f"{self.candidate} → {self.opening}"


class IntroductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    SCHEDULED = "scheduled", _("Gepland")
    HELD = "held", _("Gesprek gevoerd")
    CANCELLED = "cancelled", _("Niet doorgegaan")


class Outcome(models.TextChoices):
    CONTINUE = "continue", _("Verder: werkplek of baan")
    THINK = "think", _("Bedenktijd")
    STOP = "stop", _("Geen vervolg")


class Introduction(Versioned):
    """A pleasant introductory conversation at the employer; the employer sees an anonymous card until
    the candidate consents to this introduction (core Consent, purpose "introduction")."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="introduction"
    )
    candidate = models.ForeignKey(
        CandidateProfile,
        on_delete=models.CASCADE,
        related_name="introductions",
        verbose_name=_("werkzoekende"),
    )
    opening = models.ForeignKey(
        Opening, on_delete=models.CASCADE, related_name="introductions", verbose_name=_("vacature")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IntroductionStatus.choices, default=IntroductionStatus.PROPOSED
    )
    scheduled_at = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    place = models.CharField(_("plaats bij de werkgever"), max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)
    candidate_outcome = models.CharField(
        _("uitkomst werkzoekende"), max_length=10, choices=Outcome.choices, blank=True
    )
    candidate_note = models.CharField(_("toelichting werkzoekende"), max_length=300, blank=True)
    employer_outcome = models.CharField(
        _("uitkomst werkgever"), max_length=10, choices=Outcome.choices, blank=True
    )
    employer_note = models.CharField(_("toelichting werkgever"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")

    def __str__(self):
        return f"{self.candidate} – {self.opening}"


class Stage(models.TextChoices):
    WORK_FLOOR = "work_floor", _("Op de werkvloer")
    PLACED = "placed", _("Geplaatst")
    DURABLE = "durable", _("Duurzaam geplaatst")
    EXITED = "exited", _("Uitgestroomd zonder werk")


class ContractType(models.TextChoices):
    TEMPORARY = "temporary", _("Tijdelijk")
    PERMANENT = "permanent", _("Vast")
    ON_CALL = "on_call", _("Oproep")
    SELF_EMPLOYED = "self_employed", _("Zelfstandige")


class BenefitAfter(models.TextChoices):
    UNCHANGED = "unchanged", _("Ongewijzigd")
    REDUCED = "reduced", _("Verlaagd")
    ENDED = "ended", _("Beëindigd")


class ExitReason(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("Contract afgelopen")
    DID_NOT_FIT = "did_not_fit", _("Werk paste niet")
    HEALTH = "health", _("Gezondheid (zonder verdere details)")
    MOVED = "moved", _("Verhuisd")
    OTHER_JOB = "other_job", _("Ander werk gevonden")
    OTHER = "other", _("Andere reden")


class Placement(Versioned):
    """The path after an introduction: work floor → placement → durable placement, or an exit."""

    introduction = models.OneToOneField(Introduction, on_delete=models.PROTECT, related_name="placement")
    stage = models.CharField(_("fase"), max_length=12, choices=Stage.choices, default=Stage.WORK_FLOOR)
    work_floor_kind = models.CharField(
        _("soort werkplek"),
        max_length=20,
        choices=[c for c in SeatClass.choices if c[0] != SeatClass.PAID_JOB],
        blank=True,
    )
    work_floor_start = models.DateField(_("start op de werkvloer"), null=True, blank=True)
    work_floor_end = models.DateField(_("einde op de werkvloer"), null=True, blank=True)
    contract_start = models.DateField(_("start contract"), null=True, blank=True)
    contract_hours = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    contract_type = models.CharField(
        _("soort contract"), max_length=16, choices=ContractType.choices, blank=True
    )
    wage_subsidy = models.BooleanField(_("loonkostensubsidie"), default=False)
    no_risk_policy = models.BooleanField(_("no-riskpolis"), default=False)
    job_coach = models.BooleanField(_("jobcoach"), default=False)
    benefit_after = models.CharField(
        _("uitkering na plaatsing"),
        max_length=10,
        choices=BenefitAfter.choices,
        default=BenefitAfter.UNCHANGED,
    )
    durable_on = models.DateField(_("duurzaam sinds"), null=True, blank=True)
    exit_on = models.DateField(_("uitstroomdatum"), null=True, blank=True)
    exit_reason = models.CharField(
        _("reden van uitstroom"), max_length=16, choices=ExitReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")

    def __str__(self):
        return f"{self.introduction} ({self.get_stage_display()})"

    @property
    def candidate(self) -> CandidateProfile:
        return self.introduction.candidate


class FollowUp(models.Model):
    """A check at 3, 6 or 12 months after the contract start, a task for the client manager."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("maanden"))
    due_on = models.DateField(_("uiterlijk"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    still_in_work = models.BooleanField(_("nog aan het werk"), null=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("nacontrole")
        verbose_name_plural = _("nacontroles")
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="follow_up_once")]

    def __str__(self):
        return f"{self.placement} +{self.months}m"
