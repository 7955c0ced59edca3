"""Learning networks: employers meeting about every ten weeks, the actions and pilots they take home,
good practices they write for each other, and evaluations of each meeting.

A network belongs to its facilitator's organisation; member organisations take part. Actions taken home
live in the member's own annual plan (``plans.Action``) and are linked to the meeting they came from.
An evaluation's answers are stored apart from who evaluated (``EvaluationReceipt`` only prevents a
second evaluation), so no one can tell whose answers they are.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import LabourMarketRegion, Organisation
from inzetbaar.plans.models import Action, FollowedAction
from inzetbaar.toolbox.choices import Theme


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Network(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True, max_length=4000)
    region = models.ForeignKey(
        LabourMarketRegion, on_delete=models.PROTECT, related_name="networks", verbose_name=_("regio")
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    facilitator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="facilitated_networks",
        verbose_name=_("facilitator"),
    )
    members = models.ManyToManyField(
        Organisation, through="NetworkMember", related_name="networks", verbose_name=_("leden")
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lerend netwerk")
        verbose_name_plural = _("lerende netwerken")

    def __str__(self):
        return self.name


class NetworkMember(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    ambassador = models.BooleanField(
        _("ambassadeur"), default=False, help_text=_("Loopt voorop en deelt zijn aanpak met de anderen.")
    )
    joined_on = models.DateField(_("lid sinds"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="network_member_once")
        ]

    def __str__(self):
        return str(self.organisation)


class HalfDay(models.TextChoices):
    MORNING = "morning", _("Ochtend (9.00–12.30 uur)")
    AFTERNOON = "afternoon", _("Middag (13.30–17.00 uur)")
    EVENING = "evening", _("Avond (18.30–21.30 uur)")


HALF_DAY_HOURS = {
    HalfDay.MORNING: (9, 0, 12, 30),
    HalfDay.AFTERNOON: (13, 30, 17, 0),
    HalfDay.EVENING: (18, 30, 21, 30),
}


class Meeting(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("netwerk")
    )
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"))
    half_day = models.CharField(
        _("dagdeel"), max_length=16, choices=HalfDay.choices, default=HalfDay.AFTERNOON
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), max_length=4000)
    themes = models.JSONField(_("thema's"), default=list)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def theme_labels(self) -> list[str]:
        return [str(Theme(code).label) for code in self.themes if code in Theme.values]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    people = models.PositiveSmallIntegerField(_("aantal deelnemers"), default=0)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "organisation"], name="attendance_once")]

    def __str__(self):
        return f"{self.organisation} – {self.meeting}: {self.people}"


class TakeHome(models.Model):
    """An action or pilot a member took home from a meeting; the action lives in the member's own plan."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="take_homes")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="take_home")

    class Meta:
        ordering = ["meeting__date", "pk"]

    def __str__(self):
        return f"{self.action} ({self.meeting})"


class NetworkAction(FollowedAction):
    """An action of the network itself (the facilitator's), part of the regional plan."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="own_actions", verbose_name=_("netwerk")
    )

    class Meta(FollowedAction.Meta):
        verbose_name = _("netwerkactie")
        verbose_name_plural = _("netwerkacties")


class GoodPractice(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="good_practices")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisatie")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    theme = models.CharField(_("thema"), max_length=32, choices=Theme.choices)
    title = models.CharField(_("titel"), max_length=200)
    story = models.TextField(
        _("verhaal"),
        max_length=6000,
        help_text=_(
            "Wat deed u, wat werkte, wat zou u anders doen? "
            "Geen namen of gezondheidsgegevens van medewerkers."
        ),
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("goed voorbeeld")
        verbose_name_plural = _("goede voorbeelden")

    def __str__(self):
        return self.title


class EvaluationReceipt(models.Model):
    """That a person evaluated a meeting (so only once); says nothing about the answers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="evaluation_receipts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="evaluation_once_per_person")
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"


class MeetingEvaluation(models.Model):
    """One anonymous evaluation with the ``meeting_evaluation`` questionnaire, answers as in instruments."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="evaluations")
    instrument_version = models.CharField(max_length=16)
    answers = models.BinaryField(editable=False)

    def __str__(self):
        return f"{self.meeting} #{self.pk}"
