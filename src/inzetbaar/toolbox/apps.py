"""App configuration of the toolbox: home-page tasks and the demo step that loads the catalogue."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "inzetbaar.toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self):
        from inzetbaar.core.home import Task, add_task
        from inzetbaar.core.roles import ROLE_CAPABILITIES, Capability
        from inzetbaar.demo import generator

        from .demo import load_catalogue

        if load_catalogue not in generator.STEPS:
            generator.STEPS.insert(0, load_catalogue)
        menu = Task(
            _("Keuzemenu toolbox"),
            _("Vijf vragen, en u ziet welke instrumenten en interventies bij uw organisatie passen."),
            "toolbox:choice_menu",
        )
        for role, capabilities in ROLE_CAPABILITIES.items():
            if Capability.USE_TOOLBOX in capabilities:
                add_task(role, menu)
