"""Views of annual plans: the organisation's plans, goals and actions, progress, and what needs attention.

Reading asks VIEW_PLANS, changing MANAGE_PLANS (403 for a member without it); another organisation's
plan answers 404. Other members of a learning network read a shared plan through the networks app.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inzetbaar.core.access import get_visible_or_404, has_capability, require_capability
from inzetbaar.core.models import Organisation
from inzetbaar.core.roles import Capability

from . import services
from .forms import ActionForm, GoalForm, PlanForm, ProgressForm
from .models import Action, AnnualPlan


def _organisation(request, slug, *, change=False):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_PLANS, slug=slug)
    if change:
        require_capability(request.user, organisation, Capability.MANAGE_PLANS)
    return organisation


def _plan(request, slug, pk, *, change=False):
    plan = get_visible_or_404(
        AnnualPlan.objects.select_related("organisation", "owner"),
        request.user,
        Capability.VIEW_PLANS,
        pk=pk,
        organisation__slug=slug,
    )
    if change:
        require_capability(request.user, plan.organisation, Capability.MANAGE_PLANS)
    return plan


def _can_change(request, organisation) -> bool:
    return has_capability(request.user, organisation, Capability.MANAGE_PLANS)


@login_required
def plans(request, slug):
    organisation = _organisation(request, slug)
    found = AnnualPlan.objects.filter(organisation=organisation).select_related("owner")
    for plan in found:
        plan.counts = services.status_counts(plan.actions.all())
    context = {"organisation": organisation, "plans": found, "can_change": _can_change(request, organisation)}
    return render(request, "plans/plans.html", context)


@login_required
def plan_create(request, slug):
    organisation = _organisation(request, slug, change=True)
    form = PlanForm(request.POST or None, organisation=organisation, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                request.user,
                organisation=organisation,
                year=data["year"],
                title=data["title"],
                owner=data["owner"],
                vision=data["vision"],
                shared=data["shared_with_networks"],
                request=request,
            )
        except services.PlanError as error:
            form.add_error("year", str(error))
        else:
            messages.success(request, _("Het jaarplan is gemaakt. Voeg nu doelen en acties toe."))
            return redirect("plans:plan", slug=slug, pk=plan.pk)
    context = {"organisation": organisation, "form": form, "title": _("Nieuw jaarplan")}
    return render(request, "plans/form.html", context)


@login_required
def plan_detail(request, slug, pk):
    plan = _plan(request, slug, pk)
    goals, loose = services.plan_rows(plan)
    context = {
        "organisation": plan.organisation,
        "plan": plan,
        "goals": goals,
        "loose": loose,
        "can_change": _can_change(request, plan.organisation),
        "goal_form": GoalForm(),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_edit(request, slug, pk):
    plan = _plan(request, slug, pk, change=True)
    form = PlanForm(request.POST or None, instance=plan, organisation=plan.organisation)
    if request.method == "POST" and form.is_valid():
        was_shared = AnnualPlan.objects.get(pk=plan.pk).shared_with_networks
        form.save()
        if was_shared != plan.shared_with_networks:
            services.set_sharing(request.user, plan, plan.shared_with_networks, request=request)
        messages.success(request, _("Het jaarplan is bijgewerkt."))
        return redirect("plans:plan", slug=slug, pk=pk)
    context = {"organisation": plan.organisation, "form": form, "title": _("Jaarplan wijzigen"), "plan": plan}
    return render(request, "plans/form.html", context)


@login_required
@require_POST
def goal_add(request, slug, pk):
    plan = _plan(request, slug, pk, change=True)
    form = GoalForm(request.POST)
    if form.is_valid():
        services.add_goal(request.user, plan, request=request, **form.cleaned_data)
        messages.success(request, _("Het doel is toegevoegd."))
        return redirect("plans:plan", slug=slug, pk=pk)
    goals, loose = services.plan_rows(plan)
    context = {
        "organisation": plan.organisation,
        "plan": plan,
        "goals": goals,
        "loose": loose,
        "can_change": True,
        "goal_form": form,
    }
    return render(request, "plans/plan_detail.html", context, status=400)


@login_required
def action_add(request, slug, pk):
    plan = _plan(request, slug, pk, change=True)
    initial = {"owner": request.user, "goal": request.GET.get("doel")}
    form = ActionForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = services.add_action(request.user, plan, request=request, **form.cleaned_data)
        messages.success(request, _("De actie is toegevoegd."))
        return redirect("plans:action", slug=slug, pk=pk, action=action.pk)
    context = {"organisation": plan.organisation, "form": form, "title": _("Nieuwe actie"), "plan": plan}
    return render(request, "plans/form.html", context)


def _action(request, slug, pk, action, *, change=False):
    found = get_visible_or_404(
        Action.objects.select_related("plan__organisation", "owner", "goal"),
        request.user,
        Capability.VIEW_PLANS,
        pk=action,
        plan_id=pk,
        plan__organisation__slug=slug,
    )
    if change:
        require_capability(request.user, found.plan.organisation, Capability.MANAGE_PLANS)
    return found


@login_required
def action_detail(request, slug, pk, action):
    found = _action(request, slug, pk, action)
    form = ProgressForm(initial={"status": found.status, "phase": found.phase})
    return render(request, "plans/action_detail.html", _action_context(request, found, form))


def _action_context(request, action, form):
    from inzetbaar.core import indicators

    indicator = indicators.get_indicator(action.indicator) if action.indicator else None
    before, after = services.indicator_periods(action)
    return {
        "organisation": action.plan.organisation,
        "plan": action.plan,
        "action": action,
        "indicator": indicator,
        "before": before,
        "after": after,
        "updates": action.updates.select_related("by"),
        "form": form,
        "can_change": _can_change(request, action.plan.organisation),
        "overdue": action.is_overdue(),
        "stalled": action.is_stalled(),
    }


@login_required
def action_edit(request, slug, pk, action):
    found = _action(request, slug, pk, action, change=True)
    form = ActionForm(request.POST or None, instance=found, plan=found.plan)
    if request.method == "POST" and form.is_valid():
        services.change_action(request.user, form.save(commit=False), form.changed_data, request=request)
        messages.success(request, _("De actie is bijgewerkt."))
        return redirect("plans:action", slug=slug, pk=pk, action=action)
    context = {
        "organisation": found.plan.organisation,
        "form": form,
        "title": _("Actie wijzigen"),
        "plan": found.plan,
    }
    return render(request, "plans/form.html", context)


@login_required
@require_POST
def action_update(request, slug, pk, action):
    found = _action(request, slug, pk, action, change=True)
    form = ProgressForm(request.POST)
    if form.is_valid():
        services.update_action(request.user, found, request=request, **form.cleaned_data)
        messages.success(request, _("De voortgang is vastgelegd."))
        if request.POST.get("next"):
            return redirect(_safe_next(request))
        return redirect("plans:action", slug=slug, pk=pk, action=action)
    return render(request, "plans/action_detail.html", _action_context(request, found, form), status=400)


def _safe_next(request) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def attention(request, slug):
    organisation = _organisation(request, slug)
    mine = services.attention_for(request.user).filter(plan__organisation=organisation)
    everything = None
    if _can_change(request, organisation):
        everything = services.needing_attention(
            Action.objects.filter(plan__organisation=organisation)
        ).exclude(pk__in=mine.values("pk"))
    context = {
        "organisation": organisation,
        "mine": _flag(mine),
        "others": _flag(everything) if everything is not None else None,
    }
    return render(request, "plans/attention.html", context)


def _flag(actions):
    found = list(actions)
    for action in found:
        action.overdue = action.is_overdue()
        action.stalled = action.is_stalled()
    return found
