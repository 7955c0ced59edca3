"""Demo step: annual plans of the two care organisations, with goals per theme and actions in every state.

Idempotent (an organisation's plan of the year is made once) and deterministic (fixed texts; dates
relative to today, as the instruments demo does). One action follows a House of Work Ability scale, so
its value before and after comes from the demo's two survey waves.
"""

import datetime

from django.utils import timezone

from inzetbaar.core.models import Organisation, User
from inzetbaar.toolbox.choices import Theme

from . import services
from .models import ActionKind, AnnualPlan, Phase, Status

CARE = {
    "zorggroep-de-linde": "hr@zorggroep.demo",
    "thuiszorg-waalland": "hr.thuiszorg-waalland@thuiszorg-waalland.demo",
}
GOALS = [
    (Theme.HEALTHY_WORK, "Werkdruk in de teams omlaag", "Minder ervaren werkdruk in Wonen en zorg."),
    (Theme.RETENTION, "Minder vertrek in het eerste jaar", "Nieuwe collega's blijven langer."),
    (Theme.LIFELONG_LEARNING, "Iedereen een ontwikkelgesprek", ""),
]
# (goal index, title, status, phase, kind, start days ago, due in days, days since progress, indicator)
ACTIONS = [
    (
        0,
        "Teamaanpak werkdruk in drie teams",
        Status.IN_PROGRESS,
        Phase.DO,
        ActionKind.PILOT,
        300,
        60,
        5,
        "instruments:house_of_work_ability:work",
    ),
    (
        0,
        "Zelfroosteren invoeren op Team De Hof",
        Status.PLANNED,
        Phase.PLAN,
        ActionKind.PILOT,
        20,
        120,
        20,
        "",
    ),
    (0, "Ergocoaches opleiden", Status.DONE, Phase.ACT, ActionKind.ACTION, 200, -30, 30, ""),
    (
        1,
        "Buddy voor elke nieuwe collega",
        Status.IN_PROGRESS,
        Phase.CHECK,
        ActionKind.ACTION,
        150,
        -10,
        12,
        "",
    ),
    (
        1,
        "Blijfgesprekken door leidinggevenden",
        Status.IN_PROGRESS,
        Phase.DO,
        ActionKind.ACTION,
        180,
        90,
        70,
        "",
    ),
    (2, "Loopbaan-APK voor 45-plussers", Status.STOPPED, Phase.CHECK, ActionKind.ACTION, 240, 30, 100, ""),
    (2, "Ontwikkelbudget bekendmaken", Status.PLANNED, Phase.PLAN, ActionKind.ACTION, 10, 45, 10, ""),
]


def annual_plans(builder) -> None:
    today = timezone.localdate()
    now = timezone.now()
    for slug, email in CARE.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        owner = User.objects.filter(email=email).first()
        if (
            organisation is None
            or owner is None
            or AnnualPlan.objects.filter(organisation=organisation, year=today.year).exists()
        ):
            continue
        plan = services.create_plan(
            None,
            organisation=organisation,
            year=today.year,
            title=f"Jaarplan duurzame inzetbaarheid {today.year}",
            owner=owner,
            vision="Gezond en met plezier werken tot het pensioen, met ruimte om te groeien.",
            shared=slug == "zorggroep-de-linde",
        )
        goals = [
            services.add_goal(None, plan, theme=theme, title=title, description=text)
            for theme, title, text in GOALS
        ]
        for index, title, status, phase, kind, started, due, quiet, indicator in ACTIONS:
            action = services.add_action(
                None,
                plan,
                title=title,
                theme=goals[index].theme,
                goal=goals[index],
                kind=kind,
                owner=owner,
                start_date=today - datetime.timedelta(days=started),
                due_date=today + datetime.timedelta(days=due),
                indicator=indicator,
            )
            if status != Status.PLANNED or phase != Phase.PLAN:
                services.update_action(None, action, status=status, phase=phase, note="Besproken in het MT.")
            action.last_progress_at = now - datetime.timedelta(days=quiet)
            action.save(update_fields=["last_progress_at"])
            action.updates.update(at=action.last_progress_at)
        builder.report.count("jaarplannen", True)
