"""Settings shared by every environment; each value may come from the environment.

`local.py`, `test.py` and `production.py` only override what differs.
"""

from __future__ import annotations

import os
from dataclasses import asdict

import dj_database_url

from mltools.llm.runtime import config_from_env
from mockmate_site.env import BASE_DIR, env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_q",
    "template_partials",
    "problems",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mockmate_site.urls"
WSGI_APPLICATION = "mockmate_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A connection the database dropped is replaced at the next task or request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a worker writes; the timeout absorbs
    # short write contention between runserver and the qcluster workers.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / env_str("DJANGO_STATIC_ROOT", "staticfiles")
STATICFILES_DIRS: list[object] = [BASE_DIR / "static"]
if (BASE_DIR / "node_modules" / "codemirror").is_dir():  # installed by `make venv` (npm ci)
    STATICFILES_DIRS.append(("vendor/codemirror", BASE_DIR / "node_modules" / "codemirror"))

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Mockmate <noreply@localhost>")

# --- Background work (django-q2) -------------------------------------------
# One Q_CLUSTER for the default ("judge") cluster; ALT_CLUSTERS holds the
# overrides for the others, each started with Q_CLUSTER_NAME=<name>:
# "measure" times accepted code at growing sizes (seconds of work that must not
# hold up verdicts), "llm" runs the model.
# Each task also gets its own `timeout` (its work's deadline, interviews.jobs);
# `timeout` here is the ceiling, and `retry` (ORM broker) must exceed it. Failures
# are acknowledged: interviews.jobs owns retries, counts them and says why.
REDIS_URL = env_str("REDIS_URL", "")
_q_broker: dict[str, object] = {"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}
Q_CLUSTER: dict[str, object] = {
    "name": "judge",
    "workers": env_int("JUDGE_WORKERS", 2),
    "timeout": env_int("JUDGE_TASK_TIMEOUT_S", 300),
    "retry": env_int("JUDGE_TASK_TIMEOUT_S", 300) + 60,
    "max_attempts": 2,
    "ack_failures": True,
    "recycle": 500,
    "save_limit": 250,
    "catch_up": False,
    "poll": 0.1,
    "label": "Background tasks",
    "ALT_CLUSTERS": {
        "measure": {
            "workers": env_int("MEASURE_WORKERS", 1),
            "timeout": 600,
            "retry": 660,
            "max_attempts": 1,
        },
        "llm": {
            "workers": env_int("LLM_WORKERS", 1),
            "timeout": env_int("LLM_TASK_TIMEOUT_S", 180),
            "retry": env_int("LLM_TASK_TIMEOUT_S", 180) + 60,
            "max_attempts": 1,
            "recycle": 100000,
        },
    },
    **_q_broker,
}

# --- Mockmate ----------------------------------------------------------------
MOCKMATE_DATA_DIR = BASE_DIR / env_str("MOCKMATE_DATA_DIR", "var")
MOCKMATE_BANK_DIR = BASE_DIR / "problems" / "bank"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Background work that outlives a worker's death (interviews.jobs): tries per piece
# of work before an Internal Error, how long queued work may wait before it is sent
# again (a lost broker list), how often each worker looks for work to hand back,
# and the margin added to each piece of work's own deadline.
MOCKMATE_JOBS: dict[str, float] = {
    "tries": env_int("MOCKMATE_JOB_TRIES", 3),
    "pickup_s": env_int("MOCKMATE_JOB_PICKUP_S", 60),
    "reap_every_s": float(env_str("MOCKMATE_JOB_REAP_EVERY_S", "5")),
    "margin_s": env_int("MOCKMATE_JOB_MARGIN_S", 10),
}

# Model work still queued after this long means the llm cluster is down or swamped:
# pages then show the facts-only notice instead of waiting.
LLM_PICKUP_TIMEOUT_S = env_int("LLM_PICKUP_TIMEOUT_S", 20)

# Chat answers are built from the problem's text at once; with this on, the llm cluster
# may also reword them (kept only when the phrasing checker finds no new claim). Off by
# default: the default 135M model's rewordings are kept for 0 of 28 answers of the
# labelled set (`python -m mltools.llm.clarify_eval --phrase`), at seconds of llm CPU each.
MOCKMATE_CHAT_PHRASING = env_bool("MOCKMATE_CHAT_PHRASING", False)

# The AI interviewer's runtime (mltools.contracts.RuntimeConfig), used by the llm cluster:
# read from the MOCKMATE_LLM_* environment in one place (mltools.llm.runtime.config_from_env;
# importing it loads no model library).
MOCKMATE_LLM: dict[str, object] = asdict(
    config_from_env({"MOCKMATE_LLM_CACHE_DIR": str(MOCKMATE_DATA_DIR / "llm"), **os.environ})
)
