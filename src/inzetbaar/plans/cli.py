"""``inzetbaar plans remind``: e-mail each person whose plans have overdue or stalled actions, once a day."""

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    plans = subparsers.add_parser("plans", help="annual plans: reminders about overdue and stalled actions")
    commands = plans.add_subparsers(dest="plans_command", required=True, metavar="SUBCOMMAND")
    remind = commands.add_parser(
        "remind", help="e-mail overdue and stalled actions to their plan's owner (at most once a day each)"
    )
    remind.add_argument(
        "--base-url", default="http://127.0.0.1:8000", help="address of the app, for links in the e-mails"
    )
    remind.add_argument("--json", action="store_true", help="print the counts as JSON")
    remind.set_defaults(func=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    from inzetbaar.cli import _django

    _django()
    from inzetbaar.plans import services

    run = services.send_reminders(args.base_url)
    if args.json:
        print(json.dumps({"sent": run.sent, "already_sent_today": run.skipped}))
    else:
        print(f"{run.sent} herinneringen verstuurd; {run.skipped} personen vandaag al herinnerd.")
    return 0
