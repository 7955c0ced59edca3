"""Views of matching (thin): each acts for the organisation in its URL and reaches records through
`access`; every look at a candidate's file is audited, and an employer sees a name only with consent."""

import csv
import datetime
import io
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from inzetbaar.core import audit
from inzetbaar.core.models import ConsentPurpose
from inzetbaar.core.roles import Capability

from . import access, charts, forms, services
from . import figures as region_figures
from .models import (
    CandidateProfile,
    Decision,
    FollowUp,
    IntroductionStatus,
    MatchingRound,
    PartnerAgreement,
    Proposal,
    Stage,
)

STALE = gettext_lazy(
    "Iemand anders heeft dit intussen gewijzigd. Controleer de nieuwe versie en sla opnieuw op."
)
PROPOSALS_PER_PAGE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stale(form, current_version: int) -> None:
    """Tell the second editor; their input stays, and saving again now is a deliberate choice."""
    form.data = form.data.copy()
    form.data["read_version"] = current_version
    form.add_error(None, str(STALE))


def _saved(request, form, record, save, message) -> bool:
    """Run ``save``; on success show ``message`` and answer True. When someone else saved ``record`` since
    the form was read, reload it and tell this editor on the form instead (their input stays)."""
    try:
        save()
    except services.StaleRecord:
        record.refresh_from_db()
        _stale(form, record.version)
        return False
    messages.success(request, message)
    return True


def _record_outcome(request, introduction, side: str, data: dict) -> None:
    services.record_outcome(
        request.user, introduction, side, data["outcome"], data["note"], data["read_version"], request=request
    )


# --- candidates (client managers) ---------------------------------------------------------------------


@login_required
def candidates(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_CANDIDATES)
    found = access.candidates_for(organisation).order_by("organisation__name", "pseudonym")
    return render(request, "matching/candidates.html", {"organisation": organisation, "candidates": found})


def _candidate(request, organisation, pk) -> CandidateProfile:
    return access.get_or_404(access.candidates_for(organisation), pk=pk)


@login_required
def candidate(request, slug, pk):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_CANDIDATES)
    profile = _candidate(request, organisation, pk)
    services.record_candidate_view(request, profile, organisation, "candidate file")
    return render(
        request,
        "matching/candidate.html",
        {
            "organisation": organisation,
            "candidate": profile,
            "own": profile.organisation_id == organisation.pk,
            "consents": services.consents_of(profile.person),
            "introductions": profile.introductions.select_related("opening__employer__organisation"),
            "proposals": profile.proposals.select_related("round", "opening__employer__organisation"),
        },
    )


@login_required
def candidate_add(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_CANDIDATES, action=True)
    people = services.candidates_without_profile(organisation)
    form = forms.NewCandidateForm(
        request.POST or None, people=people, initial={"municipality": organisation.municipality}
    )
    if request.method == "POST" and form.is_valid():
        profile = services.add_candidate(request.user, organisation, form.save(commit=False), request=request)
        messages.success(request, _("Het profiel is aangemaakt."))
        return redirect("matching:candidate", slug=slug, pk=profile.pk)
    return render(request, "matching/candidate_add.html", {"organisation": organisation, "form": form})


@login_required
def candidate_edit(request, slug, pk):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_CANDIDATES, action=True)
    # Partners may see a shared candidate, only the guiding organisation changes the profile.
    profile = access.get_or_404(access.candidates_for(organisation).filter(organisation=organisation), pk=pk)
    form = forms.CandidateForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields, read_version = form.Meta.fields, form.cleaned_data["read_version"]
        save = partial(
            services.update_candidate, request.user, form.instance, fields, read_version, request=request
        )
        if _saved(request, form, profile, save, _("Het profiel is opgeslagen.")):
            return redirect("matching:candidate", slug=slug, pk=pk)
    return render(
        request,
        "matching/candidate_form.html",
        {"organisation": organisation, "candidate": profile, "form": form},
    )


# --- employers (relationship managers) ----------------------------------------------------------------


@login_required
def employers(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_EMPLOYERS)
    found = access.employers_for(organisation).exclude(organisation=organisation)
    return render(request, "matching/employers.html", {"organisation": organisation, "employers": found})


@login_required
def employer_join(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_EMPLOYERS, action=True)
    form = forms.JoinEmployerForm(request.POST or None, region=organisation.region)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        profile.service_point, profile.relationship_manager = organisation, request.user
        profile.save()
        audit.record(access.EMPLOYER_CHANGED, request=request, organisation=organisation, target=profile)
        messages.success(request, _("%(employer)s doet mee aan de aanpak.") % {"employer": profile})
        return redirect("matching:employer", slug=slug, pk=profile.pk)
    return render(request, "matching/employer_join.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def ask_satisfaction(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_EMPLOYERS, action=True)
    try:
        campaign = services.ask_employer_satisfaction(
            request.user,
            organisation,
            closes_on=timezone.localdate() + datetime.timedelta(days=21),
            base_url=request.build_absolute_uri("/"),
            request=request,
        )
    except services.MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("De vragenlijst over tevredenheid is naar %(count)s werkgevers gestuurd.")
            % {"count": campaign.invitations.count()},
        )
    return redirect("matching:employers", slug=slug)


def _served_employer(request, slug, pk, action=False):
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_EMPLOYERS, action=action)
    queryset = access.employers_for(organisation).exclude(organisation=organisation)
    if action:
        queryset = queryset.filter(service_point=organisation)
    return organisation, access.get_or_404(queryset, pk=pk)


@login_required
def employer(request, slug, pk, contact_form=None, opening_form=None):
    organisation, profile = _served_employer(request, slug, pk)
    serves = profile.service_point_id == organisation.pk
    return render(
        request,
        "matching/employer.html",
        {
            "organisation": organisation,
            "employer": profile,
            "serves": serves,
            "contacts": profile.contacts.select_related("by"),
            "openings": profile.openings.all(),
            "introductions": access.introductions_for(organisation).filter(opening__employer=profile),
            "contact_form": contact_form or forms.ContactForm(),
            "opening_form": opening_form or forms.OpeningForm(),
            "contact_action": reverse("matching:contact_add", args=[slug, pk]),
            "opening_action": reverse("matching:opening_add", args=[slug, pk]),
        },
    )


@login_required
@require_POST
def contact_add(request, slug, pk):
    organisation, profile = _served_employer(request, slug, pk, action=True)
    form = forms.ContactForm(request.POST)
    if not form.is_valid():
        return employer(request, slug, pk, contact_form=form)
    contact = form.save(commit=False)
    contact.employer, contact.by = profile, request.user
    contact.save()
    audit.record(
        access.EMPLOYER_CHANGED,
        request=request,
        organisation=organisation,
        target=profile,
        contact=contact.pk,
    )
    messages.success(request, _("Het contactmoment is vastgelegd."))
    return redirect("matching:employer", slug=slug, pk=pk)


@login_required
@require_POST
def opening_add(request, slug, pk):
    organisation, profile = _served_employer(request, slug, pk, action=True)
    form = forms.OpeningForm(request.POST)
    if not form.is_valid():
        return employer(request, slug, pk, opening_form=form)
    opening = form.save(commit=False)
    opening.employer = profile
    opening.save()
    audit.record(access.EMPLOYER_CHANGED, request=request, organisation=organisation, target=opening)
    messages.success(request, _("De vacature is toegevoegd."))
    return redirect("matching:employer", slug=slug, pk=pk)


@login_required
def opening_edit(request, slug, pk):
    """The service point changes an opening it serves; a second editor at the same time is told."""
    organisation = access.acting_organisation(
        request.user, slug, Capability.MANAGE_EMPLOYERS, action=request.method == "POST"
    )
    opening = access.get_or_404(
        access.openings_for(organisation).filter(employer__service_point=organisation), pk=pk
    )
    form = forms.OpeningEditForm(request.POST or None, instance=opening)
    if request.method == "POST" and form.is_valid():
        fields, read_version = form.Meta.fields, form.cleaned_data["read_version"]
        save = partial(
            services.update_opening, request.user, form.instance, fields, read_version, request=request
        )
        if _saved(request, form, opening, save, _("De vacature is opgeslagen.")):
            return redirect("matching:employer", slug=slug, pk=opening.employer_id)
    return render(
        request,
        "matching/opening_form.html",
        {"organisation": organisation, "opening": opening, "form": form},
    )


@login_required
@require_POST
def opening_toggle(request, slug, pk):
    """Close a filled opening (it leaves the next rounds) or open it again."""
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_EMPLOYERS, action=True)
    opening = access.get_or_404(
        access.openings_for(organisation).filter(employer__service_point=organisation), pk=pk
    )
    opening.is_open = not opening.is_open
    opening.save(update_fields=["is_open"])
    audit.record(
        access.EMPLOYER_CHANGED,
        request=request,
        organisation=organisation,
        target=opening,
        open=opening.is_open,
    )
    return redirect("matching:employer", slug=slug, pk=opening.employer_id)


# --- rounds --------------------------------------------------------------------------------------------


@login_required
def rounds(request, slug):
    organisation = access.acting_organisation(
        request.user, slug, Capability.RUN_MATCHING, action=request.method == "POST"
    )
    form = forms.RoundForm(request.POST or None, region=organisation.region)
    if request.method == "POST" and form.is_valid():
        try:
            matching_round = services.run_round(
                request.user,
                organisation,
                region=organisation.region,
                municipality=form.cleaned_data["municipality"],
                seed=form.cleaned_data["seed"],
                request=request,
            )
        except services.MatchingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("De ronde is gedraaid. Beoordeel de voorstellen; er is nog niemand benaderd.")
            )
            return redirect("matching:round", slug=slug, pk=matching_round.pk)
    found = MatchingRound.objects.filter(organisation=organisation).select_related("municipality", "run_by")
    return render(
        request, "matching/rounds.html", {"organisation": organisation, "rounds": found, "form": form}
    )


def _round(request, slug, pk, action=False):
    organisation = access.acting_organisation(request.user, slug, Capability.RUN_MATCHING, action=action)
    return organisation, access.get_or_404(MatchingRound.objects.filter(organisation=organisation), pk=pk)


@login_required
def round_detail(request, slug, pk):
    organisation, matching_round = _round(request, slug, pk)
    proposals = matching_round.proposals.select_related(
        "candidate", "opening__employer__organisation", "final_opening__employer__organisation", "decided_by"
    )
    names = {f"o{o.pk}": str(o) for o in access.openings_for(organisation)}
    openings = access.openings_for(organisation).filter(
        is_open=True, employer__location__region=matching_round.region
    )
    page = Paginator(proposals, PROPOSALS_PER_PAGE).get_page(request.GET.get("pagina"))
    rows = [
        (
            proposal,
            services.explain(proposal, names),
            forms.DecisionForm(openings=openings, prefix=f"p{proposal.pk}"),
        )
        for proposal in page.object_list
    ]
    result = matching_round.result
    return render(
        request,
        "matching/round.html",
        {
            "organisation": organisation,
            "round": matching_round,
            "rows": rows,
            "page": page,
            "result": result,
            "unmatched": sum(1 for value in result["assignment"].values() if value is None),
            "reproduced": services.reproduces(matching_round) if request.GET.get("controle") else None,
            "pending": matching_round.proposals.filter(decision=Decision.PENDING).count(),
        },
    )


@login_required
@require_POST
def proposal_decide(request, slug, pk):
    organisation = access.acting_organisation(request.user, slug, Capability.RUN_MATCHING, action=True)
    proposal = access.get_or_404(
        Proposal.objects.filter(round__organisation=organisation).select_related("round", "candidate"), pk=pk
    )
    openings = access.openings_for(organisation).filter(is_open=True)
    form = forms.DecisionForm(request.POST, openings=openings, prefix=f"p{proposal.pk}")
    if form.is_valid():
        try:
            services.decide(
                request.user,
                proposal,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
                opening=form.cleaned_data["opening"],
                request=request,
            )
        except services.MatchingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Het besluit over %(candidate)s is vastgelegd.") % {"candidate": proposal.candidate},
            )
    else:
        messages.error(request, _("Kies een besluit en geef een reden op."))
    before = proposal.round.proposals.filter(candidate__pseudonym__lt=proposal.candidate.pseudonym).count()
    page = before // PROPOSALS_PER_PAGE + 1
    target = reverse("matching:round", args=[slug, proposal.round_id])
    return redirect(f"{target}?pagina={page}#voorstel-{proposal.pk}")


@login_required
@require_POST
def round_finish(request, slug, pk):
    _organisation, matching_round = _round(request, slug, pk, action=True)
    try:
        services.finish_round(request.user, matching_round, request=request)
    except services.MatchingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De ronde is afgerond."))
    return redirect("matching:round", slug=slug, pk=pk)


# --- introductions and placements (advisers) ----------------------------------------------------------


@login_required
def introductions(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.RUN_MATCHING)
    found = access.introductions_for(organisation).select_related("placement")
    status = request.GET.get("status", "")
    if status in IntroductionStatus.values:
        found = found.filter(status=status)
    return render(
        request,
        "matching/introductions.html",
        {
            "organisation": organisation,
            "introductions": found,
            "statuses": IntroductionStatus.choices,
            "status": status,
            "follow_ups": FollowUp.objects.filter(
                placement__in=access.placements_for(organisation),
                done_on__isnull=True,
                due_on__lte=timezone.localdate() + datetime.timedelta(days=14),
            ).select_related(
                "placement__introduction__candidate",
                "placement__introduction__opening__employer__organisation",
            ),
        },
    )


def _introduction_forms(item, data=None, step=None) -> dict:
    """The introduction page's forms, each with its own prefix; only the submitted one is bound."""
    version = {"read_version": item.version}
    return {
        "schedule": forms.ScheduleForm(
            data if step == "schedule" else None,
            prefix="schedule",
            initial={**version, "scheduled_at": item.scheduled_at, "place": item.place},
        ),
        "candidate": forms.OutcomeForm(
            data if step == "candidate" else None, prefix="candidate", initial=version
        ),
        "employer": forms.OutcomeForm(
            data if step == "employer" else None, prefix="employer", initial=version
        ),
        "work_floor": forms.WorkFloorForm(data if step == "work_floor" else None, prefix="work_floor"),
        "place": forms.ContractForm(data if step == "place" else None, prefix="place", initial=version),
    }


@login_required
def introduction(request, slug, pk):
    organisation = access.acting_organisation(
        request.user, slug, Capability.RUN_MATCHING, action=request.method == "POST"
    )
    item = access.get_or_404(access.introductions_for(organisation), pk=pk)
    step = request.POST.get("step") if request.method == "POST" else None
    page_forms = _introduction_forms(item, request.POST, step)
    if step is not None:
        if step not in page_forms and step != "cancel":
            raise Http404
        try:
            if _introduction_step(request, item, step, page_forms.get(step)):
                return redirect("matching:introduction", slug=slug, pk=pk)
        except services.StaleRecord:
            item.refresh_from_db()
            _stale(page_forms[step], item.version)
        except services.MatchingError as error:
            messages.error(request, str(error))
    services.record_candidate_view(request, item.candidate, organisation, "introduction")
    return render(
        request,
        "matching/introduction.html",
        {
            "organisation": organisation,
            "introduction": item,
            "consented": access.introduction_consented(item),
            "placement": getattr(item, "placement", None),
            "forms": page_forms,
            "sides": (
                ("candidate", _("werkzoekende"), page_forms["candidate"]),
                ("employer", _("werkgever"), page_forms["employer"]),
            ),
        },
    )


def _introduction_step(request, item, step, form) -> bool:
    """Carry out one of the introduction page's steps; False when its form has errors."""
    if step == "cancel":
        services.cancel(request.user, item, int(request.POST.get("read_version", 0)), request=request)
        return True
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    if step == "schedule":
        services.schedule(
            request.user, item, data["scheduled_at"], data["place"], data["read_version"], request=request
        )
    elif step in ("candidate", "employer"):
        services.record_outcome(
            request.user, item, step, data["outcome"], data["note"], data["read_version"], request=request
        )
    elif step == "work_floor":
        services.start_work_floor(
            request.user, item, data["kind"], data["start"], data["end"], request=request
        )
    else:
        data.pop("read_version")
        services.place(request.user, item, data, request=request)
    return True


@login_required
def placement(request, slug, pk):
    organisation = access.acting_organisation(
        request.user, slug, Capability.RUN_MATCHING, action=request.method == "POST"
    )
    item = access.get_or_404(access.placements_for(organisation), pk=pk)
    contract_form = forms.ContractForm(
        prefix="contract",
        initial={
            "read_version": item.version,
            **{
                name: getattr(item, name) for name in forms.ContractForm.base_fields if name != "read_version"
            },
        },
    )
    exit_form = forms.ExitForm(
        prefix="exit", initial={"read_version": item.version, "exit_on": timezone.localdate()}
    )
    follow_up_form = forms.FollowUpForm(prefix="follow_up")
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "contract":
                contract_form = forms.ContractForm(request.POST, prefix="contract")
                if contract_form.is_valid():
                    data = dict(contract_form.cleaned_data)
                    version = data.pop("read_version") or item.version
                    services.place(request.user, item.introduction, data, version, request=request)
                    return redirect("matching:placement", slug=slug, pk=pk)
            elif step == "follow_up":
                follow_up_form = forms.FollowUpForm(request.POST, prefix="follow_up")
                if follow_up_form.is_valid():
                    data = follow_up_form.cleaned_data
                    follow_up = access.get_or_404(
                        item.follow_ups.filter(done_on__isnull=True), pk=data["follow_up"]
                    )
                    services.complete_follow_up(
                        request.user, follow_up, data["still_in_work"], data["benefit_after"], request=request
                    )
                    return redirect("matching:placement", slug=slug, pk=pk)
            elif step == "exit":
                exit_form = forms.ExitForm(request.POST, prefix="exit")
                if exit_form.is_valid():
                    data = exit_form.cleaned_data
                    services.exit_placement(
                        request.user,
                        item,
                        data["exit_on"],
                        data["exit_reason"],
                        data["read_version"],
                        request=request,
                    )
                    return redirect("matching:placement", slug=slug, pk=pk)
            else:
                raise Http404
        except services.StaleRecord:
            item.refresh_from_db()
            if contract_form.is_bound:
                _stale(contract_form, item.version)
            if exit_form.is_bound:
                _stale(exit_form, item.version)
        except services.MatchingError as error:
            messages.error(request, str(error))
    services.record_candidate_view(request, item.candidate, organisation, "placement")
    return render(
        request,
        "matching/placement.html",
        {
            "organisation": organisation,
            "placement": item,
            "follow_ups": item.follow_ups.all(),
            "next_follow_up": item.follow_ups.filter(done_on__isnull=True).first(),
            "contract_form": contract_form,
            "exit_form": exit_form,
            "follow_up_form": follow_up_form,
            "open_stage": item.stage in (Stage.WORK_FLOOR, Stage.PLACED),
        },
    )


# --- region figures ------------------------------------------------------------------------------------


def _figures(request, organisation):
    today = timezone.localdate()
    initial = {
        "start": today.replace(month=1, day=1) - datetime.timedelta(days=365),
        "end": today,
        "breakdown": "month",
    }
    form = forms.FiguresForm(request.GET or None, initial=initial)
    params = form.cleaned_data if form.is_valid() else initial
    if params["end"] < params["start"]:
        params = initial
    return form, region_figures.region_figures(
        organisation.region, params["start"], params["end"], params["breakdown"]
    )


@login_required
def figures(request, slug):
    organisation = access.acting_organisation(request.user, slug, Capability.VIEW_MATCHING_FIGURES)
    form, counted = _figures(request, organisation)
    return render(
        request,
        "matching/figures.html",
        {
            "organisation": organisation,
            "form": form,
            "figures": counted,
            "columns": [label for _key, label in region_figures.COUNTS],
            "summary": [(counted.total(key), label) for key, label in region_figures.COUNTS],
            "totals": counted.total_row(),
            "minimum": settings.MATCHING_MIN_GROUP,
            "cost_share": round(100 * counted.cost_per_durable / counted.regular_cost)
            if counted.cost_per_durable and counted.regular_cost
            else None,
            "chart": charts.grouped_bars(counted),
            "breakdown_label": region_figures.BREAKDOWNS[counted.breakdown],
            "query": request.GET.urlencode(),
        },
    )


def _shown(values) -> list:
    """Hidden figures (too few people) export as an empty cell, never as a number."""
    return ["" if value is None else value for value in values]


def export_rows(counted) -> list[list]:
    header = [str(region_figures.BREAKDOWNS[counted.breakdown])] + [
        str(label) for _k, label in region_figures.COUNTS
    ]
    rows = [header] + [[key, *_shown(values)] for key, values in counted.table()]
    rows.append([_("Totaal"), *_shown(counted.total_row())])
    rows.append([])
    rows.append(
        [
            _("Mediaan dagen van intake tot plaatsing"),
            counted.median_days if counted.median_days is not None else "",
        ]
    )
    rows.append([_("Kosten aanpak (euro)"), counted.approach_cost])
    rows.append(
        [
            _("Kosten per duurzame plaatsing (euro)"),
            round(counted.cost_per_durable) if counted.cost_per_durable else "",
        ]
    )
    rows.append([_("Kosten regulier traject (euro)"), counted.regular_cost])
    rows.append(
        [_("Tevredenheid werkgevers (1–5)"), counted.satisfaction if counted.satisfaction is not None else ""]
    )
    return rows


@login_required
def figures_export(request, slug, kind):
    organisation = access.acting_organisation(request.user, slug, Capability.VIEW_MATCHING_FIGURES)
    _form, counted = _figures(request, organisation)
    rows = export_rows(counted)
    audit.record(access.FIGURES_EXPORTED, request=request, organisation=organisation, format=kind)
    name = f"matchen-{organisation.region.code}-{counted.start}-{counted.end}"
    if kind == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Matchen"
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# --- partner agreements --------------------------------------------------------------------------------


@login_required
def agreements(request, slug):
    organisation = access.acting_organisation(
        request.user, slug, Capability.MANAGE_AGREEMENTS, action=request.method == "POST"
    )
    form = forms.AgreementForm(request.POST or None, owner=organisation)
    if request.method == "POST" and form.is_valid():
        agreement = form.save(commit=False)
        agreement.owner = organisation
        agreement.save()
        audit.record(access.AGREEMENT_CHANGED, request=request, organisation=organisation, target=agreement)
        messages.success(request, _("De afspraak is vastgelegd."))
        return redirect("matching:agreements", slug=slug)
    return render(
        request,
        "matching/agreements.html",
        {
            "organisation": organisation,
            "tables": [
                (
                    _("Wat wij delen"),
                    PartnerAgreement.objects.filter(owner=organisation).select_related("partner"),
                    "partner",
                ),
                (
                    _("Wat partners met ons delen"),
                    PartnerAgreement.objects.filter(partner=organisation).select_related("owner"),
                    "owner",
                ),
            ],
            "form": form,
        },
    )


@login_required
@require_POST
def agreement_end(request, slug, pk):
    """End an agreement today: from tomorrow the partner no longer reaches what it shared."""
    organisation = access.acting_organisation(request.user, slug, Capability.MANAGE_AGREEMENTS, action=True)
    agreement = access.get_or_404(
        PartnerAgreement.objects.filter(owner=organisation, end__isnull=True), pk=pk
    )
    agreement.end = timezone.localdate() - datetime.timedelta(days=1)
    agreement.save(update_fields=["end"])
    audit.record(
        access.AGREEMENT_CHANGED, request=request, organisation=organisation, target=agreement, ended=True
    )
    messages.success(request, _("De afspraak met %(partner)s is beëindigd.") % {"partner": agreement.partner})
    return redirect("matching:agreements", slug=slug)


# --- the employer's own login --------------------------------------------------------------------------


def _employer_side(request, slug, action=False):
    organisation = access.acting_organisation(request.user, slug, Capability.EMPLOYER_MATCHING, action=action)
    if not hasattr(organisation, "employer_profile"):
        raise Http404
    return organisation


@login_required
def employer_home(request, slug):
    organisation = _employer_side(request, slug)
    items = access.employer_introductions(organisation)
    return render(
        request,
        "matching/employer_home.html",
        {
            "organisation": organisation,
            "profile": organisation.employer_profile,
            "openings": organisation.employer_profile.openings.all(),
            "introductions": [(item, access.introduction_consented(item)) for item in items],
        },
    )


@login_required
def employer_introduction(request, slug, pk):
    organisation = _employer_side(request, slug, action=request.method == "POST")
    item = access.get_or_404(access.employer_introductions(organisation), pk=pk)
    form = forms.OutcomeForm(request.POST or None, initial={"read_version": item.version})
    if request.method == "POST" and form.is_valid():
        save = partial(_record_outcome, request, item, "employer", form.cleaned_data)
        if _saved(request, form, item, save, _("Uw terugkoppeling is vastgelegd. Dank u wel.")):
            return redirect("matching:employer_introduction", slug=slug, pk=pk)
    consented = access.introduction_consented(item)
    if consented:
        audit.record_personal_data_view(
            request,
            subject=item.candidate.person,
            target=item,
            organisation=organisation,
            reason="introduction with consent",
            event=access.INTRODUCTION_VIEWED,
        )
    return render(
        request,
        "matching/employer_introduction.html",
        {"organisation": organisation, "introduction": item, "consented": consented, "form": form},
    )


# --- the candidate's own pages -------------------------------------------------------------------------


def _own_profile(request) -> CandidateProfile:
    profile = CandidateProfile.objects.filter(person=request.user).select_related("organisation").first()
    if profile is None:
        raise Http404
    return profile


@login_required
def my_profile(request):
    profile = _own_profile(request)
    consents = services.consents_of(request.user)
    step = request.POST.get("step") if request.method == "POST" else None
    form = forms.OwnProfileForm(request.POST if step == "profile" else None, instance=profile)
    consent_form = forms.ConsentForm(
        request.POST if step == "consent" else None,
        initial={
            "matching": consents[ConsentPurpose.MATCHING],
            "share_with_partners": consents[ConsentPurpose.SHARE_WITH_PARTNERS],
        },
    )
    if step == "profile" and form.is_valid():
        read_version = form.cleaned_data["read_version"]
        save = partial(
            services.update_candidate,
            request.user,
            form.instance,
            forms.OWN_FIELDS,
            read_version,
            request=request,
        )
        if _saved(request, form, profile, save, _("Uw profiel is opgeslagen.")):
            return redirect("matching:my_profile")
    if step == "consent" and consent_form.is_valid():
        for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.SHARE_WITH_PARTNERS):
            services.set_profile_consent(
                request.user, purpose, consent_form.cleaned_data[purpose], request=request
            )
        messages.success(request, _("Uw toestemmingen zijn opgeslagen."))
        return redirect("matching:my_profile")
    items = [
        (item, access.introduction_consented(item))
        for item in profile.introductions.select_related("opening__employer__organisation")
    ]
    return render(
        request,
        "matching/my_profile.html",
        {"candidate": profile, "form": form, "consent_form": consent_form, "introductions": items},
    )


@login_required
def my_introduction(request, pk):
    profile = _own_profile(request)
    item = access.get_or_404(profile.introductions.select_related("opening__employer__organisation"), pk=pk)
    form = forms.OutcomeForm(initial={"read_version": item.version})
    if request.method == "POST":
        step = request.POST.get("step")
        if step in ("consent", "revoke"):
            services.consent_to_introduction(request.user, item, step == "consent", request=request)
            messages.success(
                request,
                _("De werkgever ziet nu uw naam en contactgegevens.")
                if step == "consent"
                else _("De werkgever ziet uw naam en contactgegevens niet meer."),
            )
            return redirect("matching:my_introduction", pk=pk)
        form = forms.OutcomeForm(request.POST)
        if step == "outcome" and form.is_valid():
            save = partial(_record_outcome, request, item, "candidate", form.cleaned_data)
            if _saved(request, form, item, save, _("Uw terugkoppeling is vastgelegd.")):
                return redirect("matching:my_introduction", pk=pk)
    return render(
        request,
        "matching/my_introduction.html",
        {
            "introduction": item,
            "consented": access.introduction_consented(item),
            "form": form,
        },
    )
