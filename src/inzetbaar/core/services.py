"""Core operations on people, memberships and consents; each change writes its audit event.

Views, the admin, the CLI and the demo generator call these, never the models directly, so no change to
who-may-do-what escapes the audit log.
"""

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import audit
from .models import Consent, Membership, Organisation, Unit, User
from .roles import Role


class MembershipError(ValueError):
    """A membership change that is not allowed; the message is shown to the person making it."""


def _check_units(organisation: Organisation, units) -> list[Unit]:
    units = list(units or [])
    foreign = [unit for unit in units if unit.organisation_id != organisation.pk]
    if foreign:
        raise MembershipError(
            _("%(unit)s hoort niet bij %(organisation)s.")
            % {"unit": foreign[0], "organisation": organisation}
        )
    return units


def _unit_ids(membership: Membership) -> list[int]:
    return sorted(membership.units.values_list("pk", flat=True))


@transaction.atomic
def add_membership(
    actor: User | None,
    *,
    user: User,
    organisation: Organisation,
    role: str,
    units=(),
    start: datetime.date | None = None,
    reason: str = "",
    request=None,
) -> Membership:
    if role not in Role.values:
        raise MembershipError(_("Onbekende rol: %(role)s.") % {"role": role})
    units = _check_units(organisation, units)
    if Membership.objects.filter(user=user, organisation=organisation, role=role, end__isnull=True).exists():
        raise MembershipError(
            _("%(person)s heeft de rol %(role)s al bij %(organisation)s.")
            % {"person": user, "role": Role(role).label, "organisation": organisation}
        )
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, start=start or timezone.localdate()
    )
    membership.units.set(units)
    audit.record(
        audit.MEMBERSHIP_ADDED,
        actor=actor,
        request=request,
        organisation=organisation,
        subject=user,
        target=membership,
        reason=reason,
        role=role,
        units=[unit.pk for unit in units],
    )
    return membership


@transaction.atomic
def change_membership(
    actor: User | None,
    membership: Membership,
    *,
    role: str | None = None,
    units=None,
    reason="",
    request=None,
) -> Membership:
    before = {"role": membership.role, "units": _unit_ids(membership)}
    if role is not None and role != membership.role:
        if role not in Role.values:
            raise MembershipError(_("Onbekende rol: %(role)s.") % {"role": role})
        clash = Membership.objects.filter(
            user=membership.user, organisation=membership.organisation, role=role, end__isnull=True
        ).exclude(pk=membership.pk)
        if clash.exists():
            raise MembershipError(
                _("%(person)s heeft de rol %(role)s al.")
                % {"person": membership.user, "role": Role(role).label}
            )
        membership.role = role
        membership.save(update_fields=["role"])
    if units is not None:
        membership.units.set(_check_units(membership.organisation, units))
    after = {"role": membership.role, "units": _unit_ids(membership)}
    if after != before:
        audit.record(
            audit.MEMBERSHIP_CHANGED,
            actor=actor,
            request=request,
            organisation=membership.organisation,
            subject=membership.user,
            target=membership,
            reason=reason,
            before=before,
            after=after,
        )
    return membership


@transaction.atomic
def end_membership(
    actor: User | None, membership: Membership, *, end: datetime.date | None = None, reason="", request=None
) -> Membership:
    end = end or timezone.localdate()
    if membership.end is not None:
        raise MembershipError(
            _("Deze rol is al beëindigd op %(end)s.") % {"end": f"{membership.end:%d-%m-%Y}"}
        )
    if end < membership.start:
        raise MembershipError(_("De einddatum ligt vóór de begindatum."))
    if membership.role == Role.ORG_ADMIN and not _other_admin_exists(membership):
        raise MembershipError(_("Een organisatie houdt minstens één beheerder."))
    membership.end = end
    membership.save(update_fields=["end"])
    audit.record(
        audit.MEMBERSHIP_ENDED,
        actor=actor,
        request=request,
        organisation=membership.organisation,
        subject=membership.user,
        target=membership,
        reason=reason,
        end=end.isoformat(),
    )
    return membership


def _other_admin_exists(membership: Membership) -> bool:
    return (
        Membership.objects.active()
        .filter(organisation=membership.organisation, role=Role.ORG_ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def add_person(
    actor: User | None,
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str,
    units=(),
    reason: str = "",
    request=None,
    send_invitation: bool = True,
) -> Membership:
    """Give a person a role in an organisation, creating their account (without a password) when new.

    A new person gets an e-mail with a link to choose their password: the platform never sends one.
    """
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, full_name=full_name.strip())
    membership = add_membership(
        actor, user=user, organisation=organisation, role=role, units=units, reason=reason, request=request
    )
    if created and send_invitation and request is not None:
        transaction.on_commit(lambda: send_password_link(request, email))
    return membership


def send_password_link(request, email: str) -> None:
    """Mail a link to choose a password. Unlike Django's reset form, it also reaches new accounts."""
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        return
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "protocol": "https" if request.is_secure() else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "site_name": "Inzetbaar",
    }
    subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    body = render_to_string("registration/password_reset_email.txt", context)
    send_mail(subject, body, None, [user.email])


# --- consent ------------------------------------------------------------------------------------------


def _consents(subject: User, purpose: str, target: models.Model):
    return Consent.objects.active().filter(
        subject=subject,
        purpose=purpose,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    )


def has_consent(subject: User, purpose: str, target: models.Model) -> bool:
    return _consents(subject, purpose, target).exists()


@transaction.atomic
def grant_consent(
    subject: User,
    purpose: str,
    target: models.Model,
    *,
    organisation: Organisation | None = None,
    request=None,
) -> Consent:
    """Record the subject's consent for `purpose` about `target`; granting it again changes nothing."""
    existing = _consents(subject, purpose, target).select_for_update().first()
    if existing is not None:
        return existing
    consent = Consent.objects.create(
        subject=subject,
        purpose=purpose,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
    )
    audit.record(
        audit.CONSENT_GRANTED,
        actor=subject,
        request=request,
        organisation=organisation,
        subject=subject,
        target=target,
        purpose=purpose,
    )
    return consent


@transaction.atomic
def revoke_consent(
    subject: User,
    purpose: str,
    target: models.Model,
    *,
    organisation: Organisation | None = None,
    request=None,
) -> bool:
    """End the subject's consent at once; False when there was none to revoke."""
    revoked = _consents(subject, purpose, target).update(revoked_at=timezone.now())
    if revoked:
        audit.record(
            audit.CONSENT_REVOKED,
            actor=subject,
            request=request,
            organisation=organisation,
            subject=subject,
            target=target,
            purpose=purpose,
        )
    return bool(revoked)
