"""App configuration of instruments: audit events, access scopes and the home-page tasks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "inzetbaar.instruments"
    label = "instruments"
    verbose_name = _("Metingen")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.roles import Role
        from inzetbaar.demo import generator

        from . import access  # noqa: F401  (registers scopes and audit events)
        from .demo import finished_campaigns

        if finished_campaigns not in generator.STEPS:
            generator.STEPS.append(finished_campaigns)

        campaigns = Task(
            _("Metingen"), _("Metingen starten, uitnodigen en de respons volgen."), "instruments:campaigns"
        )
        reports = Task(
            _("Groepsuitkomsten"),
            _("Uitkomsten van metingen per groep; kleine groepen blijven verborgen."),
            "instruments:reports",
        )
        own = Task(
            _("Mijn metingen"),
            _("Uw eigen uitslagen, met advies."),
            "instruments:my_results",
            per_organisation=False,
        )
        add_task(Role.HR, campaigns)
        add_task(Role.ORG_ADMIN, campaigns)
        for role in (Role.HR, Role.WORKS_COUNCIL, Role.MANAGER, Role.ORG_ADMIN):
            add_task(role, reports)
        physician = Task(
            _("Uitslagen medische vragenlijsten"),
            _("Individuele uitslagen die alleen de bedrijfsarts ziet; elke inzage wordt vastgelegd."),
            "instruments:physician_results",
        )
        shared = Task(
            _("Gedeeld met mij"),
            _("Eigen uitslagen die medewerkers van uw teams met u delen; elke inzage wordt vastgelegd."),
            "instruments:shared_results",
        )
        add_task(Role.EMPLOYEE, own)
        add_task(Role.MANAGER, shared)
        add_task(Role.OCCUPATIONAL_PHYSICIAN, physician)
