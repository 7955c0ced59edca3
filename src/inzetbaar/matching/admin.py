"""Organisational matching records in the Django admin (platform admins only). Candidate files,
introductions and placements are personal data and stay out of the admin on purpose: they are reached
through the app's audited pages."""

from django.contrib import admin

from .models import EmployerProfile, Opening, PartnerAgreement


@admin.register(EmployerProfile)
class EmployerProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "service_point", "location", "joined_on"]
    list_filter = ["service_point"]
    search_fields = ["organisation__name"]


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "seat_class", "capacity", "reserved_seats", "is_open"]
    list_filter = ["seat_class", "is_open"]
    search_fields = ["title", "employer__organisation__name"]


@admin.register(PartnerAgreement)
class PartnerAgreementAdmin(admin.ModelAdmin):
    list_display = ["owner", "partner", "shares_candidates", "shares_employers", "start", "end"]
