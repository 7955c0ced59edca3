"""Regions, organisations, their units, people and memberships, the audit log and consents."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class LabourMarketRegion(models.Model):
    """One of the 35 Dutch labour-market regions (arbeidsmarktregio's)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=8, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    province = models.CharField(_("provincie"), max_length=40)
    region = models.ForeignKey(
        LabourMarketRegion, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("regio")
    )
    latitude = models.DecimalField(_("breedtegraad"), max_digits=7, decimal_places=4)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=7, decimal_places=4)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Werkgever")
    MUNICIPALITY = "municipality", _("Gemeente")
    UWV = "uwv", _("UWV-vestiging")
    SHELTERED_WORK = "sheltered_work", _("Sociaal werkbedrijf")
    EMPLOYER_SERVICE_POINT = "employer_service_point", _("WerkgeversServicePunt")
    OCCUPATIONAL_HEALTH = "occupational_health", _("Arbodienst")
    NETWORK_FACILITATOR = "network_facilitator", _("Netwerkorganisatie")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro (minder dan 10)")
    SMALL = "small", _("Klein (10–49)")
    MEDIUM = "medium", _("Middelgroot (50–249)")
    LARGE = "large", _("Groot (250 of meer)")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        LabourMarketRegion, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("regio")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("vestigingsgemeente"),
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    size_class = models.CharField(_("grootte"), max_length=10, choices=SizeClass.choices, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Afdeling")
    TEAM = "team", _("Team")
    LOCATION = "location", _("Locatie")


class Unit(models.Model):
    """A department, team or location inside an organisation; units form a tree.

    `path` holds the ids from the root down ("/3/17/") so that a whole subtree is one indexed prefix query.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="units", verbose_name=_("organisatie")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=UnitKind.choices, default=UnitKind.TEAM)
    path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="unit_unique_name_per_parent"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {"using": kwargs.get("using")}
        self.path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # A moved unit takes its whole subtree along.
            for descendant in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                descendant.path = self.path + descendant.path[len(old_path) :]
                super(Unit, descendant).save(update_fields=["path"])

    def clean(self):
        if self.parent_id and self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {"parent": _("Een onderdeel valt onder een onderdeel van dezelfde organisatie.")}
            )
        if self.pk and self.parent_id and f"/{self.pk}/" in self.parent.path:
            raise ValidationError({"parent": _("Een onderdeel kan niet onder zichzelf vallen.")})

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def subtree(self):
        return Unit.objects.filter(path__startswith=self.path)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can sign in. Platform admins are superusers; everything else comes from memberships."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class ActiveMembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(start__lte=on), models.Q(end__isnull=True) | models.Q(end__gte=on))


class JobType(models.TextChoices):
    """The kind of work, as the Work Ability Index weighs it; nothing about health."""

    PHYSICAL = "physical", _("Vooral lichamelijk")
    MENTAL = "mental", _("Vooral geestelijk")
    MIXED = "mixed", _("Gemengd")


class Membership(models.Model):
    """A person's role in an organisation; a person can hold several. Ended ones are kept (end date).

    An employee's membership carries the few facts group reports break down by (age band, tenure band,
    job type): a birth year, an employment start and a job type. Nothing medical, no free text.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisatie")
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="memberships",
        verbose_name=_("onderdelen"),
        help_text=_("Voor een medewerker: waar hij of zij werkt. Voor een leidinggevende: welke onderdelen."),
    )
    start = models.DateField(_("begindatum"), default=timezone.localdate)
    end = models.DateField(_("einddatum"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    employed_since = models.DateField(_("in dienst sinds"), null=True, blank=True)
    job_type = models.CharField(_("soort werk"), max_length=16, choices=JobType.choices, blank=True)

    objects = ActiveMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(end__isnull=True),
                name="membership_one_open_role_per_org",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


class AuditEvent(models.Model):
    """One named event: who did what to which object, when and why. Rows are never changed or deleted."""

    event = models.CharField(_("gebeurtenis"), max_length=64, db_index=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    # Kept when the actor account is deleted, and for attempts by unknown names (failed logins).
    actor_label = models.CharField(_("door (naam)"), max_length=254, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    subject = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events_about_me",
        verbose_name=_("over persoon"),
        help_text=_("De persoon wiens gegevens het betreft."),
    )
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    reason = models.CharField(_("reden"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
            models.Index(fields=["organisation", "-at"], name="audit_org_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.event} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")


class ConsentPurpose(models.TextChoices):
    SHARE_RESULT_WITH_MANAGER = "share_result_with_manager", _("Uitslag delen met de leidinggevende")
    MATCHING = "matching", _("Meedoen aan matchrondes in de regio")
    SHARE_WITH_PARTNERS = "share_with_partners", _("Profiel delen met partners in de regio")
    INTRODUCTION = "introduction", _("Naam en contactgegevens delen met de werkgever van een kennismaking")


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Consent(models.Model):
    """A person's consent for one purpose about one object; revoking keeps the row (revoked_at).

    Only the purpose, the object and the two moments are stored: no free text.
    """

    subject = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("persoon")
    )
    purpose = models.CharField(_("doel"), max_length=64, choices=ConsentPurpose.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    granted_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "purpose", "content_type", "object_id"],
                condition=models.Q(revoked_at__isnull=True),
                name="consent_one_active_per_object",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="consent_object")]

    def __str__(self):
        return f"{self.subject} – {self.get_purpose_display()}"
