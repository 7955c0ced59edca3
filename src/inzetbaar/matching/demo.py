"""Demo data for matching: joined employers with openings, candidate profiles with consents, partner
agreements, one finished round with decisions, introductions in every state and placements up to
durable work. A step of ``inzetbaar.demo.generator``: skipped when it ran before (idempotent), and
deterministic by the builder's seeded ``random`` (dates are relative to today, so the figures are recent).

The demo candidate (werkzoekende@gemeente.demo) gets a profile and consents after the round, so a new
round is where she first appears.
"""

import datetime

from django.utils import timezone

from inzetbaar.core import services as core_services
from inzetbaar.core.models import ConsentPurpose, Membership, Organisation, OrganisationKind, User
from inzetbaar.core.roles import Role

from . import services
from .models import (
    Benefit,
    CandidateProfile,
    ContactKind,
    ContactMoment,
    Decision,
    EmployerProfile,
    Opening,
    Outcome,
    PartnerAgreement,
    SeatClass,
    SupportNeed,
)

SERVICE_POINT = "wsp-rijk-van-nijmegen"
ROUND_BY = ("klantmanager@gemeente.demo", "gemeente-nijmegen")
DEMO_CANDIDATE = "werkzoekende@gemeente.demo"
ROUND_SEED = 2026

# Sector of an employer (as written in the demo) → (vocabulary sector, skills, opening titles).
SECTORS = {
    "Zorg en welzijn": (
        "zorg",
        ["persoonlijke verzorging", "ouderenzorg", "huishoudelijke hulp", "samenwerken"],
        ["Helpende zorg", "Gastvrouw in de huiskamer"],
    ),
    "Logistiek": (
        "logistiek",
        ["orderpicken", "inpakken", "heftruck rijden", "punctueel"],
        ["Orderpicker", "Inpakker"],
    ),
    "Bouw": (
        "bouw",
        ["timmerwerk", "schilderen", "sloopwerk", "samenwerken"],
        ["Bouwplaatsmedewerker", "Schilder"],
    ),
    "Horeca": ("horeca", ["koken", "afwassen", "bedienen", "klantvriendelijk"], ["Keukenhulp", "Bediening"]),
    "Techniek": (
        "productie",
        ["assemblage", "machine bedienen", "kwaliteitscontrole"],
        ["Productiemedewerker", "Monteur"],
    ),
    "Detailhandel": (
        "detailhandel",
        ["kassawerk", "vakkenvullen", "klantenservice"],
        ["Vakkenvuller", "Kassamedewerker"],
    ),
    "Groenvoorziening": (
        "groen",
        ["tuinieren", "maaien", "snoeien", "wieden"],
        ["Groenmedewerker", "Hovenier"],
    ),
    "Schoonmaak": (
        "schoonmaak",
        ["kantoorschoonmaak", "sanitair schoonmaken", "vloeronderhoud"],
        ["Schoonmaker", "Glazenwasser"],
    ),
    "ICT": (
        "ict",
        ["computervaardigheden", "helpdesk", "hardware"],
        ["Helpdeskmedewerker", "Hardware-installateur"],
    ),
    "Metaal": ("productie", ["metaalbewerking", "lassen", "machine bedienen"], ["Lasser", "Metaalbewerker"]),
    "Voedingsmiddelen": (
        "voedingsmiddelenindustrie",
        ["productielijn", "inpakken", "kwaliteitscontrole"],
        ["Productiemedewerker voeding", "Inpakker"],
    ),
}
PASSIONS = {
    "zorg": "Ik zorg graag voor anderen en maak graag een praatje met ouderen.",
    "logistiek": "Ik werk graag met mijn handen, in een team en met een vaste structuur.",
    "bouw": "Ik bouw graag iets wat blijft staan en werk graag buiten.",
    "horeca": "Ik kook graag en vind het leuk als gasten het naar hun zin hebben.",
    "productie": "Ik werk graag nauwkeurig met machines en techniek.",
    "detailhandel": "Ik help graag klanten en houd van een opgeruimde winkel.",
    "groen": "Ik ben graag buiten in de natuur en werk met planten.",
    "schoonmaak": "Ik houd van schoon en netjes en werk graag zelfstandig.",
    "ict": "Ik puzzel graag met computers en help mensen met hun vragen.",
    "voedingsmiddelenindustrie": "Ik werk graag in een team aan een productielijn.",
}
# The state each introduction of the demo round reaches (see _advance), in turn: every state occurs, and
# enough reach durable work for the region figures to pass the disclosure minimum.
STATES = (6, 5, 0, 6, 4, 1, 6, 3, 5, 2, 6, 7)
GUIDES = ["gemeente-nijmegen", "gemeente-wijchen", "gemeente-berg-en-dal", "uwv-nijmegen"]


def matching_demo(builder) -> None:
    service_point = Organisation.objects.get(slug=SERVICE_POINT)
    if EmployerProfile.objects.filter(service_point=service_point).exists():
        return
    rng = builder.random
    today = timezone.localdate()
    relationship_manager = User.objects.get(email="relatiemanager@wsp.demo")
    employers = Organisation.objects.filter(region=builder.region, kind=OrganisationKind.EMPLOYER).order_by(
        "slug"
    )
    for number, organisation in enumerate(employers):
        profile = EmployerProfile.objects.create(
            organisation=organisation,
            service_point=service_point,
            relationship_manager=relationship_manager,
            location=organisation.municipality,
            joined_on=today - datetime.timedelta(days=20 + 27 * number),
            description=f"{organisation.name} doet mee aan de regionale aanpak.",
        )
        ContactMoment.objects.create(
            employer=profile,
            on=profile.joined_on - datetime.timedelta(days=14),
            kind=ContactKind.VISIT,
            outcome="Kennismaking; wil meedoen en plekken bieden.",
            next_step="Vacatures samen beschrijven.",
            by=relationship_manager,
        )
        sector, skills, titles = SECTORS.get(organisation.sector, SECTORS["Logistiek"])
        for index, title in enumerate(titles):
            seat_class = [SeatClass.PAID_JOB, SeatClass.TRIAL_PLACEMENT, SeatClass.WORK_EXPERIENCE][
                (number + index) % 3
            ]
            capacity = rng.randint(1, 3)
            Opening.objects.create(
                employer=profile,
                title=title,
                seat_class=seat_class,
                capacity=capacity,
                reserved_seats=1 if index == 0 and capacity > 1 else 0,
                hours_min=16,
                hours_max=rng.choice([24, 32, 36]),
                sector=sector,
                skills=rng.sample(skills, 2),
                offers=rng.sample(["coaching", "adjustments", "training", "buddy"], 2),
                description=f"{title} bij {organisation.name}.",
                created_at=timezone.now() - datetime.timedelta(days=10 + 29 * ((number + index) % 11)),
            )
        builder.report.count("aangesloten werkgevers", True)
    for guide in GUIDES:
        owner = Organisation.objects.get(slug=guide)
        PartnerAgreement.objects.create(owner=service_point, partner=owner, shares_employers=True)
    for first, second in (("gemeente-nijmegen", "uwv-nijmegen"), ("uwv-nijmegen", "gemeente-nijmegen")):
        PartnerAgreement.objects.create(
            owner=Organisation.objects.get(slug=first),
            partner=Organisation.objects.get(slug=second),
            shares_candidates=True,
        )
    _candidates(builder, today)
    _finished_round(builder, today)
    _demo_candidate(today)


def _candidates(builder, today) -> None:
    rng = builder.random
    sectors = sorted({entry[0] for entry in SECTORS.values()})
    memberships = (
        Membership.objects.filter(role=Role.CANDIDATE, organisation__slug__in=GUIDES, end__isnull=True)
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    for membership in memberships:
        if membership.user.email == DEMO_CANDIDATE:
            continue
        sector = rng.choice(sectors)
        skills = _skills_of(sector)
        uwv = membership.organisation.slug == "uwv-nijmegen"
        benefit = rng.choice(
            ["WW", "WIA", "Wajong", "ZW"] if uwv else ["Participatiewet", "Participatiewet", "IOAW"]
        )
        client_manager = Membership.objects.filter(
            organisation=membership.organisation, role=Role.CLIENT_MANAGER, end__isnull=True
        ).first()
        candidate = CandidateProfile.objects.create(
            person=membership.user,
            organisation=membership.organisation,
            client_manager=client_manager.user if client_manager else None,
            pseudonym=f"K-{membership.user.pk:05d}",
            municipality=membership.organisation.municipality,
            skills=[*rng.sample(skills, min(3, len(skills))), "betrouwbaar"],
            talents=[rng.choice(["samenwerken", "zelfstandig", "punctueel", "klantvriendelijk"])],
            passions=PASSIONS[sector],
            hours_min=rng.choice([16, 20, 24]),
            hours_max=rng.choice([28, 32, 36]),
            max_travel_minutes=rng.choice([30, 45, 60]),
            sectors=[sector],
            available_from=today,
            availability="ma–vr overdag",
            benefit=benefit,
            benefit_start=today - datetime.timedelta(days=rng.randint(60, 900)),
            target_group=benefit == Benefit.WAJONG or rng.random() < 0.1,
            support_needs=[SupportNeed.JOB_COACH] if benefit == Benefit.WAJONG else [],
            intake_date=today - datetime.timedelta(days=rng.randint(500, 700)),
        )
        core_services.grant_consent(membership.user, ConsentPurpose.MATCHING, candidate)
        if rng.random() < 0.6:
            core_services.grant_consent(membership.user, ConsentPurpose.SHARE_WITH_PARTNERS, candidate)
        builder.report.count("werkzoekendenprofielen", True)


def _skills_of(sector: str) -> list[str]:
    for key, skills, _titles in SECTORS.values():
        if key == sector:
            return skills
    return []


def _finished_round(builder, today) -> None:
    """A round of the municipality of Nijmegen, decided, with introductions in every state."""
    email, slug = ROUND_BY
    actor = User.objects.get(email=email)
    organisation = Organisation.objects.get(slug=slug)
    matching_round = services.run_round(
        actor,
        organisation,
        region=builder.region,
        seed=ROUND_SEED,
        reference_date=today - datetime.timedelta(days=420),
    )
    proposals = list(matching_round.proposals.select_related("opening").order_by("pk"))
    for number, proposal in enumerate(proposals):
        if number % 7 == 6:
            services.decide(actor, proposal, Decision.REJECTED, "Past nu niet: eerst taalcursus afronden.")
        else:
            services.decide(actor, proposal, Decision.ACCEPTED, "Goede match op vaardigheden en wensen.")
    services.finish_round(actor, matching_round)
    matching_round.created_at = timezone.now() - datetime.timedelta(days=420)
    matching_round.finished_at = matching_round.created_at + datetime.timedelta(days=2)
    matching_round.save(update_fields=["created_at", "finished_at"])
    introductions = list(
        matching_round.proposals.filter(introduction__isnull=False)
        .select_related("introduction__candidate__person")
        .order_by("pk")
    )
    for number, proposal in enumerate(introductions):
        _advance(actor, proposal.introduction, STATES[number % len(STATES)], today, number)
    builder.report.count("matchrondes", True)


def _advance(actor, introduction, state: int, today, number: int) -> None:
    """Move one introduction along: 0 proposed, 1 scheduled, 2 cancelled, 3 held without follow-up,
    4 on the work floor, 5 placed, 6 durable, 7 exited."""
    person = introduction.candidate.person
    introduction.created_at = timezone.now() - datetime.timedelta(days=400 - 3 * number)
    introduction.save(update_fields=["created_at"])
    if state == 0:
        return
    services.consent_to_introduction(person, introduction, True)
    when = (
        timezone.now() + datetime.timedelta(days=3)
        if state == 1
        else introduction.created_at + datetime.timedelta(days=10)
    )
    services.schedule(actor, introduction, when, "Bij de receptie", introduction.version)
    if state == 1:
        return
    if state == 2:
        services.cancel(actor, introduction, introduction.version)
        return
    employer_outcome = Outcome.STOP if state == 3 else Outcome.CONTINUE
    services.record_outcome(
        actor, introduction, "candidate", Outcome.CONTINUE, "Leuk gesprek.", introduction.version
    )
    services.record_outcome(actor, introduction, "employer", employer_outcome, "", introduction.version)
    if state == 3:
        return
    floor_start = when.date() + datetime.timedelta(days=14)
    placement = services.start_work_floor(
        actor, introduction, SeatClass.TRIAL_PLACEMENT, floor_start, floor_start + datetime.timedelta(days=60)
    )
    if state == 4:
        return
    contract_start = floor_start + datetime.timedelta(days=61)
    placement = services.place(
        actor,
        introduction,
        {
            "contract_start": contract_start,
            "contract_hours": 24,
            "contract_type": "temporary",
            "wage_subsidy": number % 2 == 0,
            "no_risk_policy": number % 3 == 0,
            "job_coach": introduction.candidate.benefit == Benefit.WAJONG,
            "benefit_after": "reduced",
        },
        placement.version,
    )
    if state == 6:
        for follow_up in placement.follow_ups.filter(due_on__lte=today).order_by("months"):
            services.complete_follow_up(actor, follow_up, True, "ended", on=follow_up.due_on)
    if state == 7:
        placement.refresh_from_db()
        services.exit_placement(
            actor, placement, contract_start + datetime.timedelta(days=40), "did_not_fit", placement.version
        )


def _demo_candidate(today) -> None:
    person = User.objects.get(email=DEMO_CANDIDATE)
    organisation = Organisation.objects.get(slug="gemeente-nijmegen")
    candidate = CandidateProfile.objects.create(
        person=person,
        organisation=organisation,
        client_manager=User.objects.get(email="klantmanager@gemeente.demo"),
        pseudonym="K-DEMO1",
        municipality=organisation.municipality,
        skills=["persoonlijke verzorging", "ouderenzorg", "samenwerken"],
        talents=["klantvriendelijk"],
        passions="Ik zorg graag voor ouderen en maak graag een praatje.",
        hours_min=20,
        hours_max=28,
        max_travel_minutes=45,
        sectors=["zorg"],
        available_from=today,
        availability="ma–do overdag",
        benefit=Benefit.PARTICIPATIEWET,
        benefit_start=today - datetime.timedelta(days=500),
        support_needs=[SupportNeed.SHORTER_DAYS],
        intake_date=today - datetime.timedelta(days=90),
    )
    core_services.grant_consent(person, ConsentPurpose.MATCHING, candidate)
