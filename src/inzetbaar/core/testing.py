"""Test helpers every app uses: prove a URL is reachable only by those who may reach it.

    assert_only_permitted(client, url, owner=hr_user, organisation=org, capability=Capability.VIEW_MEMBERS)

logs in as people of another organisation (every role) and as members of the same organisation whose role
lacks the capability, and asserts 404 for all of them on a read (403 for members on an action), then the
owner's success. Only imported by tests (it needs the dev dependencies).
"""

from django.urls import reverse

from .models import Organisation, Unit, User
from .roles import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, Role
from .tests.factories import MembershipFactory, OrganisationFactory, UnitFactory


def _response(client, user: User | None, url: str, method: str, data):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    client.logout()
    return response


def _status(client, user: User | None, url: str, method: str, data) -> int:
    return _response(client, user, url, method, data).status_code


def _member(organisation: Organisation, role: str, units=()) -> User:
    return MembershipFactory(organisation=organisation, role=role, units=list(units)).user


def assert_only_permitted(
    client,
    url: str,
    *,
    owner: User,
    organisation: Organisation,
    capability: str | None,
    method: str = "get",
    data: dict | None = None,
    unit: Unit | None = None,
    action: bool | None = None,
) -> None:
    """Assert that only `owner`-like users reach `url`; see the module docstring.

    `capability=None` means no role of the organisation may reach it but the owner (personal pages).
    `unit`: the unit the object belongs to; managers and employees of a sibling unit must get 404 too.
    `action`: the URL changes something (a POST, or the form page of a change); defaults to method != GET.
    """
    method = method.lower()
    is_action = method != "get" if action is None else action
    failures = []

    anonymous = _response(client, None, url, method, data)
    if anonymous.status_code != 302 or not anonymous.url.startswith(reverse("login")):
        failures.append(f"anonymous: expected a redirect to the login page, got {anonymous.status_code}")

    foreign = OrganisationFactory()
    foreign_unit = UnitFactory(organisation=foreign)
    for role in Role.values:
        status = _status(client, _member(foreign, role, [foreign_unit]), url, method, data)
        if status != 404:
            failures.append(f"{role} of another organisation: expected 404, got {status}")

    for role in Role.values:
        if capability is not None and capability in ROLE_CAPABILITIES[role]:
            continue
        expected = 403 if is_action and capability is not None and ROLE_CAPABILITIES[role] else 404
        status = _status(client, _member(organisation, role), url, method, data)
        if status not in {expected, 404}:
            failures.append(
                f"{role} of the same organisation without the right: expected {expected}, got {status}"
            )

    if unit is not None:
        sibling = UnitFactory(organisation=organisation, parent=unit.parent)
        for role in UNIT_SCOPED_ROLES:
            status = _status(client, _member(organisation, role, [sibling]), url, method, data)
            if status not in (403, 404):
                failures.append(f"{role} of a sibling unit: expected 404 or 403, got {status}")

    status = _status(client, owner, url, method, data)
    if status >= 400:
        failures.append(f"owner {owner.email}: expected success, got {status}")

    assert not failures, f"{method.upper()} {url}:\n  " + "\n  ".join(failures)
