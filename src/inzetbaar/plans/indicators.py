"""Scale-score indicators of the questionnaires, registered in ``inzetbaar.core.indicators``.

One indicator per main scale of the shipped employee questionnaires: the organisation's mean over the
responses of its campaigns that closed in the period (a wave counts once it is complete), None below
the questionnaire's minimum group size (the same minimum its group report uses). Absence and
matching figures are registered by their own apps; plans reads the registry only.
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
    """The group mean of a scale over the responses of campaigns closed in [start, end], or None."""
    from inzetbaar.instruments import services
    from inzetbaar.instruments.models import Response

    rows = Response.objects.filter(
        campaign__organisation=organisation,
        instrument_id=instrument_id,
        campaign__closes_on__gte=start,
        campaign__closes_on__lte=end,
    ).values_list("instrument_version", "answers")
    by_version: dict[str, list[bytes]] = {}
    for version, answers in rows:
        by_version.setdefault(version, []).append(bytes(answers))
    values = []
    minimum = services.definition(instrument_id).min_group_size
    for version, stored in by_version.items():
        plan = services.plan(instrument_id, version)
        if scale_id not in plan.scale_ids:
            continue
        matrix = np.vstack([np.frombuffer(entry, dtype=np.float32) for entry in stored])
        column = plan.score_matrix(matrix).scores[:, plan.scale_ids.index(scale_id)]
        values.extend(float(v) for v in column if not np.isnan(v))
    if len(values) < max(minimum, 1):
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
