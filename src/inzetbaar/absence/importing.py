"""Reading employment and absence files (CSV or XLSX) into checked rows; no database here.

An HR or absence system exports a table with a header row. The header is matched to the fields the
statistics need (known Dutch and English names, or a mapping the user chose); a column whose name
suggests medical data (diagnosis, cause, illness …) refuses the whole file, because an employer may
never record the nature or cause of an illness. Every value is checked; each problem names the line in
the file (the header is line 1) and the field. The caller imports nothing when there is any problem.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EMPLOYMENT = "employment"
ABSENCE = "absence"
MAX_ROWS = 2_000_000


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # translatable
    required: bool
    synonyms: tuple[str, ...]


FIELDS: dict[str, tuple[Field, ...]] = {
    EMPLOYMENT: (
        Field(
            "employee",
            gettext_lazy("medewerker"),
            True,
            ("personeelsnummer", "medewerker", "werknemer", "personnel_number", "employee_id", "id"),
        ),
        Field(
            "unit", gettext_lazy("afdeling of team"), True, ("afdeling", "team", "onderdeel", "department")
        ),
        Field(
            "start",
            gettext_lazy("begindatum"),
            True,
            ("begindatum", "datum_in_dienst", "ingangsdatum", "from"),
        ),
        Field("end", gettext_lazy("einddatum"), False, ("einddatum", "datum_uit_dienst", "to")),
        Field(
            "contract_hours",
            gettext_lazy("contracturen"),
            True,
            ("contracturen", "uren", "hours", "contract_uren", "weekuren"),
        ),
        Field(
            "fulltime_hours",
            gettext_lazy("voltijduren"),
            True,
            ("voltijduren", "fulltime", "full_time_hours", "voltijd", "fte_uren"),
        ),
    ),
    ABSENCE: (
        Field(
            "case",
            gettext_lazy("verzuimgeval"),
            True,
            ("verzuimgeval", "geval", "melding", "case_id", "casus"),
        ),
        Field(
            "employee",
            gettext_lazy("medewerker"),
            True,
            ("personeelsnummer", "medewerker", "werknemer", "personnel_number", "employee_id"),
        ),
        Field(
            "start",
            gettext_lazy("eerste verzuimdag"),
            True,
            ("begindatum", "eerste_verzuimdag", "ziekmelding"),
        ),
        Field(
            "end",
            gettext_lazy("laatste verzuimdag"),
            False,
            ("einddatum", "laatste_verzuimdag", "hersteldatum"),
        ),
        Field(
            "fraction",
            gettext_lazy("mate van arbeidsongeschiktheid"),
            True,
            ("percentage", "aof", "mate", "arbeidsongeschiktheid", "ongeschiktheid", "incapacity"),
        ),
        Field(
            "pregnancy", gettext_lazy("zwangerschap"), False, ("zwangerschap", "zwanger", "pregnancy_related")
        ),
    ),
}

# Parts of column names that point at medical data. Matched on words (and on the start of Dutch
# compounds), so "ziektedatum" is refused but "verzuimpercentage" is not.
MEDICAL_WORDS = (
    "diagnose",
    "diagnosis",
    "diagnoses",
    "oorzaak",
    "oorzaken",
    "cause",
    "causes",
    "illness",
    "disease",
    "ziekte",
    "ziektebeeld",
    "aandoening",
    "klacht",
    "klachten",
    "symptom",
    "symptomen",
    "symptoms",
    "medisch",
    "medische",
    "medical",
    "condition",
    "icd",
    "reden",
    "reason",
    "beperking",
    "beperkingen",
)
MEDICAL_PREFIXES = ("diagnos", "oorzaak", "ziekte", "aandoening", "klacht", "medisch", "symptom", "icd")

TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


class ImportRefused(ValueError):
    """The file as a whole cannot be read (format, header, a medical column)."""


@dataclass(frozen=True)
class Problem:
    line: int
    field: str  # the field's label, or the column name
    message: str

    def __str__(self) -> str:
        return _("Regel %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[object]]  # data rows only; line number = index + 2


@dataclass
class Parsed:
    kind: str
    records: list[dict] = field(default_factory=list)  # with a "line" key
    problems: list[Problem] = field(default_factory=list)


def normalise(header: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(header or "").strip().lower()).strip("_")


def read_table(content: bytes, filename: str) -> Table:
    """The first sheet of an XLSX file or a CSV file (UTF-8 or Windows-1252; comma, semicolon or tab)."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK":
        return _read_xlsx(content)
    return _read_csv(content)


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a damaged file
        raise ImportRefused(_("Dit Excel-bestand kan niet worden gelezen.")) from error
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _table(rows)


def _read_csv(content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return _table([row for row in csv.reader(io.StringIO(text), delimiter=delimiter)])


def _table(rows: list[list[object]]) -> Table:
    while rows and not any(str(v or "").strip() for v in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportRefused(_("Het bestand is leeg."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(_("Het bestand heeft meer dan %(max)s regels.") % {"max": f"{MAX_ROWS:,}"})
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    return Table(headers, rows[1:])


def medical_columns(headers: list[str]) -> list[str]:
    found = []
    for header in headers:
        words = normalise(header).split("_")
        if any(w in MEDICAL_WORDS or w.startswith(MEDICAL_PREFIXES) for w in words if w):
            found.append(header)
    return found


def refuse_medical(headers: list[str]) -> None:
    found = medical_columns(headers)
    if found:
        raise ImportRefused(
            _(
                "Het bestand heeft een kolom die op medische gegevens lijkt: %(columns)s. Een werkgever mag "
                "de aard of oorzaak van een ziekte nooit vastleggen, ook niet met toestemming; alleen de "
                "bedrijfsarts beoordeelt de arbeidsongeschiktheid. Verwijder deze kolom uit het bestand en "
                "probeer het opnieuw. Er is niets ingelezen."
            )
            % {"columns": ", ".join(f"‘{c}’" for c in found)}
        )


def guess_mapping(kind: str, headers: list[str]) -> dict[str, int | None]:
    """Field name -> column index, by exact field name first, then by known synonyms."""
    names = [normalise(h) for h in headers]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for f in FIELDS[kind]:
        candidates = (f.name, *f.synonyms)
        index = next((names.index(c) for c in candidates if c in names and names.index(c) not in taken), None)
        mapping[f.name] = index
        if index is not None:
            taken.add(index)
    return mapping


def missing_fields(kind: str, mapping: dict[str, int | None]) -> list[Field]:
    return [f for f in FIELDS[kind] if f.required and mapping.get(f.name) is None]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("‘%(value)s’ is geen datum (gebruik bijvoorbeeld 2024-03-31 of 31-03-2024)") % {"value": text}
    )


def parse_number(value) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _text(value).replace("%", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("‘%(value)s’ is geen getal") % {"value": _text(value)}) from None
    if not number.is_finite():
        raise ValueError(_("‘%(value)s’ is geen getal") % {"value": _text(value)})
    return number


def parse_fraction(value) -> Decimal:
    """0 < aof <= 1; a value above 1 is read as a percentage (50 -> 0.5)."""
    number = parse_number(value)
    if number > 1:
        number = number / 100
    if not 0 < number <= 1:
        raise ValueError(
            _("moet groter dan 0 en hoogstens 100%% zijn, niet ‘%(value)s’") % {"value": _text(value)}
        )
    return number.quantize(Decimal("0.001"))


def parse_flag(value) -> bool:
    text = _text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(_("‘%(value)s’ is geen ja of nee") % {"value": _text(value)})


UnitResolver = Callable[[str], object]  # the unit's key; raises ValueError with a message when unknown


def parse(
    kind: str,
    table: Table,
    mapping: dict[str, int | None],
    *,
    resolve_unit: UnitResolver | None = None,
    known_employee: Callable[[str], bool] | None = None,
) -> Parsed:
    """Check every row; records only make sense when ``problems`` is empty."""
    result = Parsed(kind)
    labels = {f.name: f.label for f in FIELDS[kind]}
    for f in missing_fields(kind, mapping):
        result.problems.append(Problem(1, str(f.label), _("deze kolom ontbreekt; kies welke kolom het is")))
    if result.problems:
        return result
    seen: dict[tuple, int] = {}
    case_employee: dict[str, str] = {}
    for offset, row in enumerate(table.rows):
        line = offset + 2
        if not any(_text(v) for v in row):
            continue
        record: dict = {"line": line}

        def cell(name, row=row):
            index = mapping.get(name)
            return row[index] if index is not None and index < len(row) else None

        def check(name, reader, *, required=True, cell=cell, record=record, line=line):
            raw = cell(name)
            if _text(raw) == "" and not isinstance(raw, datetime.date):
                if required:
                    result.problems.append(Problem(line, str(labels[name]), _("is leeg")))
                record[name] = None
                return
            try:
                record[name] = reader(raw)
            except ValueError as error:
                result.problems.append(Problem(line, str(labels[name]), str(error)))
                record[name] = None

        check("employee", _text)
        check("start", parse_date)
        check("end", parse_date, required=False)
        if record["start"] and record["end"] and record["end"] < record["start"]:
            result.problems.append(Problem(line, str(labels["end"]), _("ligt voor de begindatum")))
        if kind == EMPLOYMENT:
            check("unit", resolve_unit or _text)
            check("contract_hours", parse_number)
            check("fulltime_hours", parse_number)
            hours, fulltime = record["contract_hours"], record["fulltime_hours"]
            if fulltime is not None and fulltime <= 0:
                result.problems.append(
                    Problem(line, str(labels["fulltime_hours"]), _("moet groter dan 0 zijn"))
                )
            elif hours is not None and fulltime is not None and not 0 < hours <= fulltime:
                result.problems.append(
                    Problem(
                        line,
                        str(labels["contract_hours"]),
                        _("moet groter dan 0 en hoogstens de voltijduren zijn"),
                    )
                )
            key = (record["employee"], record["start"])
        else:
            check("case", _text)
            check("fraction", parse_fraction)
            check("pregnancy", parse_flag, required=False)
            record["pregnancy"] = bool(record.get("pregnancy"))
            employee, case = record["employee"], record["case"]
            if employee and known_employee is not None and not known_employee(employee):
                result.problems.append(
                    Problem(
                        line,
                        str(labels["employee"]),
                        _("heeft geen dienstverband; lees eerst de dienstverbanden in"),
                    )
                )
            if case and employee and case_employee.setdefault(case, employee) != employee:
                result.problems.append(
                    Problem(line, str(labels["case"]), _("hoort al bij een andere medewerker"))
                )
            key = (case, record["start"])
        if None not in key:
            if key in seen:
                result.problems.append(
                    Problem(
                        line, str(labels["start"]), _("staat ook op regel %(line)s") % {"line": seen[key]}
                    )
                )
            seen.setdefault(key, line)
        result.records.append(record)
    if not result.records and not result.problems:
        result.problems.append(Problem(2, "", _("het bestand heeft geen regels met gegevens")))
    return result
