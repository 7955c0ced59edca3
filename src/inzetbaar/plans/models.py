"""Annual plans: per organisation and year, goals per theme and actions followed through plan-do-check-act.

An action may follow an indicator of the platform (``inzetbaar.core.indicators``) and keeps its value
before the action started and its latest value since. Every change of status or phase is kept as an
``ActionUpdate``, which is what the follow-up monitor and the "stalled" test read.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import Organisation
from inzetbaar.toolbox.choices import Theme


class Status(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("Bezig")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)


class Phase(models.TextChoices):
    PLAN = "plan", _("Plan: voorbereiden")
    DO = "do", _("Do: uitvoeren")
    CHECK = "check", _("Check: effect nagaan")
    ACT = "act", _("Act: bijsturen of borgen")


class ActionKind(models.TextChoices):
    ACTION = "action", _("Actie")
    PILOT = "pilot", _("Pilot")


class FollowedAction(models.Model):
    """What every followed action has, an organisation's or the network's: owner, dates, status, phase."""

    title = models.CharField(_("actie"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)
    theme = models.CharField(_("thema"), max_length=32, choices=Theme.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    start_date = models.DateField(_("begint op"), default=timezone.localdate)
    due_date = models.DateField(_("klaar op"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    phase = models.CharField(_("fase"), max_length=8, choices=Phase.choices, default=Phase.PLAN)
    last_progress_at = models.DateTimeField(_("laatste voortgang"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    def is_stalled(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_open and (now - self.last_progress_at).days >= settings.PLANS_STALLED_DAYS


class AnnualPlan(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="annual_plans", verbose_name=_("organisatie")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=200)
    vision = models.TextField(
        _("visie"), blank=True, max_length=4000, help_text=_("Waar wil de organisatie heen?")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="annual_plans",
        verbose_name=_("eigenaar"),
    )
    shared_with_networks = models.BooleanField(
        _("delen met mijn lerende netwerken"),
        default=False,
        help_text=_("Andere leden van uw netwerken zien dan de doelen en acties van dit plan."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "-year"]
        verbose_name = _("jaarplan")
        verbose_name_plural = _("jaarplannen")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="plan_one_per_year")]

    def __str__(self):
        return f"{self.title} ({self.year})"


class Goal(models.Model):
    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("jaarplan")
    )
    theme = models.CharField(_("thema"), max_length=32, choices=Theme.choices)
    title = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=2000)

    class Meta:
        ordering = ["theme", "pk"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.title


class Action(FollowedAction):
    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("jaarplan")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions", verbose_name=_("doel")
    )
    kind = models.CharField(_("soort"), max_length=8, choices=ActionKind.choices, default=ActionKind.ACTION)
    indicator = models.CharField(_("indicator"), max_length=100, blank=True)
    value_before = models.FloatField(_("waarde vooraf"), null=True, blank=True)
    value_after = models.FloatField(_("waarde nu"), null=True, blank=True)
    measured_at = models.DateTimeField(_("gemeten op"), null=True, blank=True)

    class Meta(FollowedAction.Meta):
        verbose_name = _("actie")
        verbose_name_plural = _("acties")


class ActionUpdate(models.Model):
    """One step of an action's progress: who changed the status or phase, when, with a short note."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("actie")
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    phase = models.CharField(_("fase"), max_length=8, choices=Phase.choices)
    note = models.TextField(_("toelichting"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")

    def __str__(self):
        return f"{self.action} – {self.get_status_display()}"


class ReminderSent(models.Model):
    """One reminder e-mail per person per day, whatever runs the command how often."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    actions = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "on"], name="plan_reminder_once_a_day")]

    def __str__(self):
        return f"{self.person} {self.on}"
