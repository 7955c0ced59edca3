"""The region's matching figures, counted from the records (never typed in), per month and broken down
by municipality and benefit type; the cost comparison; employer satisfaction from the instrument.

Figures about answers (employer satisfaction) and the median duration pass the disclosure minimum:
a group below it shows no figure. Counts of events (employers joined, placements) are activity figures.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.indicators import Indicator
from inzetbaar.instruments.disclosure import NO_RESPONDENTS, DisclosurePolicy, DisclosureProblem, decide

from .models import EmployerProfile, Introduction, IntroductionStatus, Opening, Placement, Stage

SATISFACTION = "employer_satisfaction"


def people_policy() -> DisclosurePolicy:
    return DisclosurePolicy(min_respondents=settings.MATCHING_MIN_GROUP)


COUNTS = (
    ("employers", _("Werkgevers aangesloten")),
    ("openings", _("Vacatures")),
    ("introductions", _("Kennismakingen gevoerd")),
    ("work_floor", _("Op de werkvloer (proefplaatsing, werkervaringsplaats)")),
    ("placements", _("Plaatsingen")),
    ("durable", _("Duurzame plaatsingen")),
    ("outflow", _("Uitstroom uit de uitkering")),
)
# Figures that count people (not employers or openings): their small cells are hidden, subtraction-proof.
PEOPLE = ("introductions", "work_floor", "placements", "durable", "outflow")
TOTAL = "total"
BREAKDOWNS = {"month": _("Maand"), "municipality": _("Gemeente"), "benefit": _("Uitkering")}


@dataclass
class Figures:
    start: datetime.date
    end: datetime.date
    breakdown: str
    rows: dict[str, Counter] = field(default_factory=dict)  # breakdown key → figure → count
    totals: Counter = field(default_factory=Counter)
    median_days: float | None = None
    median_group: int = 0
    approach_cost: int = 0
    cost_per_durable: float | None = None
    regular_cost: int = 0
    satisfaction: float | None = None
    satisfaction_responses: int = 0
    hidden: set = field(default_factory=set)  # (row key, figure) and ("total", figure) not shown

    def value(self, key: str, figure: str) -> int | None:
        return None if (key, figure) in self.hidden else self.rows[key][figure]

    def total(self, figure: str) -> int | None:
        return None if (TOTAL, figure) in self.hidden else self.totals[figure]

    def table(self) -> list[tuple[str, list[int | None]]]:
        keys = [key for key, _label in COUNTS]
        return [(label, [self.value(label, k) for k in keys]) for label in sorted(self.rows)]

    def total_row(self) -> list[int | None]:
        return [self.total(key) for key, _label in COUNTS]


def _month(day) -> str:
    return f"{day:%Y-%m}"


def _key(breakdown: str, day, municipality, benefit) -> str:
    if breakdown == "month":
        return _month(day)
    if breakdown == "municipality":
        return municipality.name if municipality else "–"
    return benefit or str(_("geen"))


def _in_period(field_name: str, start, end) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


def region_figures(
    region, start: datetime.date, end: datetime.date, breakdown: str = "month", municipality=None
) -> Figures:
    """Count every figure for `region` (optionally one municipality) between start and end inclusive."""
    if breakdown not in BREAKDOWNS:
        raise ValueError(breakdown)
    figures = Figures(start, end, breakdown, regular_cost=settings.MATCHING_REGULAR_TRAJECTORY_COST)
    # Every breakdown is counted, because a reader can ask for each: the disclosure check takes them all.
    all_rows: dict[str, dict[str, Counter]] = {name: {} for name in BREAKDOWNS}

    def add(figure, day, municipality_of, benefit=None):
        for name, rows in all_rows.items():
            rows.setdefault(_key(name, day, municipality_of, benefit), Counter())[figure] += 1
        figures.totals[figure] += 1

    employers = EmployerProfile.objects.filter(location__region=region).select_related("location")
    openings = Opening.objects.filter(employer__location__region=region).select_related("employer__location")
    if municipality is not None:
        employers = employers.filter(location=municipality)
        openings = openings.filter(employer__location=municipality)
    for employer in employers.filter(_in_period("joined_on", start, end)):
        add("employers", employer.joined_on, employer.location)
    for opening in openings.filter(_in_period("created_at__date", start, end)):
        add("openings", opening.created_at.date(), opening.employer.location)

    candidate_scope = Q(candidate__municipality__region=region)
    if municipality is not None:
        candidate_scope &= Q(candidate__municipality=municipality)
    held = Introduction.objects.filter(candidate_scope, status=IntroductionStatus.HELD).select_related(
        "candidate__municipality"
    )
    for introduction in held.filter(_in_period("created_at__date", start, end)):
        day = (introduction.scheduled_at or introduction.created_at).date()
        add("introductions", day, introduction.candidate.municipality, introduction.candidate.benefit)

    placements = Placement.objects.filter(
        introduction__candidate__municipality__region=region
    ).select_related("introduction__candidate__municipality")
    if municipality is not None:
        placements = placements.filter(introduction__candidate__municipality=municipality)
    durations = []
    job_coaches = 0
    for placement in placements:
        candidate = placement.introduction.candidate
        if placement.work_floor_start and start <= placement.work_floor_start <= end:
            add("work_floor", placement.work_floor_start, candidate.municipality, candidate.benefit)
        if placement.contract_start and start <= placement.contract_start <= end:
            add("placements", placement.contract_start, candidate.municipality, candidate.benefit)
            durations.append((placement.contract_start - candidate.intake_date).days)
            job_coaches += placement.job_coach
            if placement.benefit_after == "ended":
                add("outflow", placement.contract_start, candidate.municipality, candidate.benefit)
        if placement.durable_on and start <= placement.durable_on <= end and placement.stage == Stage.DURABLE:
            add("durable", placement.durable_on, candidate.municipality, candidate.benefit)

    figures.rows = all_rows[breakdown]
    figures.hidden = hidden_cells(all_rows, figures.totals, breakdown)
    figures.median_group = len(durations)
    if people_policy().allows(len(durations)):
        figures.median_days = statistics.median(durations)
    # The cost figures are made of people counts: only shown when those totals are.
    if all(
        figures.total(name) is not None for name in ("introductions", "work_floor", "durable", "placements")
    ):
        figures.approach_cost = (
            figures.totals["introductions"] * settings.MATCHING_COST_PER_INTRODUCTION
            + figures.totals["work_floor"] * settings.MATCHING_COST_PER_WORK_FLOOR
            + job_coaches * settings.MATCHING_COST_PER_JOB_COACH
        )
        if figures.totals["durable"]:
            figures.cost_per_durable = figures.approach_cost / figures.totals["durable"]
    figures.satisfaction, figures.satisfaction_responses = employer_satisfaction(employers, start, end)
    return figures


def hidden_cells(all_rows: dict[str, dict[str, Counter]], totals: Counter, shown: str) -> set:
    """The people counts that may not be shown: below the minimum, or derivable by subtraction from
    the total and the other rows of any breakdown (disclosure.decide over all breakdowns at once)."""
    problem = DisclosureProblem()
    for figure in PEOPLE:
        problem.add_cell((TOTAL, figure), totals[figure])
        for name, rows in all_rows.items():
            parts = [(name, key, figure) for key in rows]
            for key, counts in rows.items():
                problem.add_cell((name, key, figure), counts[figure])
            problem.add_partition((TOTAL, figure), parts, f"{name}:{figure}")
    decisions = decide(problem, people_policy())

    def hides(cell) -> bool:  # a count of nobody is a figure too: zero is shown
        decision = decisions[cell]
        return not decision.published and decision.reason != NO_RESPONDENTS

    hidden = {(TOTAL, figure) for figure in PEOPLE if hides((TOTAL, figure))}
    for key in all_rows[shown]:
        hidden |= {(key, figure) for figure in PEOPLE if hides((shown, key, figure))}
    return hidden


def employer_satisfaction(employers, start, end) -> tuple[float | None, int]:
    """Mean 'satisfaction' of the employer satisfaction form that contacts of these employers answered
    in the period (asked by their service point, see services.ask_employer_satisfaction); None when
    fewer responses than the instrument's minimum."""
    from inzetbaar.core.models import Membership
    from inzetbaar.instruments.models import Response
    from inzetbaar.instruments.services import definition, score_response

    responses = Response.objects.filter(
        instrument_id=SATISFACTION,
        campaign__organisation__in=employers.values("service_point"),
        respondent__in=Membership.objects.filter(organisation__in=employers.values("organisation")).values(
            "user"
        ),
        submitted_at__date__gte=start,
        submitted_at__date__lte=end,
    )
    scores = [score_response(r).scores.get("satisfaction") for r in responses]
    scores = [s for s in scores if s is not None]
    minimum = definition(SATISFACTION).min_group_size
    if not DisclosurePolicy(min_respondents=minimum).allows(len(scores)):
        return None, len(scores)
    return round(sum(scores) / len(scores), 2), len(scores)


# --- indicators for annual plans ----------------------------------------------------------------------


def _placements_of(organisation, start, end):
    """Placements that started in the period, of candidates the organisation guides or at its own
    openings (an employer's plan follows the people it took on)."""
    return Placement.objects.filter(
        Q(introduction__candidate__organisation=organisation)
        | Q(introduction__opening__employer__organisation=organisation)
        | Q(introduction__opening__employer__service_point=organisation),
        contract_start__gte=start,
        contract_start__lte=end,
    )


def placements_indicator(organisation, start, end) -> float | None:
    return float(_placements_of(organisation, start, end).count())


def durable_indicator(organisation, start, end) -> float | None:
    return float(
        Placement.objects.filter(
            Q(introduction__candidate__organisation=organisation)
            | Q(introduction__opening__employer__organisation=organisation)
            | Q(introduction__opening__employer__service_point=organisation),
            stage=Stage.DURABLE,
            durable_on__gte=start,
            durable_on__lte=end,
        ).count()
    )


INDICATORS = [
    Indicator("matching:placements", _("Plaatsingen vanuit matchen"), "plaatsingen", placements_indicator),
    Indicator("matching:durable", _("Duurzame plaatsingen"), "plaatsingen", durable_indicator),
]
