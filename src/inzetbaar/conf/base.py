"""Base settings. Every value that differs per deployment comes from an environment variable."""

import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(
    config(
        "INZETBAAR_VAR_DIR",
        str(PACKAGE_DIR.parent.parent / "var"),
        help="Folder for the embedded SQLite database, collected static files and the generated secret key.",
    )
)
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    # A newcomer needs no configuration: generate a key once and keep it beside the database.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = (
    config("SECRET_KEY", None, help="Django secret key; generated under var/ when unset.") or _secret_key()
)
ABSENCE_PSEUDONYM_KEY = config(
    "ABSENCE_PSEUDONYM_KEY",
    None,
    help="Key for pseudonymising employee numbers in absence imports; set it once and keep it (a new key "
    "makes re-imports create new records). Unset: derived from SECRET_KEY.",
)
ABSENCE_MIN_GROUP_SIZE = config(
    "ABSENCE_MIN_GROUP_SIZE",
    5,
    cast=int,
    help="Default minimum number of employees before managers and the works council see a unit's absence "
    "figures (an organisation may raise it, never below 5).",
)
DEBUG = config("DEBUG", False, cast=bool, help="Django debug mode. Never on in production.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost"], cast=list, help="Comma-separated host names served."
)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], cast=list, help="Comma-separated trusted origins.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "inzetbaar.core",
    "inzetbaar.instruments",
    "inzetbaar.absence",
    "inzetbaar.toolbox",
    "inzetbaar.plans",
    "inzetbaar.networks",
    "inzetbaar.matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inzetbaar.core.locale_middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "inzetbaar.core.middleware.NoStoreForSignedInMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "inzetbaar.urls"
WSGI_APPLICATION = "inzetbaar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inzetbaar.core.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = config(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'inzetbaar.sqlite3'}",
    help="Database URL, e.g. postgres://user@host:5432/name; SQLite under var/ when unset.",
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the demo server read while a command writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Lockout after repeated failed logins, per account and address so one attacker cannot lock out everybody.
AXES_FAILURE_LIMIT = config("LOGIN_FAILURE_LIMIT", 5, cast=int, help="Failed logins before a lockout.")
AXES_COOLOFF_TIME = config("LOGIN_COOLOFF_MINUTES", 15, cast=int, help="Minutes a lockout lasts.") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions end after a period without activity (sliding), and always when the browser closes.
SESSION_COOKIE_AGE = (
    config(
        "SESSION_IDLE_MINUTES", 30, cast=int, help="Minutes without activity after which a session expires."
    )
    * 60
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = config("SECURE_COOKIES", False, cast=bool, help="Send cookies over HTTPS only (production).")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help="Django e-mail backend; set django.core.mail.backends.smtp.EmailBackend to send by SMTP.",
)
EMAIL_HOST = config("EMAIL_HOST", "localhost", help="SMTP host.")
EMAIL_PORT = config("EMAIL_PORT", 25, cast=int, help="SMTP port.")
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "", help="SMTP user name.")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "", help="SMTP password.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, cast=bool, help="Use STARTTLS for SMTP.")
EMAIL_USE_SSL = config("EMAIL_USE_SSL", False, cast=bool, help="Use implicit TLS for SMTP.")
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "Inzetbaar <noreply@inzetbaar.local>", help="Sender.")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = config(
    "STATIC_FROM_SOURCE", True, cast=bool, help="Serve static files straight from the source tree."
)

PLANS_STALLED_DAYS = config(
    "PLANS_STALLED_DAYS",
    42,
    cast=int,
    help="Days without progress after which an open action counts as stalled.",
)

DEMO_PASSWORD = "inzetbaar-demo"  # noqa: S105 - documented demo password, used only by the demo generator

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "WARNING", help="Root log level.")},
}

# Matching (issue 5): what "durable" means, the cost comparison and preference building.
MATCHING_DURABLE_MONTHS = config(
    "MATCHING_DURABLE_MONTHS", 6, cast=int, help="Months in work after which a placement counts as durable."
)
MATCHING_DURABLE_NEEDS_BENEFIT_CHANGE = config(
    "MATCHING_DURABLE_NEEDS_BENEFIT_CHANGE",
    True,
    cast=bool,
    help="A durable placement also needs the benefit ended or reduced.",
)
MATCHING_REGULAR_TRAJECTORY_COST = config(
    "MATCHING_REGULAR_TRAJECTORY_COST",
    15000,
    cast=int,
    help="Cost in euros of a regular re-integration trajectory per durable placement, for comparison.",
)
MATCHING_COST_PER_INTRODUCTION = config(
    "MATCHING_COST_PER_INTRODUCTION",
    300,
    cast=int,
    help="Euros spent per introduction (time of the advisers).",
)
MATCHING_COST_PER_WORK_FLOOR = config(
    "MATCHING_COST_PER_WORK_FLOOR", 1200, cast=int, help="Euros spent per trial or work-experience placement."
)
MATCHING_COST_PER_JOB_COACH = config(
    "MATCHING_COST_PER_JOB_COACH", 2500, cast=int, help="Euros spent per placement with a job coach."
)
MATCHING_TEXT_SIMILARITY = config(
    "MATCHING_TEXT_SIMILARITY",
    True,
    cast=bool,
    help="Compare passions and descriptions by meaning in rounds.",
)
MATCHING_MIN_GROUP = config(
    "MATCHING_MIN_GROUP",
    5,
    cast=int,
    help="Smallest number of people a matching figure may show (smaller counts are hidden).",
)
MATCHING_TOP_K = config(
    "MATCHING_TOP_K", 30, cast=int, help="Length of each candidate's short list in a round."
)
