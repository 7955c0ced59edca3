"""App configuration of learning networks: audit events, home-page tasks and the demo network."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "inzetbaar.networks"
    label = "networks"
    verbose_name = _("Lerende netwerken")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.roles import ROLE_CAPABILITIES, Capability
        from inzetbaar.demo import generator

        from . import access  # noqa: F401  (registers audit events)
        from .demo import care_network

        if care_network not in generator.STEPS:
            generator.STEPS.append(care_network)
        task = Task(
            _("Lerende netwerken"),
            _("Bijeenkomsten, acties die u meeneemt, goede voorbeelden en het regionale plan."),
            "networks:networks",
        )
        for role, capabilities in ROLE_CAPABILITIES.items():
            if capabilities & {Capability.TAKE_PART_IN_NETWORKS, Capability.FACILITATE_NETWORKS}:
                add_task(role, task)
