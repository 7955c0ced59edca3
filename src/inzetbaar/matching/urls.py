"""URLs of matching (Dutch paths)."""

from django.urls import path

from . import views

app_name = "matching"
ORG = "organisaties/<slug:slug>/matchen/"

urlpatterns = [
    path(f"{ORG}werkzoekenden/", views.candidates, name="candidates"),
    path(f"{ORG}werkzoekenden/nieuw/", views.candidate_add, name="candidate_add"),
    path(f"{ORG}werkzoekenden/<int:pk>/", views.candidate, name="candidate"),
    path(f"{ORG}werkzoekenden/<int:pk>/wijzigen/", views.candidate_edit, name="candidate_edit"),
    path(f"{ORG}werkgevers/", views.employers, name="employers"),
    path(f"{ORG}werkgevers/aansluiten/", views.employer_join, name="employer_join"),
    path(f"{ORG}werkgevers/tevredenheid/", views.ask_satisfaction, name="ask_satisfaction"),
    path(f"{ORG}werkgevers/<int:pk>/", views.employer, name="employer"),
    path(f"{ORG}werkgevers/<int:pk>/contact/", views.contact_add, name="contact_add"),
    path(f"{ORG}werkgevers/<int:pk>/vacature/", views.opening_add, name="opening_add"),
    path(f"{ORG}vacatures/<int:pk>/open/", views.opening_toggle, name="opening_toggle"),
    path(f"{ORG}vacatures/<int:pk>/wijzigen/", views.opening_edit, name="opening_edit"),
    path(f"{ORG}rondes/", views.rounds, name="rounds"),
    path(f"{ORG}rondes/<int:pk>/", views.round_detail, name="round"),
    path(f"{ORG}rondes/<int:pk>/afronden/", views.round_finish, name="round_finish"),
    path(f"{ORG}voorstellen/<int:pk>/", views.proposal_decide, name="proposal_decide"),
    path(f"{ORG}kennismakingen/", views.introductions, name="introductions"),
    path(f"{ORG}kennismakingen/<int:pk>/", views.introduction, name="introduction"),
    path(f"{ORG}plaatsingen/<int:pk>/", views.placement, name="placement"),
    path(f"{ORG}cijfers/", views.figures, name="figures"),
    path(f"{ORG}cijfers.csv", views.figures_export, {"kind": "csv"}, name="figures_csv"),
    path(f"{ORG}cijfers.xlsx", views.figures_export, {"kind": "xlsx"}, name="figures_xlsx"),
    path(f"{ORG}afspraken/", views.agreements, name="agreements"),
    path(f"{ORG}afspraken/<int:pk>/beeindigen/", views.agreement_end, name="agreement_end"),
    path(f"{ORG}werkgever/", views.employer_home, name="employer_home"),
    path(
        f"{ORG}werkgever/kennismakingen/<int:pk>/", views.employer_introduction, name="employer_introduction"
    ),
    path("mijn-werkprofiel/", views.my_profile, name="my_profile"),
    path("mijn-werkprofiel/kennismakingen/<int:pk>/", views.my_introduction, name="my_introduction"),
]
