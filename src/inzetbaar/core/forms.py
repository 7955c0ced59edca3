"""Forms of core: sign-in, people and roles, and the audit search."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import Unit
from .roles import Role


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return "— " * unit.depth + unit.name


class _UnitsMixin:
    def _limit_units(self, organisation):
        self.fields["units"].queryset = Unit.objects.filter(organisation=organisation)


REASON_HELP = _("Bijvoorbeeld: nieuwe medewerker, wisseling van functie. Dit komt in het logboek.")


class AddPersonForm(_UnitsMixin, forms.Form):
    full_name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
    units = UnitChoiceField(label=_("Onderdelen"), queryset=Unit.objects.none(), required=False)
    reason = forms.CharField(label=_("Reden"), max_length=255, help_text=REASON_HELP)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_units(organisation)


class ChangeMembershipForm(_UnitsMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
    units = UnitChoiceField(label=_("Onderdelen"), queryset=Unit.objects.none(), required=False)
    reason = forms.CharField(label=_("Reden"), max_length=255, help_text=REASON_HELP)

    def __init__(self, *args, membership, **kwargs):
        kwargs.setdefault("initial", {"role": membership.role, "units": list(membership.units.all())})
        super().__init__(*args, **kwargs)
        self._limit_units(membership.organisation)


class EndMembershipForm(forms.Form):
    end = forms.DateField(label=_("Einddatum"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reden"), max_length=255)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"end": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AuditSearchForm(forms.Form):
    event = forms.ChoiceField(label=_("Gebeurtenis"), required=False)
    person = forms.CharField(label=_("Persoon (naam of e-mailadres)"), required=False, max_length=254)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Alle gebeurtenissen"))] + [
            (name, event_type.label) for name, event_type in sorted(audit.EVENT_TYPES.items())
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned
