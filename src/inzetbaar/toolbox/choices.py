"""The fixed vocabularies of the toolbox, shared by the catalogue, the choice menu and the plans.

The four themes are the field's own (beperken uitstroom, gezond werken, leven lang ontwikkelen,
werken naar talent); the floors are those of the House of Work Ability.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    RETENTION = "retention", _("Beperken uitstroom")
    HEALTHY_WORK = "healthy_work", _("Gezond werken")
    LIFELONG_LEARNING = "lifelong_learning", _("Leven lang ontwikkelen")
    TALENT = "talent", _("Werken naar talent")


class Floor(models.TextChoices):
    HEALTH = "health", _("Gezondheid en functionele capaciteit")
    COMPETENCE = "competence", _("Competenties")
    VALUES = "values", _("Waarden, houding en motivatie")
    WORK = "work", _("Werk: omstandigheden, organisatie en leiderschap")
    SURROUNDINGS = "surroundings", _("Omgeving: gezin en samenleving")


class Level(models.TextChoices):
    AWARENESS = "awareness", _("Bewustwording")
    ANALYSIS = "analysis", _("Analyse")
    IMPLEMENTATION = "implementation", _("Invoering")


class Audience(models.TextChoices):
    """Who uses the item (and who asks in the choice menu)."""

    MANAGEMENT = "management", _("Management")
    HR = "hr", _("HR")
    WORKS_COUNCIL = "works_council", _("Ondernemingsraad")
    PROFESSIONAL = "professional", _("Professional")


class Target(models.TextChoices):
    INDIVIDUAL = "individual", _("Individu")
    TEAM = "team", _("Team")
    ORGANISATION = "organisation", _("Organisatie")


class Kind(models.TextChoices):
    INSTRUMENT = "instrument", _("Instrument")
    INTERVENTION = "intervention", _("Interventie")


class Cost(models.TextChoices):
    FREE = "free", _("Gratis")
    LOW = "low", _("Laag (tot € 1.000)")
    MEDIUM = "medium", _("Middel (€ 1.000–5.000)")
    HIGH = "high", _("Hoog (meer dan € 5.000)")


class Evidence(models.TextChoices):
    STRONG = "strong", _("Sterk (effect aangetoond in onderzoek)")
    MODERATE = "moderate", _("Redelijk (onderbouwd, eerste effecten)")
    PRACTICE = "practice", _("Praktijkervaring")
