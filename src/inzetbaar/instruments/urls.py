"""URLs of instruments (Dutch paths)."""

from django.urls import path

from . import views

app_name = "instruments"

ORG = "organisaties/<slug:slug>/metingen/"
PDF = {"as_pdf": True}

urlpatterns = [
    path(ORG, views.campaigns, name="campaigns"),
    path(f"{ORG}starten/", views.campaign_start, name="campaign_start"),
    path(f"{ORG}<int:pk>/", views.campaign_detail, name="campaign"),
    path(f"{ORG}<int:pk>/uitnodigen/", views.campaign_send, name="campaign_send"),
    path(f"{ORG}<int:pk>/herinneren/", views.campaign_remind, name="campaign_remind"),
    path(f"{ORG}<int:pk>/links.csv", views.campaign_links, name="campaign_links"),
    path(f"{ORG}uitkomsten/", views.report_list, name="reports"),
    path(f"{ORG}<int:pk>/uitkomsten/<slug:instrument_id>/", views.report, name="report"),
    path(f"{ORG}<int:pk>/uitkomsten/<slug:instrument_id>.csv", views.report_csv, name="report_csv"),
    path(f"{ORG}<int:pk>/uitkomsten/<slug:instrument_id>.xlsx", views.report_xlsx, name="report_xlsx"),
    path(f"{ORG}<int:pk>/uitkomsten/<slug:instrument_id>.pdf", views.report, PDF, name="report_pdf"),
    path(f"{ORG}bedrijfsarts/", views.physician_results, name="physician_results"),
    path(f"{ORG}bedrijfsarts/<int:pk>/", views.physician_result, name="physician_result"),
    path(f"{ORG}bedrijfsarts/<int:pk>/uitslag.pdf", views.physician_result, PDF, name="physician_result_pdf"),
    path(f"{ORG}gedeeld-met-mij/", views.shared_results, name="shared_results"),
    path(f"{ORG}gedeeld-met-mij/<int:pk>/", views.shared_result, name="shared_result"),
    path("metingen/invullen/<str:token>/", views.respond, name="respond"),
    path("metingen/invullen/<str:token>/<int:number>/", views.respond, name="respond_page"),
    path("metingen/invullen/<str:token>/klaar/", views.respond_done, name="respond_done"),
    path("mijn-metingen/", views.my_results, name="my_results"),
    path("mijn-metingen/<int:pk>/", views.my_result, name="my_result"),
    path("mijn-metingen/<int:pk>/delen/", views.my_result_sharing, name="my_result_sharing"),
    path("mijn-metingen/<int:pk>/uitslag.pdf", views.my_result, PDF, name="my_result_pdf"),
]
