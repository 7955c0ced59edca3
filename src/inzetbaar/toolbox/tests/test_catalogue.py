"""Loading the catalogue's data files: every entry valid, idempotent, admin edits kept, errors named."""

import pytest
from django.core.management import call_command

from inzetbaar.toolbox import catalogue, choices
from inzetbaar.toolbox.models import CatalogueItem

pytestmark = pytest.mark.django_db


def test_shipped_files_cover_every_theme_and_the_platforms_own_instruments():
    entries = catalogue.read_entries()
    assert len(entries) >= 25
    for theme in choices.Theme.values:
        assert sum(theme in e["themes"] for e in entries) >= 5, theme
    own = {e.get("platform_instrument") for e in entries} - {None, ""}
    assert {
        "house_of_work_ability",
        "wai",
        "work_energy_balance",
        "employability_profile",
        "company_scan",
    } <= own
    for level in choices.Level.values:
        assert any(level in e["levels"] for e in entries)


def test_load_is_idempotent_and_updates_changed_entries(tmp_path):
    first = catalogue.load()
    assert len(first.created) == CatalogueItem.objects.count() >= 25
    again = catalogue.load()
    assert again.created == again.updated == []
    assert len(again.unchanged) == len(first.created)

    (tmp_path / "one.yaml").write_text(
        "- {slug: job-crafting, name: Job crafting, kind: intervention, summary: Kort, description: Lang,"
        " targets: [team], themes: [talent], levels: [implementation], audiences: [hr], cost: low,"
        " duration: Een dag, evidence: strong, provider: Iemand}\n",
        encoding="utf-8",
    )
    changed = catalogue.load(tmp_path)
    assert changed.updated == ["job-crafting"]
    assert CatalogueItem.objects.get(slug="job-crafting").summary == "Kort"


def test_an_item_edited_in_the_admin_is_kept(admin_client):
    catalogue.load()
    item = CatalogueItem.objects.get(slug="job-crafting")
    data = {
        f.name: getattr(item, f.name) for f in CatalogueItem._meta.fields if f.editable and f.name != "id"
    }
    data.update(summary="Onze eigen tekst", url="", active="on")
    data.pop("edited_locally")
    for name in ("targets", "themes", "floors", "levels", "audiences", "sizes"):
        data[name] = getattr(item, name)
    data["scales"] = "\n".join(item.scales)
    data["sectors"] = ""
    data = {k: v for k, v in data.items() if v not in (None, False)}
    response = admin_client.post(f"/beheer/toolbox/catalogueitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.edited_locally and item.summary == "Onze eigen tekst"
    assert "job-crafting" in catalogue.load().kept
    item.refresh_from_db()
    assert item.summary == "Onze eigen tekst"


def test_problems_name_file_entry_and_field(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "- {slug: x, name: X, kind: gadget, summary: s, description: d, targets: [team], themes: [moon],"
        " levels: [implementation], audiences: [hr], cost: low, duration: d, evidence: strong, provider: p,"
        " scales: ['wai:nope'], colour: red}\n"
        "- {slug: x, name: Y}\n",
        encoding="utf-8",
    )
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.load(tmp_path)
    text = str(error.value)
    assert "bad.yaml, onderdeel 1 (x): veld 'kind': onbekende code 'gadget'" in text
    assert "veld 'themes': onbekende code 'moon'" in text
    assert "onbekende schaal 'wai:nope'" in text
    assert "onbekend veld 'colour'" in text
    assert "bad.yaml, onderdeel 2 (x): veld 'summary' ontbreekt" in text
    assert "code 'x' staat ook in bad.yaml" in text
    assert not CatalogueItem.objects.exists()  # all or nothing


def test_command(capsys):
    call_command("load_toolbox")
    assert "nieuw" in capsys.readouterr().out
