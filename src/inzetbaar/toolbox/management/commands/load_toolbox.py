"""Load or refresh the toolbox catalogue from its data files (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from inzetbaar.toolbox import catalogue


class Command(BaseCommand):
    help = "Load the toolbox catalogue from toolbox/catalogue/*.yaml; items edited in the admin are kept."

    def handle(self, *args, **options):
        try:
            result = catalogue.load()
        except catalogue.CatalogueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(result.as_text())
