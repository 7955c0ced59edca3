"""Absence data as the standard statistics need it, and nothing medical.

Employment records and absence parts carry a keyed pseudonym instead of the employee's number, dates, the
part-time factor's hours and the incapacity fraction. There is deliberately no free-text field: a
diagnosis or cause cannot land anywhere. Imports are kept as a history of who read in what, when.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import Organisation, Unit

from .importing import ABSENCE, EMPLOYMENT


class ImportKind(models.TextChoices):
    EMPLOYMENT = EMPLOYMENT, _("Dienstverbanden")
    ABSENCE = ABSENCE, _("Verzuimmeldingen")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Kolommen kiezen")
    IMPORTED = "imported", _("Ingelezen")
    FAILED = "failed", _("Niet ingelezen")


class ImportBatch(models.Model):
    """One uploaded file. Its content is kept only until it is imported or refused."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="absence_imports", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ImportKind.choices)
    filename = models.CharField(_("bestand"), max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    content = models.BinaryField(default=b"", editable=False)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    problems = models.JSONField(default=list)  # [[line, field, message], …]
    rows = models.PositiveIntegerField(_("regels"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("gewijzigd"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verzuimimport")
        verbose_name_plural = _("verzuimimports")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.filename}"


class Employment(models.Model):
    """An employment interval in a unit with its hours; a change of unit or hours starts a new one."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="absence_employments",
        verbose_name=_("organisatie"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("onderdeel"))
    employee = models.CharField(_("medewerker (pseudoniem)"), max_length=64)
    start = models.DateField(_("begindatum"))
    end = models.DateField(_("einddatum"), null=True, blank=True)
    contract_hours = models.DecimalField(_("contracturen"), max_digits=6, decimal_places=2)
    fulltime_hours = models.DecimalField(_("voltijduren"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["employee", "start"]
        verbose_name = _("dienstverband")
        verbose_name_plural = _("dienstverbanden")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee", "start"], name="absence_employment_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="absence_employment_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.employee[:8]} {self.start}"

    @property
    def part_time_factor(self) -> Decimal:
        return self.contract_hours / self.fulltime_hours


class AbsenceSpell(models.Model):
    """One part of an absence case: from its first to its last day (empty while it runs), at a fraction."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="absence_spells", verbose_name=_("organisatie")
    )
    employee = models.CharField(_("medewerker (pseudoniem)"), max_length=64)
    case = models.CharField(_("verzuimgeval (pseudoniem)"), max_length=64)
    start = models.DateField(_("eerste verzuimdag"))
    end = models.DateField(_("laatste verzuimdag"), null=True, blank=True)
    fraction = models.DecimalField(
        _("mate van arbeidsongeschiktheid"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal("1"))],
    )
    pregnancy = models.BooleanField(_("zwangerschapsgerelateerd"), default=False)

    class Meta:
        ordering = ["employee", "start"]
        verbose_name = _("verzuimperiode")
        verbose_name_plural = _("verzuimperiodes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case", "start"], name="absence_spell_unique_part"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="absence_spell_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.case[:8]} {self.start}"


class AbsenceSettings(models.Model):
    """An organisation's choices for its absence pages: benchmark line, minimum group, classes, costs."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="absence_settings", verbose_name=_("organisatie")
    )
    benchmark_rate = models.DecimalField(
        _("verzuimpercentage van de sector"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Als lijn in de grafieken; leeg: geen lijn."),
    )
    benchmark_label = models.CharField(
        _("naam van de vergelijking"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: Vernet zorg 2024."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimale groepsgrootte"),
        default=5,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text=_(
            "Leidinggevenden en ondernemingsraad zien cijfers van een onderdeel pas vanaf zoveel medewerkers."
        ),
    )
    duration_classes = models.CharField(
        _("duurklassen"),
        max_length=100,
        default="1-14,15-91,92-365,366-730",
        help_text=_("In dagen, bijvoorbeeld 1-14,15-91,92-365,366-730 of 1-7,8-42,43-365,366-730."),
    )
    cost_per_day = models.DecimalField(
        _("kosten per verzuimdag (euro)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("300"),
        validators=[MinValueValidator(0)],
    )
    target_reduction = models.DecimalField(
        _("beoogde daling (procentpunt)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("verzuiminstellingen")
        verbose_name_plural = _("verzuiminstellingen")

    def __str__(self):
        return str(self.organisation)
