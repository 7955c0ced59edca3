"""The audit log: named events answering "who did what to which object, when and why".

Every event name is registered here with its meaning, so the log stays searchable and a typo fails loudly.
Apps add their own events with `register_event`. Views of an individual's personal data are recorded with
`record_personal_data_view`, which is the one call every later issue uses for that purpose.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Organisation, User


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    personal_data_view: bool = False


EVENT_TYPES: dict[str, EventType] = {}


def register_event(name: str, label, *, personal_data_view: bool = False) -> EventType:
    if name in EVENT_TYPES:
        raise ValueError(f"Audit event {name!r} is registered twice")
    EVENT_TYPES[name] = EventType(name, label, personal_data_view)
    return EVENT_TYPES[name]


LOGIN = register_event("login", _("Ingelogd"))
LOGIN_FAILED = register_event("login_failed", _("Inloggen mislukt"))
LOCKOUT = register_event("lockout", _("Account tijdelijk geblokkeerd na mislukte pogingen"))
LOGOUT = register_event("logout", _("Uitgelogd"))
PASSWORD_RESET_REQUESTED = register_event("password_reset_requested", _("Nieuw wachtwoord aangevraagd"))
PASSWORD_CHANGED = register_event("password_changed", _("Wachtwoord gewijzigd"))
MEMBERSHIP_ADDED = register_event("membership_added", _("Rol toegekend"))
MEMBERSHIP_CHANGED = register_event("membership_changed", _("Rol gewijzigd"))
MEMBERSHIP_ENDED = register_event("membership_ended", _("Rol beëindigd"))
PROFILE_VIEWED = register_event("profile_viewed", _("Persoonsgegevens bekeken"), personal_data_view=True)
AUDIT_SEARCHED = register_event("audit_searched", _("Logboek doorzocht"))
CONSENT_GRANTED = register_event("consent_granted", _("Toestemming gegeven"))
CONSENT_REVOKED = register_event("consent_revoked", _("Toestemming ingetrokken"))


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    event: EventType | str,
    *,
    actor: User | None = None,
    actor_label: str = "",
    organisation: Organisation | None = None,
    subject: User | None = None,
    target: models.Model | None = None,
    reason: str = "",
    request=None,
    **details,
) -> AuditEvent:
    """Write one audit event. `subject` is the person whose data it concerns; `target` the object touched."""
    name = event.name if isinstance(event, EventType) else event
    if name not in EVENT_TYPES:
        raise ValueError(f"Unknown audit event {name!r}; register it with register_event()")
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        event=name,
        actor=actor,
        actor_label=actor_label or (actor.email if actor else ""),
        organisation=organisation,
        subject=subject,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:255] if target is not None else "",
        reason=reason[:255],
        ip_address=_client_ip(request),
        details=details,
    )


def record_personal_data_view(
    request,
    *,
    subject: User,
    target: models.Model,
    organisation: Organisation | None,
    reason: str,
    event: EventType = PROFILE_VIEWED,
) -> AuditEvent:
    """Record that the signed-in user looked at `subject`'s personal data, and why."""
    if not event.personal_data_view:
        raise ValueError(f"{event.name} is not a personal-data view event")
    return record(
        event, request=request, subject=subject, target=target, organisation=organisation, reason=reason
    )


def personal_data_views_of(user: User):
    """Who looked at this person's data: the events the person can see on their own page."""
    names = [e.name for e in EVENT_TYPES.values() if e.personal_data_view]
    return AuditEvent.objects.filter(subject=user, event__in=names).select_related("actor", "organisation")


def label_of(name: str):
    event_type = EVENT_TYPES.get(name)
    return event_type.label if event_type else name
