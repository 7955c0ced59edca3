"""Views of instruments: campaigns for HR, responding through a personal link, own results, group reports.

Every object is reached through the core access helpers; the responding pages need no login because
the link's token is the key. Individual results are shown to the person, and for medical-type
instruments also to the organisation's occupational physician, whose every view is audited.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inzetbaar.core import audit
from inzetbaar.core.access import (
    active_memberships,
    get_visible_or_404,
    has_capability,
    require_capability,
    visible,
)
from inzetbaar.core.models import Organisation
from inzetbaar.core.roles import ROLE_CAPABILITIES, Capability

from . import access as events
from . import company_scan, pdf, reports, services
from .charts import radar
from .forms import CampaignForm, PageForm
from .models import Campaign, Response

SESSION_RESULTS = "instruments_results"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _campaign(request, slug, pk, capability):
    return get_visible_or_404(
        Campaign.objects.select_related("organisation").prefetch_related("instruments"),
        request.user,
        capability,
        pk=pk,
        organisation__slug=slug,
    )


# --- HR: campaigns ------------------------------------------------------------------------------------


@login_required
def campaigns(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.MANAGE_CAMPAIGNS, slug=slug)
    found = Campaign.objects.filter(organisation=organisation).prefetch_related("instruments")
    return render(request, "instruments/campaigns.html", {"organisation": organisation, "campaigns": found})


@login_required
def campaign_start(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_ORGANISATION, slug=slug)
    require_capability(request.user, organisation, Capability.MANAGE_CAMPAIGNS)
    form = CampaignForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.start_campaign(
                request.user,
                organisation=organisation,
                title=data["title"],
                instrument_ids=data["instruments"],
                units=data["units"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                anonymous=data["anonymous"],
                request=request,
            )
        except services.CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("De meting is gestart met %(count)s uitnodigingen.")
                % {"count": campaign.invitations.count()},
            )
            return redirect("instruments:campaign", slug=slug, pk=campaign.pk)
    return render(request, "instruments/campaign_form.html", {"organisation": organisation, "form": form})


@login_required
def campaign_detail(request, slug, pk):
    campaign = _campaign(request, slug, pk, Capability.MANAGE_CAMPAIGNS)
    rows, minimum = reports.response_rates(campaign, request.user)
    invitations = campaign.invitations
    return render(
        request,
        "instruments/campaign_detail.html",
        {
            "organisation": campaign.organisation,
            "campaign": campaign,
            "instruments": [
                (ci, services.text(services.definition(ci.instrument_id, ci.instrument_version).title))
                for ci in campaign.instruments.all()
            ],
            "rows": rows,
            "minimum": minimum,
            "unsent": invitations.filter(sent_at__isnull=True).count(),
            "open_count": invitations.filter(sent_at__isnull=False, completed_at__isnull=True).count(),
        },
    )


@login_required
@require_POST
def campaign_send(request, slug, pk):
    campaign = _campaign(request, slug, pk, Capability.MANAGE_CAMPAIGNS)
    count = services.send_invitations(request.user, campaign, base_url=_base_url(request), request=request)
    messages.success(request, _("%(count)s uitnodigingen verstuurd.") % {"count": count})
    return redirect("instruments:campaign", slug=slug, pk=pk)


@login_required
@require_POST
def campaign_remind(request, slug, pk):
    campaign = _campaign(request, slug, pk, Capability.MANAGE_CAMPAIGNS)
    count = services.send_reminders(request.user, campaign, base_url=_base_url(request), request=request)
    messages.success(request, _("%(count)s herinneringen verstuurd.") % {"count": count})
    return redirect("instruments:campaign", slug=slug, pk=pk)


@login_required
def campaign_links(request, slug, pk):
    campaign = _campaign(request, slug, pk, Capability.MANAGE_CAMPAIGNS)
    body = services.personal_links_csv(request.user, campaign, base_url=_base_url(request), request=request)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="links-meting-{campaign.pk}.csv"'
    return response


# --- responding through the personal link ---------------------------------------------------------------


def respond(request, token, number=None):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    campaign = invitation.campaign
    if invitation.completed_at is not None:
        return redirect("instruments:respond_done", token=token)
    if not services.is_open(campaign):
        return render(request, "instruments/respond_closed.html", {"campaign": campaign}, status=410)
    pages = services.pages_of(campaign)
    if number is None:
        return redirect("instruments:respond_page", token=token, number=max(invitation.page_reached, 1))
    if not 1 <= number <= len(pages):
        raise Http404
    page = pages[number - 1]
    stored = invitation.draft.get(page.instrument.instrument_id, {})
    action = request.POST.get("action", "next")
    form = PageForm(
        request.POST or None,
        page=page,
        initial_answers=stored,
        check_required=action in ("next", "submit"),
        prefix=None,
    )
    if request.method == "POST" and form.is_valid():
        services.save_page(invitation, page, form.answers())
        if action == "previous":
            return redirect("instruments:respond_page", token=token, number=max(number - 1, 1))
        if action == "save":
            messages.success(request, _("Uw antwoorden zijn bewaard. U kunt later verder met dezelfde link."))
            return redirect("instruments:respond_page", token=token, number=number)
        if number < len(pages):
            return redirect("instruments:respond_page", token=token, number=number + 1)
        try:
            responses = services.submit(invitation)
        except services.SubmitError as problem:
            messages.error(request, str(problem))
            return redirect("instruments:respond_page", token=token, number=problem.page)
        # The result stays reachable in this browser session only: the database keeps no link.
        request.session[SESSION_RESULTS] = [r.pk for r in responses]
        return redirect("instruments:respond_done", token=token)
    return render(
        request,
        "instruments/respond.html",
        {
            "campaign": campaign,
            "page": page,
            "pages": len(pages),
            "form": form,
            "instrument_title": services.text(page.definition.title),
            "group_title": services.text(page.group.title),
            "group_intro": services.text(page.group.intro),
            "last": number == len(pages),
        },
    )


def respond_done(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None or invitation.completed_at is None:
        raise Http404
    ids = request.session.get(SESSION_RESULTS, [])
    responses = Response.objects.filter(pk__in=ids, campaign=invitation.campaign).select_related("campaign")
    results = [_result_context(services.individual_result(r)) for r in responses]
    return render(
        request,
        "instruments/respond_done.html",
        {"campaign": invitation.campaign, "results": results},
    )


# --- own results and the occupational physician ----------------------------------------------------------


def _result_context(result: services.IndividualResult) -> dict:
    return {"result": result, "radar": radar(result.scales)}


def _page_or_pdf(request, template: str, context: dict, as_pdf: bool, filename: str):
    """The page, or the same content as a PDF (``instruments/pdf/<template>``) when asked for."""
    if not as_pdf:
        return render(request, f"instruments/{template}", context)
    try:
        body = pdf.render_pdf(f"instruments/pdf/{template}", context)
    except pdf.PdfUnavailable:
        return render(request, "instruments/pdf_unavailable.html", status=503)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@login_required
def my_results(request):
    return render(request, "instruments/my_results.html", {"responses": services.own_responses(request.user)})


def _own_response(request, pk) -> Response:
    response = services.own_responses(request.user).filter(pk=pk).select_related("unit").first()
    if response is None:
        raise Http404
    return response


@login_required
def my_result(request, pk, as_pdf=False):
    response = _own_response(request, pk)
    context = _result_context(services.individual_result(response))
    context["pdf_url"] = reverse("instruments:my_result_pdf", args=[pk])
    context["sharing"] = {
        "possible": services.can_share(response),
        "shared": services.is_shared(response),
        "managers": services.managers_of(response),
    }
    return _page_or_pdf(request, "result.html", context, as_pdf, f"uitslag-{pk}")


@login_required
@require_POST
def my_result_sharing(request, pk):
    response = _own_response(request, pk)
    if request.POST.get("action") == "revoke":
        services.stop_sharing(request.user, response, request=request)
        messages.success(
            request, _("U deelt deze uitslag niet meer. Uw leidinggevende ziet hem vanaf nu niet.")
        )
        return redirect("instruments:my_result", pk=pk)
    try:
        services.share_with_manager(request.user, response, request=request)
    except services.CampaignError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Uw leidinggevende kan deze uitslag nu bekijken. U kunt dit altijd intrekken.")
        )
    return redirect("instruments:my_result", pk=pk)


def _organisation_by_own_role(request, slug, capability) -> Organisation:
    """The organisation where one of the user's own roles grants `capability`; platform admins are refused.

    Individual results are for the person and whom they or the law allow, not for platform administration.
    """
    organisation = get_visible_or_404(Organisation, request.user, capability, slug=slug)
    roles = [m.role for m in active_memberships(request.user) if m.organisation_id == organisation.pk]
    if not any(capability in ROLE_CAPABILITIES[role] for role in roles):
        raise Http404
    return organisation


def _shared_responses(request, slug):
    organisation = _organisation_by_own_role(request, slug, Capability.VIEW_SHARED_RESULTS)
    found = visible(services.shared_responses(organisation), request.user, Capability.VIEW_SHARED_RESULTS)
    return organisation, found.select_related("respondent", "campaign", "unit")


@login_required
def shared_results(request, slug):
    organisation, responses = _shared_responses(request, slug)
    return render(
        request,
        "instruments/shared_results.html",
        {"organisation": organisation, "responses": responses.order_by("-submitted_at")},
    )


@login_required
def shared_result(request, slug, pk):
    organisation, responses = _shared_responses(request, slug)
    response = responses.filter(pk=pk).first()
    if response is None:
        raise Http404
    audit.record_personal_data_view(
        request,
        subject=response.respondent,
        target=response,
        organisation=organisation,
        reason="manager: result shared with consent",
        event=events.RESULT_VIEWED,
    )
    context = _result_context(services.individual_result(response))
    context["person"] = response.respondent
    context["viewer_note"] = _(
        "%(name)s deelt deze uitslag met u. Deze inzage is vastgelegd en zichtbaar voor de medewerker; "
        "trekt de medewerker de toestemming in, dan ziet u de uitslag niet meer."
    ) % {"name": response.respondent.full_name}
    return render(request, "instruments/result.html", context)


@login_required
def physician_results(request, slug):
    organisation = _organisation_by_own_role(request, slug, Capability.VIEW_MEDICAL_RESULTS)
    responses = services.medical_responses(organisation).select_related("respondent", "campaign")
    return render(
        request,
        "instruments/physician_results.html",
        {"organisation": organisation, "responses": responses},
    )


@login_required
def physician_result(request, slug, pk, as_pdf=False):
    organisation = _organisation_by_own_role(request, slug, Capability.VIEW_MEDICAL_RESULTS)
    response = services.medical_responses(organisation).filter(pk=pk).select_related("respondent").first()
    if response is None:
        raise Http404
    audit.record_personal_data_view(
        request,
        subject=response.respondent,
        target=response,
        organisation=organisation,
        reason="occupational physician: individual result" + (" (PDF)" if as_pdf else ""),
        event=events.RESULT_VIEWED,
    )
    context = _result_context(services.individual_result(response))
    context["person"] = response.respondent
    context["viewer_note"] = _(
        "U bekijkt als bedrijfsarts een individuele uitslag. Deze inzage is vastgelegd en zichtbaar voor de "
        "medewerker."
    )
    context["pdf_url"] = reverse("instruments:physician_result_pdf", args=[slug, pk])
    return _page_or_pdf(request, "result.html", context, as_pdf, f"uitslag-{pk}")


# --- group reports -----------------------------------------------------------------------------------------


@login_required
def report_list(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.VIEW_GROUP_REPORTS, slug=slug)
    found = visible(
        Campaign.objects.filter(organisation=organisation).prefetch_related("instruments"),
        request.user,
        Capability.VIEW_GROUP_REPORTS,
    )
    entries = [
        (campaign, ci, services.text(services.definition(ci.instrument_id, ci.instrument_version).title))
        for campaign in found
        for ci in campaign.instruments.all()
    ]
    return render(request, "instruments/reports.html", {"organisation": organisation, "entries": entries})


def _campaign_instrument(request, slug, pk, instrument_id):
    campaign = _campaign(request, slug, pk, Capability.VIEW_GROUP_REPORTS)
    instrument = campaign.instruments.filter(instrument_id=instrument_id).first()
    if instrument is None:
        raise Http404
    return campaign, instrument


def _report(request, slug, pk, instrument_id):
    campaign, instrument = _campaign_instrument(request, slug, pk, instrument_id)
    return reports.group_report(campaign, instrument, request.user)


@login_required
def report(request, slug, pk, instrument_id, as_pdf=False):
    campaign, instrument = _campaign_instrument(request, slug, pk, instrument_id)
    if company_scan.is_company_scan(instrument):
        if as_pdf:
            raise Http404
        found = company_scan.perspective_report(campaign, instrument)
        context = {"organisation": campaign.organisation, "report": found}
        return render(request, "instruments/company_scan_report.html", context)
    found = reports.group_report(campaign, instrument, request.user)
    rates, _minimum = reports.response_rates(found.campaign, request.user)
    context = {"organisation": found.campaign.organisation, "report": found, "rates": rates}
    context["suggestions"] = has_capability(request.user, campaign.organisation, Capability.VIEW_SUGGESTIONS)
    return _page_or_pdf(request, "report.html", context, as_pdf, f"groepsuitkomsten-{pk}-{instrument_id}")


def _export(request, slug, pk, instrument_id, body, content_type, extension):
    found = _report(request, slug, pk, instrument_id)
    audit.record(
        events.REPORT_EXPORTED,
        request=request,
        organisation=found.campaign.organisation,
        target=found.campaign,
        instrument=instrument_id,
        format=extension,
    )
    response = HttpResponse(body(found), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="groepsuitkomsten-{pk}-{instrument_id}.{extension}"'
    )
    return response


@login_required
def report_csv(request, slug, pk, instrument_id):
    return _export(request, slug, pk, instrument_id, reports.report_csv, "text/csv; charset=utf-8", "csv")


@login_required
def report_xlsx(request, slug, pk, instrument_id):
    return _export(request, slug, pk, instrument_id, reports.report_xlsx, XLSX, "xlsx")
