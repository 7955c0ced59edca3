"""Importing employment and absence files: mapping, pseudonyms, all-or-nothing, idempotence, refusal."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from inzetbaar.absence import importing, services
from inzetbaar.absence.models import AbsenceSpell, Employment, ImportBatch, ImportStatus
from inzetbaar.core.models import AuditEvent

from .helpers import ABSENCE_HEADER, EMPLOYMENT_HEADER, absence_file, csv_bytes, employment_file, make_org

pytestmark = pytest.mark.django_db


def _import(organisation, hr, kind, content, name="bestand.csv"):
    return services.start_import(hr, organisation, kind, name, content)


def test_good_files_import_with_pseudonyms_and_same_file_again_changes_nothing():
    organisation, _d, big, small, hr = make_org()
    batch = _import(organisation, hr, "employment", employment_file())
    assert batch.status == ImportStatus.IMPORTED and batch.created == 11
    assert batch.content == b""  # the upload is not kept
    stored = Employment.objects.get(employee=services.pseudonym(organisation, "P001"))
    assert stored.unit == big and stored.part_time_factor == 1
    assert not Employment.objects.filter(employee="P001").exists()
    assert Employment.objects.filter(organisation=organisation, unit=small).count() == 3

    spells = _import(organisation, hr, "absence", absence_file())
    assert spells.status == ImportStatus.IMPORTED and spells.created == 4
    part = AbsenceSpell.objects.get(start=datetime.date(2024, 2, 11))
    assert part.fraction == Decimal("0.5") and part.case != "C2"
    assert AuditEvent.objects.filter(event="absence_imported", organisation=organisation).count() == 2

    again = _import(organisation, hr, "absence", absence_file())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AbsenceSpell.objects.filter(organisation=organisation).count() == 4


def test_a_running_case_that_ends_is_updated_not_duplicated():
    organisation, _d, _big, _small, hr = make_org()
    _import(organisation, hr, "employment", employment_file())
    _import(organisation, hr, "absence", absence_file())
    later = absence_file().replace(b"C3,P009,2024-03-01,,1", b"C3,P009,2024-03-01,2024-03-20,1")
    batch = _import(organisation, hr, "absence", later)
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 3)
    assert AbsenceSpell.objects.get(start=datetime.date(2024, 3, 1)).end == datetime.date(2024, 3, 20)


def test_bad_rows_are_named_by_line_and_field_and_nothing_is_imported():
    organisation, _d, _big, _small, hr = make_org()
    content = csv_bytes(
        [
            EMPLOYMENT_HEADER,
            ["P1", "Team Groot", "2024-01-01", "", 36, 36],
            ["P2", "Team Onbekend", "2024-01-01", "", 36, 36],
            ["P3", "Team Groot", "31-02-2024", "", 36, 36],
            ["P4", "Team Groot", "2024-05-01", "2024-04-01", 40, 36],
            ["", "Team Groot", "2024-01-01", "", 36, 36],
            ["P1", "Team Klein", "2024-01-01", "", 36, 36],
        ]
    )
    batch = _import(organisation, hr, "employment", content)
    assert batch.status == ImportStatus.FAILED
    found = {(line, field) for line, field, _message in batch.problems}
    assert found == {
        (3, "afdeling of team"),
        (4, "begindatum"),
        (5, "einddatum"),
        (5, "contracturen"),
        (6, "medewerker"),
        (7, "begindatum"),
    }
    messages = dict(((line, field), message) for line, field, message in batch.problems)
    assert "Team Onbekend" in messages[3, "afdeling of team"]
    assert "regel 2" in messages[7, "begindatum"]
    assert not Employment.objects.filter(organisation=organisation).exists()


def test_absence_of_an_unknown_employee_and_a_bad_fraction_are_refused():
    organisation, _d, _big, _small, hr = make_org()
    _import(organisation, hr, "employment", employment_file())
    content = csv_bytes(
        [ABSENCE_HEADER, ["C1", "P001", "2024-01-01", "", "150%"], ["C2", "X999", "2024-01-01", "", 1]]
    )
    batch = _import(organisation, hr, "absence", content)
    assert batch.status == ImportStatus.FAILED
    assert {(line, field) for line, field, _m in batch.problems} == {
        (2, "mate van arbeidsongeschiktheid"),
        (3, "medewerker"),
    }
    assert not AbsenceSpell.objects.exists()


@pytest.mark.parametrize(
    "header", ["Diagnose", "oorzaak verzuim", "Illness", "ziektebeeld", "Medische klacht"]
)
def test_a_medical_column_refuses_the_file_and_stores_nothing(header):
    organisation, _d, _big, _small, hr = make_org()
    content = csv_bytes([[*ABSENCE_HEADER, header], ["C1", "P001", "2024-01-01", "", 1, "griep"]])
    with pytest.raises(importing.ImportRefused, match="medische gegevens"):
        _import(organisation, hr, "absence", content)
    assert not ImportBatch.objects.exists()
    event = AuditEvent.objects.get(event="absence_import_refused")
    assert event.details["columns"] == [header]


def test_ordinary_columns_are_not_taken_for_medical_ones():
    assert importing.medical_columns(["verzuimpercentage", "eerste verzuimdag", "contracturen", "case"]) == []


def test_other_headers_go_through_the_mapping_step():
    organisation, _d, _big, _small, hr = make_org()
    content = csv_bytes(
        [
            ["Nr", "Afdeling", "Van", "Tot", "Uren per week", "Voltijd"],
            ["P1", "Team Groot", "01-01-2024", "", "28,5", "36"],
        ],
        delimiter=";",
    )
    batch = _import(organisation, hr, "employment", content)
    assert batch.status == ImportStatus.PENDING
    assert batch.mapping["unit"] == 1 and batch.mapping["employee"] is None
    services.run_import(
        batch,
        hr,
        mapping={
            "employee": 0,
            "unit": 1,
            "start": 2,
            "end": 3,
            "contract_hours": 4,
            "fulltime_hours": 5,
        },
    )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    stored = Employment.objects.get(organisation=organisation)
    assert stored.contract_hours == Decimal("28.5") and stored.start == datetime.date(2024, 1, 1)


def test_xlsx_files_with_dates_as_cells():
    organisation, _d, _big, _small, hr = make_org()
    book = Workbook()
    sheet = book.active
    sheet.append(EMPLOYMENT_HEADER)
    sheet.append(["P1", "Zorg/Team Klein", datetime.datetime(2023, 5, 1), None, 24, 36])
    buffer = io.BytesIO()
    book.save(buffer)
    batch = _import(organisation, hr, "employment", buffer.getvalue(), name="export.xlsx")
    assert batch.status == ImportStatus.IMPORTED
    assert Employment.objects.get(organisation=organisation).unit.name == "Team Klein"


def test_pseudonyms_differ_per_organisation_and_key():
    first, *_rest = make_org()
    second, *_rest = make_org()
    assert services.pseudonym(first, "P1") == services.pseudonym(first, " P1 ")
    assert services.pseudonym(first, "P1") != services.pseudonym(second, "P1")
    assert services.pseudonym(first, "P1") != services.pseudonym(first, "P1", "case")


def test_retention_removes_people_who_left_more_than_two_years_ago():
    organisation, _d, _big, _small, hr = make_org()
    content = csv_bytes(
        [
            EMPLOYMENT_HEADER,
            ["P1", "Team Groot", "2015-01-01", "2020-12-31", 36, 36],
            ["P2", "Team Groot", "2015-01-01", "", 36, 36],
        ]
    )
    _import(organisation, hr, "employment", content)
    _import(
        organisation, hr, "absence", csv_bytes([ABSENCE_HEADER, ["C1", "P1", "2020-03-01", "2020-03-05", 1]])
    )
    removed = services.purge_expired(organisation, datetime.date(2024, 1, 1))
    assert removed == 2
    assert list(Employment.objects.values_list("employee", flat=True)) == [
        services.pseudonym(organisation, "P2")
    ]


def test_an_upload_left_at_the_mapping_step_loses_its_content_after_a_day():
    organisation, _d, _big, _small, hr = make_org()
    content = csv_bytes([["Nr", "Afdeling"], ["P1", "Team Groot"]])
    batch = _import(organisation, hr, "employment", content)
    assert batch.status == ImportStatus.PENDING and bytes(batch.content) == content
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=batch.created_at - datetime.timedelta(days=2))
    assert services.discard_stale_uploads(organisation) == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and bytes(batch.content) == b""
