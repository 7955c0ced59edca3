"""Group figures of a campaign: response rate, scale means and band distributions per unit.

Every figure passes ``disclosure.decide``: the units of the organisation form a tree of cells (the
organisation at the top, each unit with its subtree's respondents), so a unit under the instrument's
minimum stays hidden and cannot be worked out from its parent minus its siblings. A manager sees the
rows of their own units, decided on the whole tree, so they never see more than HR does.
"""

import csv
import io
from dataclasses import dataclass, field

import numpy as np

from inzetbaar.core.access import active_memberships, visible
from inzetbaar.core.models import Unit, User
from inzetbaar.core.roles import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Capability

from . import services
from .disclosure import DisclosurePolicy, DisclosureProblem, decide
from .models import Campaign, CampaignInstrument, Response
from .scoring import aggregate

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


@dataclass(frozen=True)
class ScaleColumn:
    id: str
    title: str
    band_labels: list[str]


@dataclass(frozen=True)
class GroupReport:
    campaign: Campaign
    instrument: CampaignInstrument
    title: str
    minimum: int
    scales: list[ScaleColumn]
    rows: list[Row]


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


def group_report(campaign: Campaign, instrument: CampaignInstrument, user: User) -> GroupReport:
    """Scale means and band distributions per unit for one instrument of a campaign."""
    found = services.definition(instrument.instrument_id, instrument.instrument_version)
    plan = services.plan(instrument.instrument_id, instrument.instrument_version)
    units = units_in_scope(campaign)
    rows = _rows(campaign, units)
    stored = list(
        Response.objects.filter(campaign=campaign, instrument_id=instrument.instrument_id).values_list(
            "unit__path", "answers"
        )
    )
    paths = [path for path, _answers in stored]
    if stored:
        matrix = np.vstack([np.frombuffer(bytes(answers), dtype=np.float32) for _path, answers in stored])
    else:
        matrix = np.empty((0, len(plan.variables)), dtype=np.float32)
    scores = plan.score_matrix(matrix)
    # Aggregate per response's own unit once, then add the groups up per subtree.
    own = sorted(set(paths), key=lambda p: p or "")
    codes = np.array([own.index(p) for p in paths], dtype=np.intp)
    totals = aggregate(scores, codes, len(own))
    invitations = list(campaign.invitations.values_list("unit__path", flat=True))
    for row in rows:
        members = [g for g, path in enumerate(own) if _in(row, path)]
        row.invited = sum(1 for path in invitations if _in(row, path))
        row.respondents = int(totals.respondents[members].sum()) if members else 0
        for k in range(len(plan.scale_ids)):
            n = totals.n[members, k]
            answered = int(n.sum())
            sums = np.nansum(totals.mean[members, k] * n) if answered else 0.0
            row.means.append(float(sums / answered) if answered else None)
            row.bands.append([int(x) for x in totals.band_counts[k][members].sum(axis=0)])
    _decide(rows, units, found.min_group_size)
    for row in rows:
        if not row.published:
            row.means = [None] * len(row.means)
            row.bands = [None] * len(row.bands)
    scales = [
        ScaleColumn(scale.id, services.text(scale.title), [services.text(b.label) for b in scale.bands])
        for scale in found.scales
    ]
    return GroupReport(
        campaign,
        instrument,
        services.text(found.title),
        found.min_group_size,
        scales,
        _visible_rows(rows, user, campaign),
    )


def report_csv(report: GroupReport) -> str:
    """The shown aggregates, one line per unit and scale; hidden cells stay empty."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "invited", "respondents", "scale", "mean", "band", "count"])
    for row in report.rows:
        for k, scale in enumerate(report.scales):
            mean = "" if row.means[k] is None else f"{row.means[k]:.2f}"
            respondents = row.respondents if row.published else ""
            bands = row.bands[k]
            if not scale.band_labels or bands is None:
                writer.writerow([row.label, row.invited, respondents, scale.id, mean, "", ""])
                continue
            for label, count in zip(scale.band_labels, bands, strict=True):
                writer.writerow([row.label, row.invited, respondents, scale.id, mean, label, count])
    return out.getvalue()
