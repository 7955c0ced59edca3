"""Access helpers: which objects of a kind a user may see or change, and 404 for anything foreign.

Every view reaches objects through these helpers. A model says once, with `register_scope`, how its
objects hang under an organisation (and, optionally, under a unit); the helpers combine that with the
user's active memberships and the capability asked for. Rules:
- an object of an organisation the user has no suitable membership in answers 404, as if it did not exist;
- an action (a change) by a member whose role lacks the capability answers 403: they may know it exists;
- managers and employees reach unit-level objects only in their own units and everything below them.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from .models import Membership, Organisation, Unit, User
from .roles import ROLE_CAPABILITIES, UNIT_SCOPED_ROLES, roles_with


@dataclass(frozen=True)
class Scope:
    organisation: str  # lookup from the model to its Organisation's pk
    unit: str | None = None  # lookup from the model to a Unit (for unit-scoped roles), or None
    many_units: bool = False  # True when the unit lookup crosses a many-to-many relation


_SCOPES: dict[type[models.Model], Scope] = {}


def register_scope(
    model: type[models.Model], *, organisation: str, unit: str | None = None, many_units=False
):
    _SCOPES[model] = Scope(organisation, unit, many_units)


register_scope(Organisation, organisation="pk")
register_scope(Unit, organisation="organisation", unit="")
register_scope(Membership, organisation="organisation", unit="units", many_units=True)


def active_memberships(user: User) -> list[Membership]:
    """The user's active memberships with their units, cached on the user object for one request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_active_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).prefetch_related("units"))
        user._active_memberships = cached
    return cached


def forget_memberships(user: User) -> None:
    user.__dict__.pop("_active_memberships", None)


def capabilities_in(user: User, organisation: Organisation) -> frozenset[str]:
    if user.is_authenticated and user.is_platform_admin:
        return frozenset().union(*ROLE_CAPABILITIES.values())
    caps: set[str] = set()
    for membership in active_memberships(user):
        if membership.organisation_id == organisation.pk:
            caps |= ROLE_CAPABILITIES[membership.role]
    return frozenset(caps)


def has_capability(user: User, organisation: Organisation, capability: str) -> bool:
    return capability in capabilities_in(user, organisation)


def is_member(user: User, organisation: Organisation) -> bool:
    return any(m.organisation_id == organisation.pk for m in active_memberships(user))


def _unit_filter(prefix: str, unit_paths: list[str]) -> Q:
    field = f"{prefix}__path__startswith" if prefix else "path__startswith"
    return reduce(or_, (Q(**{field: path}) for path in unit_paths))


def visible(queryset: models.QuerySet, user: User, capability: str) -> models.QuerySet:
    """The objects of `queryset` that `user` may reach with `capability`."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_platform_admin:
        return queryset
    scope = _SCOPES[queryset.model]
    allowed_roles = roles_with(capability)
    org_wide: set[int] = set()
    unit_paths: list[str] = []
    for membership in active_memberships(user):
        if membership.role not in allowed_roles:
            continue
        if scope.unit is not None and membership.role in UNIT_SCOPED_ROLES:
            unit_paths.extend(unit.path for unit in membership.units.all())
        else:
            org_wide.add(membership.organisation_id)
    condition = Q(**{f"{scope.organisation}__in": org_wide})
    if unit_paths:
        condition |= _unit_filter(scope.unit, unit_paths)
    result = queryset.filter(condition)
    return result.distinct() if scope.many_units and unit_paths else result


def get_visible_or_404(queryset: models.QuerySet | type[models.Model], user: User, capability: str, **lookup):
    """One object the user may see with `capability`; 404 when it does not exist or is out of reach."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    try:
        return visible(queryset, user, capability).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def _organisation_of(obj: models.Model) -> Organisation:
    lookup = _SCOPES[type(obj)].organisation
    if lookup == "pk":
        return obj
    target = obj
    for part in lookup.split("__"):
        target = getattr(target, part)
    return target


def get_for_action_or_404(
    queryset: models.QuerySet | type[models.Model],
    user: User,
    capability: str,
    *,
    read_capability: str,
    **lookup,
):
    """An object to change: 404 when the user cannot see it, 403 when they see it but lack `capability`."""
    obj = get_visible_or_404(queryset, user, read_capability, **lookup)
    require_capability(user, _organisation_of(obj), capability)
    return obj


def require_capability(user: User, organisation: Organisation, capability: str) -> None:
    """Raise 404 for a foreign organisation and 403 for a member whose roles lack `capability`."""
    if user.is_authenticated and user.is_platform_admin:
        return
    if not is_member(user, organisation):
        raise Http404
    if not has_capability(user, organisation, capability):
        raise PermissionDenied
