"""Audit events for sign-in, sign-out, failed sign-in and lockout, from Django's and django-axes' signals."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .models import User


def _user_by_name(username: str | None) -> User | None:
    if not username:
        return None
    return User.objects.filter(email=username.strip().lower()).first()


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit.record(audit.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    # The attempted name is kept (so admins can see attacks on an account); the password never is.
    audit.record(
        audit.LOGIN_FAILED,
        actor=None,
        actor_label=username[:254],
        subject=_user_by_name(username),
        request=request,
    )


@receiver(user_locked_out)
def record_lockout(sender, request, username, ip_address, **kwargs):
    audit.record(
        audit.LOCKOUT,
        actor=None,
        actor_label=(username or "")[:254],
        subject=_user_by_name(username),
        request=request,
    )
