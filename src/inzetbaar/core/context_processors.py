"""Navigation links for the signed-in person, built from their roles."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import active_memberships
from .roles import ROLE_CAPABILITIES, Capability


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    links = [(reverse("home"), _("Start"))]
    memberships = active_memberships(user)
    if user.is_platform_admin or memberships:
        links.append((reverse("core:organisations"), _("Organisaties")))
    can_audit = user.is_platform_admin or any(
        Capability.VIEW_AUDIT in ROLE_CAPABILITIES[m.role] for m in memberships
    )
    if can_audit:
        links.append((reverse("core:audit"), _("Logboek")))
    links.append((reverse("core:my_data"), _("Mijn gegevens")))
    if user.is_platform_admin:
        links.append((reverse("admin:index"), _("Beheer")))
    return {"nav_links": links}
