"""App configuration of annual plans: scopes, audit events, indicators, home-page tasks and demo data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "inzetbaar.plans"
    label = "plans"
    verbose_name = _("Jaarplannen")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.roles import ROLE_CAPABILITIES, Capability
        from inzetbaar.demo import generator

        from . import access  # noqa: F401  (registers scopes and audit events)
        from .demo import annual_plans
        from .indicators import register_scale_indicators

        register_scale_indicators()
        if annual_plans not in generator.STEPS:
            generator.STEPS.append(annual_plans)
        plans = Task(
            _("Jaarplannen"),
            _("Doelen per thema en acties met eigenaar, planning en indicator."),
            "plans:plans",
        )
        attention = Task(
            _("Acties die aandacht vragen"), _("Acties die te laat zijn of stilstaan."), "plans:attention"
        )
        for role, capabilities in ROLE_CAPABILITIES.items():
            if Capability.VIEW_PLANS in capabilities:
                add_task(role, plans)
                add_task(role, attention)
