"""The `inzetbaar` console script: its subcommands exist and `manage` reaches Django."""

import os
import subprocess
import sys


def run_cli(*arguments, tmp_path):
    environment = {**os.environ, "INZETBAAR_VAR_DIR": str(tmp_path)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "inzetbaar.cli", *arguments], capture_output=True, text=True, env=environment
    )


def test_the_console_script_lists_its_commands(tmp_path):
    result = run_cli("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "serve", "manage", "match", "instruments"):
        assert command in result.stdout


def test_manage_passes_arguments_to_django(tmp_path):
    result = run_cli("manage", "check", "--deploy", "--fail-level", "CRITICAL", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified" in result.stdout + result.stderr
