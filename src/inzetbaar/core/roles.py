"""Roles a person can hold in an organisation, and what each role may do (its capabilities).

Capabilities, not roles, are what views and access helpers ask for: a later app adds a capability and
grants it to the roles that need it, and no view has to list roles itself.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Medewerker")
    MANAGER = "manager", _("Leidinggevende")
    HR = "hr", _("HR")
    WORKS_COUNCIL = "works_council", _("Ondernemingsraad")
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    CLIENT_MANAGER = "client_manager", _("Klantmanager")
    RELATIONSHIP_MANAGER = "relationship_manager", _("Relatiemanager")
    NETWORK_FACILITATOR = "network_facilitator", _("Netwerkfacilitator")
    CANDIDATE = "candidate", _("Werkzoekende")
    ORG_ADMIN = "org_admin", _("Beheerder organisatie")


class Capability(models.TextChoices):
    VIEW_ORGANISATION = "view_organisation", _("De organisatie en haar onderdelen bekijken")
    VIEW_MEMBERS = "view_members", _("Zien wie er bij de organisatie hoort")
    MANAGE_MEMBERS = "manage_members", _("Mensen en rollen toevoegen, wijzigen en beëindigen")
    MANAGE_UNITS = "manage_units", _("Afdelingen en teams beheren")
    VIEW_AUDIT = "view_audit", _("Het logboek van de organisatie doorzoeken")
    MANAGE_CAMPAIGNS = "manage_campaigns", _("Metingen starten en uitnodigingen versturen")
    VIEW_GROUP_REPORTS = "view_group_reports", _("Groepsuitkomsten van metingen bekijken")
    VIEW_RELIABILITY = "view_reliability", _("De betrouwbaarheid van vragenlijstschalen bekijken")
    VIEW_SHARED_RESULTS = (
        "view_shared_results",
        _("Eigen uitslagen inzien die medewerkers met toestemming delen (leidinggevende)"),
    )
    VIEW_MEDICAL_RESULTS = (
        "view_medical_results",
        _("Individuele uitslagen van medische vragenlijsten inzien (bedrijfsarts)"),
    )
    VIEW_ABSENCE_FIGURES = "view_absence_figures", _("Verzuimcijfers per onderdeel bekijken")
    IMPORT_ABSENCE = "import_absence", _("Dienstverbanden en verzuim inlezen")
    VIEW_ABSENCE_SPELLS = "view_absence_spells", _("Verzuimperiodes van medewerkers inzien (HR)")
    USE_TOOLBOX = "use_toolbox", _("Het keuzemenu van de toolbox invullen")
    VIEW_SUGGESTIONS = (
        "view_suggestions",
        _("Voorgestelde interventies bij groepsuitkomsten bekijken (HR, ondernemingsraad)"),
    )
    VIEW_PLANS = "view_plans", _("Jaarplannen en acties van de organisatie bekijken")
    MANAGE_PLANS = "manage_plans", _("Jaarplannen, doelen en acties opstellen en bijwerken")
    TAKE_PART_IN_NETWORKS = (
        "take_part_in_networks",
        _("Meedoen in lerende netwerken: bijeenkomsten, acties en goede voorbeelden"),
    )
    FACILITATE_NETWORKS = (
        "facilitate_networks",
        _("Lerende netwerken begeleiden: bijeenkomsten plannen en de opvolging volgen"),
    )
    MANAGE_CANDIDATES = "manage_candidates", _("Werkzoekenden begeleiden en hun profiel bijhouden")
    MANAGE_EMPLOYERS = "manage_employers", _("Werkgevers, contactmomenten en vacatures bijhouden")
    RUN_MATCHING = "run_matching", _("Matchrondes draaien en voorstellen beoordelen")
    VIEW_MATCHING_FIGURES = "view_matching_figures", _("De cijfers van matchen in de regio bekijken")
    EMPLOYER_MATCHING = (
        "employer_matching",
        _("Eigen vacatures, kennismakingen en terugkoppeling (werkgever)"),
    )
    MANAGE_AGREEMENTS = "manage_agreements", _("Samenwerkingsafspraken met partners in de regio vastleggen")


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.EMPLOYEE: frozenset({Capability.VIEW_ORGANISATION}),
    Role.MANAGER: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.VIEW_GROUP_REPORTS,
            Capability.VIEW_SHARED_RESULTS,
            Capability.VIEW_ABSENCE_FIGURES,
            Capability.USE_TOOLBOX,
            Capability.VIEW_PLANS,
        }
    ),
    Role.HR: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.EMPLOYER_MATCHING,
            Capability.MANAGE_UNITS,
            Capability.MANAGE_CAMPAIGNS,
            Capability.VIEW_GROUP_REPORTS,
            Capability.VIEW_RELIABILITY,
            Capability.VIEW_ABSENCE_FIGURES,
            Capability.IMPORT_ABSENCE,
            Capability.VIEW_ABSENCE_SPELLS,
            Capability.USE_TOOLBOX,
            Capability.VIEW_SUGGESTIONS,
            Capability.VIEW_PLANS,
            Capability.MANAGE_PLANS,
            Capability.TAKE_PART_IN_NETWORKS,
        }
    ),
    Role.WORKS_COUNCIL: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_GROUP_REPORTS,
            Capability.VIEW_ABSENCE_FIGURES,
            Capability.USE_TOOLBOX,
            Capability.VIEW_SUGGESTIONS,
            Capability.VIEW_PLANS,
        }
    ),
    Role.OCCUPATIONAL_PHYSICIAN: frozenset({Capability.VIEW_ORGANISATION, Capability.VIEW_MEDICAL_RESULTS}),
    Role.CLIENT_MANAGER: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.MANAGE_CANDIDATES,
            Capability.RUN_MATCHING,
            Capability.VIEW_MATCHING_FIGURES,
        }
    ),
    Role.RELATIONSHIP_MANAGER: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.MANAGE_EMPLOYERS,
            Capability.RUN_MATCHING,
            Capability.VIEW_MATCHING_FIGURES,
        }
    ),
    Role.NETWORK_FACILITATOR: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.USE_TOOLBOX,
            Capability.FACILITATE_NETWORKS,
        }
    ),
    Role.CANDIDATE: frozenset(),
    Role.ORG_ADMIN: frozenset(
        {
            Capability.VIEW_ORGANISATION,
            Capability.VIEW_MEMBERS,
            Capability.MANAGE_MEMBERS,
            Capability.MANAGE_UNITS,
            Capability.VIEW_AUDIT,
            Capability.EMPLOYER_MATCHING,
            Capability.MANAGE_AGREEMENTS,
            Capability.MANAGE_CAMPAIGNS,
            Capability.VIEW_GROUP_REPORTS,
            Capability.VIEW_RELIABILITY,
            Capability.VIEW_ABSENCE_FIGURES,
            Capability.USE_TOOLBOX,
            Capability.VIEW_PLANS,
            Capability.MANAGE_PLANS,
            Capability.TAKE_PART_IN_NETWORKS,
        }
    ),
}

# Roles whose reach inside their organisation is limited to units: a manager sees the units they manage
# (with everything below them), an employee the unit they work in.
UNIT_SCOPED_ROLES = frozenset({Role.MANAGER, Role.EMPLOYEE})


def roles_with(capability: str) -> frozenset[str]:
    return frozenset(role for role, caps in ROLE_CAPABILITIES.items() if capability in caps)
