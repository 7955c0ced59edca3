"""URLs of learning networks (Dutch paths), reached from an organisation's page."""

from django.urls import path

from . import views

app_name = "networks"

ORG = "organisaties/<slug:slug>/netwerken/"
NET = f"{ORG}<int:pk>/"
MEETING = f"{NET}bijeenkomsten/<int:meeting>/"

urlpatterns = [
    path(ORG, views.networks, name="networks"),
    path(f"{ORG}nieuw/", views.network_create, name="network_create"),
    path(NET, views.network_detail, name="network"),
    path(f"{NET}wijzigen/", views.network_edit, name="network_edit"),
    path(f"{NET}bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path(MEETING, views.meeting_detail, name="meeting"),
    path(f"{MEETING}wijzigen/", views.meeting_edit, name="meeting_edit"),
    path(f"{MEETING}aanwezigheid/", views.attendance, name="attendance"),
    path(f"{MEETING}actie/", views.take_home_add, name="take_home"),
    path(f"{MEETING}evaluatie/", views.evaluate, name="evaluate"),
    path(f"{MEETING}evaluatie/uitkomsten/", views.evaluation_results, name="evaluation_results"),
    path(f"{NET}opvolging/", views.monitor, name="monitor"),
    path(f"{NET}goede-voorbeelden/", views.practices, name="practices"),
    path(f"{NET}goede-voorbeelden/nieuw/", views.practice_create, name="practice_create"),
    path(f"{NET}goede-voorbeelden/<int:practice>/", views.practice_detail, name="practice"),
    path(f"{NET}regionaal-plan/", views.regional_plan, name="regional_plan"),
    path(f"{NET}regionaal-plan/acties/nieuw/", views.network_action_add, name="network_action_add"),
    path(
        f"{NET}regionaal-plan/acties/<int:action>/", views.network_action_update, name="network_action_update"
    ),
    path(f"{NET}jaarplannen/<int:plan>/", views.shared_plan, name="shared_plan"),
    path("netwerken/agenda/<str:token>.ics", views.calendar, name="calendar"),
]
