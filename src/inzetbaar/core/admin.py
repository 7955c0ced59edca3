"""The Django admin, for platform admins only. Membership changes go through services so they are audited."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AuditEvent, LabourMarketRegion, Membership, Municipality, Organisation, Unit, User


def _platform_admins_only(request):
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _platform_admins_only


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(LabourMarketRegion)
class LabourMarketRegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["cbs_code", "name", "province", "region"]
    list_filter = ["province", "region"]
    search_fields = ["cbs_code", "name"]


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ["name", "kind", "parent"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "size_class"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "organisation__name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "start", "end"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "units"]

    def save_model(self, request, obj, form, change):
        if not change:
            # Created through the service for its checks and audit event; units come from the form.
            membership = services.add_membership(
                request.user,
                user=obj.user,
                organisation=obj.organisation,
                role=obj.role,
                start=obj.start,
                reason="admin",
                request=request,
            )
            obj.pk = membership.pk
            return
        if "end" in form.changed_data and obj.end:
            services.end_membership(
                request.user, Membership.objects.get(pk=obj.pk), end=obj.end, reason="admin", request=request
            )
        if "role" in form.changed_data:
            services.change_membership(
                request.user,
                Membership.objects.get(pk=obj.pk),
                role=obj.role,
                reason="admin",
                request=request,
            )

    def save_related(self, request, form, formsets, change):
        membership = Membership.objects.get(pk=form.instance.pk)
        services.change_membership(
            request.user, membership, units=form.cleaned_data["units"], reason="admin", request=request
        )

    def has_delete_permission(self, request, obj=None):
        return False  # end a membership instead, so its history stays


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "event", "actor_label", "subject", "organisation", "object_label", "reason"]
    list_filter = ["event", "organisation"]
    search_fields = ["actor_label", "subject__email", "object_label", "reason"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
