"""Scale-score indicators of the questionnaires, registered in ``inzetbaar.core.indicators``.

One indicator per main scale of the shipped employee questionnaires: the organisation's mean over the
responses of its campaigns that closed in the period (a wave counts once it is complete), each
campaign only when it alone reaches the questionnaire's minimum group size (the minimum its group
report uses), so no period can be differenced against another to reveal a small wave; None otherwise.
Absence and matching figures are registered by their own apps; plans reads the registry only.
"""

import datetime

import numpy as np
from django.utils.functional import lazy

from inzetbaar.core.indicators import Indicator, register_indicator

# The scales followed per questionnaire; None: every scale of the questionnaire.
SCALES = {
    "house_of_work_ability": None,
    "wai": ("wai_total",),
    "work_energy_balance": ("balance", "demands", "job_resources"),
    "employability_profile": None,
}
LOWER_IS_BETTER = {("work_energy_balance", "demands")}


def key_of(instrument_id: str, scale_id: str) -> str:
    return f"instruments:{instrument_id}:{scale_id}"


def scale_mean(instrument_id: str, scale_id: str, organisation, start: datetime.date, end: datetime.date):
    """The group mean of a scale over the responses of campaigns closed in [start, end], or None.

    A campaign counts only when it alone reaches the questionnaire's minimum: otherwise a small wave
    could be recovered as the difference between two periods, one with it and one without it.
    """
    from inzetbaar.instruments import services
    from inzetbaar.instruments.models import Response

    rows = Response.objects.filter(
        campaign__organisation=organisation,
        instrument_id=instrument_id,
        campaign__closes_on__gte=start,
        campaign__closes_on__lte=end,
    ).values_list("campaign", "instrument_version", "answers")
    groups: dict[tuple[int, str], list[bytes]] = {}
    for campaign, version, answers in rows:
        groups.setdefault((campaign, version), []).append(bytes(answers))
    minimum = max(services.definition(instrument_id).min_group_size, 1)
    per_campaign: dict[int, list[float]] = {}
    for (campaign, version), stored in groups.items():
        plan = services.plan(instrument_id, version)
        if scale_id not in plan.scale_ids:
            continue
        matrix = np.vstack([np.frombuffer(entry, dtype=np.float32) for entry in stored])
        column = plan.score_matrix(matrix).scores[:, plan.scale_ids.index(scale_id)]
        per_campaign.setdefault(campaign, []).extend(float(v) for v in column if not np.isnan(v))
    values = [v for found in per_campaign.values() if len(found) >= minimum for v in found]
    if not values:
        return None
    return round(sum(values) / len(values), 2)


def _label(definition, scale) -> str:
    from inzetbaar.instruments import services

    return f"{services.text(definition.title)}: {services.text(scale.title)}"


def register_scale_indicators() -> None:
    from inzetbaar.instruments import services

    for instrument_id, chosen in SCALES.items():
        try:
            definition = services.definition(instrument_id)
        except KeyError:
            continue
        for scale in definition.scales:
            if chosen is not None and scale.id not in chosen:
                continue

            def compute(organisation, start, end, instrument_id=instrument_id, scale_id=scale.id):
                return scale_mean(instrument_id, scale_id, organisation, start, end)

            register_indicator(
                Indicator(
                    key=key_of(instrument_id, scale.id),
                    label=lazy(_label, str)(definition, scale),
                    unit="",
                    compute=compute,
                    higher_is_better=(instrument_id, scale.id) not in LOWER_IS_BETTER,
                )
            )
