"""Views of the absence app: figures and trends per unit, imports, the spells for HR, the business case.

Thin: the figures come from services (which apply the minimum group size), the business case from the
pure ``business_case`` module. Imports and spells are HR's; each view of the spells is audited.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inzetbaar.core import audit
from inzetbaar.core.access import get_visible_or_404
from inzetbaar.core.models import Organisation
from inzetbaar.core.roles import Capability
from inzetbaar.instruments import pdf

from . import access as events
from . import business_case, charts, importing, services
from .forms import BusinessCaseForm, MappingForm, PeriodForm, SettingsForm, UploadForm, default_range
from .models import AbsenceSettings, ImportBatch, ImportStatus


def _organisation(request, slug, capability) -> Organisation:
    return get_visible_or_404(Organisation, request.user, capability, slug=slug)


# --- figures ---------------------------------------------------------------------------------------------


def _period(request, organisation) -> tuple[PeriodForm, datetime.date, datetime.date, str]:
    start, end = default_range(services.last_month_with_data(organisation))
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end, "by": "month"})
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["by"]
    return form, start, end, "month"


def _charts(report: services.AbsenceReport) -> dict:
    rates = [c.values["absence_rate"] for s in report.series for c in s.cells]
    rates += [s.whole.values["absence_rate"] for s in report.series if s.whole]
    top = charts.scale_top(rates, report.benchmark)
    labels = [p.label for p in report.periods]
    trends = [
        (
            series,
            charts.trend(labels, [c.values["absence_rate"] for c in series.cells], top, report.benchmark),
            list(zip(report.periods, series.cells, strict=True)),
        )
        for series in report.series
    ]
    side_by_side = charts.bars(
        [(s.label, s.whole.values["absence_rate"], s.whole.headcount == 0) for s in report.series],
        top,
        report.benchmark,
    )
    return {"trends": trends, "bars": side_by_side}


@login_required
def overview(request, slug):
    organisation = _organisation(request, slug, Capability.VIEW_ABSENCE_FIGURES)
    form, start, end, by = _period(request, organisation)
    report = services.absence_report(organisation, request.user, start, end, by)
    context = {
        "organisation": organisation,
        "form": form,
        "report": report,
        "may_import": services.holds_spells(request.user, organisation),
        "org_wide": services.org_wide_reader(request.user, organisation),
        "query": urlencode({"start": start.isoformat(), "end": end.isoformat(), "by": by}),
        **_charts(report),
    }
    return render(request, "absence/overview.html", context)


@login_required
def report_pdf(request, slug):
    """The organisation's absence report: a year per unit and the business case, as PDF."""
    organisation = _organisation(request, slug, Capability.VIEW_ABSENCE_FIGURES)
    if not services.org_wide_reader(request.user, organisation):
        raise Http404
    _form, start, end, by = _period(request, organisation)
    report = services.absence_report(organisation, request.user, start, end, by)
    facts = services.organisation_facts(organisation, start, end)
    chosen = services.settings_for(organisation)
    outcome = None
    if facts is not None and facts.absence_rate >= float(chosen.target_reduction):
        outcome = business_case.compute(
            business_case.Inputs(
                headcount=facts.headcount,
                part_time_factor=facts.part_time_factor,
                working_days=261,
                cost_per_day=float(chosen.cost_per_day),
                current_rate=facts.absence_rate,
                reduction=float(chosen.target_reduction),
            )
        )
    context = {
        "organisation": organisation,
        "report": report,
        "outcome": outcome,
        "pdf": True,
        **_charts(report),
    }
    try:
        body = pdf.render_pdf("absence/pdf/report.html", context)
    except pdf.PdfUnavailable:
        return render(request, "instruments/pdf_unavailable.html", status=503)
    audit.record(
        events.FIGURES_EXPORTED, request=request, organisation=organisation, start=str(start), end=str(end)
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verzuimrapport-{organisation.slug}.pdf"'
    return response


# --- imports (HR) -----------------------------------------------------------------------------------------


@login_required
def imports(request, slug):
    organisation = _organisation(request, slug, Capability.IMPORT_ABSENCE)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.start_import(
                request.user,
                organisation,
                form.cleaned_data["kind"],
                upload.name,
                upload.read(),
                request=request,
            )
        except importing.ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            if batch.status == ImportStatus.PENDING:
                return redirect("absence:import_mapping", slug=slug, pk=batch.pk)
            return redirect("absence:import", slug=slug, pk=batch.pk)
    batches = ImportBatch.objects.filter(organisation=organisation).select_related("created_by")[:50]
    return render(
        request, "absence/imports.html", {"organisation": organisation, "form": form, "batches": batches}
    )


def _batch(request, slug, pk) -> ImportBatch:
    return get_visible_or_404(
        ImportBatch.objects.select_related("organisation"),
        request.user,
        Capability.IMPORT_ABSENCE,
        pk=pk,
        organisation__slug=slug,
    )


@login_required
def import_mapping(request, slug, pk):
    batch = _batch(request, slug, pk)
    if batch.status != ImportStatus.PENDING:
        return redirect("absence:import", slug=slug, pk=pk)
    form = MappingForm(request.POST or None, kind=batch.kind, headers=batch.headers, mapping=batch.mapping)
    if request.method == "POST" and form.is_valid():
        services.run_import(batch, request.user, mapping=form.mapping(), request=request)
        return redirect("absence:import", slug=slug, pk=pk)
    return render(
        request,
        "absence/import_mapping.html",
        {"organisation": batch.organisation, "batch": batch, "form": form},
    )


@login_required
def import_detail(request, slug, pk):
    batch = _batch(request, slug, pk)
    problems = [importing.Problem(*p) for p in batch.problems]
    return render(
        request,
        "absence/import_detail.html",
        {
            "organisation": batch.organisation,
            "batch": batch,
            "problems": problems,
            "stored_limit": services.MAX_STORED_PROBLEMS,
        },
    )


@login_required
def absence_settings(request, slug):
    organisation = _organisation(request, slug, Capability.IMPORT_ABSENCE)
    instance = AbsenceSettings.objects.filter(organisation=organisation).first() or services.settings_for(
        organisation
    )
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(
            events.SETTINGS_CHANGED, request=request, organisation=organisation, target=form.instance
        )
        messages.success(request, _("De instellingen zijn bewaard."))
        return redirect("absence:overview", slug=slug)
    return render(request, "absence/settings.html", {"organisation": organisation, "form": form})


# --- spells (HR, audited) -----------------------------------------------------------------------------------


@login_required
def spells(request, slug):
    organisation = _organisation(request, slug, Capability.VIEW_ABSENCE_SPELLS)
    if not services.holds_spells(request.user, organisation):
        raise Http404  # platform administration does not read absence records
    found = services.spells_of(organisation)
    number = request.GET.get("medewerker", "").strip()
    if number:
        found = found.filter(employee=services.pseudonym(organisation, number))
    page = Paginator(found, 50).get_page(request.GET.get("pagina"))
    services.record_spells_view(
        request, organisation, page=page.number, searched=bool(number), count=len(page)
    )
    return render(
        request,
        "absence/spells.html",
        {
            "organisation": organisation,
            "page": page,
            "number": number,
            "query": urlencode({"medewerker": number}) if number else "",
        },
    )


# --- business case ---------------------------------------------------------------------------------------


PRESETS = {"zorgregio": business_case.CARE_REGION}


def _initial(request, organisation) -> tuple[dict, bool]:
    """The form's starting values: a preset, or the organisation's own last twelve months."""
    preset = PRESETS.get(request.GET.get("voorbeeld", ""))
    if preset is not None:
        return {k: getattr(preset, k) for k in BusinessCaseForm.base_fields}, False
    chosen = services.settings_for(organisation)
    initial = {"working_days": 261, "cost_per_day": chosen.cost_per_day, "reduction": chosen.target_reduction}
    if services.org_wide_reader(request.user, organisation):
        start, end = default_range(services.last_month_with_data(organisation))
        facts = services.organisation_facts(organisation, start, end)
        if facts is not None:
            initial.update(
                headcount=facts.headcount,
                part_time_factor=facts.part_time_factor,
                current_rate=facts.absence_rate,
            )
            return initial, True
    return initial, False


@login_required
def business_case_view(request, slug):
    organisation = _organisation(request, slug, Capability.VIEW_ABSENCE_FIGURES)
    initial, own_data = _initial(request, organisation)
    submitted = "headcount" in request.GET
    form = BusinessCaseForm(request.GET if submitted else None, initial=initial)
    outcome = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        inputs = business_case.Inputs(
            headcount=data["headcount"],
            part_time_factor=float(data["part_time_factor"]),
            working_days=data["working_days"],
            cost_per_day=float(data["cost_per_day"]),
            current_rate=float(data["current_rate"]),
            reduction=float(data["reduction"]),
        )
        outcome = business_case.compute(inputs)
    elif not submitted and all(initial.get(k) is not None for k in BusinessCaseForm.base_fields):
        inputs = business_case.Inputs(**{k: _plain(initial[k]) for k in BusinessCaseForm.base_fields})
        outcome = None if inputs.problems() else business_case.compute(inputs)
    return render(
        request,
        "absence/business_case.html",
        {
            "organisation": organisation,
            "form": form,
            "outcome": outcome,
            "own_data": own_data,
        },
    )


def _plain(value):
    return value if isinstance(value, int) else float(value)
