"""What each role can do here: the home page's content per membership.

Apps add their tasks with `add_task(role, ...)` from their AppConfig.ready(); the home page lists, per
membership a person holds, the role's purpose and the tasks that person can start now.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class Task:
    title: str
    description: str
    url_name: str  # reversed with the organisation's slug when `per_organisation`
    per_organisation: bool = True

    def url(self, organisation) -> str:
        return (
            reverse(self.url_name, args=[organisation.slug])
            if self.per_organisation
            else reverse(self.url_name)
        )


ROLE_PURPOSE = {
    Role.EMPLOYEE: _("U ziet uw eigen gegevens en wie ze heeft bekeken. Uw antwoorden zijn van u."),
    Role.MANAGER: _(
        "U ziet uw teams en wie erin werkt. Groepsuitkomsten ziet u alleen als de groep groot genoeg is."
    ),
    Role.HR: _("U beheert de afdelingen en teams en ziet wie er in de organisatie werkt."),
    Role.WORKS_COUNCIL: _(
        "U ziet de opbouw van de organisatie. De ondernemingsraad ziet alleen groepsuitkomsten."
    ),
    Role.OCCUPATIONAL_PHYSICIAN: _(
        "U ziet de organisaties waarvoor u werkt. Elke inzage in persoonsgegevens wordt vastgelegd."
    ),
    Role.CLIENT_MANAGER: _("U begeleidt werkzoekenden van uw organisatie naar werk."),
    Role.RELATIONSHIP_MANAGER: _("U onderhoudt het contact met werkgevers in de regio."),
    Role.NETWORK_FACILITATOR: _("U begeleidt lerende netwerken van werkgevers."),
    Role.CANDIDATE: _("U ziet uw eigen gegevens en wie ze heeft bekeken."),
    Role.ORG_ADMIN: _(
        "U beheert wie er bij uw organisatie hoort, met welke rol, en u doorzoekt het logboek."
    ),
}

ORGANISATION = Task(
    _("Organisatie bekijken"), _("Afdelingen, teams en gegevens van de organisatie."), "core:organisation"
)
MEMBERS = Task(_("Mensen en rollen"), _("Wie er bij de organisatie hoort en met welke rol."), "core:members")
ADD_PERSON = Task(
    _("Iemand toevoegen"), _("Een nieuwe collega een rol geven en uitnodigen."), "core:member_add"
)
AUDIT = Task(
    _("Logboek doorzoeken"), _("Wie heeft wat gedaan, wanneer en waarom."), "core:organisation_audit"
)

ROLE_TASKS: dict[str, list[Task]] = {
    Role.EMPLOYEE: [ORGANISATION],
    Role.MANAGER: [ORGANISATION, MEMBERS],
    Role.HR: [ORGANISATION, MEMBERS],
    Role.WORKS_COUNCIL: [ORGANISATION],
    Role.OCCUPATIONAL_PHYSICIAN: [ORGANISATION],
    Role.CLIENT_MANAGER: [ORGANISATION, MEMBERS],
    Role.RELATIONSHIP_MANAGER: [ORGANISATION, MEMBERS],
    Role.NETWORK_FACILITATOR: [ORGANISATION, MEMBERS],
    Role.CANDIDATE: [],
    Role.ORG_ADMIN: [MEMBERS, ADD_PERSON, AUDIT, ORGANISATION],
}


def add_task(role: str, task: Task, *, first: bool = False) -> None:
    tasks = ROLE_TASKS[role]
    tasks.insert(0, task) if first else tasks.append(task)


@dataclass(frozen=True)
class RoleCard:
    membership: object
    purpose: str
    tasks: list[tuple[Task, str]]


def role_cards(memberships) -> list[RoleCard]:
    return [
        RoleCard(m, ROLE_PURPOSE[m.role], [(task, task.url(m.organisation)) for task in ROLE_TASKS[m.role]])
        for m in memberships
    ]
