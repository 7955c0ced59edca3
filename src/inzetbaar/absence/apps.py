"""App configuration of absence: access scopes and audit events, home-page tasks, demo step, indicator."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbsenceConfig(AppConfig):
    name = "inzetbaar.absence"
    label = "absence"
    verbose_name = _("Verzuim")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.indicators import Indicator, register_indicator
        from inzetbaar.core.roles import Role
        from inzetbaar.demo import generator

        from . import access  # noqa: F401  (registers scopes and audit events)
        from .demo import absence_history
        from .services import absence_rate_indicator

        if absence_history not in generator.STEPS:
            generator.STEPS.append(absence_history)

        register_indicator(
            Indicator(
                "absence:rate",
                _("Verzuimpercentage"),
                "%",
                absence_rate_indicator,
                higher_is_better=False,
            )
        )
        figures = Task(
            _("Verzuim"),
            _("Verzuimcijfers en hun verloop per onderdeel; kleine groepen blijven verborgen."),
            "absence:overview",
        )
        imports = Task(
            _("Verzuim inlezen"),
            _("Dienstverbanden en verzuimmeldingen uit het HR- of verzuimsysteem inlezen."),
            "absence:imports",
        )
        case = Task(
            _("Businesscase verzuim"),
            _("Wat één procentpunt minder verzuim oplevert, in mensen en in euro's."),
            "absence:business_case",
        )
        add_task(Role.HR, figures)
        add_task(Role.HR, imports)
        for role in (Role.MANAGER, Role.WORKS_COUNCIL, Role.ORG_ADMIN):
            add_task(role, figures)
        for role in (Role.HR, Role.WORKS_COUNCIL, Role.ORG_ADMIN):
            add_task(role, case)
