"""Forms of annual plans: the plan, a goal, an action, and an action's progress."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core import indicators
from inzetbaar.core.models import Membership, User
from inzetbaar.core.roles import Capability, roles_with

from .models import Action, AnnualPlan, Goal, Phase, Status

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def people_of(organisation):
    """Who can own a plan or action: the organisation's members who may read its plans."""
    ids = Membership.objects.active().filter(
        organisation=organisation, role__in=roles_with(Capability.VIEW_PLANS)
    )
    return User.objects.filter(pk__in=ids.values("user")).order_by("full_name")


class PlanForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["year", "title", "owner", "vision", "shared_with_networks"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["owner"].queryset = people_of(organisation)
        self.fields["owner"].required = True
        if self.instance.pk:
            self.fields["year"].disabled = True
        else:
            self.fields["year"].initial = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Kies een jaar tussen 2000 en 2100."))
        taken = AnnualPlan.objects.filter(organisation=self.organisation, year=year).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(_("Er is al een jaarplan voor %(year)s.") % {"year": year})
        return year


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["theme", "title", "description"]


class ActionForm(forms.ModelForm):
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        required=False,
        help_text=_("Een cijfer van het platform dat laat zien of de actie werkt; vooraf en nu."),
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "theme",
            "goal",
            "kind",
            "owner",
            "start_date",
            "due_date",
            "phase",
            "indicator",
        ]
        widgets = {"start_date": DATE, "due_date": DATE}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["owner"].queryset = people_of(plan.organisation)
        self.fields["indicator"].choices = [("", _("Geen"))] + [
            (i.key, f"{i.label}{f' ({i.unit})' if i.unit else ''}") for i in indicators.all_indicators()
        ]

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("due_date") and data["due_date"] < data["start_date"]:
            self.add_error("due_date", _("De einddatum ligt vóór de begindatum."))
        goal = data.get("goal")
        if goal and data.get("theme") and goal.theme != data["theme"]:
            self.add_error("goal", _("Dit doel hoort bij een ander thema."))
        return data


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    phase = forms.ChoiceField(label=_("Fase (plan-do-check-act)"), choices=Phase.choices)
    note = forms.CharField(
        label=_("Wat is er gebeurd?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Over de actie, niet over personen of hun gezondheid."),
    )
