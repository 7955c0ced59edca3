"""How absence objects hang under organisations, and the audit events of this app."""

from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import register_scope
from inzetbaar.core.audit import register_event

from .models import AbsenceSpell, Employment, ImportBatch

register_scope(ImportBatch, organisation="organisation")
register_scope(Employment, organisation="organisation", unit="unit")
register_scope(AbsenceSpell, organisation="organisation")

IMPORTED = register_event("absence_imported", _("Verzuimgegevens ingelezen"))
IMPORT_REFUSED = register_event("absence_import_refused", _("Verzuimbestand geweigerd"))
SPELLS_VIEWED = register_event(
    "absence_spells_viewed", _("Verzuimperiodes van medewerkers bekeken"), personal_data_view=True
)
FIGURES_EXPORTED = register_event("absence_report_exported", _("Verzuimrapport gedownload"))
SETTINGS_CHANGED = register_event("absence_settings_changed", _("Verzuiminstellingen gewijzigd"))
