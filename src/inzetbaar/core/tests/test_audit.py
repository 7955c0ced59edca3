"""The audit log itself: named events only, append-only rows, personal-data views."""

import pytest

from inzetbaar.core import audit
from inzetbaar.core.models import AuditEvent

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_unknown_event_names_fail_loudly():
    with pytest.raises(ValueError, match="Unknown audit event"):
        audit.record("made_up_event")


def test_events_cannot_be_changed_or_deleted():
    event = audit.record(audit.LOGIN, actor_label="x@example.test")
    event.reason = "rewritten"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_an_event_records_who_what_which_object_and_why():
    membership = MembershipFactory()
    event = audit.record(
        audit.MEMBERSHIP_ADDED,
        actor=membership.user,
        subject=membership.user,
        target=membership,
        organisation=membership.organisation,
        reason="because",
        role="employee",
    )
    assert event.actor_label == membership.user.email
    assert (event.object_type, event.object_id) == ("core.membership", str(membership.pk))
    assert event.details == {"role": "employee"}


def test_only_personal_data_events_count_as_views_of_a_person():
    membership = MembershipFactory()
    with pytest.raises(ValueError):
        audit.record_personal_data_view(
            None, subject=membership.user, target=membership, organisation=None, reason="x", event=audit.LOGIN
        )


def test_event_names_are_registered_once():
    with pytest.raises(ValueError, match="twice"):
        audit.register_event("login", "again")
