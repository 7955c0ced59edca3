"""The catalogue in the admin: lists of codes as check boxes, sectors and scales one per line; a save marks
the item as edited locally, so reloading the data files keeps the edit."""

from django import forms
from django.contrib import admin
from django.db import models

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
LINE_LISTS = ("sectors", "scales")


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


def https_links(model_field, **kwargs):
    """Links typed without a scheme are read as https (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = CatalogueItem
        fields = [f.name for f in CatalogueItem._meta.fields if f.editable and f.name != "id"]
        formfield_callback = https_links

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
        for name in LINE_LISTS:
            model_field = CatalogueItem._meta.get_field(name)
            self.fields[name] = LinesField(
                label=model_field.verbose_name, required=False, help_text=model_field.help_text
            )


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    form = CatalogueItemForm
    # Links typed without a scheme are read as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "cost", "evidence", "active", "edited_locally"]
    list_filter = ["kind", "cost", "evidence", "active", "edited_locally"]
    search_fields = ["name", "summary", "provider"]

    def save_model(self, request, obj, form, change):
        obj.edited_locally = True
        super().save_model(request, obj, form, change)
