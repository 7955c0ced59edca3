"""Every interface text exists in Dutch and English, and the compiled files match the sources."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGES = ["nl", "en"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated(language):
    po = catalogue(language)
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    mo = polib.mofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.mo"))
    source = {(e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in po.translated_entries()}
    compiled = {(e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in mo if e.msgid}
    assert source == compiled, "run `make messages` to recompile"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext not installed (CI installs it)")
def test_no_interface_text_is_missing_from_the_catalogues(tmp_path):
    copy = tmp_path / "inzetbaar"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "matching", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "inzetbaar.conf.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(PACKAGE.parent),
            "INZETBAAR_VAR_DIR": str(tmp_path / "var"),
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))}
    known = {e.msgid for e in catalogue("nl")}
    assert fresh <= known, f"texts without translation, run `make messages`: {sorted(fresh - known)}"
