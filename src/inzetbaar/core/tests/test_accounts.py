"""Signing in and out, lockout, password reset by e-mail, Argon2 hashing and session expiry."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from inzetbaar.core.models import AuditEvent

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-test-wachtwoord"


def login(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_sign_in_with_email_is_audited_and_lands_on_home(client):
    user = MembershipFactory().user
    response = login(client, user.email.upper())
    assert response.status_code == 302 and response.url == reverse("home")
    assert AuditEvent.objects.filter(event="login", actor=user).exists()


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert UserFactory().password.startswith("argon2$")


def test_sign_out_is_a_post_and_audited(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(event="logout", actor=user).exists()
    assert client.get(reverse("home")).status_code == 302


def test_repeated_failed_logins_lock_the_account_out(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, user.email, "wrong-password")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    # Even the right password is refused while locked.
    assert login(client, user.email).status_code == 429
    assert (
        AuditEvent.objects.filter(event="login_failed", subject=user).count() >= settings.AXES_FAILURE_LIMIT
    )
    assert AuditEvent.objects.filter(event="lockout", subject=user).exists()


def test_lockout_ends_after_the_cool_off(client):
    user = UserFactory()
    with time_machine.travel(
        datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(client, user.email, "wrong-password")
        assert login(client, user.email).status_code == 429
        traveller.shift(datetime.timedelta(minutes=16))
        assert login(client, user.email).status_code == 302


def test_password_reset_by_email(client):
    user = UserFactory()
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/wachtwoord/nieuw/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "een-nieuw-lang-wachtwoord", "new_password2": "een-nieuw-lang-wachtwoord"}
    )
    assert response.status_code == 302
    assert login(client, user.email, "een-nieuw-lang-wachtwoord").status_code == 302
    assert AuditEvent.objects.filter(event="password_reset_requested").exists()
    assert AuditEvent.objects.filter(event="password_changed", actor=user).exists()


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302 and not mail.outbox


def test_sessions_expire_after_idle_time(client):
    user = UserFactory()
    start = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        login(client, user.email)
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get(reverse("home")).status_code == 200  # activity slides the expiry
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_admin_is_for_platform_admins_only(client):
    staff_but_not_admin = UserFactory(is_staff=True)
    client.force_login(staff_but_not_admin)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
