"""Group figures of a campaign: response rate, scale means and band distributions per unit and per
breakdown (age band, tenure band, job type), the trend since the previous wave, and exports.

Every figure passes ``disclosure.decide``: the units of the organisation form a tree of cells (the
organisation at the top, each unit with its subtree's respondents), each unit is split by every
breakdown, and each cell is linked to the same cell of the previous wave, so a group under the
instrument's minimum stays hidden and cannot be worked out from its parent minus its siblings, from two
breakdowns or from two waves. A manager sees the rows of their own units, decided on the whole tree, so
they never see more than HR does.
"""

import csv
import io
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import active_memberships, has_capability, visible
from inzetbaar.core.models import JobType, Unit, User
from inzetbaar.core.roles import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Capability

from . import services
from .disclosure import DisclosurePolicy, DisclosureProblem, decide, trend_allowed
from .models import AgeBand, Campaign, CampaignInstrument, Response, TenureBand
from .scoring import ScoreArrays, aggregate, combine_keys

ORGANISATION = "organisation"


@dataclass
class Row:
    """One cell of the report: the organisation (``unit`` None) or a unit with its subtree."""

    key: object
    unit: Unit | None
    label: str
    depth: int
    invited: int = 0
    respondents: int = 0
    published: bool = False
    rate: float | None = None
    means: list[float | None] = field(default_factory=list)
    bands: list[list[int] | None] = field(default_factory=list)
    previous: list[float | None] | None = None  # the previous wave's means, where the trend may be shown
    answered: frozenset[int] = frozenset()  # who completed the campaign (units only)


@dataclass(frozen=True)
class ScaleColumn:
    id: str
    title: str
    band_labels: list[str]


def org_wide_reader(user: User, campaign: Campaign) -> bool:
    """Whether the user reads the whole organisation's figures (HR, works council), not only units."""
    if user.is_platform_admin:
        return True
    return any(
        m.organisation_id == campaign.organisation_id
        and m.role not in UNIT_SCOPED_ROLES
        and Capability.VIEW_GROUP_REPORTS in ROLE_CAPABILITIES[m.role]
        for m in active_memberships(user)
    )


def units_in_scope(campaign: Campaign) -> list[Unit]:
    units = Unit.objects.filter(organisation=campaign.organisation_id).order_by("path")
    chosen = [unit.path for unit in campaign.units.all()]
    return [u for u in units if not chosen or any(u.path.startswith(p) for p in chosen)]


def _rows(campaign: Campaign, units: list[Unit]) -> list[Row]:
    rows = [Row(ORGANISATION, None, campaign.organisation.name, 0)]
    base = min((u.depth for u in units), default=0)
    rows += [Row(unit.pk, unit, unit.name, unit.depth - base + 1) for unit in units]
    return rows


def _decide(rows: list[Row], units: list[Unit], minimum: int) -> None:
    problem = DisclosureProblem()
    keys = {unit.pk for unit in units}
    for row in rows:
        if row.unit is None:
            problem.add_unit(row.key, row.respondents)
        else:
            parent = row.unit.parent_id if row.unit.parent_id in keys else ORGANISATION
            problem.add_unit(row.key, row.respondents, parent=parent)
    decisions = decide(problem, DisclosurePolicy(min_respondents=minimum))
    for row in rows:
        row.published = decisions[row.key].published


def _in(row: Row, path: str | None) -> bool:
    return row.unit is None or (path is not None and path.startswith(row.unit.path))


def _visible_rows(rows: list[Row], user: User, campaign: Campaign) -> list[Row]:
    if org_wide_reader(user, campaign):
        return rows
    reachable = set(
        visible(
            Unit.objects.filter(organisation=campaign.organisation_id), user, Capability.VIEW_GROUP_REPORTS
        ).values_list("pk", flat=True)
    )
    return [row for row in rows if row.unit is not None and row.unit.pk in reachable]


def campaign_minimum(campaign: Campaign) -> int:
    return max(
        (
            services.definition(ci.instrument_id, ci.instrument_version).min_group_size
            for ci in campaign.instruments.all()
        ),
        default=5,
    )


def response_rates(campaign: Campaign, user: User) -> tuple[list[Row], int]:
    """Invited and completed per unit; completed counts and rates only where disclosure allows."""
    units = units_in_scope(campaign)
    rows = _rows(campaign, units)
    invitations = list(campaign.invitations.values_list("unit__path", "completed_at"))
    for row in rows:
        mine = [completed for path, completed in invitations if _in(row, path)]
        row.invited = len(mine)
        row.respondents = sum(1 for completed in mine if completed is not None)
    minimum = campaign_minimum(campaign)
    _decide(rows, units, minimum)
    for row in rows:
        row.rate = row.respondents / row.invited if row.published and row.invited else None
    return _visible_rows(rows, user, campaign), minimum


@dataclass(frozen=True)
class Breakdown:
    """A person attribute snapshotted on each response, by which a report splits every unit."""

    field: str
    title: str
    choices: type


BREAKDOWNS = (
    Breakdown("age_band", _("Leeftijd"), AgeBand),
    Breakdown("tenure_band", _("Diensttijd"), TenureBand),
    Breakdown("job_type", _("Soort werk"), JobType),
)


@dataclass
class Wave:
    """The cells of one wave of an instrument: unit rows, and per breakdown the category rows per unit."""

    rows: list[Row]
    breakdowns: dict[str, dict[object, list[Row]]]
    scores: ScoreArrays

    def categories(self):
        for by_unit in self.breakdowns.values():
            for found in by_unit.values():
                yield from found

    def cells(self):
        yield from self.rows
        yield from self.categories()


def _fill(row: Row, totals, members: np.ndarray, scales: int) -> None:
    """Add up the aggregates of the given groups into the row (means weighted by their counts)."""
    row.respondents = int(totals.respondents[members].sum())
    for k in range(scales):
        n = totals.n[members, k]
        answered = int(n.sum())
        sums = np.nansum(totals.mean[members, k] * n) if answered else 0.0
        row.means.append(float(sums / answered) if answered else None)
        row.bands.append([int(x) for x in totals.band_counts[k][members].sum(axis=0)])


def _wave(campaign: Campaign, instrument: CampaignInstrument, units: list[Unit]) -> Wave:
    """Score the instrument's responses of one campaign at once and add them up per cell."""
    invitations = list(campaign.invitations.values_list("unit__path", "person", "completed_at"))
    plan = services.plan(instrument.instrument_id, instrument.instrument_version)
    fields = [b.field for b in BREAKDOWNS]
    stored = list(
        Response.objects.filter(campaign=campaign, instrument_id=instrument.instrument_id).values_list(
            "unit__path", *fields, "answers"
        )
    )
    if stored:
        matrix = np.vstack([np.frombuffer(bytes(entry[-1]), dtype=np.float32) for entry in stored])
    else:
        matrix = np.empty((0, len(plan.variables)), dtype=np.float32)
    scores = plan.score_matrix(matrix)
    # One group per combination of own unit and categories; every cell is a sum of such groups.
    keys = [np.array([entry[i] or "" for entry in stored], dtype=str) for i in range(len(fields) + 1)]
    codes, levels = combine_keys(*keys)
    totals = aggregate(scores, codes, len(levels[0]))
    width = len(plan.scale_ids)
    rows = _rows(campaign, units)
    breakdowns = {name: {} for name in fields}
    for row in rows:
        inside = np.array([_in(row, path or None) for path in levels[0]], dtype=bool)
        mine = [(person, completed) for path, person, completed in invitations if _in(row, path)]
        row.invited = len(mine)
        row.answered = frozenset(person for person, completed in mine if completed is not None)
        _fill(row, totals, np.flatnonzero(inside), width)
        for index, breakdown in enumerate(BREAKDOWNS, start=1):
            found = breakdowns[breakdown.field][row.key] = []
            for code, label in breakdown.choices.choices:
                cell = Row((row.key, breakdown.field, code), row.unit, str(label), row.depth)
                _fill(cell, totals, np.flatnonzero(inside & (levels[index] == code)), width)
                found.append(cell)
    return Wave(rows, breakdowns, scores)


def _add_wave(problem: DisclosureProblem, wave: Wave, units: list[Unit], key) -> None:
    keys = {unit.pk for unit in units}
    for row in wave.rows:
        parent = None
        if row.unit is not None:
            parent = key(row.unit.parent_id if row.unit.parent_id in keys else ORGANISATION)
        problem.add_unit(key(row.key), row.respondents, parent=parent)
        for name, by_unit in wave.breakdowns.items():
            problem.add_breakdown(key(row.key), name, {key(c.key): c.respondents for c in by_unit[row.key]})


def _previous(instrument: CampaignInstrument) -> CampaignInstrument | None:
    """The organisation's previous wave of the same instrument version (trends compare like with like)."""
    return (
        CampaignInstrument.objects.filter(
            campaign__organisation=instrument.campaign.organisation_id,
            instrument_id=instrument.instrument_id,
            instrument_version=instrument.instrument_version,
            wave__lt=instrument.wave,
        )
        .select_related("campaign")
        .order_by("-wave")
        .first()
    )


def _earlier(key):
    return ("previous", key)


@dataclass(frozen=True)
class BreakdownSection:
    title: str
    units: list[tuple[Row, list[Row]]]


@dataclass(frozen=True)
class GroupReport:
    campaign: Campaign
    instrument: CampaignInstrument
    title: str
    minimum: int
    scales: list[ScaleColumn]
    rows: list[Row]
    breakdowns: list[BreakdownSection]
    previous_wave: int | None = None
    alpha: list[float | None] | None = None  # per scale, whole organisation, HR only


def group_report(campaign: Campaign, instrument: CampaignInstrument, user: User) -> GroupReport:
    """Scale means and band distributions per unit and breakdown, with the trend since the last wave.

    Both waves go into one disclosure problem, every cell linked to its earlier self, so neither a
    breakdown nor the change between waves gives away a group under the minimum.
    """
    found = services.definition(instrument.instrument_id, instrument.instrument_version)
    units = units_in_scope(campaign)
    current = _wave(campaign, instrument, units)
    problem = DisclosureProblem()
    _add_wave(problem, current, units, lambda key: key)
    previous = _previous(instrument)
    earlier = _wave(previous.campaign, previous, units) if previous else None
    if earlier is not None:
        _add_wave(problem, earlier, units, _earlier)
        # Units know who answered in both waves (the invitations), so their links carry the flows.
        for row, before in zip(current.rows, earlier.rows, strict=True):
            joined, left = len(row.answered - before.answered), len(before.answered - row.answered)
            problem.add_wave_link(_earlier(row.key), row.key, joined, left)
        for cell in current.categories():
            problem.add_wave_link(_earlier(cell.key), cell.key)
    decisions = decide(problem, DisclosurePolicy(min_respondents=found.min_group_size))
    for cell in current.cells():
        cell.published = decisions[cell.key].published
        if not cell.published:
            cell.means = [None] * len(cell.means)
            cell.bands = [None] * len(cell.bands)
    if earlier is not None:
        for row, before in zip(current.rows, earlier.rows, strict=True):
            if trend_allowed(decisions, _earlier(row.key), row.key):
                row.previous = before.means
    scales = [
        ScaleColumn(scale.id, services.text(scale.title), [services.text(b.label) for b in scale.bands])
        for scale in found.scales
    ]
    shown = _visible_rows(current.rows, user, campaign)
    sections = [
        BreakdownSection(str(b.title), [(row, current.breakdowns[b.field][row.key]) for row in shown])
        for b in BREAKDOWNS
    ]
    return GroupReport(
        campaign,
        instrument,
        services.text(found.title),
        found.min_group_size,
        scales,
        shown,
        sections,
        previous.wave if earlier is not None else None,
        _alpha(current, campaign, user),
    )


def _alpha(wave: Wave, campaign: Campaign, user: User) -> list[float | None] | None:
    """Cronbach's alpha per scale over the whole organisation, for HR, when its figures are shown."""
    if not wave.rows[0].published or not has_capability(
        user, campaign.organisation, Capability.VIEW_RELIABILITY
    ):
        return None
    alpha = aggregate(wave.scores, np.zeros(len(wave.scores.scores), dtype=np.intp), 1).alpha[0]
    return [None if np.isnan(value) else float(value) for value in alpha]


EXPORT_HEADER = [
    "unit",
    "breakdown",
    "category",
    "invited",
    "respondents",
    "scale",
    "mean",
    "previous_mean",
    "band",
    "count",
]


def export_rows(report: GroupReport):
    """The shown aggregates, one line per cell, scale and band; hidden cells keep their figures empty."""
    yield EXPORT_HEADER
    cells = [(row, "", "") for row in report.rows]
    for section in report.breakdowns:
        cells += [(cell, section.title, cell.label) for row, found in section.units for cell in found]
    for cell, breakdown, category in cells:
        unit = cell.unit.name if cell.unit else report.campaign.organisation.name
        invited = "" if breakdown else cell.invited
        respondents = cell.respondents if cell.published else ""
        for k, scale in enumerate(report.scales):
            mean = "" if cell.means[k] is None else round(cell.means[k], 2)
            before = cell.previous[k] if cell.previous else None
            previous = "" if before is None else round(before, 2)
            start = [unit, breakdown, category, invited, respondents, scale.id, mean, previous]
            bands = cell.bands[k]
            if not scale.band_labels or bands is None:
                yield [*start, "", ""]
                continue
            for label, count in zip(scale.band_labels, bands, strict=True):
                yield [*start, label, count]


def report_csv(report: GroupReport) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(export_rows(report))
    return out.getvalue()


def report_xlsx(report: GroupReport) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(report.instrument.instrument_id[:31])
    for line in export_rows(report):
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
