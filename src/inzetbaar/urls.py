"""Root URLs: accounts, language switch, the admin for platform admins, and each app's URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from inzetbaar.core import views as core_views

admin.site.site_header = "Inzetbaar – beheer"
admin.site.site_title = "Inzetbaar"

accounts = [
    path("inloggen/", core_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord/vergeten/", core_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        core_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("wachtwoord/wijzigen/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord/wijzigen/klaar/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("account/", include(accounts)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("inzetbaar.core.urls")),
    path("", include("inzetbaar.instruments.urls")),
    path("", include("inzetbaar.absence.urls")),
    path("", include("inzetbaar.toolbox.urls")),
    path("", include("inzetbaar.plans.urls")),
    path("", include("inzetbaar.networks.urls")),
    path("", include("inzetbaar.matching.urls")),
]
