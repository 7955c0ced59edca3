"""Views of the toolbox: the catalogue, the choice menu, and suggested interventions for a group report."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from inzetbaar.core.access import active_memberships, get_visible_or_404
from inzetbaar.core.models import Organisation, SizeClass
from inzetbaar.core.roles import Capability, Role

from . import choices, services
from .forms import ChoiceMenuForm
from .models import CatalogueItem

# The choice menu's "who is asking", preset from the person's role.
ASKER_OF_ROLE = {
    Role.HR: choices.Audience.HR,
    Role.ORG_ADMIN: choices.Audience.HR,
    Role.WORKS_COUNCIL: choices.Audience.WORKS_COUNCIL,
    Role.MANAGER: choices.Audience.MANAGEMENT,
    Role.OCCUPATIONAL_PHYSICIAN: choices.Audience.PROFESSIONAL,
    Role.NETWORK_FACILITATOR: choices.Audience.PROFESSIONAL,
}


@login_required
def catalogue(request):
    """The whole catalogue (it holds no data of any organisation), filtered by theme."""
    theme = request.GET.get("thema", "")
    items = services.catalogue()
    if theme in choices.Theme.values:
        items = [item for item in items if theme in item.themes]
    context = {"items": items, "themes": choices.Theme.choices, "theme": theme}
    return render(request, "toolbox/catalogue.html", context)


@login_required
def item(request, item):
    found = get_object_or_404(CatalogueItem, slug=item, active=True)
    labels = {
        "themes": choices.Theme,
        "floors": choices.Floor,
        "levels": choices.Level,
        "audiences": choices.Audience,
        "targets": choices.Target,
        "sizes": SizeClass,
    }
    facts = {
        name: [str(vocabulary(code).label) for code in getattr(found, name)]
        for name, vocabulary in labels.items()
    }
    return render(request, "toolbox/item.html", {"item": found, "facts": facts})


@login_required
def choice_menu(request, slug):
    organisation = get_visible_or_404(Organisation, request.user, Capability.USE_TOOLBOX, slug=slug)
    sectors = services.sectors()
    role = next(
        (m.role for m in active_memberships(request.user) if m.organisation_id == organisation.pk), None
    )
    initial = {
        "sector": organisation.sector if organisation.sector in sectors else "",
        "size": organisation.size_class,
        "asker": ASKER_OF_ROLE.get(role, choices.Audience.HR),
        "stage": choices.Level.AWARENESS,
    }
    submitted = "themes" in request.GET or "asker" in request.GET
    form = ChoiceMenuForm(request.GET if submitted else None, initial=initial, sectors=sectors)
    results = services.choice_menu(form.profile()) if submitted and form.is_valid() else None
    context = {"organisation": organisation, "form": form, "results": results}
    return render(request, "toolbox/choice_menu.html", context)


@login_required
def report_suggestions(request, slug, pk, instrument_id):
    """Interventions for the weakest published scales of a group report, for HR and the works council."""
    from inzetbaar.instruments import company_scan, reports
    from inzetbaar.instruments.models import Campaign

    campaign = get_visible_or_404(
        Campaign.objects.select_related("organisation"),
        request.user,
        Capability.VIEW_SUGGESTIONS,
        pk=pk,
        organisation__slug=slug,
    )
    instrument = campaign.instruments.filter(instrument_id=instrument_id).first()
    if instrument is None or company_scan.is_company_scan(instrument):
        raise Http404
    report = reports.group_report(campaign, instrument, request.user)
    groups = services.suggestions_for_report(report, campaign.organisation)
    context = {"organisation": campaign.organisation, "report": report, "groups": groups}
    return render(request, "toolbox/suggestions.html", context)
