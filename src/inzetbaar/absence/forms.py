"""Forms of the absence pages: upload, column mapping, period choice, settings, business case."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import importing, statistics
from .models import AbsenceSettings, ImportKind

DATE = {"type": "date"}
MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort bestand"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Lees eerst de dienstverbanden in, daarna de verzuimmeldingen."),
    )
    file = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_(
            "Met een kopregel. Dienstverbanden: employee, unit, start, end, contract_hours, fulltime_hours. "
            "Verzuim: case, employee, start, end, fraction (en eventueel pregnancy). Andere kolomnamen kiest "
            "u in de volgende stap. Nooit een diagnose of oorzaak."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB."))
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Kies een CSV- of Excel-bestand (.csv of .xlsx)."))
        return upload


class MappingForm(forms.Form):
    """For every field, which column of the file holds it."""

    def __init__(self, *args, kind: str, headers: list[str], mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        choices = [("", _("– geen –"))] + [(str(i), h or f"#{i + 1}") for i, h in enumerate(headers)]
        for f in importing.FIELDS[kind]:
            current = mapping.get(f.name)
            self.fields[f.name] = forms.ChoiceField(
                label=f.label,
                choices=choices,
                required=f.required,
                initial="" if current is None else str(current),
            )

    def mapping(self) -> dict[str, int | None]:
        return {name: (int(value) if value != "" else None) for name, value in self.cleaned_data.items()}

    def clean(self):
        data = super().clean()
        chosen = [value for value in data.values() if value not in (None, "")]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Elke kolom kan maar één veld zijn."))
        return data


GRANULARITY = [
    ("month", _("per maand")),
    ("quarter", _("per kwartaal")),
    ("year", _("per jaar")),
    ("whole", _("de hele periode")),
]


def default_range(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last twelve whole months."""
    today = today or timezone.localdate()
    end = today.replace(day=1) - datetime.timedelta(days=1)
    months = end.year * 12 + end.month - 1 - 11
    return datetime.date(months // 12, months % 12 + 1, 1), end


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=forms.DateInput(format="%Y-%m-%d", attrs=DATE))
    end = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(format="%Y-%m-%d", attrs=DATE))
    by = forms.ChoiceField(label=_("Verloop"), choices=GRANULARITY, initial="month")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("De einddatum ligt voor de begindatum."))
            if (end - start).days > 366 * 10:
                raise forms.ValidationError(_("Kies een periode van hoogstens tien jaar."))
        return data


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AbsenceSettings
        fields = ["benchmark_rate", "benchmark_label", "min_group_size", "duration_classes", "cost_per_day"]

    def clean_duration_classes(self):
        text = self.cleaned_data["duration_classes"]
        try:
            statistics.parse_classes(text)
        except ValueError:
            raise forms.ValidationError(
                _("Schrijf de klassen als 1-14,15-91,92-365,366-730: oplopend, aansluitend, vanaf 1 dag.")
            ) from None
        return text


class BusinessCaseForm(forms.Form):
    headcount = forms.IntegerField(label=_("Aantal medewerkers"), min_value=1, max_value=10_000_000)
    part_time_factor = forms.DecimalField(
        label=_("Gemiddelde deeltijdfactor"),
        min_value=0.01,
        max_value=1,
        decimal_places=2,
        help_text=_("Contracturen gedeeld door voltijduren, gemiddeld; in de zorg vaak ongeveer 0,7."),
    )
    working_days = forms.IntegerField(
        label=_("Werkdagen per jaar (voltijd)"), min_value=1, max_value=366, initial=261
    )
    cost_per_day = forms.DecimalField(
        label=_("Kosten per verzuimdag (euro)"),
        min_value=0,
        decimal_places=2,
        help_text=_(
            "Vuistregel: 250 tot 410 euro per dag (loondoorbetaling, vervanging, verzuimbegeleiding)."
        ),
    )
    current_rate = forms.DecimalField(
        label=_("Huidig verzuimpercentage"), min_value=0, max_value=100, decimal_places=2
    )
    reduction = forms.DecimalField(
        label=_("Beoogde daling (procentpunt)"), min_value=0, max_value=100, decimal_places=2, initial=1
    )

    def clean(self):
        data = super().clean()
        reduction, current = data.get("reduction"), data.get("current_rate")
        if reduction is not None and current is not None and reduction > current:
            self.add_error(
                "reduction", _("De daling kan niet groter zijn dan het huidige verzuimpercentage.")
            )
        return data
