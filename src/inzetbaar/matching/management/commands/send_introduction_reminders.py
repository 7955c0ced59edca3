"""Send reminders of introductions in the coming days (run daily, e.g. from cron)."""

import datetime

from django.core.management.base import BaseCommand

from inzetbaar.matching.services import send_reminders


class Command(BaseCommand):
    help = "Remind candidates of introductions scheduled within the coming days (once per date)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="how far ahead to look (default: 2)")

    def handle(self, *args, days, **options):
        count = send_reminders(within=datetime.timedelta(days=days))
        self.stdout.write(f"{count} reminder(s) sent")
