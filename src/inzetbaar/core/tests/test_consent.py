"""Consent: granted and revoked by the person, each change audited, revocation effective at once."""

import pytest

from inzetbaar.core import services
from inzetbaar.core.models import AuditEvent, Consent, ConsentPurpose

from .factories import OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
PURPOSE = ConsentPurpose.SHARE_RESULT_WITH_MANAGER


def test_grant_and_revoke_are_audited_and_take_effect_at_once():
    person = UserFactory()
    target = UnitFactory()  # any object will do for the consent itself
    organisation = target.organisation
    assert not services.has_consent(person, PURPOSE, target)

    consent = services.grant_consent(person, PURPOSE, target, organisation=organisation)
    assert services.grant_consent(person, PURPOSE, target, organisation=organisation) == consent
    assert services.has_consent(person, PURPOSE, target)
    granted = AuditEvent.objects.get(event="consent_granted")
    assert (granted.actor, granted.subject, granted.organisation) == (person, person, organisation)
    assert granted.object_id == str(target.pk) and granted.details == {"purpose": PURPOSE}

    assert services.revoke_consent(person, PURPOSE, target, organisation=organisation)
    assert not services.has_consent(person, PURPOSE, target)
    assert not services.revoke_consent(person, PURPOSE, target, organisation=organisation)
    assert AuditEvent.objects.filter(event="consent_revoked", subject=person).count() == 1
    assert Consent.objects.get().revoked_at is not None  # the history stays


def test_consent_is_per_person_and_per_object():
    person, other = UserFactory(), UserFactory()
    target, other_target = UnitFactory(), UnitFactory(organisation=OrganisationFactory())
    services.grant_consent(person, PURPOSE, target)
    assert not services.has_consent(other, PURPOSE, target)
    assert not services.has_consent(person, PURPOSE, other_target)
