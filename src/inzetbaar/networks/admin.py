"""Learning networks in the admin."""

from django.contrib import admin

from .models import GoodPractice, Meeting, Network, NetworkMember


class MemberInline(admin.TabularInline):
    model = NetworkMember
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "facilitator", "region", "sector"]
    search_fields = ["name"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "date", "half_day"]
    list_filter = ["network"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "organisation", "theme", "created_at"]
    list_filter = ["theme"]
