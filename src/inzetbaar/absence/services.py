"""The absence app's public operations: importing files, the figures per unit and period, the spells.

Views, the demo and the indicator call these. Employee numbers and case numbers are replaced on import by
a keyed pseudonym (HMAC-SHA-256 with ``ABSENCE_PSEUDONYM_KEY`` and the organisation), so the same
number in the next export finds the same records, and the database never holds the number itself.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inzetbaar.core import audit
from inzetbaar.core.access import active_memberships, visible
from inzetbaar.core.models import Organisation, Unit, User
from inzetbaar.core.roles import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Capability
from inzetbaar.instruments.disclosure import DisclosurePolicy, DisclosureProblem, decide

from . import access as events
from . import importing, statistics
from .models import AbsenceSettings, AbsenceSpell, Employment, ImportBatch, ImportKind, ImportStatus

MAX_STORED_PROBLEMS = 500
ORGANISATION = "organisation"


# --- pseudonyms -------------------------------------------------------------------------------------------


def _key() -> bytes:
    configured = getattr(settings, "ABSENCE_PSEUDONYM_KEY", None)
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"inzetbaar.absence.pseudonym", hashlib.sha256).digest()


def pseudonym(organisation: Organisation, identifier: str, kind: str = "employee") -> str:
    """The stored stand-in for an employee or case number: the same number gives the same pseudonym."""
    message = f"{organisation.pk}:{kind}:{identifier.strip()}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()[:40]


# --- settings -----------------------------------------------------------------------------------------------


def settings_for(organisation: Organisation) -> AbsenceSettings:
    found = AbsenceSettings.objects.filter(organisation=organisation).first()
    return found or AbsenceSettings(organisation=organisation, min_group_size=settings.ABSENCE_MIN_GROUP_SIZE)


def classes_of(chosen: AbsenceSettings) -> tuple[statistics.DurationClass, ...]:
    try:
        return statistics.parse_classes(chosen.duration_classes)
    except ValueError:
        return statistics.CARE_BENCHMARK_CLASSES


# --- importing ----------------------------------------------------------------------------------------------


def unit_resolver(organisation: Organisation):
    """Find a unit by its name, or by its path ("Wonen en zorg/Team De Hof") where names repeat."""
    units = list(Unit.objects.filter(organisation=organisation))
    by_id = {u.pk: u for u in units}
    by_name: dict[str, list[Unit]] = {}
    by_path: dict[str, Unit] = {}
    for unit in units:
        by_name.setdefault(unit.name.strip().lower(), []).append(unit)
        names = [by_id[int(i)].name for i in unit.path.strip("/").split("/") if int(i) in by_id]
        by_path["/".join(n.strip().lower() for n in names)] = unit

    def resolve(value) -> int:
        text = str(value).strip()
        path = "/".join(part.strip().lower() for part in text.replace(">", "/").split("/"))
        if path in by_path and "/" in path:
            return by_path[path].pk
        found = by_name.get(text.lower(), [])
        if len(found) == 1:
            return found[0].pk
        if found:
            raise ValueError(
                _("‘%(value)s’ komt meer dan eens voor; schrijf het pad, zoals ‘%(example)s’")
                % {"value": text, "example": found[0].parent.name + "/" + text if found[0].parent else text}
            )
        raise ValueError(_("onbekend onderdeel ‘%(value)s’") % {"value": text})

    return resolve


def start_import(
    user: User | None, organisation: Organisation, kind: str, filename: str, content: bytes, request=None
) -> ImportBatch:
    """Read the header; refuse a medical column; import at once when every column is known.

    Raises ``importing.ImportRefused`` (nothing is stored). Otherwise returns the batch: pending when
    the user must choose columns, else imported or failed (with its problems)."""
    discard_stale_uploads(organisation)
    table = importing.read_table(content, filename)
    medical = importing.medical_columns(table.headers)
    if medical:
        audit.record(
            events.IMPORT_REFUSED,
            actor=user,
            request=request,
            organisation=organisation,
            kind=kind,
            columns=medical,
        )
        importing.refuse_medical(table.headers)
    batch = ImportBatch.objects.create(
        organisation=organisation,
        kind=kind,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        status=ImportStatus.PENDING,
        content=content,
        headers=table.headers,
        mapping=importing.guess_mapping(kind, table.headers),
        rows=len(table.rows),
        created_by=user,
    )
    if importing.missing_fields(kind, batch.mapping):
        return batch
    return run_import(batch, user, request=request)


def discard_stale_uploads(organisation: Organisation, hours: int = 24) -> int:
    """Uploads whose columns were never chosen lose their content after a day: it holds personnel numbers."""
    limit = timezone.now() - datetime.timedelta(hours=hours)
    return ImportBatch.objects.filter(
        organisation=organisation, status=ImportStatus.PENDING, created_at__lt=limit
    ).update(
        status=ImportStatus.FAILED,
        content=b"",
        problems=[[1, "", _("de kolommen zijn niet binnen een dag gekozen; het bestand is verwijderd")]],
    )


def run_import(
    batch: ImportBatch, user: User | None, mapping: dict | None = None, request=None
) -> ImportBatch:
    """Check every row of a pending batch and store all of it, or nothing and the problems."""
    if batch.status != ImportStatus.PENDING:
        raise ValueError("only a pending import can run")
    if mapping is not None:
        batch.mapping = mapping
    organisation = batch.organisation
    table = importing.read_table(bytes(batch.content), batch.filename)
    parsed = parse_records(organisation, batch.kind, table, batch.mapping)
    batch.content = b""
    if parsed.problems:
        batch.status = ImportStatus.FAILED
        batch.problems = [[p.line, p.field, p.message] for p in parsed.problems[:MAX_STORED_PROBLEMS]]
        batch.save()
        return batch
    with transaction.atomic():
        counts = store_records(organisation, batch.kind, parsed.records)
        batch.created, batch.updated, batch.unchanged = counts
        batch.status = ImportStatus.IMPORTED
        batch.save()
        audit.record(
            events.IMPORTED,
            actor=user,
            request=request,
            organisation=organisation,
            target=batch,
            kind=batch.kind,
            created=counts[0],
            updated=counts[1],
            unchanged=counts[2],
        )
    return batch


def parse_records(organisation: Organisation, kind: str, table: importing.Table, mapping) -> importing.Parsed:
    mapping = {name: (int(index) if index is not None else None) for name, index in mapping.items()}
    if kind == ImportKind.EMPLOYMENT:
        return importing.parse(kind, table, mapping, resolve_unit=unit_resolver(organisation))
    known = set(Employment.objects.filter(organisation=organisation).values_list("employee", flat=True))
    return importing.parse(
        kind, table, mapping, known_employee=lambda number: pseudonym(organisation, number) in known
    )


def store_records(organisation: Organisation, kind: str, records: list[dict]) -> tuple[int, int, int]:
    """Insert new records and update changed ones, keyed on their natural key; (new, changed, unchanged)."""
    if kind == ImportKind.EMPLOYMENT:
        model, key_fields = Employment, ("employee", "start")
        compared = ("unit_id", "end", "contract_hours", "fulltime_hours")
        rows = [
            {
                "employee": pseudonym(organisation, r["employee"]),
                "start": r["start"],
                "unit_id": r["unit"],
                "end": r["end"],
                "contract_hours": Decimal(r["contract_hours"]).quantize(Decimal("0.01")),
                "fulltime_hours": Decimal(r["fulltime_hours"]).quantize(Decimal("0.01")),
            }
            for r in records
        ]
    else:
        model, key_fields = AbsenceSpell, ("case", "start")
        compared = ("employee", "end", "fraction", "pregnancy")
        rows = [
            {
                "case": pseudonym(organisation, r["case"], "case"),
                "start": r["start"],
                "employee": pseudonym(organisation, r["employee"]),
                "end": r["end"],
                "fraction": Decimal(r["fraction"]).quantize(Decimal("0.001")),
                "pregnancy": bool(r["pregnancy"]),
            }
            for r in records
        ]
    existing = {
        tuple(getattr(obj, f) for f in key_fields): obj
        for obj in model.objects.filter(organisation=organisation)
    }
    new, changed, unchanged = [], [], 0
    for row in rows:
        obj = existing.get(tuple(row[f] for f in key_fields))
        if obj is None:
            new.append(model(organisation=organisation, **row))
        elif any(getattr(obj, f) != row[f] for f in compared):
            for f in compared:
                setattr(obj, f, row[f])
            changed.append(obj)
        else:
            unchanged += 1
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        model.objects.bulk_update(changed, list(compared), batch_size=2000)
    return len(new), len(changed), unchanged


# --- figures ------------------------------------------------------------------------------------------------

GRANULARITIES = {
    "month": statistics.month_periods,
    "quarter": statistics.quarter_periods,
    "year": statistics.year_periods,
}
FIGURES = ("absence_rate", "report_frequency", "mean_duration", "zero_absence_share")


@dataclass
class Cell:
    published: bool
    headcount: int
    values: dict[str, float | None]  # the four figures; None where hidden or nothing to count
    classes: list[int] | None  # ended cases per duration class, None where hidden


@dataclass
class Series:
    key: object  # ORGANISATION or a unit pk
    unit: Unit | None
    label: str
    depth: int
    cells: list[Cell] = field(default_factory=list)  # one per period
    whole: Cell | None = None  # the whole from-to range


@dataclass
class Period:
    start: datetime.date
    end: datetime.date
    label: str


@dataclass
class AbsenceReport:
    organisation: Organisation
    start: datetime.date
    end: datetime.date
    granularity: str
    periods: list[Period]
    series: list[Series]
    classes: tuple[statistics.DurationClass, ...]
    minimum: int
    suppressed: bool  # False for HR, who holds the spells anyway
    benchmark: float | None
    benchmark_label: str
    has_data: bool


def _period_label(start: datetime.date, end: datetime.date, granularity: str) -> str:
    if granularity == "month":
        return f"{start:%Y-%m}"
    if granularity == "quarter":
        return f"{start.year} K{(start.month - 1) // 3 + 1}"
    if granularity == "year":
        return str(start.year)
    return f"{start:%d-%m-%Y} – {end:%d-%m-%Y}"


def org_wide_reader(user: User, organisation: Organisation) -> bool:
    if user.is_platform_admin:
        return True
    return any(
        m.organisation_id == organisation.pk
        and m.role not in UNIT_SCOPED_ROLES
        and Capability.VIEW_ABSENCE_FIGURES in ROLE_CAPABILITIES[m.role]
        for m in active_memberships(user)
    )


def holds_spells(user: User, organisation: Organisation) -> bool:
    """Whether one of the user's own roles reads the spells (HR); platform admins do not by default."""
    return any(
        m.organisation_id == organisation.pk and Capability.VIEW_ABSENCE_SPELLS in ROLE_CAPABILITIES[m.role]
        for m in active_memberships(user)
    )


@dataclass
class _Data:
    units: list[Unit]
    employment: statistics.Employment
    spells: statistics.Spells
    persons: int


def _load(organisation: Organisation) -> _Data:
    """The organisation's records as arrays; group 0 is the organisation, group i the i-th unit (with
    its subtree): an employment row is repeated for every unit above its own."""
    units = list(Unit.objects.filter(organisation=organisation).order_by("path"))
    group_of = {unit.pk: index + 1 for index, unit in enumerate(units)}
    path_of = {unit.pk: unit.path for unit in units}
    rows = list(
        Employment.objects.filter(organisation=organisation).values_list(
            "employee", "unit_id", "start", "end", "contract_hours", "fulltime_hours"
        )
    )
    codes: dict[str, int] = {}
    person, group, start, end, ptf = [], [], [], [], []
    for employee, unit_id, first, last, hours, fulltime in rows:
        code = codes.setdefault(employee, len(codes))
        groups = [0] + [
            group_of[int(i)] for i in path_of[unit_id].strip("/").split("/") if int(i) in group_of
        ]
        for g in groups:
            person.append(code)
            group.append(g)
            start.append(first.toordinal())
            end.append(last.toordinal() if last else statistics.OPEN)
            ptf.append(float(hours / fulltime))
    spell_rows = [
        row
        for row in AbsenceSpell.objects.filter(organisation=organisation).values_list(
            "employee", "case", "start", "end", "fraction", "pregnancy"
        )
        if row[0] in codes
    ]
    cases: dict[str, int] = {}
    spells = statistics.Spells.from_lists(
        [codes[r[0]] for r in spell_rows],
        [cases.setdefault(r[1], len(cases)) for r in spell_rows],
        [r[2].toordinal() for r in spell_rows],
        [r[3].toordinal() if r[3] else statistics.OPEN for r in spell_rows],
        [float(r[4]) for r in spell_rows],
        [r[5] for r in spell_rows],
    )
    return _Data(units, statistics.Employment.from_lists(person, group, start, end, ptf), spells, len(codes))


def _value(array: np.ndarray, p: int, g: int) -> float | None:
    value = float(array[p, g])
    return None if np.isnan(value) else value


def _cells(figures: statistics.Figures, units: list[Unit], minimum: int, suppress: bool) -> list[list[Cell]]:
    """cells[p][g], with the disclosure decision of each unit tree per period."""
    keys = [ORGANISATION] + [unit.pk for unit in units]
    unit_keys = set(keys[1:])
    result = []
    for p in range(len(figures.periods)):
        problem = DisclosureProblem()
        problem.add_unit(ORGANISATION, int(figures.headcount[p, 0]))
        for g, unit in enumerate(units, start=1):
            parent = unit.parent_id if unit.parent_id in unit_keys else ORGANISATION
            problem.add_unit(unit.pk, int(figures.headcount[p, g]), parent=parent)
        decisions = decide(problem, DisclosurePolicy(min_respondents=minimum))
        row = []
        for g, key in enumerate(keys):
            headcount = int(figures.headcount[p, g])
            shown = headcount > 0 and (not suppress or decisions[key].published)
            values = {name: _value(getattr(figures, name), p, g) if shown else None for name in FIGURES}
            classes = [int(c) for c in figures.class_counts[p, g]] if shown else None
            row.append(Cell(shown, headcount, values, classes))
        result.append(row)
    return result


def absence_report(
    organisation: Organisation,
    user: User,
    start: datetime.date,
    end: datetime.date,
    granularity: str = "month",
    include_pregnancy: bool = False,
) -> AbsenceReport:
    """The figures per period and unit that ``user`` may see, hidden below the minimum group size."""
    chosen = settings_for(organisation)
    classes = classes_of(chosen)
    data = _load(organisation)
    groups = len(data.units) + 1
    if granularity in GRANULARITIES:
        periods = GRANULARITIES[granularity](start, end)
    else:
        periods = np.array([[start.toordinal(), end.toordinal()]], dtype=np.int64)
    whole = np.array([[start.toordinal(), end.toordinal()]], dtype=np.int64)
    options = {"classes": classes, "include_pregnancy": include_pregnancy}
    trend = statistics.compute(data.employment, data.spells, periods, groups, **options)
    total = statistics.compute(data.employment, data.spells, whole, groups, **options)
    suppress = not holds_spells(user, organisation)
    minimum = max(chosen.min_group_size, 5)
    trend_cells = _cells(trend, data.units, minimum, suppress)
    whole_cells = _cells(total, data.units, minimum, suppress)
    base = min((u.depth for u in data.units), default=0)
    series = [Series(ORGANISATION, None, organisation.name, 0)]
    series += [Series(u.pk, u, u.name, u.depth - base + 1) for u in data.units]
    for g, entry in enumerate(series):
        entry.cells = [row[g] for row in trend_cells]
        entry.whole = whole_cells[0][g]
    if not org_wide_reader(user, organisation):
        reachable = set(
            visible(
                Unit.objects.filter(organisation=organisation), user, Capability.VIEW_ABSENCE_FIGURES
            ).values_list("pk", flat=True)
        )
        series = [s for s in series if s.unit is not None and s.unit.pk in reachable]
    period_list = []
    for first, last in periods.tolist():
        a, b = datetime.date.fromordinal(first), datetime.date.fromordinal(last)
        period_list.append(Period(a, b, _period_label(a, b, granularity)))
    return AbsenceReport(
        organisation=organisation,
        start=start,
        end=end,
        granularity=granularity,
        periods=period_list,
        series=series,
        classes=classes,
        minimum=minimum,
        suppressed=suppress,
        benchmark=float(chosen.benchmark_rate) if chosen.benchmark_rate is not None else None,
        benchmark_label=chosen.benchmark_label,
        has_data=data.persons > 0,
    )


@dataclass(frozen=True)
class OrganisationFacts:
    """Inputs of the business case from the organisation's own data, where disclosable."""

    headcount: int
    part_time_factor: float
    absence_rate: float


def organisation_facts(organisation: Organisation, start: datetime.date, end: datetime.date):
    """Headcount, average part-time factor and absence rate over [start, end]; None when the
    organisation has no data or fewer employees than the minimum group size."""
    data = _load(organisation)
    if not data.persons:
        return None
    total = statistics.Employment(*(a[data.employment.group == 0] for a in vars(data.employment).values()))
    periods = [[start.toordinal(), end.toordinal()]]
    figures = statistics.compute(
        total, data.spells, periods, 1, classes=classes_of(settings_for(organisation))
    )
    headcount = int(figures.headcount[0, 0])
    if headcount < max(settings_for(organisation).min_group_size, 5) or np.isnan(figures.absence_rate[0, 0]):
        return None
    person_days = figures.average_headcount[0, 0] * ((end - start).days + 1)
    ptf = float(figures.employed_days[0, 0] / person_days)
    return OrganisationFacts(headcount, min(1.0, round(ptf, 2)), round(float(figures.absence_rate[0, 0]), 2))


def absence_rate_indicator(organisation: Organisation, start: datetime.date, end: datetime.date):
    facts = organisation_facts(organisation, start, end)
    return None if facts is None else facts.absence_rate


def last_month_with_data(organisation: Organisation) -> datetime.date | None:
    """The first day after the last whole month with absence data, or None (then: today)."""
    found = AbsenceSpell.objects.filter(organisation=organisation).aggregate(
        models.Max("start"), models.Max("end")
    )
    latest = max((d for d in found.values() if d is not None), default=None)
    if latest is None or latest >= timezone.localdate():
        return None
    following = latest.replace(day=28) + datetime.timedelta(days=4)
    return following.replace(day=1)


# --- spells (HR) --------------------------------------------------------------------------------------------


def spells_of(organisation: Organisation):
    return AbsenceSpell.objects.filter(organisation=organisation).order_by("-start", "case")


def record_spells_view(request, organisation: Organisation, *, page: int, searched: bool, count: int) -> None:
    audit.record(
        events.SPELLS_VIEWED,
        request=request,
        organisation=organisation,
        reason="HR: absence spells of the organisation",
        page=page,
        searched=searched,
        shown=count,
    )


def purge_expired(organisation: Organisation, today: datetime.date, years: int = 2) -> int:
    """Remove the records of people whose last employment ended more than ``years`` ago (retention)."""
    limit = today.replace(year=today.year - years)
    ended = {}
    for employee, end in Employment.objects.filter(organisation=organisation).values_list("employee", "end"):
        current = ended.get(employee, datetime.date.min)
        ended[employee] = None if end is None or current is None else max(current, end)
    expired = [employee for employee, end in ended.items() if end is not None and end < limit]
    removed = AbsenceSpell.objects.filter(organisation=organisation, employee__in=expired).delete()[0]
    removed += Employment.objects.filter(organisation=organisation, employee__in=expired).delete()[0]
    return removed
