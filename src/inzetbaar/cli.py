"""The `inzetbaar` command line: demo, serve, manage (Django's commands) and the apps' own subcommands.

Subcommands that need Django set it up themselves, so framework-free ones (the matching engine) start fast.
"""

import argparse
import os
import sys
from collections.abc import Sequence

SETTINGS = "inzetbaar.conf.settings"


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["inzetbaar manage", *args.arguments])
    return 0


def _demo(args) -> int:
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from inzetbaar.demo.generator import generate_demo

    report = generate_demo(seed=args.seed, progress=not args.quiet)
    print(report.as_text())
    return 0


def _serve(args) -> int:
    _django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if not settings.WHITENOISE_USE_FINDERS:
        call_command("collectstatic", interactive=False, verbosity=0)
    from waitress import serve

    from inzetbaar.wsgi import application

    print(f"Inzetbaar draait op http://{args.host}:{args.port}/  (stoppen: Ctrl+C)", flush=True)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="Inzetbaar")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inzetbaar", description="Inzetbaar: sustainable employability platform"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="create or refresh the demo region (idempotent, deterministic)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
    demo.add_argument("--quiet", action="store_true", help="no progress bar")
    demo.set_defaults(func=_demo)

    serve = commands.add_parser("serve", help="serve the app (migrates first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.set_defaults(func=_serve)

    manage = commands.add_parser("manage", help="run a Django management command", add_help=False)
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_manage)

    _register_app_commands(commands)
    return parser


def _register_app_commands(commands) -> None:
    from inzetbaar.absence import cli as absence_cli
    from inzetbaar.instruments import cli as instruments_cli
    from inzetbaar.matching.engine import cli as matching_cli
    from inzetbaar.plans import cli as plans_cli

    instruments_cli.register(commands)
    absence_cli.register(commands)
    matching_cli.register(commands)
    plans_cli.register(commands)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
