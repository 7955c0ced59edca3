"""Forms of matching. Lists of labels (skills, sectors) are typed comma-separated; support needs are a
fixed list of practical needs, so no medical detail can be entered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import OrganisationKind

from .models import (
    BenefitAfter,
    CandidateProfile,
    ContactMoment,
    ContractType,
    Decision,
    EmployerProfile,
    ExitReason,
    Offer,
    Opening,
    Outcome,
    PartnerAgreement,
    SeatClass,
    SupportNeed,
)

LIST_FIELDS = ("skills", "talents", "qualifications", "sectors")


class LabelListField(forms.CharField):
    """Comma-separated labels ↔ a list of strings."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class VersionedForm(forms.ModelForm):
    """Carries the version the user read, for optimistic locking."""

    read_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["read_version"] = self.instance.version


class CandidateForm(VersionedForm):
    skills = LabelListField(label=_("Vaardigheden"), required=False, help_text=_("Gescheiden door komma's."))
    talents = LabelListField(label=_("Talenten"), required=False, help_text=_("Gescheiden door komma's."))
    qualifications = LabelListField(
        label=_("Diploma's en certificaten"), required=False, help_text=_("Bijvoorbeeld: rijbewijs B, VCA.")
    )
    sectors = LabelListField(
        label=_("Gewenste sectoren"), required=False, help_text=_("Leeg: alle sectoren.")
    )
    support_needs = forms.MultipleChoiceField(
        label=_("Praktische ondersteuning"),
        choices=SupportNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wat helpt op het werk, nooit een diagnose of aandoening."),
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "skills",
            "talents",
            "qualifications",
            "passions",
            "hours_min",
            "hours_max",
            "max_travel_minutes",
            "travel_mode",
            "sectors",
            "conditions",
            "available_from",
            "availability",
            "benefit",
            "benefit_start",
            "target_group",
            "support_needs",
            "municipality",
            "status",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "benefit_start": forms.DateInput(attrs={"type": "date"}),
            "passions": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("hours_min"), data.get("hours_max")
        if low is not None and high is not None and high < low:
            self.add_error("hours_max", _("Het maximum ligt onder het minimum."))
        return data


# What a candidate may change themself; benefit, target group and status stay with the client manager.
OWN_FIELDS = [
    "skills",
    "talents",
    "qualifications",
    "passions",
    "hours_min",
    "hours_max",
    "max_travel_minutes",
    "travel_mode",
    "sectors",
    "conditions",
    "available_from",
    "availability",
    "support_needs",
]


class NewCandidateForm(CandidateForm):
    """A profile for a person who already holds the candidate role at the guiding organisation."""

    read_version = None
    person = forms.ModelChoiceField(label=_("Werkzoekende"), queryset=None)

    class Meta(CandidateForm.Meta):
        fields = ["person", "intake_date", *CandidateForm.Meta.fields]
        widgets = {**CandidateForm.Meta.widgets, "intake_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class JoinEmployerForm(forms.ModelForm):
    class Meta:
        model = EmployerProfile
        fields = ["organisation", "location", "joined_on", "description"]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = region.organisations.filter(
            kind=OrganisationKind.EMPLOYER, employer_profile__isnull=True
        ).order_by("name")
        self.fields["location"].queryset = region.municipalities.order_by("name")


class OwnProfileForm(CandidateForm):
    class Meta(CandidateForm.Meta):
        fields = OWN_FIELDS


class ConsentForm(forms.Form):
    matching = forms.BooleanField(label=_("Ik doe mee aan matchrondes in de regio"), required=False)
    share_with_partners = forms.BooleanField(
        label=_("Partners in de regio (gemeenten, UWV) mogen mijn profiel zien"), required=False
    )


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["on", "kind", "outcome", "next_step"]
        widgets = {"on": forms.DateInput(attrs={"type": "date"})}


class OpeningForm(forms.ModelForm):
    skills = LabelListField(
        label=_("Gevraagde vaardigheden"), required=False, help_text=_("Gescheiden door komma's.")
    )
    requirements = LabelListField(
        label=_("Harde eisen"), required=False, help_text=_("Bijvoorbeeld: rijbewijs B, heftruckcertificaat.")
    )
    offers = forms.MultipleChoiceField(
        label=_("Wat de werkgever biedt"),
        choices=Offer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Opening
        fields = [
            "title",
            "seat_class",
            "capacity",
            "reserved_seats",
            "hours_min",
            "hours_max",
            "sector",
            "skills",
            "requirements",
            "offers",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if (data.get("reserved_seats") or 0) > (data.get("capacity") or 0):
            self.add_error("reserved_seats", _("Er kunnen niet meer plekken gereserveerd zijn dan er zijn."))
        return data


class OpeningEditForm(VersionedForm, OpeningForm):
    class Meta(OpeningForm.Meta):
        pass


class RoundForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, required=False, empty_label=_("De hele regio")
    )
    seed = forms.IntegerField(
        label=_("Seed van de loting"),
        required=False,
        min_value=0,
        max_value=2**32 - 1,
        help_text=_("Leeg: een nieuwe loting. Met de seed van een eerdere ronde is de uitkomst te herhalen."),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = region.municipalities.order_by("name")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING],
        widget=forms.RadioSelect,
    )
    opening = forms.ModelChoiceField(
        label=_("Andere vacature (bij wijzigen)"), queryset=Opening.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args, openings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings


class ScheduleForm(forms.Form):
    read_version = forms.IntegerField(widget=forms.HiddenInput)
    scheduled_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Plaats bij de werkgever"), max_length=200)


class OutcomeForm(forms.Form):
    read_version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Uitkomst van het gesprek"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class WorkFloorForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort werkplek"), choices=[c for c in SeatClass.choices if c[0] != SeatClass.PAID_JOB]
    )
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Einde"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ContractForm(forms.Form):
    read_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    contract_start = forms.DateField(
        label=_("Start contract"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contract_hours = forms.IntegerField(label=_("Uren per week"), min_value=1, max_value=60)
    contract_type = forms.ChoiceField(label=_("Soort contract"), choices=ContractType.choices)
    wage_subsidy = forms.BooleanField(label=_("Loonkostensubsidie"), required=False)
    no_risk_policy = forms.BooleanField(label=_("No-riskpolis"), required=False)
    job_coach = forms.BooleanField(label=_("Jobcoach"), required=False)
    benefit_after = forms.ChoiceField(label=_("Uitkering na plaatsing"), choices=BenefitAfter.choices)


class FollowUpForm(forms.Form):
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    still_in_work = forms.TypedChoiceField(
        label=_("Nog aan het werk?"),
        choices=[("1", _("ja")), ("0", _("nee"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    benefit_after = forms.ChoiceField(label=_("Uitkering nu"), choices=BenefitAfter.choices)


class ExitForm(forms.Form):
    read_version = forms.IntegerField(widget=forms.HiddenInput)
    exit_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    exit_reason = forms.ChoiceField(label=_("Reden"), choices=ExitReason.choices)


class AgreementForm(forms.ModelForm):
    class Meta:
        model = PartnerAgreement
        fields = ["partner", "shares_candidates", "shares_employers", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = owner.region.organisations.exclude(pk=owner.pk).order_by("name")


class FiguresForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    breakdown = forms.ChoiceField(
        label=_("Per"),
        choices=[("month", _("Maand")), ("municipality", _("Gemeente")), ("benefit", _("Uitkering"))],
    )
