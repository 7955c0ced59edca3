"""Organisations' own instruments in the Django admin (platform admins only, see core/admin.py).

A definition is added as text or as a YAML/JSON file and checked like a shipped file; once saved only
"active" can change, because campaigns refer to the id and version. Deactivate instead of deleting.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CustomInstrument


class CustomInstrumentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Of als bestand"),
        required=False,
        help_text=_("Een YAML- of JSON-bestand; de inhoud komt in plaats van de tekst hierboven."),
    )

    class Meta:
        model = CustomInstrument
        fields = ["organisation", "definition", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "definition" in self.fields:
            self.fields["definition"].required = False  # a file will do as well

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None:
            return data
        upload = data.get("upload")
        if upload is not None:
            try:
                data["definition"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", _("Het bestand is geen UTF-8-tekst."))
            self.instance.source_name = upload.name
        elif not data.get("definition"):
            self.add_error("definition", _("Geef de definitie als tekst of als bestand."))
        return data


@admin.register(CustomInstrument)
class CustomInstrumentAdmin(admin.ModelAdmin):
    form = CustomInstrumentForm
    list_display = ["instrument_id", "version", "organisation", "active", "uploaded_by", "created_at"]
    list_filter = ["active", "organisation"]
    search_fields = ["instrument_id", "organisation__name"]
    autocomplete_fields = ["organisation"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organisation", "definition", "upload", "active"]
        return [
            "instrument_id",
            "version",
            "organisation",
            "active",
            "uploaded_by",
            "created_at",
            "definition",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["instrument_id", "version", "organisation", "uploaded_by", "created_at", "definition"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False  # campaigns refer to it; deactivate instead
