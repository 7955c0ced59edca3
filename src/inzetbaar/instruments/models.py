"""Measurement campaigns, the invitations they send and the responses they collect.

A response stores its answers as one compact float32 vector (``ScoringPlan.to_vector``), so a group
report reads one row per respondent, never one per item. In an anonymous campaign a response has no
link to the person: the invitation only records that it was completed, and answers in progress stay on
the invitation until they are submitted. No field here accepts free text from a respondent.
"""

import numpy as np
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import JobType, Organisation, Unit


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    CLOSED = "closed", _("Afgesloten")


class AgeBand(models.TextChoices):
    UNDER_35 = "u35", _("Jonger dan 35")
    FROM_35 = "35_44", _("35 tot 45")
    FROM_45 = "45_54", _("45 tot 55")
    FROM_55 = "55p", _("55 en ouder")


class TenureBand(models.TextChoices):
    UNDER_2 = "u2", _("Korter dan 2 jaar")
    FROM_2 = "2_5", _("2 tot 5 jaar")
    FROM_5 = "5_10", _("5 tot 10 jaar")
    FROM_10 = "10p", _("10 jaar of langer")


class Campaign(models.Model):
    """A measurement wave of one organisation: instruments, units in scope, a period, anonymous or not."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("organisatie")
    )
    title = models.CharField(_("titel"), max_length=200)
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="campaigns",
        verbose_name=_("onderdelen"),
        help_text=_("Leeg: de hele organisatie."),
    )
    opens_on = models.DateField(_("begint op"))
    closes_on = models.DateField(_("eindigt op"))
    anonymous = models.BooleanField(_("anoniem"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="campaign_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title


class CampaignInstrument(models.Model):
    """One instrument (id and version) in a campaign, with its wave number for the organisation."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="instruments", verbose_name=_("meting")
    )
    instrument_id = models.CharField(_("vragenlijst"), max_length=64)
    instrument_version = models.CharField(_("versie"), max_length=16)
    wave = models.PositiveSmallIntegerField(_("ronde"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "instrument_id"], name="campaign_instrument_once")
        ]

    def __str__(self):
        return f"{self.instrument_id} {self.instrument_version} (ronde {self.wave})"


class Invitation(models.Model):
    """One invited person. The link's token is derived from the secret key; only its hash is stored."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meting")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_invitations",
        verbose_name=_("persoon"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("onderdeel")
    )
    # Company scans: the perspective (management, HR, works council) the person answers for.
    perspective = models.CharField(_("perspectief"), max_length=32, blank=True, editable=False)
    nonce = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd"), null=True, blank=True)
    completed_at = models.DateTimeField(_("ingevuld"), null=True, blank=True)
    # Answers in progress (save and resume), per instrument; emptied when submitted.
    draft = models.JSONField(default=dict, blank=True, editable=False)
    page_reached = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="invitation_once_per_person")
        ]

    def __str__(self):
        return f"{self.campaign} – {self.person}"


class Response(models.Model):
    """One submitted answer set to one instrument; ``respondent`` stays empty in anonymous campaigns."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("meting")
    )
    instrument_id = models.CharField(_("vragenlijst"), max_length=64)
    instrument_version = models.CharField(_("versie"), max_length=16)
    wave = models.PositiveSmallIntegerField(_("ronde"))
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("onderdeel")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="campaign_responses",
        verbose_name=_("persoon"),
    )
    answers = models.BinaryField(_("antwoorden"), editable=False)
    perspective = models.CharField(_("perspectief"), max_length=32, blank=True, editable=False)
    # Bands taken from the person's employment when submitting, so reports need no join to people.
    age_band = models.CharField(_("leeftijdsgroep"), max_length=8, choices=AgeBand.choices, blank=True)
    tenure_band = models.CharField(_("diensttijd"), max_length=8, choices=TenureBand.choices, blank=True)
    job_type = models.CharField(_("soort werk"), max_length=16, choices=JobType.choices, blank=True)
    submitted_at = models.DateTimeField(_("ingestuurd"))

    class Meta:
        ordering = ["campaign", "instrument_id", "pk"]
        verbose_name = _("antwoordenset")
        verbose_name_plural = _("antwoordensets")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "instrument_id", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="response_once_per_respondent",
            )
        ]
        indexes = [models.Index(fields=["campaign", "instrument_id"], name="response_campaign_instrument")]

    def __str__(self):
        return f"{self.campaign} – {self.instrument_id} #{self.pk}"

    @property
    def vector(self) -> np.ndarray:
        return np.frombuffer(bytes(self.answers), dtype=np.float32)


class CustomInstrument(models.Model):
    """An organisation's own instrument (or a platform-wide one), added by a platform admin as text.

    The text is checked like a shipped definition file. It cannot be changed once saved, because campaigns
    refer to its id and version: a new version is a new row. An id belongs to one organisation (or to the
    platform) and never to a shipped instrument.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_instruments",
        verbose_name=_("organisatie"),
        help_text=_("Leeg: beschikbaar voor alle organisaties."),
    )
    definition = models.TextField(
        _("definitie"),
        help_text=_("De vragenlijst als YAML of JSON, zoals beschreven in docs/instruments.md."),
    )
    instrument_id = models.CharField(_("vragenlijst"), max_length=64, editable=False)
    version = models.CharField(_("versie"), max_length=16, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Alleen actieve vragenlijsten zijn te kiezen voor een nieuwe meting."),
    )

    # Names the text in error messages; the admin sets it to the uploaded file's name.
    source_name = "definitie.yaml"

    class Meta:
        ordering = ["instrument_id", "version"]
        verbose_name = _("eigen vragenlijst")
        verbose_name_plural = _("eigen vragenlijsten")
        constraints = [
            models.UniqueConstraint(fields=["instrument_id", "version"], name="custom_instrument_once")
        ]

    def __str__(self):
        return f"{self.instrument_id} {self.version}"

    def clean(self):
        from .services import check_custom_definition  # services import this module

        found = check_custom_definition(self)
        self.instrument_id, self.version = found.id, found.version
