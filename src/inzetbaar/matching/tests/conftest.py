"""A small matching world: a municipality guiding two candidates, an employer service point serving one
employer with two openings, an agreement that shares the employers with the municipality."""

from dataclasses import dataclass

import pytest

from inzetbaar.core import services as core_services
from inzetbaar.core.models import ConsentPurpose, LabourMarketRegion, Organisation, OrganisationKind, User
from inzetbaar.core.roles import Role
from inzetbaar.core.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from inzetbaar.matching.models import CandidateProfile, EmployerProfile, Opening, PartnerAgreement, SeatClass


@dataclass
class World:
    region: LabourMarketRegion
    municipality_org: Organisation
    service_point: Organisation
    employer_org: Organisation
    client_manager: User
    relationship_manager: User
    employer_hr: User
    candidate: CandidateProfile
    other_candidate: CandidateProfile
    employer: EmployerProfile
    care: Opening
    warehouse: Opening


def _member(organisation, role, **kwargs) -> User:
    return MembershipFactory(organisation=organisation, role=role, **kwargs).user


def make_candidate(
    organisation, municipality, email, *, skills, passions, sectors, benefit="Participatiewet"
):
    person = UserFactory(email=email, full_name=email.split("@")[0].title())
    MembershipFactory(organisation=organisation, role=Role.CANDIDATE, user=person)
    candidate = CandidateProfile.objects.create(
        person=person,
        organisation=organisation,
        municipality=municipality,
        skills=skills,
        passions=passions,
        sectors=sectors,
        hours_min=20,
        hours_max=32,
        benefit=benefit,
    )
    core_services.grant_consent(person, ConsentPurpose.MATCHING, candidate)
    return candidate


@pytest.fixture
def world(db, settings) -> World:
    settings.MATCHING_TEXT_SIMILARITY = False  # the model is tested once, separately
    region = LabourMarketRegion.objects.get(code="AM08")  # Rijk van Nijmegen
    nijmegen = region.municipalities.get(name="Nijmegen")
    municipality_org = OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY, region=region, municipality=nijmegen
    )
    service_point = OrganisationFactory(
        kind=OrganisationKind.EMPLOYER_SERVICE_POINT, region=region, municipality=nijmegen
    )
    employer_org = OrganisationFactory(
        kind=OrganisationKind.EMPLOYER, region=region, municipality=nijmegen, sector="Zorg"
    )
    relationship_manager = _member(service_point, Role.RELATIONSHIP_MANAGER)
    employer = EmployerProfile.objects.create(
        organisation=employer_org,
        service_point=service_point,
        relationship_manager=relationship_manager,
        location=nijmegen,
    )
    care = Opening.objects.create(
        employer=employer,
        title="Helpende zorg",
        seat_class=SeatClass.PAID_JOB,
        capacity=1,
        sector="zorg",
        skills=["ouderenzorg", "persoonlijke verzorging"],
        hours_min=20,
        hours_max=28,
    )
    warehouse = Opening.objects.create(
        employer=employer,
        title="Orderpicker",
        seat_class=SeatClass.TRIAL_PLACEMENT,
        capacity=1,
        sector="logistiek",
        skills=["orderpicken"],
        hours_min=24,
        hours_max=32,
    )
    PartnerAgreement.objects.create(owner=service_point, partner=municipality_org, shares_employers=True)
    candidate = make_candidate(
        municipality_org,
        nijmegen,
        "anna@example.test",
        skills=["ouderenzorg", "persoonlijke verzorging"],
        passions="Ik zorg graag voor ouderen",
        sectors=["zorg"],
    )
    other = make_candidate(
        municipality_org,
        nijmegen,
        "bram@example.test",
        skills=["orderpicken"],
        passions="Ik werk graag in een magazijn",
        sectors=["logistiek"],
        benefit="WW",
    )
    return World(
        region,
        municipality_org,
        service_point,
        employer_org,
        _member(municipality_org, Role.CLIENT_MANAGER),
        relationship_manager,
        _member(employer_org, Role.HR),
        candidate,
        other,
        employer,
        care,
        warehouse,
    )
