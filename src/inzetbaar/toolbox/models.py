"""The toolbox catalogue: instruments and interventions, loaded from the project's data files.

Multi-valued facts (themes, floors, levels, audiences, targets, sizes, sectors, scales) are JSON lists
of the codes in ``choices``; the admin edits them as check boxes. An item changed in the admin is marked
``edited_locally`` so that reloading the data files leaves the edit alone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Cost, Evidence, Kind


class CatalogueItem(models.Model):
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    summary = models.CharField(_("in het kort"), max_length=300)
    description = models.TextField(_("wat het is"))
    targets = models.JSONField(_("voor wie"), default=list)
    themes = models.JSONField(_("thema's"), default=list)
    floors = models.JSONField(_("verdiepingen van het Huis van Werkvermogen"), default=list)
    levels = models.JSONField(_("niveaus"), default=list)
    audiences = models.JSONField(_("gebruikers"), default=list)
    sizes = models.JSONField(
        _("organisatiegrootte"), default=list, blank=True, help_text=_("Leeg: elke grootte.")
    )
    sectors = models.JSONField(_("sectoren"), default=list, blank=True, help_text=_("Leeg: elke sector."))
    scales = models.JSONField(
        _("schalen"),
        default=list,
        blank=True,
        help_text=_("Schalen van metingen waar dit op ingrijpt, als vragenlijst:schaal."),
    )
    cost = models.CharField(_("kosten"), max_length=16, choices=Cost.choices)
    cost_note = models.CharField(_("toelichting kosten"), max_length=200, blank=True)
    duration = models.CharField(_("duur"), max_length=120)
    evidence = models.CharField(_("onderbouwing"), max_length=16, choices=Evidence.choices)
    evidence_note = models.CharField(_("toelichting onderbouwing"), max_length=300, blank=True)
    provider = models.CharField(_("aanbieder"), max_length=200)
    url = models.URLField(_("meer informatie"), blank=True)
    platform_instrument = models.CharField(
        _("vragenlijst op dit platform"),
        max_length=64,
        blank=True,
        help_text=_("De code van de vragenlijst."),
    )
    active = models.BooleanField(_("in het keuzemenu"), default=True)
    edited_locally = models.BooleanField(
        _("in beheer gewijzigd"),
        default=False,
        help_text=_("Opnieuw inladen van de gegevensbestanden laat dit onderdeel dan ongemoeid."),
    )
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("onderdeel van de toolbox")
        verbose_name_plural = _("toolbox")

    def __str__(self):
        return self.name
