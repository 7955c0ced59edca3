"""Views of core: home per role, organisations and units, people and roles, the audit log, my data."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, services
from .access import (
    active_memberships,
    capabilities_in,
    get_for_action_or_404,
    get_visible_or_404,
    require_capability,
    visible,
)
from .forms import AddPersonForm, AuditSearchForm, ChangeMembershipForm, EndMembershipForm, LoginForm
from .home import role_cards
from .models import AuditEvent, Membership, Organisation
from .queries import audit_events_of, search_audit, unit_tree
from .roles import Capability


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        audit.record(
            audit.PASSWORD_RESET_REQUESTED, actor_label=form.cleaned_data["email"][:254], request=self.request
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(audit.PASSWORD_CHANGED, actor=form.user, request=self.request, reason="reset link")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(audit.PASSWORD_CHANGED, actor=self.request.user, request=self.request)
        return response


@login_required
def home(request):
    memberships = sorted(active_memberships(request.user), key=lambda m: (m.organisation.name, m.role))
    return render(request, "core/home.html", {"cards": role_cards(memberships)})


@login_required
def organisations(request):
    visible_organisations = visible(
        Organisation.objects.select_related("region"), request.user, Capability.VIEW_ORGANISATION
    )
    return render(request, "core/organisations.html", {"organisations": visible_organisations})


@login_required
def organisation_detail(request, slug):
    organisation = get_visible_or_404(
        Organisation.objects.select_related("region", "municipality"),
        request.user,
        Capability.VIEW_ORGANISATION,
        slug=slug,
    )
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "units": unit_tree(organisation),
            "capabilities": capabilities_in(request.user, organisation),
        },
    )


@login_required
def members(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_MEMBERS, slug=slug)
    memberships = visible(
        Membership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("units"),
        request.user,
        Capability.VIEW_MEMBERS,
    ).order_by("user__full_name", "role")
    search = request.GET.get("zoek", "").strip()
    if search:
        memberships = memberships.filter(
            Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        )
    page = Paginator(memberships, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "core/members.html",
        {
            "organisation": organisation,
            "page": page,
            "search": search,
            "query": urlencode({"zoek": search}) if search else "",
            "capabilities": capabilities_in(request.user, organisation),
        },
    )


@login_required
def member_detail(request, slug, pk):
    membership = get_visible_or_404(
        Membership.objects.select_related("user", "organisation"),
        request.user,
        Capability.VIEW_MEMBERS,
        pk=pk,
        organisation__slug=slug,
    )
    person = membership.user
    audit.record_personal_data_view(
        request,
        subject=person,
        target=membership,
        organisation=membership.organisation,
        reason="member detail page",
    )
    roles_here = Membership.objects.filter(
        user=person, organisation=membership.organisation
    ).prefetch_related("units")
    return render(
        request,
        "core/member_detail.html",
        {
            "organisation": membership.organisation,
            "membership": membership,
            "person": person,
            "roles_here": roles_here,
            "capabilities": capabilities_in(request.user, membership.organisation),
        },
    )


@login_required
def member_add(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_ORGANISATION, slug=slug)
    require_capability(request.user, organisation, Capability.MANAGE_MEMBERS)
    form = AddPersonForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_person(
                request.user, organisation=organisation, request=request, **form.cleaned_data
            )
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s heeft de rol %(role)s gekregen.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
            return redirect("core:members", slug=organisation.slug)
    return render(
        request,
        "core/member_form.html",
        {"organisation": organisation, "form": form, "title": _("Iemand toevoegen")},
    )


def _membership_for_change(request, slug, pk):
    return get_for_action_or_404(
        Membership.objects.select_related("user", "organisation"),
        request.user,
        Capability.MANAGE_MEMBERS,
        read_capability=Capability.VIEW_MEMBERS,
        pk=pk,
        organisation__slug=slug,
        end__isnull=True,
    )


@login_required
def member_change(request, slug, pk):
    membership = _membership_for_change(request, slug, pk)
    form = ChangeMembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(request.user, membership, request=request, **form.cleaned_data)
        except services.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De rol is gewijzigd."))
            return redirect("core:member", slug=slug, pk=membership.pk)
    return render(
        request,
        "core/member_form.html",
        {
            "organisation": membership.organisation,
            "form": form,
            "end_form": EndMembershipForm(),
            "membership": membership,
            "title": _("Rol wijzigen"),
        },
    )


@login_required
@require_POST
def member_end(request, slug, pk):
    membership = _membership_for_change(request, slug, pk)
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(request.user, membership, request=request, **form.cleaned_data)
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De rol is beëindigd."))
            return redirect("core:members", slug=slug)
    else:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}"
            )
    return redirect("core:member", slug=slug, pk=membership.pk)


@login_required
def audit_log(request, slug=None):
    if slug is not None:
        organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_AUDIT, slug=slug)
        events = audit_events_of([organisation])
    elif request.user.is_platform_admin:
        organisation, events = None, AuditEvent.objects.all()
    else:
        organisations = visible(Organisation.objects.all(), request.user, Capability.VIEW_AUDIT)
        if not organisations.exists():
            raise PermissionDenied
        organisation, events = None, audit_events_of(organisations)
    form = AuditSearchForm(request.GET or None)
    if form.is_valid():
        events = search_audit(events, **form.cleaned_data)
        if any(form.cleaned_data.values()):
            filters = {key: str(value) for key, value in form.cleaned_data.items() if value}
            audit.record(audit.AUDIT_SEARCHED, request=request, organisation=organisation, filters=filters)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events.select_related("actor", "subject", "organisation"), 50).get_page(
        request.GET.get("pagina")
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "label_of": audit.label_of,
        },
    )


@login_required
def my_data(request):
    views_of_me = audit.personal_data_views_of(request.user).exclude(actor=request.user)
    page = Paginator(views_of_me, 50).get_page(request.GET.get("pagina"))
    memberships = (
        Membership.objects.filter(user=request.user).select_related("organisation").prefetch_related("units")
    )
    return render(request, "core/my_data.html", {"page": page, "memberships": memberships})
