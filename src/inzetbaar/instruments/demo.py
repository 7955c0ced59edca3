"""Demo data: a finished House of Work Ability campaign in two waves at Zorggroep De Linde.

A step of ``inzetbaar.demo.generator``: idempotent (skipped when the campaigns exist) and deterministic
by the builder's seeded ``random``. The campaigns are identified, so the demo employee sees her result
compared with the previous wave; small teams show as hidden in the group report.
"""

import datetime

from django.utils import timezone

from inzetbaar.core.models import Organisation

from . import services
from .models import CampaignStatus

INSTRUMENT = "house_of_work_ability"
WAVES = (("Huis van Werkvermogen – najaar", 400), ("Huis van Werkvermogen – voorjaar", 200))
ALWAYS_ANSWERS = "medewerker@zorggroep.demo"


def _answer(variable, level: float, rng) -> float:
    """An answer near the respondent's level (0–1) on the variable's scale, reverse items mirrored."""
    values = variable.options or tuple(
        variable.low + i * variable.step
        for i in range(round((variable.high - variable.low) / variable.step) + 1)
    )
    position = level if not variable.reverse else 1 - level
    index = round(position * (len(values) - 1) + rng.uniform(-1, 1))
    value = values[max(0, min(len(values) - 1, index))]
    return int(value) if float(value).is_integer() else value


def finished_campaigns(builder) -> None:
    from inzetbaar.demo.generator import ZORGGROEP

    organisation = Organisation.objects.get(slug=ZORGGROEP)
    if organisation.campaigns.filter(title=WAVES[0][0]).exists():
        return
    rng = builder.random
    definition = services.definition(INSTRUMENT)
    plan = services.plan(INSTRUMENT, definition.version)
    levels = {}
    today = timezone.localdate()
    for title, days_ago in WAVES:
        opens_on = today - datetime.timedelta(days=days_ago)
        campaign = services.start_campaign(
            None,
            organisation=organisation,
            title=title,
            instrument_ids=[INSTRUMENT],
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=21),
            anonymous=False,
        )
        for invitation in campaign.invitations.select_related("person").order_by("person__email"):
            invitation.sent_at = timezone.now()
            answers = invitation.person.email == ALWAYS_ANSWERS or rng.random() < 0.75
            if answers:
                level = levels.setdefault(invitation.person_id, rng.uniform(0.35, 0.9))
                levels[invitation.person_id] = min(1.0, max(0.0, level + rng.uniform(-0.1, 0.15)))
                invitation.draft = {
                    INSTRUMENT: {
                        v.id: _answer(v, levels[invitation.person_id], rng) for v in plan.variable_info
                    }
                }
            invitation.save()
            if answers:
                services.submit(invitation)
        campaign.status = CampaignStatus.CLOSED
        campaign.save(update_fields=["status"])
        builder.report.count("metingen", True)
