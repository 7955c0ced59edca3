"""URLs of core (Dutch paths: the interface is Dutch first)."""

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("organisaties/", views.organisations, name="organisations"),
    path("organisaties/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisaties/<slug:slug>/mensen/", views.members, name="members"),
    path("organisaties/<slug:slug>/mensen/toevoegen/", views.member_add, name="member_add"),
    path("organisaties/<slug:slug>/mensen/<int:pk>/", views.member_detail, name="member"),
    path("organisaties/<slug:slug>/mensen/<int:pk>/wijzigen/", views.member_change, name="member_change"),
    path("organisaties/<slug:slug>/mensen/<int:pk>/beeindigen/", views.member_end, name="member_end"),
    path("organisaties/<slug:slug>/logboek/", views.audit_log, name="organisation_audit"),
    path("logboek/", views.audit_log, name="audit"),
    path("mijn-gegevens/", views.my_data, name="my_data"),
]
