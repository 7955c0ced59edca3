"""Forms: starting a campaign, and one questionnaire page built from a definition's question group."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import Unit

from . import services
from .definitions import CategoricalScale, NumericScale, OptionsScale


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    instruments = forms.MultipleChoiceField(
        label=_("Vragenlijsten"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Onderdelen"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Niets gekozen: de hele organisatie. Een onderdeel neemt alles eronder mee."),
    )
    opens_on = forms.DateField(
        label=_("Begint op"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Eindigt op"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    anonymous = forms.BooleanField(
        label=_("Anoniem"),
        required=False,
        initial=True,
        help_text=_(
            "Anoniem: antwoorden worden niet aan de persoon gekoppeld en er is geen vergelijking "
            "met een eerdere ronde."
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["instruments"].choices = services.campaign_instrument_choices(organisation)
        self.fields["units"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["units"].label_from_instance = lambda unit: "— " * unit.depth + unit.name
        self.fields["opens_on"].initial = today
        self.fields["closes_on"].initial = today + datetime.timedelta(days=21)

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("De einddatum ligt vóór de begindatum."))
        return data


class AnswerField(forms.TypedChoiceField):
    """One question as radio buttons; it remembers its item so the template can draw a fieldset."""

    widget = forms.RadioSelect


def _choices(scale) -> tuple[list[tuple[str, str]], callable]:
    if isinstance(scale, OptionsScale):
        return [(f"{o.value:g}", services.text(o.label)) for o in scale.options], _number
    if isinstance(scale, CategoricalScale):
        return [(c.code, services.text(c.label)) for c in scale.codes], str
    assert isinstance(scale, NumericScale)
    count = round((scale.max - scale.min) / scale.step) + 1
    values = [scale.min + i * scale.step for i in range(count)]
    return [(f"{v:g}", f"{v:g}") for v in values], _number


def _number(value: str):
    number = float(value)
    return int(number) if number.is_integer() else number


class PageForm(forms.Form):
    """The questions of one page; an unanswered required question names the question in its error."""

    def __init__(self, *args, page: services.Page, initial_answers: dict, check_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        for item in page.group.items:
            scale = page.definition.response_scale(item.response_scale)
            choices, coerce = _choices(scale)
            question = services.text(item.text)
            stored = initial_answers.get(item.id)
            field = AnswerField(
                label=question,
                choices=choices,
                coerce=coerce,
                empty_value=None,
                required=item.required and check_required,
                initial=None
                if stored is None
                else (f"{stored:g}" if isinstance(stored, float | int) else stored),
                error_messages={"required": _("Beantwoord de vraag: %(question)s") % {"question": question}},
            )
            field.optional = not item.required
            field.min_label = services.text(getattr(scale, "min_label", None))
            field.max_label = services.text(getattr(scale, "max_label", None))
            self.fields[item.id] = field

    def answers(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items()}
