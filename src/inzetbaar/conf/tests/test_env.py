"""Settings come from environment variables through one helper that knows each variable's help text."""

import pytest
from django.core.management import call_command

from inzetbaar.conf.env import REGISTRY, config


def test_values_are_cast_and_defaults_used(monkeypatch):
    monkeypatch.setenv("INZETBAAR_TEST_FLAG", "yes")
    monkeypatch.setenv("INZETBAAR_TEST_LIST", "a, b,,c")
    monkeypatch.setenv("INZETBAAR_TEST_NUMBER", "42")
    assert config("INZETBAAR_TEST_FLAG", False, cast=bool, help="h") is True
    assert config("INZETBAAR_TEST_LIST", [], cast=list, help="h") == ["a", "b", "c"]
    assert config("INZETBAAR_TEST_NUMBER", 1, cast=int, help="h") == 42
    assert config("INZETBAAR_TEST_UNSET", "default", help="h") == "default"


def test_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("INZETBAAR_TEST_FLAG", "perhaps")
    with pytest.raises(ValueError, match="INZETBAAR_TEST_FLAG"):
        config("INZETBAAR_TEST_FLAG", False, cast=bool, help="h")
    monkeypatch.setenv("INZETBAAR_TEST_NUMBER", "many")
    with pytest.raises(ValueError, match="INZETBAAR_TEST_NUMBER"):
        config("INZETBAAR_TEST_NUMBER", 1, cast=int, help="h")


def test_every_setting_variable_has_help_and_is_listed(capsys):
    assert {"DATABASE_URL", "SECRET_KEY", "EMAIL_BACKEND", "SESSION_IDLE_MINUTES"} <= set(REGISTRY)
    assert all(variable.help for variable in REGISTRY.values())
    call_command("settings_help")
    assert "DATABASE_URL" in capsys.readouterr().out
