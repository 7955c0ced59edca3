"""URLs of the absence app (Dutch paths)."""

from django.urls import path

from . import views

app_name = "absence"

ORG = "organisaties/<slug:slug>/verzuim/"

urlpatterns = [
    path(ORG, views.overview, name="overview"),
    path(f"{ORG}rapport.pdf", views.report_pdf, name="report_pdf"),
    path(f"{ORG}inlezen/", views.imports, name="imports"),
    path(f"{ORG}inlezen/<int:pk>/", views.import_detail, name="import"),
    path(f"{ORG}inlezen/<int:pk>/kolommen/", views.import_mapping, name="import_mapping"),
    path(f"{ORG}instellingen/", views.absence_settings, name="settings"),
    path(f"{ORG}verzuimperiodes/", views.spells, name="spells"),
    path(f"{ORG}businesscase/", views.business_case_view, name="business_case"),
]
