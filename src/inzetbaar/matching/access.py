"""Who reaches which matching records, and the audit events of this app.

Every matching page acts for one organisation (the slug in its URL) in which the user holds a role with
the page's capability. From there:
- candidates belong to the organisation that guides them; a partner reaches them only under an active
  agreement that shares candidates, and only those who consented to sharing with partners;
- employers and their openings are reached by the employer service point that serves them, by partners
  under an agreement that shares employers, and by the employer itself (its own login);
- introductions and placements are reached by whoever reaches their candidate, and by the employer side.
Everything else answers 404.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import get_visible_or_404, register_scope, require_capability
from inzetbaar.core.audit import register_event
from inzetbaar.core.models import Consent, ConsentPurpose, Organisation, User
from inzetbaar.core.roles import Capability

from .models import (
    CandidateProfile,
    ContactMoment,
    EmployerProfile,
    Introduction,
    MatchingRound,
    Opening,
    PartnerAgreement,
    Placement,
)

register_scope(CandidateProfile, organisation="organisation")
register_scope(EmployerProfile, organisation="organisation")
register_scope(ContactMoment, organisation="employer__organisation")
register_scope(Opening, organisation="employer__organisation")
register_scope(MatchingRound, organisation="organisation")
register_scope(PartnerAgreement, organisation="owner")
register_scope(Introduction, organisation="candidate__organisation")
register_scope(Placement, organisation="introduction__candidate__organisation")

CANDIDATE_VIEWED = register_event(
    "candidate_viewed", _("Profiel van een werkzoekende bekeken"), personal_data_view=True
)
CANDIDATE_CHANGED = register_event("candidate_changed", _("Profiel van een werkzoekende gewijzigd"))
ROUND_RUN = register_event("matching_round_run", _("Matchronde gedraaid"))
ROUND_FINISHED = register_event("matching_round_finished", _("Matchronde afgerond"))
PROPOSAL_DECIDED = register_event("proposal_decided", _("Matchvoorstel beoordeeld"))
INTRODUCTION_CHANGED = register_event("introduction_changed", _("Kennismaking bijgewerkt"))
INTRODUCTION_VIEWED = register_event(
    "introduction_viewed", _("Kennismaking met naam bekeken door de werkgever"), personal_data_view=True
)
PLACEMENT_CHANGED = register_event("placement_changed", _("Plaatsing bijgewerkt"))
EMPLOYER_CHANGED = register_event("employer_changed", _("Werkgever of vacature bijgewerkt"))
AGREEMENT_CHANGED = register_event("partner_agreement_changed", _("Samenwerkingsafspraak vastgelegd"))
FIGURES_EXPORTED = register_event("matching_figures_exported", _("Cijfers van matchen geëxporteerd"))


def acting_organisation(user: User, slug: str, capability: str, *, action: bool = False) -> Organisation:
    """The organisation a page acts for: 404 unless the user may use `capability` there (403 for an
    action by a member who lacks it)."""
    if not action:
        return get_visible_or_404(Organisation, user, capability, slug=slug)
    organisation = get_visible_or_404(Organisation, user, Capability.VIEW_ORGANISATION, slug=slug)
    require_capability(user, organisation, capability)
    return organisation


def _agreements(partner: Organisation, field: str):
    today = timezone.localdate()
    return PartnerAgreement.objects.filter(
        Q(end__isnull=True) | Q(end__gte=today), partner=partner, start__lte=today, **{field: True}
    )


def candidate_owners_sharing_with(organisation: Organisation) -> list[int]:
    return list(_agreements(organisation, "shares_candidates").values_list("owner_id", flat=True))


def employer_owners_sharing_with(organisation: Organisation) -> list[int]:
    return list(_agreements(organisation, "shares_employers").values_list("owner_id", flat=True))


def candidates_for(organisation: Organisation):
    """Candidates an organisation reaches: its own, and partners' who consented to sharing."""
    shared = Q(organisation_id__in=candidate_owners_sharing_with(organisation)) & Q(
        person_id__in=Consent.objects.active()
        .filter(purpose=ConsentPurpose.SHARE_WITH_PARTNERS)
        .values("subject_id")
    )
    return CandidateProfile.objects.filter(Q(organisation=organisation) | shared).select_related(
        "person", "organisation", "municipality"
    )


def employers_for(organisation: Organisation):
    """Employers an organisation reaches: those it serves, those partners share, or itself."""
    owners = employer_owners_sharing_with(organisation)
    return EmployerProfile.objects.filter(
        Q(service_point=organisation) | Q(service_point_id__in=owners) | Q(organisation=organisation)
    ).select_related("organisation", "service_point", "location", "relationship_manager")


def openings_for(organisation: Organisation):
    return Opening.objects.filter(employer__in=employers_for(organisation)).select_related(
        "employer__organisation", "employer__location"
    )


def introductions_for(organisation: Organisation):
    """Introductions of reachable candidates, plus those at the organisation's own or served employers."""
    return Introduction.objects.filter(
        Q(candidate__in=candidates_for(organisation))
        | Q(opening__employer__organisation=organisation)
        | Q(opening__employer__service_point=organisation)
    ).select_related("candidate__person", "candidate__organisation", "opening__employer__organisation")


def employer_introductions(organisation: Organisation):
    """What an employer's own login reaches: introductions at its openings."""
    return Introduction.objects.filter(opening__employer__organisation=organisation).select_related(
        "candidate", "opening__employer__organisation"
    )


def placements_for(organisation: Organisation):
    return Placement.objects.filter(introduction__in=introductions_for(organisation)).select_related(
        "introduction__candidate__person", "introduction__opening__employer__organisation"
    )


def introduction_consented(introduction: Introduction) -> bool:
    return (
        Consent.objects.active()
        .filter(
            subject_id=introduction.candidate.person_id,
            purpose=ConsentPurpose.INTRODUCTION,
            content_type=ContentType.objects.get_for_model(Introduction),
            object_id=introduction.pk,
        )
        .exists()
    )


def get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
