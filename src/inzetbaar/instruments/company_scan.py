"""The company scan's report: per theme the mean of each perspective side by side, and where they differ.

Management, HR and the works council answer the same questions about the organisation
(``services.PERSPECTIVE_ROLES`` says who answers for which perspective). A theme is a scale of the
definition other than its total. The means are shown per perspective even for a single respondent: that
is the point of the scan (the definition's minimum group size is 1), and the page says that everyone
answers in their role, not about themselves.
"""

from dataclasses import dataclass, replace

import numpy as np

from . import services
from .charts import BarChart, bars
from .models import Campaign, CampaignInstrument, Response


@dataclass(frozen=True)
class PerspectiveColumn:
    id: str
    label: str
    invited: int
    respondents: int


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    means: list[float | None]  # one per perspective, in the report's order
    spread: float | None  # highest minus lowest mean; None unless two perspectives have a mean
    chart: BarChart
    most_different: bool = False

    @property
    def cells(self):
        return zip(self.means, self.chart.bars, strict=True)


@dataclass(frozen=True)
class CompanyScanReport:
    campaign: Campaign
    instrument: CampaignInstrument
    title: str
    perspectives: list[PerspectiveColumn]
    themes: list[Theme]


def is_company_scan(instrument: CampaignInstrument) -> bool:
    found = services.definition(instrument.instrument_id, instrument.instrument_version)
    return found.kind == services.COMPANY_SCAN


def perspective_report(campaign: Campaign, instrument: CampaignInstrument) -> CompanyScanReport:
    definition = services.definition(instrument.instrument_id, instrument.instrument_version)
    plan = services.plan(instrument.instrument_id, instrument.instrument_version)
    stored = list(
        Response.objects.filter(campaign=campaign, instrument_id=instrument.instrument_id).values_list(
            "perspective", "answers"
        )
    )
    matrix = np.vstack(
        [np.frombuffer(bytes(answers), dtype=np.float32) for _p, answers in stored]
        or [np.empty((0, len(plan.variables)), dtype=np.float32)]
    )
    scores = plan.score_matrix(matrix).scores
    given = np.array([perspective for perspective, _a in stored], dtype=str)
    invited = list(campaign.invitations.values_list("perspective", flat=True))
    columns = [
        PerspectiveColumn(
            p.id, services.text(p.label), invited.count(p.id), int(np.count_nonzero(given == p.id))
        )
        for p in definition.perspectives
    ]
    themes = []
    for scale in definition.scales:
        if scale.id == definition.total:
            continue
        column = scores[:, plan.scale_ids.index(scale.id)]
        means = [_mean(column[given == p.id]) for p in columns]
        known = [m for m in means if m is not None]
        low, high = services.scale_range(definition, scale.id)
        themes.append(
            Theme(
                scale.id,
                services.text(scale.title),
                means,
                max(known) - min(known) if len(known) > 1 else None,
                bars([(p.label, m) for p, m in zip(columns, means, strict=True)], low, high),
            )
        )
    widest = max((t for t in themes if t.spread), key=lambda t: t.spread, default=None)
    themes = [replace(t, most_different=t is widest) for t in themes]
    return CompanyScanReport(campaign, instrument, services.text(definition.title), columns, themes)


def _mean(values: np.ndarray) -> float | None:
    answered = values[~np.isnan(values)]
    return float(answered.mean()) if answered.size else None
