"""Forms of learning networks."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import Membership, Organisation, OrganisationKind, User
from inzetbaar.plans.forms import DATE
from inzetbaar.plans.models import ActionKind, Phase, Status
from inzetbaar.toolbox.choices import Theme

from .models import GoodPractice, Meeting, Network, NetworkAction


class NetworkForm(forms.ModelForm):
    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Leden"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    ambassadors = forms.ModelMultipleChoiceField(
        label=_("Ambassadeurs"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leden die voorop lopen en hun aanpak delen."),
    )

    class Meta:
        model = Network
        fields = ["name", "description", "region", "sector"]

    def __init__(self, *args, facilitator, **kwargs):
        super().__init__(*args, **kwargs)
        # Learning networks are regional: members come from the facilitator's labour-market region.
        employers = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER, region=facilitator.region_id)
        self.fields["member_organisations"].queryset = employers
        self.fields["ambassadors"].queryset = employers
        if self.instance.pk:
            memberships = self.instance.memberships.all()
            self.fields["member_organisations"].initial = [m.organisation_id for m in memberships]
            self.fields["ambassadors"].initial = [m.organisation_id for m in memberships if m.ambassador]
        else:
            self.fields["region"].initial = facilitator.region_id

    def clean(self):
        data = super().clean()
        outside = set(data.get("ambassadors") or []) - set(data.get("member_organisations") or [])
        if outside:
            self.add_error("ambassadors", _("Een ambassadeur is ook lid van het netwerk."))
        return data


class MeetingForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meeting
        fields = ["title", "date", "half_day", "location", "agenda", "themes"]
        widgets = {"date": DATE}


class AttendanceForm(forms.Form):
    """People present per member organisation."""

    def __init__(self, *args, memberships, present: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        for membership in memberships:
            self.fields[f"org_{membership.organisation_id}"] = forms.IntegerField(
                label=membership.organisation.name,
                min_value=0,
                max_value=50,
                initial=present.get(membership.organisation_id, 0),
            )

    def people(self) -> dict[int, int]:
        return {int(name.removeprefix("org_")): value for name, value in self.cleaned_data.items()}


def people_of(organisation):
    ids = Membership.objects.active().filter(organisation=organisation).values("user")
    return User.objects.filter(pk__in=ids).order_by("full_name")


class TakeHomeForm(forms.Form):
    title = forms.CharField(label=_("Wat neemt u mee?"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ChoiceField(label=_("Thema"), choices=Theme.choices)
    kind = forms.ChoiceField(label=_("Soort"), choices=ActionKind.choices)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Klaar op"), widget=DATE)

    def __init__(self, *args, organisation, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        from inzetbaar.plans.forms import people_of as plan_people

        self.fields["owner"].queryset = plan_people(organisation)
        if meeting.themes:
            self.fields["theme"].initial = meeting.themes[0]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.meeting.date:
            raise forms.ValidationError(_("De einddatum ligt vóór de bijeenkomst."))
        return due


class GoodPracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = ["theme", "title", "story"]
        widgets = {"story": forms.Textarea(attrs={"rows": 10})}


class NetworkActionForm(forms.ModelForm):
    class Meta:
        model = NetworkAction
        fields = ["title", "description", "theme", "owner", "start_date", "due_date"]
        widgets = {"start_date": DATE, "due_date": DATE}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(network.facilitator)
        self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("due_date") and data["due_date"] < data["start_date"]:
            self.add_error("due_date", _("De einddatum ligt vóór de begindatum."))
        return data


class NetworkProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
