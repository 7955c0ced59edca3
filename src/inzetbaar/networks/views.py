"""Views of learning networks, for the facilitator and for member organisations.

Every view goes through ``access.seat``: the network as seen from the organisation in the URL. The
facilitator plans meetings, records attendance, follows members' actions and keeps the network's own
actions; members take actions home into their own plan, write good practices and evaluate meetings.
Other members' plans are shown only when their owner shares them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inzetbaar.core.access import get_visible_or_404, has_capability, require_capability
from inzetbaar.core.models import Organisation
from inzetbaar.core.roles import Capability
from inzetbaar.instruments.forms import PageForm
from inzetbaar.instruments.services import Page
from inzetbaar.plans import services as plan_services

from . import services
from .access import organisation_in_networks, seat
from .forms import (
    AttendanceForm,
    GoodPracticeForm,
    MeetingForm,
    NetworkActionForm,
    NetworkForm,
    NetworkProgressForm,
    TakeHomeForm,
)
from .models import GoodPractice, Meeting, Network, NetworkAction


def _context(place, **extra):
    return {"organisation": place.organisation, "network": place.network, "seat": place, **extra}


def _meeting(place, pk) -> Meeting:
    return get_object_or_404(Meeting, pk=pk, network=place.network)


@login_required
def networks(request, slug):
    organisation = organisation_in_networks(request.user, slug)
    found = services.networks_of(organisation)
    can_create = has_capability(request.user, organisation, Capability.FACILITATE_NETWORKS)
    context = {"organisation": organisation, "networks": found, "can_create": can_create}
    return render(request, "networks/networks.html", context)


def _save_network(request, form, facilitator):
    network = form.save(commit=False)
    network.facilitator = facilitator
    data = form.cleaned_data
    return services.save_network(
        request.user, network, data["member_organisations"], set(data["ambassadors"]), request=request
    )


@login_required
def network_create(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_ORGANISATION, slug=slug)
    require_capability(request.user, organisation, Capability.FACILITATE_NETWORKS)
    form = NetworkForm(request.POST or None, facilitator=organisation)
    if request.method == "POST" and form.is_valid():
        network = _save_network(request, form, organisation)
        messages.success(request, _("Het netwerk is aangemaakt."))
        return redirect("networks:network", slug=slug, pk=network.pk)
    context = {"organisation": organisation, "form": form, "title": _("Nieuw lerend netwerk")}
    return render(request, "networks/form.html", context)


@login_required
def network_edit(request, slug, pk):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    form = NetworkForm(request.POST or None, instance=place.network, facilitator=place.organisation)
    if request.method == "POST" and form.is_valid():
        _save_network(request, form, place.organisation)
        messages.success(request, _("Het netwerk is bijgewerkt."))
        return redirect("networks:network", slug=slug, pk=pk)
    return render(request, "networks/form.html", _context(place, form=form, title=_("Netwerk wijzigen")))


@login_required
def network_detail(request, slug, pk):
    place = seat(request.user, slug, pk)
    today = timezone.localdate()
    meetings = place.network.meetings.all()
    context = _context(
        place,
        members=services.members(place.network),
        upcoming=[m for m in meetings if m.date >= today],
        past=[m for m in meetings if m.date < today][::-1],
        practices=place.network.good_practices.select_related("organisation")[:3],
        calendar_url=request.build_absolute_uri(f"/netwerken/agenda/{place.network.calendar_token}.ics"),
        shared_plans=services.regional_plan(place.network, today.year).sharing,
    )
    return render(request, "networks/network_detail.html", context)


@login_required
def meeting_create(request, slug, pk):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(request.user, place.network, request=request, **form.cleaned_data)
        messages.success(request, _("De bijeenkomst is gepland."))
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting.pk)
    return render(request, "networks/form.html", _context(place, form=form, title=_("Bijeenkomst plannen")))


@login_required
def meeting_edit(request, slug, pk, meeting):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    form = MeetingForm(request.POST or None, instance=_meeting(place, meeting))
    if request.method == "POST" and form.is_valid():
        services.change_meeting(request.user, form.save(commit=False), request=request)
        messages.success(request, _("De bijeenkomst is bijgewerkt."))
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)
    return render(request, "networks/form.html", _context(place, form=form, title=_("Bijeenkomst wijzigen")))


@login_required
def meeting_detail(request, slug, pk, meeting):
    place = seat(request.user, slug, pk)
    found = _meeting(place, meeting)
    present = dict(found.attendance.values_list("organisation", "people"))
    context = _context(place, meeting=found)
    if place.facilitator:
        context["actions"] = services.take_homes(found)
        context["attendance_form"] = AttendanceForm(
            memberships=services.members(place.network), present=present
        )
    else:
        context["actions"] = services.take_homes(found, place.organisation)
        context["can_take_home"] = has_capability(request.user, place.organisation, Capability.MANAGE_PLANS)
        context["evaluated"] = services.has_evaluated(found, request.user)
    context["present"] = [
        (m.organisation, present.get(m.organisation_id, 0)) for m in services.members(place.network)
    ]
    return render(request, "networks/meeting_detail.html", context)


@login_required
@require_POST
def attendance(request, slug, pk, meeting):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    found = _meeting(place, meeting)
    form = AttendanceForm(request.POST, memberships=services.members(place.network), present={})
    if form.is_valid():
        services.record_attendance(request.user, found, form.people(), request=request)
        messages.success(request, _("De aanwezigheid is vastgelegd."))
    else:
        messages.error(request, _("Vul per organisatie een aantal van 0 tot 50 in."))
    return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)


@login_required
def take_home_add(request, slug, pk, meeting):
    place = seat(request.user, slug, pk, change=True)
    if place.facilitator:
        raise Http404
    require_capability(request.user, place.organisation, Capability.MANAGE_PLANS)
    found = _meeting(place, meeting)
    form = TakeHomeForm(
        request.POST or None, organisation=place.organisation, meeting=found, initial={"owner": request.user}
    )
    if request.method == "POST" and form.is_valid():
        action = services.take_home(
            request.user, found, place.organisation, request=request, **form.cleaned_data
        )
        messages.success(request, _("De actie staat in uw jaarplan %(year)s.") % {"year": action.plan.year})
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)
    context = _context(place, form=form, title=_("Actie meenemen uit %(meeting)s") % {"meeting": found.title})
    return render(request, "networks/form.html", context)


def _evaluation_form(data=None):
    definition = services.evaluation_definition()
    return PageForm(
        data, page=Page(1, None, definition, definition.groups[0]), initial_answers={}, check_required=True
    )


@login_required
def evaluate(request, slug, pk, meeting):
    place = seat(request.user, slug, pk, change=True)
    if place.facilitator:
        raise Http404
    found = _meeting(place, meeting)
    if found.date > timezone.localdate():
        messages.error(request, _("U kunt een bijeenkomst beoordelen nadat zij is geweest."))
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)
    if services.has_evaluated(found, request.user):
        messages.info(request, _("U heeft deze bijeenkomst al beoordeeld. Dank u wel."))
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)
    form = _evaluation_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluate(found, request.user, {k: v for k, v in form.answers().items() if v is not None})
        except services.NetworkError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request, _("Dank u wel voor uw beoordeling. Uw antwoorden zijn anoniem bewaard.")
            )
        return redirect("networks:meeting", slug=slug, pk=pk, meeting=meeting)
    return render(request, "networks/evaluate.html", _context(place, meeting=found, form=form))


@login_required
def evaluation_results(request, slug, pk, meeting):
    place = seat(request.user, slug, pk)
    found = _meeting(place, meeting)
    context = _context(place, meeting=found, summary=services.evaluation_summary(found))
    return render(request, "networks/evaluation_results.html", context)


@login_required
def monitor(request, slug, pk):
    place = seat(request.user, slug, pk, facilitator_only=True)
    last, rows = services.monitor(place.network)
    return render(request, "networks/monitor.html", _context(place, last=last, rows=rows))


@login_required
def practices(request, slug, pk):
    place = seat(request.user, slug, pk)
    found = place.network.good_practices.select_related("organisation")
    theme = request.GET.get("thema", "")
    if theme:
        found = found.filter(theme=theme)
    can_write = place.member and has_capability(
        request.user, place.organisation, Capability.TAKE_PART_IN_NETWORKS
    )
    from inzetbaar.toolbox.choices import Theme

    context = _context(place, practices=found, can_write=can_write, themes=Theme.choices, theme=theme)
    return render(request, "networks/practices.html", context)


@login_required
def practice_create(request, slug, pk):
    place = seat(request.user, slug, pk, change=True)
    if place.facilitator:
        raise Http404
    form = GoodPracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        practice = services.write_good_practice(
            request.user, place.network, place.organisation, request=request, **form.cleaned_data
        )
        messages.success(request, _("Uw goede voorbeeld staat in de bibliotheek van het netwerk."))
        return redirect("networks:practice", slug=slug, pk=pk, practice=practice.pk)
    return render(
        request, "networks/form.html", _context(place, form=form, title=_("Goed voorbeeld schrijven"))
    )


@login_required
def practice_detail(request, slug, pk, practice):
    place = seat(request.user, slug, pk)
    found = get_object_or_404(
        GoodPractice.objects.select_related("organisation", "author"), pk=practice, network=place.network
    )
    return render(request, "networks/practice_detail.html", _context(place, practice=found))


def _year(request) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def regional_plan(request, slug, pk):
    place = seat(request.user, slug, pk)
    plan = services.regional_plan(place.network, _year(request))
    for summary in plan.themes:
        for action in summary.own_actions:
            action.overdue, action.stalled = action.is_overdue(), action.is_stalled()
    context = _context(place, plan=plan, progress_form=NetworkProgressForm())
    return render(request, "networks/regional_plan.html", context)


@login_required
def network_action_add(request, slug, pk):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    form = NetworkActionForm(request.POST or None, network=place.network)
    if request.method == "POST" and form.is_valid():
        services.add_network_action(request.user, place.network, request=request, **form.cleaned_data)
        messages.success(request, _("De actie van het netwerk is toegevoegd."))
        return redirect("networks:regional_plan", slug=slug, pk=pk)
    return render(request, "networks/form.html", _context(place, form=form, title=_("Actie van het netwerk")))


@login_required
@require_POST
def network_action_update(request, slug, pk, action):
    place = seat(request.user, slug, pk, facilitator_only=True, change=True)
    found = get_object_or_404(NetworkAction, pk=action, network=place.network)
    form = NetworkProgressForm(request.POST)
    if form.is_valid():
        services.update_network_action(request.user, found, request=request, **form.cleaned_data)
        messages.success(request, _("De voortgang is vastgelegd."))
    return redirect("networks:regional_plan", slug=slug, pk=pk)


@login_required
def shared_plan(request, slug, pk, plan):
    place = seat(request.user, slug, pk)
    found = services.shared_plan(place.network, plan)
    if found is None:
        raise Http404
    goals, loose = plan_services.plan_rows(found)
    context = _context(place, plan=found, goals=goals, loose=loose)
    return render(request, "networks/shared_plan.html", context)


def calendar(request, token):
    """The meetings as an iCalendar feed; the secret address is the key (calendar apps cannot log in)."""
    network = get_object_or_404(Network, calendar_token=token)
    body = services.calendar(network, request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="netwerk-{network.pk}.ics"'
    return response
