"""Settings for the test suite: the same as production but quick hashing and mail kept in memory."""

from .base import *  # noqa: F403

# Argon2 stays first so tests prove it is used; its cost is lowered through the hasher subclass below.
PASSWORD_HASHERS = ["inzetbaar.conf.test_hashers.QuickArgon2PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
