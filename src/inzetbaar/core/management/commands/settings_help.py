"""Lists every environment variable the settings read, with its default and help text."""

from django.core.management.base import BaseCommand

from inzetbaar.conf.env import REGISTRY


class Command(BaseCommand):
    help = "List the environment variables Inzetbaar reads, with defaults and help."

    def handle(self, *args, **options):
        for variable in sorted(REGISTRY.values(), key=lambda v: v.name):
            default = "(generated)" if variable.name == "SECRET_KEY" else repr(variable.default)
            self.stdout.write(f"{variable.name}\n    {variable.help}\n    default: {default}")
