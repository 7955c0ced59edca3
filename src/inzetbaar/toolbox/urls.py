"""URLs of the toolbox (Dutch paths)."""

from django.urls import path

from . import views

app_name = "toolbox"

urlpatterns = [
    path("toolbox/", views.catalogue, name="catalogue"),
    path("toolbox/<slug:item>/", views.item, name="item"),
    path("organisaties/<slug:slug>/toolbox/keuzemenu/", views.choice_menu, name="choice_menu"),
    path(
        "organisaties/<slug:slug>/metingen/<int:pk>/uitkomsten/<slug:instrument_id>/interventies/",
        views.report_suggestions,
        name="report_suggestions",
    ),
]
