"""How plan objects hang under organisations, and the audit events of this app."""

from django.utils.translation import gettext_lazy as _

from inzetbaar.core.access import register_scope
from inzetbaar.core.audit import register_event

from .models import Action, AnnualPlan, Goal

register_scope(AnnualPlan, organisation="organisation")
register_scope(Goal, organisation="plan__organisation")
register_scope(Action, organisation="plan__organisation")

PLAN_CREATED = register_event("annual_plan_created", _("Jaarplan gemaakt"))
PLAN_CHANGED = register_event("annual_plan_changed", _("Jaarplan gewijzigd"))
ACTION_CREATED = register_event("plan_action_created", _("Actie toegevoegd aan een jaarplan"))
ACTION_UPDATED = register_event("plan_action_updated", _("Voortgang van een actie bijgewerkt"))
