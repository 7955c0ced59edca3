"""The catalogue in the admin: lists of codes as check boxes; a save marks the item as edited locally."""

from django import forms
from django.contrib import admin

from inzetbaar.core.models import SizeClass

from . import choices
from .models import CatalogueItem

CODE_LISTS = {
    "targets": choices.Target,
    "themes": choices.Theme,
    "floors": choices.Floor,
    "levels": choices.Level,
    "audiences": choices.Audience,
    "sizes": SizeClass,
}


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = CatalogueItem
        fields = [f.name for f in CatalogueItem._meta.fields if f.editable and f.name != "id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, vocabulary in CODE_LISTS.items():
            model_field = CatalogueItem._meta.get_field(name)
            self.fields[name] = forms.MultipleChoiceField(
                label=model_field.verbose_name,
                choices=vocabulary.choices,
                widget=forms.CheckboxSelectMultiple,
                required=not model_field.blank,
                help_text=model_field.help_text,
            )


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    form = CatalogueItemForm
    list_display = ["name", "kind", "cost", "evidence", "active", "edited_locally"]
    list_filter = ["kind", "cost", "evidence", "active", "edited_locally"]
    search_fields = ["name", "summary", "provider"]

    def save_model(self, request, obj, form, change):
        obj.edited_locally = True
        super().save_model(request, obj, form, change)
