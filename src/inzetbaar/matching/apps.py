"""App configuration of matching: access scopes, audit events, home-page tasks, demo step, indicators."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "inzetbaar.matching"
    label = "matching"
    verbose_name = _("Matchen")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.indicators import register_indicator
        from inzetbaar.core.roles import Role
        from inzetbaar.demo import generator

        from . import access  # noqa: F401  (registers scopes and audit events)
        from .demo import matching_demo
        from .figures import INDICATORS

        if matching_demo not in generator.STEPS:
            generator.STEPS.append(matching_demo)
        for indicator in INDICATORS:
            register_indicator(indicator)

        candidates = Task(
            _("Werkzoekenden"), _("Profielen van de werkzoekenden die u begeleidt."), "matching:candidates"
        )
        employers = Task(
            _("Werkgevers"), _("Aangesloten werkgevers, contactmomenten en vacatures."), "matching:employers"
        )
        rounds = Task(
            _("Matchrondes"), _("Een ronde draaien en de voorstellen beoordelen."), "matching:rounds"
        )
        introductions = Task(
            _("Kennismakingen en plaatsingen"),
            _("Van prettig gesprek naar duurzaam werk."),
            "matching:introductions",
        )
        figures = Task(
            _("Cijfers van de regio"), _("Werkgevers, plaatsingen en kosten per maand."), "matching:figures"
        )
        own = Task(
            _("Mijn werkprofiel"),
            _("Uw talenten, wensen en toestemmingen, en uw kennismakingen."),
            "matching:my_profile",
            per_organisation=False,
        )
        employer = Task(
            _("Kennismakingen bij ons"),
            _("Onze vacatures, kennismakingen en terugkoppeling."),
            "matching:employer_home",
        )
        agreements = Task(
            _("Samenwerkingsafspraken"),
            _("Met welke partners in de regio u werkzoekenden of werkgevers deelt."),
            "matching:agreements",
        )
        for task in (candidates, rounds, introductions, figures):
            add_task(Role.CLIENT_MANAGER, task)
        for task in (employers, rounds, introductions, figures):
            add_task(Role.RELATIONSHIP_MANAGER, task)
        add_task(Role.CANDIDATE, own)
        add_task(Role.HR, employer)
        add_task(Role.ORG_ADMIN, agreements)
