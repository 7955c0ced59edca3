"""Who reaches a network, and the audit events of this app.

A network is reached through an organisation's page: the facilitator's organisation (with
FACILITATE_NETWORKS) or a member organisation (with TAKE_PART_IN_NETWORKS). Anything else answers 404,
as if the network did not exist; a member without the right to change something gets 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import get_visible_or_404, has_capability
from inzetbaar.core.audit import register_event
from inzetbaar.core.models import Organisation, OrganisationKind
from inzetbaar.core.roles import Capability

from .models import Network

NETWORK_CHANGED = register_event("network_changed", _("Lerend netwerk gewijzigd"))
MEETING_PLANNED = register_event("network_meeting_planned", _("Bijeenkomst van een lerend netwerk gepland"))
ATTENDANCE_RECORDED = register_event(
    "network_attendance_recorded", _("Aanwezigheid bij een bijeenkomst vastgelegd")
)
TAKE_HOME_RECORDED = register_event("network_take_home_recorded", _("Actie uit een bijeenkomst meegenomen"))
GOOD_PRACTICE_WRITTEN = register_event("network_good_practice_written", _("Goed voorbeeld geschreven"))
NETWORK_ACTION_CHANGED = register_event("network_action_changed", _("Actie van het netwerk bijgewerkt"))


@dataclass(frozen=True)
class Seat:
    """Where the user stands in a network, seen from one organisation's page."""

    organisation: Organisation
    network: Network
    facilitator: bool  # the page is the facilitator's organisation and the user may facilitate

    @property
    def member(self) -> bool:
        return not self.facilitator


def networks_capability(organisation: Organisation) -> str:
    """A network organisation facilitates networks; any other organisation takes part in them."""
    if organisation.kind == OrganisationKind.NETWORK_FACILITATOR:
        return Capability.FACILITATE_NETWORKS
    return Capability.TAKE_PART_IN_NETWORKS


def organisation_in_networks(user, slug) -> Organisation:
    """The organisation of the page, when the user may work on its networks (facilitate or take part)."""
    organisation = get_visible_or_404(Organisation, user, Capability.VIEW_ORGANISATION, slug=slug)
    if not has_capability(user, organisation, networks_capability(organisation)):
        raise Http404
    return organisation


def seat(user, slug, pk, *, facilitator_only=False, change=False) -> Seat:
    """The network `pk` seen from organisation `slug`: 404 unless the organisation facilitates it (and the
    user may facilitate) or is a member (and the user may take part). `change` (members only): 403 for a
    member of the organisation whose role may not act for it in networks."""
    organisation = get_visible_or_404(Organisation, user, Capability.VIEW_ORGANISATION, slug=slug)
    network = Network.objects.filter(pk=pk).select_related("facilitator", "region").first()
    if network is None:
        raise Http404
    if network.facilitator_id == organisation.pk:
        if not has_capability(user, organisation, Capability.FACILITATE_NETWORKS):
            raise PermissionDenied if change else Http404
        return Seat(organisation, network, True)
    if facilitator_only or not network.memberships.filter(organisation=organisation).exists():
        raise Http404
    if not has_capability(user, organisation, Capability.TAKE_PART_IN_NETWORKS):
        raise PermissionDenied if change else Http404
    return Seat(organisation, network, False)
