"""Annual plans in the admin, for platform admins who help organisations."""

from django.contrib import admin

from .models import Action, ActionUpdate, AnnualPlan, Goal


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "year", "owner", "shared_with_networks"]
    list_filter = ["year", "shared_with_networks"]
    search_fields = ["title", "organisation__name"]
    inlines = [GoalInline]


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "status", "phase", "due_date", "owner"]
    list_filter = ["status", "phase", "kind", "theme"]
    search_fields = ["title", "plan__organisation__name"]
    inlines = [ActionUpdateInline]
