"""The test suite: fast hashing, in-memory email, deterministic settings."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run in-line when a test lets on_commit callbacks fire; real clusters are
# exercised by the end-to-end tests.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
