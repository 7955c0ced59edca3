"""Read-side queries of core that views share: the audit search and the unit tree."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEvent, Organisation, Unit


def search_audit(events: QuerySet, *, event="", person="", date_from=None, date_to=None) -> QuerySet:
    if event:
        events = events.filter(event=event)
    if person:
        events = events.filter(
            Q(actor_label__icontains=person)
            | Q(actor__full_name__icontains=person)
            | Q(subject__email__icontains=person)
            | Q(subject__full_name__icontains=person)
        )
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(at__gte=datetime.datetime.combine(date_from, datetime.time.min, tz))
    if date_to:
        events = events.filter(
            at__lt=datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tz)
        )
    return events.select_related("actor", "subject", "organisation")


def audit_events_of(organisations) -> QuerySet:
    return AuditEvent.objects.filter(organisation__in=organisations)


def unit_tree(organisation: Organisation) -> list[Unit]:
    """The organisation's units in tree order (parents before children), each with its depth."""
    return list(Unit.objects.filter(organisation=organisation).order_by("path"))
