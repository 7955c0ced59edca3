"""URLs of annual plans (Dutch paths)."""

from django.urls import path

from . import views

app_name = "plans"

ORG = "organisaties/<slug:slug>/jaarplannen/"
PLAN = f"{ORG}<int:pk>/"

urlpatterns = [
    path(ORG, views.plans, name="plans"),
    path(f"{ORG}nieuw/", views.plan_create, name="plan_create"),
    path(f"{ORG}aandacht/", views.attention, name="attention"),
    path(PLAN, views.plan_detail, name="plan"),
    path(f"{PLAN}wijzigen/", views.plan_edit, name="plan_edit"),
    path(f"{PLAN}doelen/", views.goal_add, name="goal_add"),
    path(f"{PLAN}acties/nieuw/", views.action_add, name="action_add"),
    path(f"{PLAN}acties/<int:action>/", views.action_detail, name="action"),
    path(f"{PLAN}acties/<int:action>/wijzigen/", views.action_edit, name="action_edit"),
    path(f"{PLAN}acties/<int:action>/voortgang/", views.action_update, name="action_update"),
]
