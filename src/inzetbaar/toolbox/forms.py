"""The choice menu: a few questions about the organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inzetbaar.core.models import SizeClass

from . import choices, ranking


class ChoiceMenuForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    size = forms.ChoiceField(label=_("Aantal medewerkers"), choices=[("", "—"), *SizeClass.choices])
    asker = forms.ChoiceField(
        label=_("Wie vraagt er?"), choices=choices.Audience.choices, widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        label=_("Waar maakt u zich zorgen over?"),
        choices=choices.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één thema.")},
    )
    stage = forms.ChoiceField(
        label=_("Waar staat de organisatie?"),
        choices=[
            (choices.Level.AWARENESS, _("We beginnen: bewustwording")),
            (choices.Level.ANALYSIS, _("We willen weten waar we staan: analyse")),
            (choices.Level.IMPLEMENTATION, _("We weten wat er speelt en willen aan de slag: invoering")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, sectors: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Andere sector"))] + [(s, s) for s in sectors]

    def profile(self) -> ranking.Profile:
        data = self.cleaned_data
        return ranking.Profile(
            sector=data["sector"],
            size=data["size"],
            asker=data["asker"],
            themes=frozenset(data["themes"]),
            stage=data["stage"],
        )
