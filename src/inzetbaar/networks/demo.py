"""Demo step: a learning network of the demo's care organisations, facilitated by Netwerk Duurzaam Werken.

Three meetings about ten weeks apart (two held, one coming), attendance, actions and pilots taken home in
every state (planned, in progress, done, stopped, one overdue, one stalled), a good practice by the
ambassador, six evaluations of the first meeting and two actions of the network itself. Idempotent: the
step does nothing once the network exists. Dates are relative to today, as in the other demo steps.
"""

import datetime

import numpy as np
from django.utils import timezone

from inzetbaar.core.models import LabourMarketRegion, Organisation, User
from inzetbaar.instruments import services as instruments
from inzetbaar.plans.models import ActionKind, Phase, Status
from inzetbaar.toolbox.choices import Theme

from . import services
from .models import HalfDay, MeetingEvaluation, Network

NAME = "Lerend netwerk Zorg Rijk van Nijmegen"
FACILITATOR = "netwerk-duurzaam-werken"
MEMBERS = {"zorggroep-de-linde": True, "thuiszorg-waalland": False}  # slug: ambassador
HR = {
    "zorggroep-de-linde": "hr@zorggroep.demo",
    "thuiszorg-waalland": "hr.thuiszorg-waalland@thuiszorg-waalland.demo",
}
MEETINGS = [
    (
        -140,
        "Masterclass werkdruk en roosters",
        [Theme.HEALTHY_WORK, Theme.RETENTION],
        "1. Welkom en voorstelronde\n2. Zorggroep De Linde vertelt over zelfroosteren\n"
        "3. In tweetallen: wat neemt u mee?",
    ),
    (
        -70,
        "Masterclass behoud van nieuwe collega's",
        [Theme.RETENTION, Theme.TALENT],
        "1. Terugblik op de acties\n2. Cijfers over vertrek in het eerste jaar\n"
        "3. Werksessie inwerkprogramma",
    ),
    (
        14,
        "Masterclass leven lang ontwikkelen",
        [Theme.LIFELONG_LEARNING],
        "1. Terugblik op de acties\n2. Loopbaan-APK in de praktijk\n3. Wat neemt u mee?",
    ),
]
# (meeting index, member, title, kind, status, phase, due in days, days since progress)
TAKE_HOMES = [
    (
        0,
        "zorggroep-de-linde",
        "Pilot zelfroosteren op Team De Linde",
        ActionKind.PILOT,
        Status.DONE,
        Phase.ACT,
        -20,
        25,
    ),
    (
        0,
        "thuiszorg-waalland",
        "Werkdrukgesprek in de wijkteams",
        ActionKind.ACTION,
        Status.IN_PROGRESS,
        Phase.DO,
        -15,
        80,
    ),
    (
        0,
        "thuiszorg-waalland",
        "Tilhulpmiddelen inventariseren",
        ActionKind.ACTION,
        Status.STOPPED,
        Phase.CHECK,
        30,
        50,
    ),
    (
        1,
        "zorggroep-de-linde",
        "Buddyprogramma uitbreiden naar Thuiszorg",
        ActionKind.PILOT,
        Status.IN_PROGRESS,
        Phase.CHECK,
        40,
        6,
    ),
    (
        1,
        "thuiszorg-waalland",
        "Welkomstdag voor nieuwe collega's",
        ActionKind.ACTION,
        Status.PLANNED,
        Phase.PLAN,
        60,
        65,
    ),
    (
        1,
        "thuiszorg-waalland",
        "Vertrekgesprekken analyseren",
        ActionKind.ACTION,
        Status.IN_PROGRESS,
        Phase.DO,
        25,
        3,
    ),
]
PRACTICE = (
    Theme.HEALTHY_WORK,
    "Zelfroosteren: zo deden wij het",
    "Op Team De Linde roosteren de medewerkers sinds dit voorjaar zelf. We begonnen met spelregels die het "
    "team zelf opstelde: minimale bezetting, eerlijk verdeelde weekenden en vaste wisselmomenten. De planner "
    "bewaakt de bezetting en lost alleen op wat het team niet rond krijgt.\n\nWat werkte: kleine stappen, "
    "eerst één team, en elke vier weken evalueren. Wat we anders zouden doen: de leidinggevende eerder "
    "meenemen in de nieuwe rol. Ziekmeldingen op het laatste moment namen af en de werkdruk op de schaal "
    "'Werk en leiderschap' van het Huis van Werkvermogen verbeterde.",
)


def _evaluations(meeting, rng) -> None:
    definition = instruments.definition(services.EVALUATION)
    plan = instruments.plan(services.EVALUATION, definition.version)
    for _person in range(6):
        answers = {
            item.id: rng.choice([3, 4, 4, 5]) for item in definition.groups[0].items if item.id != "grade"
        }
        answers["grade"] = rng.choice([7, 8, 8, 9])
        vector = plan.to_vector(answers).astype(np.float32)
        MeetingEvaluation.objects.create(
            meeting=meeting, instrument_version=definition.version, answers=vector.tobytes()
        )


def care_network(builder) -> None:
    if Network.objects.filter(name=NAME).exists():
        return
    facilitator = Organisation.objects.filter(slug=FACILITATOR).first()
    members = {slug: Organisation.objects.filter(slug=slug).first() for slug in MEMBERS}
    if facilitator is None or None in members.values():
        return
    today = timezone.localdate()
    now = timezone.now()
    frank = User.objects.get(email="facilitator@netwerk.demo")
    network = Network(
        name=NAME,
        description="Zorgorganisaties in de regio leren van elkaar over gezond werken en het behoud van "
        "medewerkers.",
        region=LabourMarketRegion.objects.get(name="Rijk van Nijmegen"),
        sector="Zorg en welzijn",
        facilitator=facilitator,
    )
    ambassadors = {members[slug] for slug, ambassador in MEMBERS.items() if ambassador}
    services.save_network(None, network, list(members.values()), ambassadors)
    meetings = []
    for days, title, themes, agenda in MEETINGS:
        meeting = services.plan_meeting(
            None,
            network,
            title=title,
            date=today + datetime.timedelta(days=days),
            half_day=HalfDay.AFTERNOON,
            location="Zorggroep De Linde, Nijmegen",
            agenda=agenda,
            themes=[str(t) for t in themes],
        )
        if days < 0:
            services.record_attendance(
                None, meeting, {members["zorggroep-de-linde"].pk: 3, members["thuiszorg-waalland"].pk: 2}
            )
        meetings.append(meeting)
    for index, slug, title, kind, status, phase, due, quiet in TAKE_HOMES:
        owner = User.objects.get(email=HR[slug])
        meeting = meetings[index]
        action = services.take_home(
            owner,
            meeting,
            members[slug],
            title=title,
            description="",
            theme=meeting.themes[0],
            kind=kind,
            owner=owner,
            due_date=today + datetime.timedelta(days=due),
        )
        from inzetbaar.plans import services as plans

        if status != Status.PLANNED or phase != Phase.PLAN:
            plans.update_action(
                owner, action, status=status, phase=phase, note="Teruggekoppeld in het netwerk."
            )
        action.last_progress_at = now - datetime.timedelta(days=quiet)
        action.save(update_fields=["last_progress_at"])
        action.updates.update(at=action.last_progress_at)
    theme, title, story = PRACTICE
    services.write_good_practice(
        User.objects.get(email=HR["zorggroep-de-linde"]),
        network,
        members["zorggroep-de-linde"],
        theme=theme,
        title=title,
        story=story,
    )
    _evaluations(meetings[0], builder.random)
    services.add_network_action(
        frank,
        network,
        title="Regionale dag over werkdruk organiseren",
        description="",
        theme=Theme.HEALTHY_WORK,
        owner=frank,
        start_date=today - datetime.timedelta(days=60),
        due_date=today + datetime.timedelta(days=90),
        status=Status.IN_PROGRESS,
        phase=Phase.DO,
    )
    services.add_network_action(
        frank,
        network,
        title="Gezamenlijke vacaturebank voor interne mobiliteit",
        description="",
        theme=Theme.LIFELONG_LEARNING,
        owner=frank,
        start_date=today,
        due_date=today + datetime.timedelta(days=180),
    )
    builder.report.count("lerende netwerken", True)
