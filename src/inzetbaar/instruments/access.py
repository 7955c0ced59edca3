"""How campaign objects hang under organisations and units, and the audit events of this app."""

from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import register_scope
from inzetbaar.core.audit import register_event

from .models import Campaign, Invitation, Response

register_scope(Campaign, organisation="organisation")
register_scope(Invitation, organisation="campaign__organisation", unit="unit")
register_scope(Response, organisation="campaign__organisation", unit="unit")

CAMPAIGN_STARTED = register_event("campaign_started", _("Meting gestart"))
INVITATIONS_SENT = register_event("campaign_invitations_sent", _("Uitnodigingen voor een meting verstuurd"))
REMINDERS_SENT = register_event("campaign_reminders_sent", _("Herinneringen voor een meting verstuurd"))
LINKS_DOWNLOADED = register_event("campaign_links_downloaded", _("Persoonlijke links gedownload"))
RESULT_VIEWED = register_event(
    "individual_result_viewed", _("Individuele uitslag van een vragenlijst bekeken"), personal_data_view=True
)
REPORT_EXPORTED = register_event("group_report_exported", _("Groepsuitkomsten geëxporteerd"))
